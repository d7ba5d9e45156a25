package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Data priorities: T.125 DataPriority ::= ENUMERATED {top, high, medium,
// low}, two bits in PER.
const (
	PriorityTop    uint8 = 0 // top
	PriorityHigh   uint8 = 1 // high: what RDP sends
	PriorityMedium uint8 = 2 // medium
	PriorityLow    uint8 = 3 // low
)

// Segmentation bits: T.125 Segmentation ::= BIT STRING {begin(0), end(1)}
// (SIZE(2)). RDP never segments an MCS PDU, so it always sends both.
const (
	SegmentationBegin    uint8 = 0x2 // begin
	SegmentationEnd      uint8 = 0x1 // end
	SegmentationBeginEnd       = SegmentationBegin | SegmentationEnd
)

// MaxUserData is the largest userData one Send Data PDU carries: the
// largest unfragmented PER length (per.MaxLength).
const MaxUserData = per.MaxLength

// sendData is the layout shared by SendDataRequest and SendDataIndication
// ([T125] 7 part 7); both convert to it.
type sendData struct {
	Initiator    uint16
	ChannelID    uint16
	Priority     uint8
	Segmentation uint8
	UserData     []byte
}

func (p *sendData) size() int {
	return 1 /* choice */ + 2 /* initiator */ + 2 /* channelId */ +
		1 /* dataPriority, segmentation, padding */ + per.LengthSize(len(p.UserData)) + len(p.UserData)
}

// appendBinary writes the PDU with the shortest userData length form, as
// the Windows dumps of [MS-RDPBCGR] 4.1 do (4.1.9: 70 50; 4.1.10: 70 81 9C).
func (p *sendData) appendBinary(b []byte, c Choice) ([]byte, error) {
	if p.Priority > PriorityLow {
		return b, fmt.Errorf("dataPriority %d out of range", p.Priority)
	}
	if p.Segmentation > SegmentationBeginEnd {
		return b, fmt.Errorf("segmentation %#x out of range", p.Segmentation)
	}
	b, err := per.AppendInteger16(append(b, byte(c)<<2), p.Initiator, BaseChannel)
	if err != nil {
		return b, err
	}
	b = wire.AppendU16BE(b, p.ChannelID)
	b = append(b, p.Priority<<6|p.Segmentation<<4)
	if b, err = per.AppendLength(b, len(p.UserData)); err != nil {
		return b, err
	}
	return append(b, p.UserData...), nil
}

func (p *sendData) decode(r *wire.Reader, c Choice) error {
	readChoicePadded(r, c)
	initiator := per.ReadInteger16(r, BaseChannel)
	channelID := r.U16BE()
	flags := r.U8()
	if r.Err() == nil && flags&0x0F != 0 {
		r.Failf("padding", "%#x after dataPriority and segmentation, want 0", flags&0x0F)
	}
	// Both the one- and two-octet length forms are read: Windows sends the
	// shortest, FreeRDP always the two-octet one.
	userData := per.ReadOctetString(r, 0)
	if err := r.Err(); err != nil {
		return err
	}
	*p = sendData{
		Initiator:    initiator,
		ChannelID:    channelID,
		Priority:     flags >> 6,
		Segmentation: flags >> 4 & 0x3,
		UserData:     userData,
	}
	return nil
}
