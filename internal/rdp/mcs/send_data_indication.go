package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SendDataIndication is the MCS Send Data Indication (SendDataIndication,
// [T125] 11.33): every slow-path PDU a server sends after the channel
// joins travels in one ([MS-RDPBCGR] 2.2.1.12 onwards, "mcsSDin"). Servers
// send dataPriority high and segmentation begin|end (the octet 0x70).
type SendDataIndication struct {
	Initiator    uint16 // initiator: UserId, BaseChannel or above
	ChannelID    uint16 // channelId
	Priority     uint8  // dataPriority: PriorityTop … PriorityLow
	Segmentation uint8  // segmentation: SegmentationBegin|SegmentationEnd bits
	UserData     []byte // userData; aliases the input when decoded
}

// Choice returns ChoiceSendDataIndication.
func (*SendDataIndication) Choice() Choice { return ChoiceSendDataIndication }

// Size returns the encoded length in bytes.
func (p *SendDataIndication) Size() int { return (*sendData)(p).size() }

// AppendBinary implements [encoding.BinaryAppender]. The userData length
// is written in its shortest form.
func (p *SendDataIndication) AppendBinary(b []byte) ([]byte, error) {
	b, err := (*sendData)(p).appendBinary(b, ChoiceSendDataIndication)
	if err != nil {
		return b, fmt.Errorf("mcs: SendDataIndication: %w", err)
	}
	return b, nil
}

// Decode reads one Send Data Indication from r.
func (p *SendDataIndication) Decode(r *wire.Reader) error {
	if err := (*sendData)(p).decode(r, ChoiceSendDataIndication); err != nil {
		return fmt.Errorf("mcs: SendDataIndication: %w", err)
	}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *SendDataIndication) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
