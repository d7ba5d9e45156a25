package pointer

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
)

// ErrNoShapes reports a client that cannot take pointer shapes: its
// Pointer Capability Set left no cache to store them in. Only
// pdu.SystemPointer and pdu.PointerPosition can be sent to it.
var ErrNoShapes = errors.New("pointer: the client has no pointer cache")

// slowPathPointerHeader is what the slow-path TS_POINTER_PDU adds to an
// attribute: messageType and pad2Octets.
const slowPathPointerHeader = 4

// Format says how one client takes pointer shapes. ForClient derives it
// from the client's capabilities; the zero Format takes none.
type Format struct {
	// Depth is the XOR mask depth: 32 sends New Pointer Updates
	// (2.2.9.1.1.4.5) with alpha, 24 sends Color Pointer Updates
	// (2.2.9.1.1.4.4), 0 sends no shapes.
	Depth int
	// CacheSize is the number of slots in the client's cache for those
	// updates; cache indexes stay below it.
	CacheSize int
	// MaxSize is the largest width and height of a Color or New Pointer
	// Update: 32, or 96 with LARGE_POINTER_FLAG_96x96.
	MaxSize int
	// MaxLargeSize is the largest width and height of a Large Pointer
	// Update: 384 with LARGE_POINTER_FLAG_384x384 at Depth 32, else 0
	// (none are sent).
	MaxLargeSize int
	// MaxBytes bounds one encoded attribute (the update's body). 0 means
	// no bound.
	MaxBytes int
}

// ForClient returns the Format for a client from its negotiated
// capabilities ([MS-RDPBCGR] 2.2.7.1.5, 2.2.7.2.7) and the session's
// update limit (session.UpdateLimit: the client's Multifragment
// MaxRequestSize on the fast path, one PDU on the slow path):
//
//   - a nonzero pointerCacheSize allows New Pointer Updates at 32 bpp;
//     without one ("If the value … is zero or the Pointer Capability Set
//     sent from the client does not include this field, the server will
//     not use the New Pointer Update") a nonzero colorPointerCacheSize
//     allows 24-bpp Color Pointer Updates; with neither no shapes go;
//   - LARGE_POINTER_FLAG_96x96 raises the size limit from 32 to 96, and
//     LARGE_POINTER_FLAG_384x384 allows Large Pointer Updates up to 384.
func ForClient(n *caps.Negotiated, updateLimit int) Format {
	f := Format{MaxSize: pdu.MaxPointerSizeSmall, MaxBytes: max(updateLimit-slowPathPointerHeader, 1)}
	switch {
	case n.HasPointerCacheSize && n.PointerCacheSize > 0:
		f.Depth, f.CacheSize = 32, int(n.PointerCacheSize)
	case n.ColorPointerCacheSize > 0:
		f.Depth, f.CacheSize = 24, int(n.ColorPointerCacheSize)
	}
	if n.LargePointerFlags.Has(caps.LargePointerFlag96x96) {
		f.MaxSize = pdu.MaxPointerSize
	}
	if f.Depth == 32 && n.LargePointerFlags.Has(caps.LargePointerFlag384x384) {
		f.MaxLargeSize = pdu.MaxLargePointerSize
	}
	return f
}

// CanSendShapes reports whether the client takes shapes at all.
func (f Format) CanSendShapes() bool {
	return (f.Depth == 24 || f.Depth == 32) && f.CacheSize > 0 && f.MaxSize > 0
}

// Encode returns a New Pointer Update (32 bpp) storing s in cacheIndex,
// or with large a Large Pointer Update when s exceeds 96x96: the Format
// of a client with a pointer cache and both Large Pointer flags, without a
// byte limit. Use Format.Encode for a real client.
func Encode(s Shape, cacheIndex uint16, large bool) (pdu.PointerAttribute, error) {
	f := Format{Depth: 32, CacheSize: 1 << 16, MaxSize: pdu.MaxPointerSize}
	if large {
		f.MaxLargeSize = pdu.MaxLargePointerSize
	}
	return f.Encode(s, cacheIndex)
}

// Encode returns the update that stores s in slot cacheIndex of the
// client's pointer cache and shows it: a *pdu.NewPointer or
// *pdu.LargePointer at Depth 32, a *pdu.ColorPointer at Depth 24. The
// shape is fitted to the client as the package documentation describes
// (hot spot clamped; transparent margins trimmed, then scaled down, only
// when too big). It fails for an invalid shape, an index outside the
// cache, a Format that takes no shapes, or a MaxBytes too small for even
// a 1x1 shape.
func (f Format) Encode(s Shape, cacheIndex uint16) (pdu.PointerAttribute, error) {
	if !f.CanSendShapes() {
		return nil, ErrNoShapes
	}
	if int(cacheIndex) >= f.CacheSize {
		return nil, fmt.Errorf("pointer: cache index %d, the client has %d slots", cacheIndex, f.CacheSize)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	s.HotX, s.HotY = min(max(s.HotX, 0), s.Width-1), min(max(s.HotY, 0), s.Height-1)
	s, large, err := f.fit(s)
	if err != nil {
		return nil, err
	}
	xor, and := masks(s, f.Depth)
	hot := pdu.Point16{X: uint16(s.HotX), Y: uint16(s.HotY)}
	w, h := uint16(s.Width), uint16(s.Height)
	switch {
	case large:
		return &pdu.LargePointer{XorBpp: uint16(f.Depth), CacheIndex: cacheIndex, HotSpot: hot,
			Width: w, Height: h, XorMask: xor, AndMask: and}, nil
	case f.Depth == 24:
		return &pdu.ColorPointer{CacheIndex: cacheIndex, HotSpot: hot, Width: w, Height: h, XorMask: xor, AndMask: and}, nil
	}
	return &pdu.NewPointer{XorBpp: uint16(f.Depth), ColorPtrAttr: pdu.ColorPointer{
		CacheIndex: cacheIndex, HotSpot: hot, Width: w, Height: h, XorMask: xor, AndMask: and,
	}}, nil
}

// Update returns the update that shows s: a Cached Pointer Update when c
// says the client holds it, else Encode into the slot c assigned (which c
// forgets again if encoding fails). c then assumes the client holds s:
// if the update is not sent after all, Forget its slot (or Reset c).
func (f Format) Update(c *Cache, s Shape) (pdu.PointerAttribute, error) {
	idx, hit := c.Lookup(s)
	if hit {
		return &pdu.CachedPointer{CacheIndex: idx}, nil
	}
	attr, err := f.Encode(s, idx)
	if err != nil {
		c.Forget(idx)
		return nil, err
	}
	return attr, nil
}

// encodedSize returns the size of the attribute for a w×h shape.
func (f Format) encodedSize(w, h int, large bool) int {
	n := pdu.PointerXorRowSize(w, f.Depth)*h + pdu.PointerAndRowSize(w)*h
	switch {
	case large:
		return n + 20 // xorBpp … lengthXorMask (u32)
	case f.Depth == 24:
		return n + 14 // cacheIndex … lengthXorMask
	}
	return n + 16 // xorBpp, then the Color Pointer fields
}

// fit returns s at a size the client takes, and whether that needs a
// Large Pointer Update.
func (f Format) fit(s Shape) (Shape, bool, error) {
	maxLarge := max(f.MaxLargeSize, f.MaxSize)
	fits := func(w, h int) (ok, large bool) {
		large = w > f.MaxSize || h > f.MaxSize
		ok = w <= maxLarge && h <= maxLarge && (f.MaxBytes <= 0 || f.encodedSize(w, h, large) <= f.MaxBytes)
		return ok, large
	}
	if ok, large := fits(s.Width, s.Height); ok {
		return s, large, nil
	}
	s = trim(s)
	if ok, large := fits(s.Width, s.Height); ok {
		return s, large, nil
	}
	for limit := min(max(s.Width, s.Height)-1, maxLarge); limit > 0; limit-- {
		w, h := fitInside(s.Width, s.Height, limit)
		if ok, large := fits(w, h); ok {
			return scale(s, w, h), large, nil
		}
	}
	return Shape{}, false, fmt.Errorf("pointer: a pointer update may carry only %d bytes, too few for any shape", f.MaxBytes)
}

// fitInside returns w×h scaled down, aspect kept, to fit in limit×limit.
func fitInside(w, h, limit int) (int, int) {
	if w <= limit && h <= limit {
		return w, h
	}
	if w >= h {
		return limit, max(1, (h*limit+w/2)/w)
	}
	return max(1, (w*limit+h/2)/h), limit
}

// trim crops the fully transparent margins of s, keeping the hot spot
// inside. It returns s itself when there is nothing to crop.
func trim(s Shape) Shape {
	x0, y0, x1, y1 := s.HotX, s.HotY, s.HotX+1, s.HotY+1
	for y := range s.Height {
		for x := range s.Width {
			if s.Pix[s.pixel(x, y)+3] != 0 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if x0 == 0 && y0 == 0 && x1 == s.Width && y1 == s.Height {
		return s
	}
	t := Shape{Width: x1 - x0, Height: y1 - y0, HotX: s.HotX - x0, HotY: s.HotY - y0}
	t.Pix = make([]byte, 0, t.Width*t.Height*4)
	for y := y0; y < y1; y++ {
		t.Pix = append(t.Pix, s.Pix[s.pixel(x0, y):s.pixel(x1, y)]...)
	}
	return t
}

// scale returns s shrunk to w×h (each no bigger than s's): every target
// pixel averages the source pixels its area covers, weighted by alpha
// (that is, in premultiplied space), and the hot spot moves with the
// image.
func scale(s Shape, w, h int) Shape {
	t := Shape{Width: w, Height: h, Pix: make([]byte, w*h*4)}
	t.HotX = min(s.HotX*w/s.Width, w-1)
	t.HotY = min(s.HotY*h/s.Height, h-1)
	for ty := range h {
		sy0, sy1 := ty*s.Height/h, max((ty+1)*s.Height/h, ty*s.Height/h+1)
		for tx := range w {
			sx0, sx1 := tx*s.Width/w, max((tx+1)*s.Width/w, tx*s.Width/w+1)
			var sb, sg, sr, sa, n uint64
			for y := sy0; y < sy1; y++ {
				for x := sx0; x < sx1; x++ {
					p := s.Pix[s.pixel(x, y):]
					a := uint64(p[3])
					sb += uint64(p[0]) * a
					sg += uint64(p[1]) * a
					sr += uint64(p[2]) * a
					sa += a
					n++
				}
			}
			if sa == 0 {
				continue // transparent: zero
			}
			o := t.pixel(tx, ty)
			t.Pix[o] = byte((sb + sa/2) / sa)
			t.Pix[o+1] = byte((sg + sa/2) / sa)
			t.Pix[o+2] = byte((sr + sa/2) / sa)
			t.Pix[o+3] = byte((sa + n/2) / n)
			if t.Pix[o+3] == 0 {
				t.Pix[o], t.Pix[o+1], t.Pix[o+2] = 0, 0, 0
			}
		}
	}
	return t
}

// alphaCut is the alpha from which a pixel is opaque at 24 bpp.
const alphaCut = 128

// masks returns the XOR mask at depth (32 or 24) and the AND mask of s,
// both bottom-up with 2-byte line padding.
func masks(s Shape, depth int) (xor, and []byte) {
	xorRow, andRow := pdu.PointerXorRowSize(s.Width, depth), pdu.PointerAndRowSize(s.Width)
	xor = make([]byte, xorRow*s.Height)
	and = make([]byte, andRow*s.Height)
	bpp := depth / 8
	for y := range s.Height {
		line := s.Height - 1 - y // the first line on the wire is the bottom row
		xl, al := xor[line*xorRow:], and[line*andRow:]
		for x := range s.Width {
			p := s.Pix[s.pixel(x, y):]
			transparent := p[3] == 0
			if depth == 24 {
				transparent = p[3] < alphaCut
			}
			if transparent {
				al[x/8] |= 0x80 >> (x % 8)
				continue // XOR stays black (and alpha 0)
			}
			copy(xl[x*bpp:x*bpp+bpp], p[:bpp])
		}
	}
	return xor, and
}
