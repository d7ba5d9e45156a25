package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

const updateTypeBitmap = 0x0001 // UPDATETYPE_BITMAP

// BitmapUpdate is the Bitmap Update Data (TS_UPDATE_BITMAP_DATA),
// [MS-RDPBCGR] 2.2.9.1.1.3.1.2.1, including its updateType
// (UPDATETYPE_BITMAP). It is the body of the slow-path Bitmap Update
// (TS_UPDATE_BITMAP, a Data PDU of type PDUTYPE2_UPDATE: use
// AppendShareData) and the updateData of the fast-path Bitmap Update
// (TS_FP_UPDATE_BITMAP, 2.2.9.1.2.1.2), which carries updateType too.
type BitmapUpdate struct {
	Rectangles []BitmapData // rectangles; numberRectangles is len(Rectangles)
}

var _ wire.PDU = (*BitmapUpdate)(nil)

// Size returns the encoded length.
func (p *BitmapUpdate) Size() int {
	n := 2 /* updateType */ + 2 /* numberRectangles */
	for i := range p.Rectangles {
		n += p.Rectangles[i].Size()
	}
	return n
}

// AppendBinary appends the update. It fails for more than 65535 rectangles
// or a rectangle that does not encode.
func (p *BitmapUpdate) AppendBinary(b []byte) ([]byte, error) {
	if len(p.Rectangles) > 0xFFFF {
		return nil, fmt.Errorf("pdu: TS_UPDATE_BITMAP_DATA: %d rectangles exceed 65535", len(p.Rectangles))
	}
	b = wire.AppendU16LE(b, updateTypeBitmap)
	b = wire.AppendU16LE(b, uint16(len(p.Rectangles)))
	for i := range p.Rectangles {
		var err error
		if b, err = p.Rectangles[i].AppendBinary(b); err != nil {
			return nil, fmt.Errorf("pdu: TS_UPDATE_BITMAP_DATA: rectangle %d: %w", i, err)
		}
	}
	return b, nil
}

// Decode reads one TS_UPDATE_BITMAP_DATA. The rectangles' data aliases the
// input.
func (p *BitmapUpdate) Decode(r *wire.Reader) error {
	const name = "pdu: TS_UPDATE_BITMAP_DATA: %w"
	updateType := r.U16LE()
	n := int(r.U16LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	// updateType: "This field MUST be set to UPDATETYPE_BITMAP (0x0001)."
	if updateType != updateTypeBitmap {
		return fmt.Errorf(name, r.Failf("updateType", "%#04x, want UPDATETYPE_BITMAP", updateType))
	}
	if n*bitmapDataFixed > r.Len() {
		return fmt.Errorf(name, r.Fail("numberRectangles", fmt.Errorf("%w: %d rectangles, %d bytes", wire.ErrShort, n, r.Len())))
	}
	p.Rectangles = make([]BitmapData, n)
	for i := range p.Rectangles {
		if err := p.Rectangles[i].Decode(r); err != nil {
			return fmt.Errorf("pdu: TS_UPDATE_BITMAP_DATA: rectangle %d: %w", i, err)
		}
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the update.
func (p *BitmapUpdate) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
