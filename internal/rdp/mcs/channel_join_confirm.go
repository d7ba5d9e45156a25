package mcs

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ChannelJoinConfirm is the MCS Channel Join Confirm (ChannelJoinConfirm,
// [T125] 11.22), sent by the server in the Server MCS Channel Join Confirm
// PDU, [MS-RDPBCGR] 2.2.1.9. A successful confirm repeats the requested id
// as ChannelID with HasChannelID set; FreeRDP rejects a confirm whose
// channelId is not the one it asked for.
type ChannelJoinConfirm struct {
	Result       Result // result
	Initiator    uint16 // initiator: UserId, BaseChannel or above
	Requested    uint16 // requested
	ChannelID    uint16 // channelId
	HasChannelID bool   // the OPTIONAL channelId is present
}

// Choice returns ChoiceChannelJoinConfirm.
func (*ChannelJoinConfirm) Choice() Choice { return ChoiceChannelJoinConfirm }

// Size returns the encoded length in bytes.
func (p *ChannelJoinConfirm) Size() int {
	n := 1 /* choice, bitmap, result */ + 1 /* result, padding */ + 2 /* initiator */ + 2 /* requested */
	if p.HasChannelID {
		n += 2 /* channelId */
	}
	return n
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ChannelJoinConfirm) AppendBinary(b []byte) ([]byte, error) {
	if !p.HasChannelID && p.ChannelID != 0 {
		return b, errors.New("mcs: ChannelJoinConfirm: ChannelID set without HasChannelID")
	}
	b, err := appendConfirmHeader(b, ChoiceChannelJoinConfirm, p.HasChannelID, p.Result)
	if err == nil {
		b, err = per.AppendInteger16(b, p.Initiator, BaseChannel)
	}
	if err != nil {
		return b, fmt.Errorf("mcs: ChannelJoinConfirm: %w", err)
	}
	b = wire.AppendU16BE(b, p.Requested)
	if p.HasChannelID {
		b = wire.AppendU16BE(b, p.ChannelID)
	}
	return b, nil
}

// Decode reads one Channel Join Confirm from r.
func (p *ChannelJoinConfirm) Decode(r *wire.Reader) error {
	low := readChoice(r, ChoiceChannelJoinConfirm)
	var q ChannelJoinConfirm
	q.Result, q.HasChannelID = readResult(r, low), low&0x02 != 0
	q.Initiator = per.ReadInteger16(r, BaseChannel)
	q.Requested = r.U16BE()
	if q.HasChannelID {
		q.ChannelID = r.U16BE()
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("mcs: ChannelJoinConfirm: %w", err)
	}
	*p = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *ChannelJoinConfirm) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
