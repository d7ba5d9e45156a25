package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DataFirst is the DVC Data First PDU (DYNVC_DATA_FIRST), [MS-RDPEDYC]
// 2.2.3.1: the first block of a fragmented message, with the message's
// total length. DYNVC_DATA PDUs carry the rest.
type DataFirst struct {
	ChannelID uint32 // ChannelId
	// Length is the total length of the message; it is at least len(Data).
	Length uint32
	Data   []byte // Data: the first block; decoding aliases the input
}

var _ PDU = (*DataFirst)(nil)

// Cmd returns CmdDataFirst.
func (*DataFirst) Cmd() Cmd { return CmdDataFirst }

// Size returns the encoded length in bytes.
func (p *DataFirst) Size() int {
	return 1 /* cbId, Len, Cmd */ + widthSize(widthCode(p.ChannelID)) /* ChannelId */ +
		widthSize(widthCode(p.Length)) /* Length */ + len(p.Data)
}

// AppendBinary appends the PDU with the smallest ChannelId and Length
// widths. It fails when Length is less than len(Data).
func (p *DataFirst) AppendBinary(b []byte) ([]byte, error) {
	if uint64(len(p.Data)) > uint64(p.Length) {
		return b, fmt.Errorf("dvc: DYNVC_DATA_FIRST: %w: %d bytes of data exceed Length %d", wire.ErrInvalid, len(p.Data), p.Length)
	}
	cb, ln := widthCode(p.ChannelID), widthCode(p.Length)
	b = append(b, header(CmdDataFirst, ln, cb))
	b = appendVar(b, cb, p.ChannelID)
	b = appendVar(b, ln, p.Length)
	return append(b, p.Data...), nil
}

// Decode reads one DYNVC_DATA_FIRST from r; Data is the rest of r.
func (p *DataFirst) Decode(r *wire.Reader) error {
	ln, cb, err := readHeader(r, CmdDataFirst)
	if err != nil {
		return fmt.Errorf("dvc: DYNVC_DATA_FIRST: %w", err)
	}
	p.ChannelID = readVar(r, cb, "cbId")
	// 2.2.3.1: Len 0x3 is an "Invalid value; MUST NOT be used."
	p.Length = readVar(r, ln, "Len")
	p.Data = r.Rest()
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_DATA_FIRST: %w", err)
	}
	// Length is "the total length, in bytes, of the message to be sent";
	// this block is part of it.
	if uint64(len(p.Data)) > uint64(p.Length) {
		r.Failf("Length", "%d, but the first block has %d bytes", p.Length, len(p.Data))
		return fmt.Errorf("dvc: DYNVC_DATA_FIRST: %w", r.Err())
	}
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *DataFirst) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
