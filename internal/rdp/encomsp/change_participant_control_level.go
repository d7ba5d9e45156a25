package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// RequestFlags are the Flags of OD_PARTICIPANT_CTRL_CHANGE (2.2.4.3) and
// of its response (2.2.4.4): the control level a participant asks for.
// They have the values of the ParticipantFlags MAY_* bits but mean a
// request, not a grant.
type RequestFlags uint16

const (
	// RequestView is REQUEST_VIEW: "The participant is requesting view
	// permission."
	RequestView RequestFlags = 0x0001
	// RequestInteract is REQUEST_INTERACT: "The participant is requesting
	// interact permission."
	RequestInteract RequestFlags = 0x0002
	// AllowControlRequests is ALLOW_CONTROL_REQUESTS: "The participant is
	// requesting that "permission request" be allowed." Windows neither
	// sends nor interprets it (<30>).
	AllowControlRequests RequestFlags = 0x0008
)

// Has reports whether every flag in x is set in f.
func (f RequestFlags) Has(x RequestFlags) bool { return f&x == x }

// String prints the set flags in spec spelling, unknown bits in hex, 0
// for none.
func (f RequestFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(RequestView), Name: "REQUEST_VIEW"},
		{Bits: uint64(RequestInteract), Name: "REQUEST_INTERACT"},
		{Bits: uint64(AllowControlRequests), Name: "ALLOW_CONTROL_REQUESTS"},
	})
}

// ChangeParticipantControlLevel is the Change Participant Control Level
// PDU (OD_PARTICIPANT_CTRL_CHANGE), [MS-RDPEMC] 2.2.4.3, participant to
// sharer: a request for another control level. The sharer "SHOULD verify
// that the participant is entitled to the requested permissions before
// granting the request" and, on granting it, "SHOULD notify participants
// by sending a Participant-Created PDU … reflecting the new permission"
// (3.3.5.2.3).
//
// A sharer never sends it: a FreeRDP participant would send it straight
// back (OrderType.SafeForFreeRDP), and AppendMessages refuses it.
type ChangeParticipantControlLevel struct {
	Flags RequestFlags // Flags
	// ParticipantID is the requester's id as the requester knows it.
	// FreeRDP 2.x experts always send 0, as does the spec's example
	// (4.2.1); FreeRDP 3.x sends the id of its IS_PARTICIPANT copy of
	// Participant-Created, or 0. The request belongs to the connection it
	// arrived on, whatever this says.
	ParticipantID uint32 // ParticipantId
}

var _ Message = (*ChangeParticipantControlLevel)(nil)

// OrderType returns TypeParticipantCtrlChange.
func (*ChangeParticipantControlLevel) OrderType() OrderType { return TypeParticipantCtrlChange }

const ctrlChangeBody = 2 /* Flags */ + 4 /* ParticipantId */

// Size returns the encoded length in bytes.
func (*ChangeParticipantControlLevel) Size() int { return orderSize(ctrlChangeBody) }

// AppendBinary appends the order.
func (p *ChangeParticipantControlLevel) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), ctrlChangeBody)
	b = wire.AppendU16LE(b, uint16(p.Flags))
	return wire.AppendU32LE(b, p.ParticipantID), nil
}

// Decode reads one order from r.
func (p *ChangeParticipantControlLevel) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *ChangeParticipantControlLevel) decodeBody(r *wire.Reader) error {
	p.Flags = RequestFlags(r.U16LE()) // Flags
	p.ParticipantID = r.U32LE()       // ParticipantId
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ChangeParticipantControlLevel) UnmarshalBinary(b []byte) error {
	return wire.Unmarshal(p, b)
}
