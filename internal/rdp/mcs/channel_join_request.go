package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ChannelJoinRequest is the MCS Channel Join Request (ChannelJoinRequest,
// [T125] 11.21), sent by the client in the Client MCS Channel Join Request
// PDU, [MS-RDPBCGR] 2.2.1.8: user Initiator asks to join ChannelID.
type ChannelJoinRequest struct {
	Initiator uint16 // initiator: UserId, BaseChannel or above
	ChannelID uint16 // channelId
}

// Choice returns ChoiceChannelJoinRequest.
func (*ChannelJoinRequest) Choice() Choice { return ChoiceChannelJoinRequest }

// Size returns the encoded length in bytes.
func (*ChannelJoinRequest) Size() int { return 1 /* choice */ + 2 /* initiator */ + 2 /* channelId */ }

// AppendBinary implements [encoding.BinaryAppender].
func (p *ChannelJoinRequest) AppendBinary(b []byte) ([]byte, error) {
	b, err := per.AppendInteger16(append(b, byte(ChoiceChannelJoinRequest)<<2), p.Initiator, BaseChannel)
	if err != nil {
		return b, fmt.Errorf("mcs: ChannelJoinRequest: %w", err)
	}
	return wire.AppendU16BE(b, p.ChannelID), nil
}

// Decode reads one Channel Join Request from r.
func (p *ChannelJoinRequest) Decode(r *wire.Reader) error {
	readChoicePadded(r, ChoiceChannelJoinRequest)
	initiator := per.ReadInteger16(r, BaseChannel)
	channelID := r.U16BE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("mcs: ChannelJoinRequest: %w", err)
	}
	p.Initiator, p.ChannelID = initiator, channelID
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *ChannelJoinRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
