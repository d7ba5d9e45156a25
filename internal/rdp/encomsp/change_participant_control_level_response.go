package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ChangeParticipantControlLevelResponse is the Change Participant Control
// Level Response PDU (OD_PARTICIPANT_CTRL_CHANGE_RESPONSE), [MS-RDPEMC]
// 2.2.4.4, sharer to participant: "a reason for which the participant
// control level change request … was either accepted or rejected". Only
// Windows 10 / Server 2016 and later send it
// (IRDPSRAPISharingSession2::SendControlLevelChangeResponse).
//
// It ends a FreeRDP session (OrderType.SafeForFreeRDP), so AppendMessages
// refuses it. A sharer that sends it anyway, behind an explicit opt-in,
// encodes it with AppendBinary.
type ChangeParticipantControlLevelResponse struct {
	Flags         RequestFlags // Flags: the request's
	ParticipantID uint32       // ParticipantId
	// ReasonCode is application-defined (RDPSRAPI passes a long); 0 means
	// accepted.
	ReasonCode uint32 // ReasonCode
}

var _ Message = (*ChangeParticipantControlLevelResponse)(nil)

// OrderType returns TypeParticipantCtrlChangeResponse.
func (*ChangeParticipantControlLevelResponse) OrderType() OrderType {
	return TypeParticipantCtrlChangeResponse
}

const ctrlChangeResponseBody = 2 /* Flags */ + 4 /* ParticipantId */ + 4 /* ReasonCode */

// Size returns the encoded length in bytes.
func (*ChangeParticipantControlLevelResponse) Size() int { return orderSize(ctrlChangeResponseBody) }

// AppendBinary appends the order.
func (p *ChangeParticipantControlLevelResponse) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), ctrlChangeResponseBody)
	b = wire.AppendU16LE(b, uint16(p.Flags))
	b = wire.AppendU32LE(b, p.ParticipantID)
	return wire.AppendU32LE(b, p.ReasonCode), nil
}

// Decode reads one order from r.
func (p *ChangeParticipantControlLevelResponse) Decode(r *wire.Reader) error {
	return decodeOrder(p, r)
}

func (p *ChangeParticipantControlLevelResponse) decodeBody(r *wire.Reader) error {
	p.Flags = RequestFlags(r.U16LE()) // Flags
	p.ParticipantID = r.U32LE()       // ParticipantId
	p.ReasonCode = r.U32LE()          // ReasonCode
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ChangeParticipantControlLevelResponse) UnmarshalBinary(b []byte) error {
	return wire.Unmarshal(p, b)
}
