package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ColorPointer is the Color Pointer Update (TS_COLORPOINTERATTRIBUTE),
// [MS-RDPBCGR] 2.2.9.1.1.4.4: a 24-bpp pointer shape, stored in the
// client's pointer cache at CacheIndex and shown. It is the body of a
// slow-path pointer update of type TS_PTRMSGTYPE_COLOR and the updateData
// of the fast-path FASTPATH_UPDATETYPE_COLOR (2.2.9.1.2.1.7); inside a New
// Pointer Update (NewPointer) the same structure carries xorBpp-deep data.
//
// Wire order: cacheIndex, hotSpot, width, height, lengthAndMask,
// lengthXorMask, xorMaskData, andMaskData, optional pad byte (accepted on
// decode, never written).
//
// Width and Height are 1..MaxPointerSize (the client's Large Pointer flags
// may lower that to MaxPointerSizeSmall; the caller checks). The hot spot
// is not checked: FreeRDP 2.11.7 notes servers sending one outside the
// shape and resets it to 0.
type ColorPointer struct {
	CacheIndex uint16  // cacheIndex: the caller keeps it below the cache size
	HotSpot    Point16 // hotSpot
	Width      uint16  // width
	Height     uint16  // height
	// XorMask is xorMaskData: Height bottom-up scan-lines of
	// PointerXorRowSize(Width, bpp) bytes (24 bpp: B,G,R). Decoding
	// aliases the input.
	XorMask []byte
	// AndMask is andMaskData: Height bottom-up 1-bpp scan-lines of
	// PointerAndRowSize(Width) bytes, most significant bit first; a 1 bit
	// keeps the screen pixel (transparent where the XOR pixel is black).
	// Decoding aliases the input.
	AndMask []byte
}

var _ PointerAttribute = (*ColorPointer)(nil)

const colorPointerFixed = 2 /* cacheIndex */ + point16Size /* hotSpot */ + 2 /* width */ + 2 /* height */ +
	2 /* lengthAndMask */ + 2 /* lengthXorMask */

// colorPointerBpp is the depth of a Color Pointer Update's XOR mask.
const colorPointerBpp = 24

// PointerMessageType returns TS_PTRMSGTYPE_COLOR.
func (*ColorPointer) PointerMessageType() PointerMessageType { return PointerMessageColor }

// Size returns the encoded length (without the pad byte).
func (p *ColorPointer) Size() int { return colorPointerFixed + len(p.XorMask) + len(p.AndMask) }

// AppendBinary appends the update. It fails unless the masks match the
// geometry at 24 bpp.
func (p *ColorPointer) AppendBinary(b []byte) ([]byte, error) {
	return p.append(b, "TS_COLORPOINTERATTRIBUTE", colorPointerBpp)
}

func (p *ColorPointer) shape(name string, bpp int) pointerShape {
	return pointerShape{name: name, bpp: bpp, maxSize: MaxPointerSize, w: p.Width, h: p.Height, xorMask: p.XorMask, andMask: p.AndMask}
}

func (p *ColorPointer) append(b []byte, name string, bpp int) ([]byte, error) {
	if err := p.shape(name, bpp).check(); err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, p.CacheIndex)
	b = p.HotSpot.append(b)
	b = wire.AppendU16LE(b, p.Width)
	b = wire.AppendU16LE(b, p.Height)
	b = wire.AppendU16LE(b, uint16(len(p.AndMask)))
	b = wire.AppendU16LE(b, uint16(len(p.XorMask)))
	b = append(b, p.XorMask...)
	return append(b, p.AndMask...), nil
}

// Decode reads one TS_COLORPOINTERATTRIBUTE (24 bpp).
func (p *ColorPointer) Decode(r *wire.Reader) error {
	return p.decode(r, "TS_COLORPOINTERATTRIBUTE", colorPointerBpp)
}

func (p *ColorPointer) decode(r *wire.Reader, name string, bpp int) error {
	p.CacheIndex = r.U16LE()
	p.HotSpot = Point16{r.U16LE(), r.U16LE()}
	p.Width, p.Height = r.U16LE(), r.U16LE()
	lengthAndMask, lengthXorMask := int(r.U16LE()), int(r.U16LE())
	s := p.shape(name, bpp)
	if err := s.decodeMasks(r, lengthAndMask, lengthXorMask); err != nil {
		return err
	}
	p.XorMask, p.AndMask = s.xorMask, s.andMask
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the update (and at
// most the pad byte).
func (p *ColorPointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String summarises the update without the masks.
func (p *ColorPointer) String() string {
	return fmt.Sprintf("color pointer %dx%d hot (%d,%d) cache %d", p.Width, p.Height, p.HotSpot.X, p.HotSpot.Y, p.CacheIndex)
}
