package pointer

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
)

// Decode returns the shape a Color, New or Large Pointer Update carries
// (and the cache slot it goes to), rendered as FreeRDP 2.11.7 renders it
// (codec/color.c freerdp_image_copy_from_pointer_data), the reference
// client of rdp-server.md:
//
//   - 32 bpp: the XOR pixel's B,G,R,A as is, except under an AND bit:
//     opaque black becomes transparent and opaque white, which Windows
//     draws by inverting the screen, becomes FreeRDP's black-and-white
//     checker;
//   - 24 bpp: opaque, except under an AND bit: transparent, or the checker
//     for a white XOR pixel.
//
// Transparent pixels come back as 0,0,0,0. Other depths (1, 4, 8, 16)
// fail: ranoviced never sends them. So does a hot spot outside the shape
// (FreeRDP resets it to 0; ranoviced's encoder never sends one).
func Decode(attr pdu.PointerAttribute) (Shape, uint16, error) {
	var (
		bpp       int
		cache     uint16
		hot       pdu.Point16
		w, h      int
		xor, andM []byte
	)
	switch a := attr.(type) {
	case *pdu.ColorPointer:
		bpp, cache, hot, w, h, xor, andM = 24, a.CacheIndex, a.HotSpot, int(a.Width), int(a.Height), a.XorMask, a.AndMask
	case *pdu.NewPointer:
		c := &a.ColorPtrAttr
		bpp, cache, hot, w, h, xor, andM = int(a.XorBpp), c.CacheIndex, c.HotSpot, int(c.Width), int(c.Height), c.XorMask, c.AndMask
	case *pdu.LargePointer:
		bpp, cache, hot, w, h, xor, andM = int(a.XorBpp), a.CacheIndex, a.HotSpot, int(a.Width), int(a.Height), a.XorMask, a.AndMask
	default:
		return Shape{}, 0, fmt.Errorf("pointer: %T carries no shape", attr)
	}
	if bpp != 24 && bpp != 32 {
		return Shape{}, 0, fmt.Errorf("pointer: %d-bpp pointer shapes are not decoded", bpp)
	}
	if int(hot.X) >= w || int(hot.Y) >= h {
		return Shape{}, 0, fmt.Errorf("pointer: hot spot (%d,%d) outside the %dx%d shape", hot.X, hot.Y, w, h)
	}
	xorRow, andRow := pdu.PointerXorRowSize(w, bpp), pdu.PointerAndRowSize(w)
	if w <= 0 || h <= 0 || len(xor) != xorRow*h || len(andM) != andRow*h {
		return Shape{}, 0, fmt.Errorf("pointer: %dx%d shape at %d bpp with %d and %d bytes of masks", w, h, bpp, len(xor), len(andM))
	}
	s := Shape{Width: w, Height: h, HotX: int(hot.X), HotY: int(hot.Y), Pix: make([]byte, w*h*4)}
	bytesPP := bpp / 8
	for y := range h {
		line := h - 1 - y
		xl, al := xor[line*xorRow:], andM[line*andRow:]
		for x := range w {
			src := xl[x*bytesPP:]
			px := [4]byte{src[0], src[1], src[2], 0xFF}
			if bpp == 32 {
				px[3] = src[3]
			}
			if al[x/8]&(0x80>>(x%8)) != 0 {
				switch {
				case px == [4]byte{0xFF, 0xFF, 0xFF, 0xFF}:
					px = checker(x, y)
				case bpp == 24 || px == [4]byte{0, 0, 0, 0xFF}:
					px = [4]byte{}
				}
			}
			if px[3] == 0 {
				px = [4]byte{}
			}
			copy(s.Pix[s.pixel(x, y):], px[:])
		}
	}
	return s, cache, nil
}

// checker is FreeRDP's stand-in for an inverting pixel: opaque black or
// white by position (freerdp_image_inverted_pointer_color).
func checker(x, y int) [4]byte {
	if (x+y)&1 != 0 {
		return [4]byte{0, 0, 0, 0xFF}
	}
	return [4]byte{0xFF, 0xFF, 0xFF, 0xFF}
}
