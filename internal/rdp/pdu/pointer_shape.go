package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Pointer shape limits ([MS-RDPBCGR] 2.2.9.1.1.4.4, 2.2.9.1.2.1.11,
// 2.2.7.2.7).
const (
	// MaxPointerSize is the largest width and height of a Color or New
	// Pointer Update, for a client whose Large Pointer Capability Set has
	// LARGE_POINTER_FLAG_96x96.
	MaxPointerSize = 96
	// MaxPointerSizeSmall is the limit for clients without
	// LARGE_POINTER_FLAG_96x96: "the maximum allowed pointer width is 32
	// pixels". The decoders accept up to MaxPointerSize, because the limit
	// depends on capabilities they do not see; the caller checks it.
	MaxPointerSizeSmall = 32
	// MaxLargePointerSize is the largest width and height of a Large
	// Pointer Update (LARGE_POINTER_FLAG_384x384).
	MaxLargePointerSize = 384
)

// PointerXorRowSize returns the length of one scan-line of a pointer's XOR
// mask: width pixels at bpp bits, "padded to a 2-byte boundary for each
// encoded scan-line" (2.2.9.1.1.4.4: a 3-pixel 24-bpp line takes 10
// bytes). FreeRDP 2.11.7 computes the same (update.c
// update_read_pointer_color).
func PointerXorRowSize(width, bpp int) int { return (width*bpp + 15) / 16 * 2 }

// PointerAndRowSize returns the length of one scan-line of a pointer's AND
// mask: 1 bpp, padded to 2 bytes (2.2.9.1.1.4.4: a 7-pixel line takes 2
// bytes).
func PointerAndRowSize(width int) int { return (width + 15) / 16 * 2 }

// ValidPointerBpp reports whether xorBpp is a depth the New and Large
// Pointer Updates may carry: 1, 4, 8, 16, 24 or 32 (2.2.9.1.1.4.5 names 4
// and 8 with palette indices; FreeRDP 2.11.7 accepts 1 to 32 but decodes
// only these).
func ValidPointerBpp(xorBpp uint16) bool {
	switch xorBpp {
	case 1, 4, 8, 16, 24, 32:
		return true
	}
	return false
}

// pointerShape is what the Color, New and Large Pointer Updates share: a
// shape in the pointer cache. The masks are checked against the geometry
// both ways; FreeRDP 2.11.7 does the same on receipt and drops the
// connection on a mismatch (update.c update_read_pointer_color).
type pointerShape struct {
	name             string // structure name for errors
	bpp              int
	maxSize          int
	w, h             uint16
	xorMask, andMask []byte
}

// check validates the geometry and the mask lengths for encoding.
func (s pointerShape) check() error {
	if msg := s.checkSize(); msg != "" {
		return fmt.Errorf("pdu: %s: %w: %s", s.name, wire.ErrInvalid, msg)
	}
	if n := PointerXorRowSize(int(s.w), s.bpp) * int(s.h); len(s.xorMask) != n {
		return fmt.Errorf("pdu: %s: %w: xorMaskData of %d bytes, a %dx%d mask at %d bpp takes %d", s.name, wire.ErrInvalid, len(s.xorMask), s.w, s.h, s.bpp, n)
	}
	if n := PointerAndRowSize(int(s.w)) * int(s.h); len(s.andMask) != n {
		return fmt.Errorf("pdu: %s: %w: andMaskData of %d bytes, a %dx%d mask takes %d", s.name, wire.ErrInvalid, len(s.andMask), s.w, s.h, n)
	}
	return nil
}

func (s pointerShape) checkSize() string {
	switch {
	case s.w == 0 || s.h == 0:
		return fmt.Sprintf("%dx%d pointer", s.w, s.h)
	case int(s.w) > s.maxSize || int(s.h) > s.maxSize:
		return fmt.Sprintf("%dx%d pointer exceeds %dx%d", s.w, s.h, s.maxSize, s.maxSize)
	}
	return ""
}

// decodeMasks checks the geometry and the two lengths just read, then
// reads xorMaskData, andMaskData and the optional pad byte. Both masks are
// required and must match the geometry exactly. The masks alias r.
func (s *pointerShape) decodeMasks(r *wire.Reader, lengthAndMask, lengthXorMask int) error {
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: %s: %w", s.name, err)
	}
	// Zero sizes are rejected: FreeRDP would accept a 0x0 shape with empty
	// masks, but no pointer is empty (SYSPTR_NULL hides the pointer).
	if msg := s.checkSize(); msg != "" {
		return fmt.Errorf("pdu: %s: %w", s.name, r.Failf("width", "%s", msg))
	}
	if n := PointerXorRowSize(int(s.w), s.bpp) * int(s.h); lengthXorMask != n {
		return fmt.Errorf("pdu: %s: %w", s.name, r.Failf("lengthXorMask", "%d, a %dx%d mask at %d bpp takes %d", lengthXorMask, s.w, s.h, s.bpp, n))
	}
	if n := PointerAndRowSize(int(s.w)) * int(s.h); lengthAndMask != n {
		return fmt.Errorf("pdu: %s: %w", s.name, r.Failf("lengthAndMask", "%d, a %dx%d mask takes %d", lengthAndMask, s.w, s.h, n))
	}
	s.xorMask = r.Bytes(lengthXorMask)
	s.andMask = r.Bytes(lengthAndMask)
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: %s: %w", s.name, err)
	}
	// pad: "An optional 8-bit, unsigned integer. Padding. Values in this
	// field MUST be ignored." FreeRDP's server writes it, Windows servers
	// (IronRDP's captures) do not; the structure always ends its PDU, so one
	// byte left is the pad. It is never written.
	if r.Len() == 1 {
		r.Skip(1)
	}
	return nil
}
