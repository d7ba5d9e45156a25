package pointer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
)

// MaxSourceSize bounds the width and height of a Shape given to Encode:
// bigger images are rejected rather than scaled (no cursor is that big;
// X11 cursor themes stop at 256).
const MaxSourceSize = 1024

// Shape is a cursor image.
//
// Pix holds Width*Height pixels, 4 bytes each, B,G,R,A with straight
// (non-premultiplied) alpha, rows top-down with no padding (stride
// 4*Width). The hot spot (HotX, HotY) is the pixel that points; Encode
// clamps it into the shape. A zero Shape (Width 0) stands for no image.
//
// internal/shadow's Frame is B,G,R,X and has no hot spot, so cursors get
// their own type.
type Shape struct {
	Width, Height int
	HotX, HotY    int
	Pix           []byte
}

// ErrBadShape reports a Shape whose fields disagree.
var ErrBadShape = errors.New("pointer: bad shape")

// Validate checks the size (1..MaxSourceSize each way) and the length of
// Pix.
func (s Shape) Validate() error {
	switch {
	case s.Width <= 0 || s.Height <= 0 || s.Width > MaxSourceSize || s.Height > MaxSourceSize:
		return fmt.Errorf("%w: %dx%d", ErrBadShape, s.Width, s.Height)
	case len(s.Pix) != s.Width*s.Height*4:
		return fmt.Errorf("%w: %d bytes of pixels for %dx%d", ErrBadShape, len(s.Pix), s.Width, s.Height)
	}
	return nil
}

// pixel returns the offset of pixel (x, y) in Pix.
func (s *Shape) pixel(x, y int) int { return (y*s.Width + x) * 4 }

// FromARGB32 builds a Shape from 32-bit A,R,G,B words, rows top-down (the
// layout of XFixesGetCursorImage's cursor-image, which is premultiplied:
// pass premultiplied true to get straight alpha back). Pixels are copied.
func FromARGB32(width, height, hotX, hotY int, argb []uint32, premultiplied bool) (Shape, error) {
	s := Shape{Width: width, Height: height, HotX: hotX, HotY: hotY}
	if width <= 0 || height <= 0 || width > MaxSourceSize || height > MaxSourceSize || len(argb) != width*height {
		return Shape{}, fmt.Errorf("%w: %d words for %dx%d", ErrBadShape, len(argb), width, height)
	}
	s.Pix = make([]byte, 4*len(argb))
	for i, v := range argb {
		a, r, g, b := byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
		switch {
		case a == 0:
			r, g, b = 0, 0, 0
		case premultiplied && a < 0xFF:
			r, g, b = unpremultiply(r, a), unpremultiply(g, a), unpremultiply(b, a)
		}
		s.Pix[4*i], s.Pix[4*i+1], s.Pix[4*i+2], s.Pix[4*i+3] = b, g, r, a
	}
	return s, nil
}

// unpremultiply returns c*255/a rounded, at most 255 (premultiplied
// components above alpha are invalid; they saturate).
func unpremultiply(c, a byte) byte {
	return byte(min((uint32(c)*255+uint32(a)/2)/uint32(a), 255))
}

// Key is the cache key of s: FNV-64a over the size, the hot spot and the
// pixels. Shapes that differ only in the color of fully transparent
// pixels get different keys (harmless: a second slot).
func (s Shape) Key() uint64 {
	h := fnv.New64a()
	var hdr [16]byte
	binary.LittleEndian.PutUint32(hdr[0:], uint32(s.Width))
	binary.LittleEndian.PutUint32(hdr[4:], uint32(s.Height))
	binary.LittleEndian.PutUint32(hdr[8:], uint32(s.HotX))
	binary.LittleEndian.PutUint32(hdr[12:], uint32(s.HotY))
	h.Write(hdr[:])
	h.Write(s.Pix)
	return h.Sum64()
}

// Equal reports whether a and b show the same cursor: same size and hot
// spot, and the same B,G,R,A in every pixel whose alpha is nonzero.
// Fully transparent pixels are equal whatever their color, because the
// encoder sends them as zero.
func Equal(a, b Shape) bool {
	if a.Width != b.Width || a.Height != b.Height || a.HotX != b.HotX || a.HotY != b.HotY ||
		len(a.Pix) != len(b.Pix) {
		return false
	}
	for i := 0; i+3 < len(a.Pix); i += 4 {
		pa, pb := a.Pix[i:i+4], b.Pix[i:i+4]
		if pa[3] == 0 && pb[3] == 0 {
			continue
		}
		if [4]byte(pa) != [4]byte(pb) {
			return false
		}
	}
	return true
}

// Diff describes the first difference Equal finds, or returns "".
func Diff(a, b Shape) string {
	switch {
	case a.Width != b.Width || a.Height != b.Height:
		return fmt.Sprintf("size %dx%d, want %dx%d", b.Width, b.Height, a.Width, a.Height)
	case a.HotX != b.HotX || a.HotY != b.HotY:
		return fmt.Sprintf("hot spot (%d,%d), want (%d,%d)", b.HotX, b.HotY, a.HotX, a.HotY)
	case len(a.Pix) != len(b.Pix):
		return fmt.Sprintf("%d bytes of pixels, want %d", len(b.Pix), len(a.Pix))
	}
	for i := 0; i+3 < len(a.Pix); i += 4 {
		pa, pb := a.Pix[i:i+4], b.Pix[i:i+4]
		if (pa[3] != 0 || pb[3] != 0) && [4]byte(pa) != [4]byte(pb) {
			return fmt.Sprintf("pixel (%d,%d) BGRA %x, want %x", i/4%a.Width, i/4/a.Width, pb, pa)
		}
	}
	return ""
}
