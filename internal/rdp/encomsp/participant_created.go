package encomsp

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ParticipantFlags are the Flags of OD_PARTICIPANT_CREATED (2.2.4.1): the
// participant's control level, and whether the order describes its
// recipient. No flag is control level "none".
type ParticipantFlags uint16

const (
	// MayView is MAY_VIEW: "The participant has permission to view the
	// shared desktop."
	MayView ParticipantFlags = 0x0001
	// MayInteract is MAY_INTERACT: "The participant has permission to
	// interact with the shared desktop."
	MayInteract ParticipantFlags = 0x0002
	// IsParticipant is IS_PARTICIPANT: the order describes the participant
	// receiving it (3.2.5.2.1), which remembers its ParticipantId (<18>).
	// It belongs only on the copy sent to that participant.
	IsParticipant ParticipantFlags = 0x0004
)

// Has reports whether every flag in x is set in f.
func (f ParticipantFlags) Has(x ParticipantFlags) bool { return f&x == x }

// String prints the set flags in spec spelling, unknown bits in hex, 0
// for none.
func (f ParticipantFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(MayView), Name: "MAY_VIEW"},
		{Bits: uint64(MayInteract), Name: "MAY_INTERACT"},
		{Bits: uint64(IsParticipant), Name: "IS_PARTICIPANT"},
	})
}

// ConfasGroupID is the GroupId [MS-CONFAS] 3.2.5.2.1 requires in every
// Participant-Created PDU of an application-sharing conference:
// 3766552189, bytes 7D 06 81 E0. Windows sharers send 0 (<6>), and
// neither Windows (<19>) nor FreeRDP participants interpret it.
const ConfasGroupID uint32 = 0xE081067D

// ParticipantCreated is the Participant-Created PDU
// (OD_PARTICIPANT_CREATED), [MS-RDPEMC] 2.2.4.1, sharer to participant: a
// participant joined, or its control level changed — an order with a
// ParticipantId the recipient already has replaces that record (3.1.5.3),
// and it is how the sharer answers a granted Change Participant Control
// Level request (3.3.5.2.3). Windows sharers do not interpret one sent by
// a participant (<28>).
type ParticipantCreated struct {
	// ParticipantID "specifies the unique identifier of the participant.
	// The ParticipantId is assigned by the sharing manager." The spec's
	// examples use 0; the sharer should give out ids from 1
	// (rdpemc-confas.md §0.5), because FreeRDP 2.x participants send 0
	// meaning "me" (ChangeParticipantControlLevel). Any value encodes.
	ParticipantID uint32 // ParticipantId
	// GroupID is the participant's group; see ConfasGroupID.
	GroupID uint32           // GroupId
	Flags   ParticipantFlags // Flags
	// FriendlyName is "the name that is associated with the participant";
	// [MS-CONFAS] wants user@host. It is display text, never an identity.
	FriendlyName string // FriendlyName
}

var _ Message = (*ParticipantCreated)(nil)

// OrderType returns TypeParticipantCreated.
func (*ParticipantCreated) OrderType() OrderType { return TypeParticipantCreated }

// Size returns the encoded length in bytes.
func (p *ParticipantCreated) Size() int { return orderSize(p.bodySize()) }

func (p *ParticipantCreated) bodySize() int {
	return 4 /* ParticipantId */ + 4 /* GroupId */ + 2 /* Flags */ + stringSize(p.FriendlyName) /* FriendlyName */
}

// AppendBinary appends the order. It fails for a FriendlyName holding a
// NUL or longer than MaxStringLength UTF-16 code units (see FitString).
func (p *ParticipantCreated) AppendBinary(b []byte) ([]byte, error) {
	if err := checkString(p.FriendlyName); err != nil {
		return b, fmt.Errorf("encomsp: %s: FriendlyName: %w", p.OrderType().pduName(), err)
	}
	b = appendHeader(b, p.OrderType(), p.bodySize())
	b = wire.AppendU32LE(b, p.ParticipantID)
	b = wire.AppendU32LE(b, p.GroupID)
	b = wire.AppendU16LE(b, uint16(p.Flags))
	return appendString(b, p.FriendlyName), nil
}

// Decode reads one order from r.
func (p *ParticipantCreated) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *ParticipantCreated) decodeBody(r *wire.Reader) error {
	p.ParticipantID = r.U32LE()                      // ParticipantId
	p.GroupID = r.U32LE()                            // GroupId
	p.Flags = ParticipantFlags(r.U16LE())            // Flags
	p.FriendlyName = decodeString(r, "FriendlyName") // FriendlyName
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ParticipantCreated) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
