package encomsp

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DiscType is the DiscType of OD_PARTICIPANT_REMOVED (2.2.4.2): who ended
// the participant's session.
type DiscType uint32

const (
	// DiscReasonApp is PARTICIPANT_DISCONNECT_REASON_APP: "the disconnect
	// was initiated by the host".
	DiscReasonApp DiscType = 0x00000000
	// DiscReasonCli is PARTICIPANT_DISCONNECT_REASON_CLI: "the disconnect
	// was initiated by the participant".
	DiscReasonCli DiscType = 0x00000002
)

// String returns the spec name, or DiscType(n).
func (t DiscType) String() string {
	switch t {
	case DiscReasonApp:
		return "PARTICIPANT_DISCONNECT_REASON_APP"
	case DiscReasonCli:
		return "PARTICIPANT_DISCONNECT_REASON_CLI"
	}
	return fmt.Sprintf("DiscType(%d)", uint32(t))
}

// DiscCode is the DiscCode of OD_PARTICIPANT_REMOVED (2.2.4.2): why the
// participant left. "A DiscCode beginning with 0x8007 (0x8007xxxx) is a
// Win32 error code. Other DiscCodes that begin with 0x8 (0x8xxxxxxx) are
// HRESULT values"; [MS-RDPEMC] 1.8 lets vendors choose their own HRESULTs
// "as long as the C bit (0x20000000) is set".
type DiscCode uint32

const (
	// DiscCodeOK is S_OK: "The participant was not disconnected because of
	// an error."
	DiscCodeOK DiscCode = 0x00000000
	// DiscCodeSendFailed: "the sharing manager was unable to send data to
	// the participant."
	DiscCodeSendFailed DiscCode = 0xD00A0006
	// DiscCodeHostError: "The disconnect was the result of an error on the
	// host side."
	DiscCodeHostError DiscCode = 0xD0000001
	// DiscCodeInvalidData is HRESULT_FROM_WIN32(ERROR_INVALID_DATA), not a
	// value the spec names: ranoviced's code for a participant removed
	// for a protocol violation (rdpemc-confas.md §2.8 E).
	DiscCodeInvalidData DiscCode = 0x8007000D
)

// String names the codes 2.2.4.2 lists and DiscCodeInvalidData, prints a
// Win32 error as its HRESULT and number, and anything else in hex.
func (c DiscCode) String() string {
	switch c {
	case DiscCodeOK:
		return "S_OK"
	case DiscCodeSendFailed:
		return "0xD00A0006 (sharing manager could not send)"
	case DiscCodeHostError:
		return "0xD0000001 (host error)"
	}
	if c&0xFFFF0000 == 0x80070000 {
		return fmt.Sprintf("0x%08X (Win32 error %d)", uint32(c), uint32(c)&0xFFFF)
	}
	return fmt.Sprintf("0x%08X", uint32(c))
}

// ParticipantRemoved is the Participant-Removed PDU
// (OD_PARTICIPANT_REMOVED), [MS-RDPEMC] 2.2.4.2, sharer to participant: a
// participant "SHOULD be removed from the participant list". Windows
// participants do not parse DiscType and DiscCode (<21>); Windows
// sharers neither send nor interpret one from a participant (<29>).
type ParticipantRemoved struct {
	ParticipantID uint32   // ParticipantId
	DiscType      DiscType // DiscType
	DiscCode      DiscCode // DiscCode
}

var _ Message = (*ParticipantRemoved)(nil)

// OrderType returns TypeParticipantRemoved.
func (*ParticipantRemoved) OrderType() OrderType { return TypeParticipantRemoved }

const participantRemovedBody = 4 /* ParticipantId */ + 4 /* DiscType */ + 4 /* DiscCode */

// Size returns the encoded length in bytes.
func (*ParticipantRemoved) Size() int { return orderSize(participantRemovedBody) }

// AppendBinary appends the order.
func (p *ParticipantRemoved) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), participantRemovedBody)
	b = wire.AppendU32LE(b, p.ParticipantID)
	b = wire.AppendU32LE(b, uint32(p.DiscType))
	return wire.AppendU32LE(b, uint32(p.DiscCode)), nil
}

// Decode reads one order from r.
func (p *ParticipantRemoved) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *ParticipantRemoved) decodeBody(r *wire.Reader) error {
	p.ParticipantID = r.U32LE()      // ParticipantId
	p.DiscType = DiscType(r.U32LE()) // DiscType
	p.DiscCode = DiscCode(r.U32LE()) // DiscCode
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ParticipantRemoved) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
