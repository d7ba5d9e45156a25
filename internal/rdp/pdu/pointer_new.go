package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// NewPointer is the New Pointer Update (TS_POINTERATTRIBUTE), [MS-RDPBCGR]
// 2.2.9.1.1.4.5: xorBpp, then a Color Pointer Update whose XOR mask has
// that depth. It is the body of a slow-path pointer update of type
// TS_PTRMSGTYPE_POINTER and the updateData of the fast-path
// FASTPATH_UPDATETYPE_POINTER (2.2.9.1.2.1.8). Send it only to clients
// whose Pointer Capability Set has a nonzero pointerCacheSize (2.2.7.1.5).
//
// At 32 bpp the XOR mask is B,G,R,A with straight (not premultiplied)
// alpha; FreeRDP 2.11.7 reads it as BGRA32 and applies the AND mask only
// to opaque black (transparent) and opaque white (inverted) pixels
// (codec/color.c freerdp_image_copy_from_pointer_data).
type NewPointer struct {
	// XorBpp is xorBpp: 1, 4, 8, 16, 24 or 32 (ValidPointerBpp).
	XorBpp uint16
	// ColorPtrAttr is colorPtrAttr, its XorMask at XorBpp.
	ColorPtrAttr ColorPointer
}

var _ PointerAttribute = (*NewPointer)(nil)

// PointerMessageType returns TS_PTRMSGTYPE_POINTER.
func (*NewPointer) PointerMessageType() PointerMessageType { return PointerMessagePointer }

// Size returns the encoded length (without the pad byte).
func (p *NewPointer) Size() int { return 2 /* xorBpp */ + p.ColorPtrAttr.Size() }

// AppendBinary appends the update. It fails for an undefined xorBpp or
// masks that do not match the geometry.
func (p *NewPointer) AppendBinary(b []byte) ([]byte, error) {
	if !ValidPointerBpp(p.XorBpp) {
		return nil, fmt.Errorf("pdu: TS_POINTERATTRIBUTE: %w: xorBpp %d", wire.ErrInvalid, p.XorBpp)
	}
	return p.ColorPtrAttr.append(wire.AppendU16LE(b, p.XorBpp), "TS_POINTERATTRIBUTE", int(p.XorBpp))
}

// Decode reads one TS_POINTERATTRIBUTE.
func (p *NewPointer) Decode(r *wire.Reader) error {
	p.XorBpp = r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_POINTERATTRIBUTE: %w", err)
	}
	if !ValidPointerBpp(p.XorBpp) {
		return fmt.Errorf("pdu: TS_POINTERATTRIBUTE: %w", r.Failf("xorBpp", "%d", p.XorBpp))
	}
	return p.ColorPtrAttr.decode(r, "TS_POINTERATTRIBUTE", int(p.XorBpp))
}

// UnmarshalBinary decodes b, which must hold exactly the update (and at
// most the pad byte).
func (p *NewPointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String summarises the update without the masks.
func (p *NewPointer) String() string {
	c := &p.ColorPtrAttr
	return fmt.Sprintf("new pointer %dx%d at %d bpp hot (%d,%d) cache %d", c.Width, c.Height, p.XorBpp, c.HotSpot.X, c.HotSpot.Y, c.CacheIndex)
}
