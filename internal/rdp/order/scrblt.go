package order

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RopSrcCopy is the ternary raster operation index 0xCC, SRCCOPY
// ([MS-RDPEGDI] 2.2.2.2.1.1.1.7): the destination becomes the source.
const RopSrcCopy = 0xCC

// scrBltFields is the number of ScrBlt fields, each with a fieldFlags bit.
const scrBltFields = 7

// ScrBlt is the ScrBlt Primary Drawing Order (SCRBLT_ORDER),
// [MS-RDPEGDI] 2.2.2.2.1.1.2.7: copy the Width x Height rectangle of the
// client's screen at (SrcX, SrcY) to (Left, Top). The rectangles may
// overlap; the result is as if the source were read whole before writing.
//
// As a wire.PDU it is the whole self-contained order this package writes
// (see the package comment): controlFlags TS_STANDARD | TS_TYPE_CHANGE,
// orderType TS_ENC_SCRBLT_ORDER, fieldFlags 0x7F, then the seven fields
// with 2-byte coordinates. Decoding it alone accepts only that form; a
// stream of orders goes through Decoder.
type ScrBlt struct {
	Left, Top     int16 // nLeftRect, nTopRect
	Width, Height int16 // nWidth, nHeight
	Rop           uint8 // bRop: RopSrcCopy for a move
	SrcX, SrcY    int16 // nXSrc, nYSrc
}

var _ wire.PDU = (*ScrBlt)(nil)

const scrBltSize = 1 /* controlFlags */ + 1 /* orderType */ + 1 /* fieldFlags */ +
	2*4 /* nLeftRect..nHeight */ + 1 /* bRop */ + 2*2 /* nXSrc, nYSrc */

// Size returns the encoded length, 16.
func (*ScrBlt) Size() int { return scrBltSize }

// AppendBinary appends the self-contained order. Width and Height must be
// positive.
func (o *ScrBlt) AppendBinary(b []byte) ([]byte, error) {
	if o.Width <= 0 || o.Height <= 0 {
		return b, fmt.Errorf("order: SCRBLT_ORDER: %w: %dx%d", wire.ErrInvalid, o.Width, o.Height)
	}
	b = append(b, byte(Standard|TypeChange), byte(TypeScrBlt), 1<<scrBltFields-1)
	b = wire.AppendU16LE(b, uint16(o.Left))
	b = wire.AppendU16LE(b, uint16(o.Top))
	b = wire.AppendU16LE(b, uint16(o.Width))
	b = wire.AppendU16LE(b, uint16(o.Height))
	b = append(b, o.Rop)
	b = wire.AppendU16LE(b, uint16(o.SrcX))
	return wire.AppendU16LE(b, uint16(o.SrcY)), nil
}

// Decode reads one self-contained ScrBlt, the form AppendBinary writes.
func (o *ScrBlt) Decode(r *wire.Reader) error {
	var d Decoder
	return d.decode(r, o, true)
}

// UnmarshalBinary decodes b as exactly one self-contained ScrBlt.
func (o *ScrBlt) UnmarshalBinary(b []byte) error { return wire.Unmarshal(o, b) }
