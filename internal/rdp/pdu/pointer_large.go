package pdu

import (
	"fmt"
	"math"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// LargePointer is the Large Pointer Update (TS_LARGEPOINTERATTRIBUTE),
// [MS-RDPBCGR] 2.2.9.1.1.4.7: a New Pointer Update for shapes up to
// 384x384, with 32-bit mask lengths. It is the body of a slow-path pointer
// update of type TS_PTRMSGTYPE_LARGE_POINTER and the updateData of the
// fast-path FASTPATH_UPDATETYPE_LARGE_POINTER (2.2.9.1.2.1.11), whose
// layout the fast-path section spells out. Send it only to clients whose
// Large Pointer Capability Set has LARGE_POINTER_FLAG_384x384 (2.2.7.2.7),
// and within their Multifragment Update MaxRequestSize.
//
// Wire order: xorBpp, cacheIndex, hotSpot, width, height, lengthAndMask
// (u32), lengthXorMask (u32), xorMaskData, andMaskData, optional pad byte
// (accepted on decode, never written). The masks are laid out as in
// ColorPointer.
type LargePointer struct {
	XorBpp     uint16  // xorBpp: 1, 4, 8, 16, 24 or 32 (ValidPointerBpp)
	CacheIndex uint16  // cacheIndex
	HotSpot    Point16 // hotSpot (not checked, as in ColorPointer)
	Width      uint16  // width: 1..MaxLargePointerSize
	Height     uint16  // height: 1..MaxLargePointerSize
	XorMask    []byte  // xorMaskData; decoding aliases the input
	AndMask    []byte  // andMaskData; decoding aliases the input
}

var _ PointerAttribute = (*LargePointer)(nil)

const largePointerFixed = 2 /* xorBpp */ + 2 /* cacheIndex */ + point16Size /* hotSpot */ + 2 /* width */ +
	2 /* height */ + 4 /* lengthAndMask */ + 4 /* lengthXorMask */

// PointerMessageType returns TS_PTRMSGTYPE_LARGE_POINTER.
func (*LargePointer) PointerMessageType() PointerMessageType { return PointerMessageLarge }

// Size returns the encoded length (without the pad byte).
func (p *LargePointer) Size() int { return largePointerFixed + len(p.XorMask) + len(p.AndMask) }

func (p *LargePointer) shape() pointerShape {
	return pointerShape{name: "TS_LARGEPOINTERATTRIBUTE", bpp: int(p.XorBpp), maxSize: MaxLargePointerSize,
		w: p.Width, h: p.Height, xorMask: p.XorMask, andMask: p.AndMask}
}

// AppendBinary appends the update. It fails for an undefined xorBpp or
// masks that do not match the geometry.
func (p *LargePointer) AppendBinary(b []byte) ([]byte, error) {
	if !ValidPointerBpp(p.XorBpp) {
		return nil, fmt.Errorf("pdu: TS_LARGEPOINTERATTRIBUTE: %w: xorBpp %d", wire.ErrInvalid, p.XorBpp)
	}
	if err := p.shape().check(); err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, p.XorBpp)
	b = wire.AppendU16LE(b, p.CacheIndex)
	b = p.HotSpot.append(b)
	b = wire.AppendU16LE(b, p.Width)
	b = wire.AppendU16LE(b, p.Height)
	b = wire.AppendU32LE(b, uint32(len(p.AndMask)))
	b = wire.AppendU32LE(b, uint32(len(p.XorMask)))
	b = append(b, p.XorMask...)
	return append(b, p.AndMask...), nil
}

// Decode reads one TS_LARGEPOINTERATTRIBUTE.
func (p *LargePointer) Decode(r *wire.Reader) error {
	p.XorBpp = r.U16LE()
	p.CacheIndex = r.U16LE()
	p.HotSpot = Point16{r.U16LE(), r.U16LE()}
	p.Width, p.Height = r.U16LE(), r.U16LE()
	lengthAndMask, lengthXorMask := r.U32LE(), r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_LARGEPOINTERATTRIBUTE: %w", err)
	}
	if !ValidPointerBpp(p.XorBpp) {
		return fmt.Errorf("pdu: TS_LARGEPOINTERATTRIBUTE: %w", r.Failf("xorBpp", "%d", p.XorBpp))
	}
	// Both lengths are compared with the (small) sizes the geometry gives,
	// so clamping them keeps the comparison exact on 32-bit platforms.
	s := p.shape()
	if err := s.decodeMasks(r, int(min(lengthAndMask, math.MaxInt32)), int(min(lengthXorMask, math.MaxInt32))); err != nil {
		return err
	}
	p.XorMask, p.AndMask = s.xorMask, s.andMask
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the update (and at
// most the pad byte).
func (p *LargePointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String summarises the update without the masks.
func (p *LargePointer) String() string {
	return fmt.Sprintf("large pointer %dx%d at %d bpp hot (%d,%d) cache %d", p.Width, p.Height, p.XorBpp, p.HotSpot.X, p.HotSpot.Y, p.CacheIndex)
}
