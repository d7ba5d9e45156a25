package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SendDataRequest is the MCS Send Data Request (SendDataRequest, [T125]
// 11.32): every slow-path PDU a client sends after the channel joins
// travels in one ([MS-RDPBCGR] 2.2.1.10 onwards, "mcsSDrq"). Clients send
// dataPriority high and segmentation begin|end (the octet 0x70).
type SendDataRequest struct {
	Initiator    uint16 // initiator: UserId, BaseChannel or above
	ChannelID    uint16 // channelId
	Priority     uint8  // dataPriority: PriorityTop … PriorityLow
	Segmentation uint8  // segmentation: SegmentationBegin|SegmentationEnd bits
	UserData     []byte // userData; aliases the input when decoded
}

// Choice returns ChoiceSendDataRequest.
func (*SendDataRequest) Choice() Choice { return ChoiceSendDataRequest }

// Size returns the encoded length in bytes.
func (p *SendDataRequest) Size() int { return (*sendData)(p).size() }

// AppendBinary implements [encoding.BinaryAppender]. The userData length
// is written in its shortest form.
func (p *SendDataRequest) AppendBinary(b []byte) ([]byte, error) {
	b, err := (*sendData)(p).appendBinary(b, ChoiceSendDataRequest)
	if err != nil {
		return b, fmt.Errorf("mcs: SendDataRequest: %w", err)
	}
	return b, nil
}

// Decode reads one Send Data Request from r.
func (p *SendDataRequest) Decode(r *wire.Reader) error {
	if err := (*sendData)(p).decode(r, ChoiceSendDataRequest); err != nil {
		return fmt.Errorf("mcs: SendDataRequest: %w", err)
	}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *SendDataRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
