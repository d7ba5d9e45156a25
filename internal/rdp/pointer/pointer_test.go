package pointer

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// shapeOf builds a Shape from top-down BGRA rows.
func shapeOf(w, h, hx, hy int, rows ...string) Shape {
	var pix []byte
	for _, r := range rows {
		pix = append(pix, rdptest.Hex(r)...)
	}
	return Shape{Width: w, Height: h, HotX: hx, HotY: hy, Pix: pix}
}

// solid returns a w×h shape of one BGRA color.
func solid(w, h, hx, hy int, bgra [4]byte) Shape {
	s := Shape{Width: w, Height: h, HotX: hx, HotY: hy, Pix: make([]byte, 0, w*h*4)}
	for range w * h {
		s.Pix = append(s.Pix, bgra[:]...)
	}
	return s
}

// randomShape has random colors and alphas, a quarter of them 0 and a
// quarter 255.
func randomShape(rng *rand.Rand, w, h int) Shape {
	s := Shape{Width: w, Height: h, HotX: rng.IntN(w), HotY: rng.IntN(h), Pix: make([]byte, w*h*4)}
	for i := 0; i < len(s.Pix); i += 4 {
		for c := range 3 {
			s.Pix[i+c] = byte(rng.Uint32())
		}
		switch rng.IntN(4) {
		case 0:
			s.Pix[i+3] = 0
		case 1:
			s.Pix[i+3] = 0xFF
		default:
			s.Pix[i+3] = byte(rng.Uint32())
		}
	}
	return s
}

// wireRoundTrip encodes attr, decodes the bytes back into a fresh
// attribute of the same type, and decodes that into a Shape.
func wireRoundTrip(t *testing.T, attr pdu.PointerAttribute) (Shape, uint16) {
	t.Helper()
	b, err := wire.Marshal(attr)
	if err != nil {
		t.Fatal(err)
	}
	code, data, err := FastPath(attr)
	if err != nil || !bytes.Equal(data, b) {
		t.Fatalf("FastPath: %v", err)
	}
	back, err := DecodeFastPath(code, data)
	if err != nil {
		t.Fatal(err)
	}
	s, idx, err := Decode(back)
	if err != nil {
		t.Fatal(err)
	}
	return s, idx
}

// threshold24 is what a shape looks like after a 24-bpp Color Pointer
// Update: opaque from alpha 128, else transparent.
func threshold24(s Shape) Shape {
	t := s
	t.Pix = bytes.Clone(s.Pix)
	for i := 0; i < len(t.Pix); i += 4 {
		if t.Pix[i+3] < alphaCut {
			copy(t.Pix[i:i+4], []byte{0, 0, 0, 0})
		} else {
			t.Pix[i+3] = 0xFF
		}
	}
	return t
}

// TestEncodeGolden: the 2x2 shape whose New Pointer Update is the pdu
// package's hand-built vector (pointer_test.go newPointerVector).
func TestEncodeGolden(t *testing.T) {
	s := shapeOf(2, 2, 0, 1,
		"40506080 01020304", // top row
		"102030ff 00000000", // bottom row
	)
	attr, err := Encode(s, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := wire.Marshal(attr)
	want := rdptest.Hex(`
		20 00  00 00  00 00 01 00  02 00 02 00  04 00  10 00
		10 20 30 ff  00 00 00 00   40 50 60 80  01 02 03 04
		40 00  00 00`)
	if !bytes.Equal(got, want) {
		t.Errorf("got  %x\nwant %x", got, want)
	}

	// The same shape as a 24-bpp Color Pointer Update: the half-alpha
	// pixel (0x80) is opaque, the 0x04 one transparent.
	f := Format{Depth: 24, CacheSize: 20, MaxSize: 32}
	attr, err = f.Encode(s, 7)
	if err != nil {
		t.Fatal(err)
	}
	got, _ = wire.Marshal(attr)
	want = rdptest.Hex(`
		07 00  00 00 01 00  02 00 02 00  04 00  0c 00
		10 20 30  00 00 00   40 50 60  00 00 00
		40 00  40 00`)
	if _, ok := attr.(*pdu.ColorPointer); !ok || !bytes.Equal(got, want) {
		t.Errorf("%T\ngot  %x\nwant %x", attr, got, want)
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := [][2]int{{1, 1}, {2, 3}, {7, 7}, {15, 16}, {17, 9}, {32, 32}, {41, 39}, {95, 96}, {96, 96}}
	for _, sz := range sizes {
		s := randomShape(rng, sz[0], sz[1])
		// 32 bpp: lossless except the color of transparent pixels.
		attr, err := Encode(s, 3, false)
		if err != nil {
			t.Fatal(err)
		}
		got, idx := wireRoundTrip(t, attr)
		if idx != 3 || !Equal(s, got) {
			t.Errorf("%dx%d at 32 bpp: index %d, %s", sz[0], sz[1], idx, Diff(s, got))
		}
		// 24 bpp: alpha thresholded.
		f := Format{Depth: 24, CacheSize: 25, MaxSize: 96}
		if attr, err = f.Encode(s, 24); err != nil {
			t.Fatal(err)
		}
		got, idx = wireRoundTrip(t, attr)
		if want := threshold24(s); idx != 24 || !Equal(want, got) {
			t.Errorf("%dx%d at 24 bpp: index %d, %s", sz[0], sz[1], idx, Diff(want, got))
		}
	}
	// Large Pointer Updates above 96x96.
	for _, sz := range [][2]int{{97, 97}, {128, 40}, {384, 384}} {
		s := randomShape(rng, sz[0], sz[1])
		attr, err := Encode(s, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := attr.(*pdu.LargePointer); !ok {
			t.Fatalf("%dx%d: %T", sz[0], sz[1], attr)
		}
		if got, _ := wireRoundTrip(t, attr); !Equal(s, got) {
			t.Errorf("%dx%d large: %s", sz[0], sz[1], Diff(s, got))
		}
	}
}

func TestFit(t *testing.T) {
	red := [4]byte{0, 0, 0xFF, 0xFF}
	// A 128x128 image with a 20x30 opaque block: the transparent margin
	// goes, nothing is scaled.
	s := solid(128, 128, 0, 0, [4]byte{})
	for y := 40; y < 70; y++ {
		for x := 10; x < 30; x++ {
			copy(s.Pix[s.pixel(x, y):], red[:])
		}
	}
	s.HotX, s.HotY = 12, 45
	f := Format{Depth: 32, CacheSize: 20, MaxSize: 32}
	attr, err := f.Encode(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := wireRoundTrip(t, attr)
	if want := solid(20, 30, 2, 5, red); !Equal(want, got) {
		t.Errorf("trimmed: %s", Diff(want, got))
	}
	// The hot spot stays inside the trimmed shape (30x70), which is then
	// scaled to fit 32x32.
	s.HotX, s.HotY = 0, 0
	attr, _ = f.Encode(s, 0)
	if got, _ = wireRoundTrip(t, attr); got.Width != 14 || got.Height != 32 || got.HotX != 0 || got.HotY != 0 {
		t.Errorf("trimmed to the hot spot: %dx%d hot (%d,%d)", got.Width, got.Height, got.HotX, got.HotY)
	}

	cases := []struct {
		name      string
		f         Format
		w, h      int
		hx, hy    int
		wantW     int
		wantH     int
		wantHX    int
		wantHY    int
		wantLarge bool
	}{
		{"fits", Format{Depth: 32, CacheSize: 1, MaxSize: 32}, 32, 32, 5, 6, 32, 32, 5, 6, false},
		{"scaled-to-96", Format{Depth: 32, CacheSize: 1, MaxSize: 96}, 128, 128, 64, 64, 96, 96, 48, 48, false},
		{"scaled-to-32", Format{Depth: 32, CacheSize: 1, MaxSize: 32}, 128, 128, 127, 0, 32, 32, 31, 0, false},
		{"aspect-kept", Format{Depth: 32, CacheSize: 1, MaxSize: 96}, 200, 100, 199, 99, 96, 48, 95, 47, false},
		{"tall", Format{Depth: 24, CacheSize: 1, MaxSize: 32}, 10, 300, 0, 150, 1, 32, 0, 16, false},
		{"large", Format{Depth: 32, CacheSize: 1, MaxSize: 96, MaxLargeSize: 384}, 128, 128, 1, 1, 128, 128, 1, 1, true},
		{"large-scaled", Format{Depth: 32, CacheSize: 1, MaxSize: 96, MaxLargeSize: 384}, 512, 256, 0, 0, 384, 192, 0, 0, true},
		// One slow-path PDU: 62x62 at 32 bpp is the largest that fits.
		{"bytes-slow-path", Format{Depth: 32, CacheSize: 1, MaxSize: 96, MaxBytes: 0x3FFF - 64 - 4}, 96, 96, 95, 95, 62, 62, 61, 61, false},
		// 608,299 is the spec's minimum MaxRequestSize for 384x384.
		{"bytes-large", Format{Depth: 32, CacheSize: 1, MaxSize: 96, MaxLargeSize: 384, MaxBytes: 608299 - 4}, 384, 384, 0, 0, 384, 384, 0, 0, true},
		{"bytes-below-large", Format{Depth: 32, CacheSize: 1, MaxSize: 96, MaxLargeSize: 384, MaxBytes: 100000}, 384, 384, 0, 0, 155, 155, 0, 0, true},
		{"hot-clamped", Format{Depth: 32, CacheSize: 1, MaxSize: 96}, 10, 10, 100, -3, 10, 10, 9, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			color := [4]byte{0x11, 0x22, 0x33, 0xFF}
			attr, err := c.f.Encode(solid(c.w, c.h, c.hx, c.hy, color), 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, large := attr.(*pdu.LargePointer); large != c.wantLarge {
				t.Errorf("%T", attr)
			}
			if c.f.MaxBytes > 0 && attr.Size() > c.f.MaxBytes {
				t.Errorf("%d bytes, limit %d", attr.Size(), c.f.MaxBytes)
			}
			got, _ := wireRoundTrip(t, attr)
			// A solid color stays exactly that color when averaged.
			if want := solid(c.wantW, c.wantH, c.wantHX, c.wantHY, color); !Equal(want, got) {
				t.Errorf("%s", Diff(want, got))
			}
		})
	}
}

func TestScaleAverages(t *testing.T) {
	// Alpha-weighted: a transparent neighbour does not darken the color.
	s := shapeOf(4, 1, 0, 0, "0000ffff 00000000 00ff0040 00ff00c0")
	got := scale(s, 2, 1)
	if want := rdptest.Hex("0000ff80 00ff0080"); !bytes.Equal(got.Pix, want) {
		t.Errorf("got %x, want %x", got.Pix, want)
	}
}

func TestEncodeErrors(t *testing.T) {
	s := solid(4, 4, 0, 0, [4]byte{1, 2, 3, 4})
	for name, c := range map[string]struct {
		f    Format
		s    Shape
		idx  uint16
		want error
	}{
		"no-cache":      {Format{Depth: 32, MaxSize: 32}, s, 0, ErrNoShapes},
		"no-depth":      {Format{CacheSize: 5, MaxSize: 32}, s, 0, ErrNoShapes},
		"index-too-big": {Format{Depth: 32, CacheSize: 5, MaxSize: 32}, s, 5, nil},
		"empty-shape":   {Format{Depth: 32, CacheSize: 5, MaxSize: 32}, Shape{}, 0, ErrBadShape},
		"short-pix":     {Format{Depth: 32, CacheSize: 5, MaxSize: 32}, Shape{Width: 2, Height: 2, Pix: make([]byte, 15)}, 0, ErrBadShape},
		"huge":          {Format{Depth: 32, CacheSize: 5, MaxSize: 32}, Shape{Width: 2000, Height: 1, Pix: make([]byte, 8000)}, 0, ErrBadShape},
		"no-bytes":      {Format{Depth: 32, CacheSize: 5, MaxSize: 32, MaxBytes: 10}, s, 0, nil},
	} {
		_, err := c.f.Encode(c.s, c.idx)
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

func TestForClient(t *testing.T) {
	u16 := func(v uint16) *uint16 { return &v }
	neg := func(sets ...caps.Set) *caps.Negotiated {
		n := caps.Negotiate(sets)
		return &n
	}
	cases := []struct {
		name string
		n    *caps.Negotiated
		want Format
	}{
		{"xfreerdp", neg(&caps.Pointer{ColorPointerCacheSize: 20, PointerCacheSize: u16(20)},
			&caps.LargePointer{LargePointerSupportFlags: caps.LargePointerFlag96x96 | caps.LargePointerFlag384x384}),
			Format{Depth: 32, CacheSize: 20, MaxSize: 96, MaxLargeSize: 384, MaxBytes: 1 << 20}},
		{"mstsc-no-large", neg(&caps.Pointer{ColorPointerCacheSize: 20, PointerCacheSize: u16(21)}),
			Format{Depth: 32, CacheSize: 21, MaxSize: 32, MaxBytes: 1 << 20}},
		{"96-only", neg(&caps.Pointer{ColorPointerCacheSize: 20, PointerCacheSize: u16(21)}, &caps.LargePointer{LargePointerSupportFlags: caps.LargePointerFlag96x96}),
			Format{Depth: 32, CacheSize: 21, MaxSize: 96, MaxBytes: 1 << 20}},
		{"no-pointerCacheSize", neg(&caps.Pointer{ColorPointerCacheSize: 20},
			&caps.LargePointer{LargePointerSupportFlags: caps.LargePointerFlag96x96 | caps.LargePointerFlag384x384}),
			Format{Depth: 24, CacheSize: 20, MaxSize: 96, MaxBytes: 1 << 20}},
		{"pointerCacheSize-0", neg(&caps.Pointer{ColorPointerCacheSize: 6, PointerCacheSize: u16(0)}),
			Format{Depth: 24, CacheSize: 6, MaxSize: 32, MaxBytes: 1 << 20}},
		{"no-caches", neg(&caps.Pointer{PointerCacheSize: u16(0)}), Format{MaxSize: 32, MaxBytes: 1 << 20}},
		{"no-pointer-set", neg(), Format{MaxSize: 32, MaxBytes: 1 << 20}},
	}
	for _, c := range cases {
		if got := ForClient(c.n, 1<<20+4); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if ForClient(cases[5].n, 0).CanSendShapes() || !ForClient(cases[0].n, 100).CanSendShapes() {
		t.Error("CanSendShapes")
	}
}

func TestCache(t *testing.T) {
	a, b, c := solid(1, 1, 0, 0, [4]byte{1}), solid(1, 1, 0, 0, [4]byte{2}), solid(1, 1, 0, 0, [4]byte{3})
	cache := NewCache(2)
	steps := []struct {
		s    Shape
		idx  uint16
		hit  bool
		desc string
	}{
		{a, 0, false, "a into the first free slot"},
		{b, 1, false, "b into the second"},
		{a, 0, true, "a cached"},
		{c, 1, false, "c evicts b, the least recently used"},
		{b, 0, false, "b evicts a"},
		{c, 1, true, "c still cached"},
	}
	for _, st := range steps {
		if idx, hit := cache.Lookup(st.s); idx != st.idx || hit != st.hit {
			t.Fatalf("%s: Lookup = %d, %v", st.desc, idx, hit)
		}
	}
	cache.Forget(1)
	if idx, hit := cache.Lookup(c); idx != 1 || hit {
		t.Errorf("after Forget: %d, %v", idx, hit)
	}
	cache.Forget(9) // out of range: ignored
	cache.Reset()
	if cache.Len() != 0 {
		t.Errorf("Len after Reset = %d", cache.Len())
	}
	if idx, hit := cache.Lookup(b); idx != 0 || hit {
		t.Errorf("after Reset: %d, %v", idx, hit)
	}
	if NewCache(0).Size() != 1 || NewCache(1<<20).Size() != 1<<16 {
		t.Error("NewCache clamps")
	}
	// Same pixels, other hot spot: another shape.
	if a.Key() == solid(1, 1, 0, 1, [4]byte{1}).Key() && a.Key() == b.Key() {
		t.Error("Key ignores the hot spot or the pixels")
	}

	// Update: New the first time, Cached the next, a failed encoding is
	// forgotten.
	f := Format{Depth: 32, CacheSize: 2, MaxSize: 32}
	cache = NewCache(f.CacheSize)
	if u, err := f.Update(cache, a); err != nil || u.(*pdu.NewPointer).ColorPtrAttr.CacheIndex != 0 {
		t.Fatalf("first: %#v %v", u, err)
	}
	if u, err := f.Update(cache, a); err != nil || *u.(*pdu.CachedPointer) != (pdu.CachedPointer{CacheIndex: 0}) {
		t.Fatalf("second: %#v %v", u, err)
	}
	if _, err := f.Update(cache, Shape{Width: 1, Height: 1}); err == nil || cache.Len() != 1 {
		t.Fatalf("bad shape: %v, %d cached", err, cache.Len())
	}
}

func TestFastPathMapping(t *testing.T) {
	newAttr, _ := Encode(solid(2, 2, 1, 1, [4]byte{9, 8, 7, 6}), 4, false)
	largeAttr, _ := Encode(solid(100, 2, 1, 1, [4]byte{9, 8, 7, 6}), 5, true)
	colorAttr, _ := Format{Depth: 24, CacheSize: 9, MaxSize: 32}.Encode(solid(2, 2, 1, 1, [4]byte{9, 8, 7, 0xFF}), 6)
	cases := []struct {
		attr pdu.PointerAttribute
		code fastpath.UpdateCode
		data string
	}{
		{&pdu.SystemPointer{Type: pdu.SystemPointerNull}, fastpath.UpdatePtrNull, ""},
		{&pdu.SystemPointer{Type: pdu.SystemPointerDefault}, fastpath.UpdatePtrDefault, ""},
		{&pdu.PointerPosition{X: 0x102, Y: 0x304}, fastpath.UpdatePtrPosition, "02 01 04 03"},
		{&pdu.CachedPointer{CacheIndex: 7}, fastpath.UpdateCached, "07 00"},
		{colorAttr, fastpath.UpdateColor, ""},
		{newAttr, fastpath.UpdatePointer, ""},
		{largeAttr, fastpath.UpdateLargePointer, ""},
	}
	for _, c := range cases {
		code, data, err := FastPath(c.attr)
		if err != nil || code != c.code {
			t.Fatalf("%T: %v %v", c.attr, code, err)
		}
		if c.data != "" && !bytes.Equal(data, rdptest.Hex(c.data)) {
			t.Errorf("%v: %x", code, data)
		}
		if !IsFastPathCode(code) {
			t.Errorf("IsFastPathCode(%v)", code)
		}
		back, err := DecodeFastPath(code, data)
		if err != nil {
			t.Fatalf("%v: %v", code, err)
		}
		if again, _ := wire.Marshal(back); !bytes.Equal(again, data) && len(data) > 0 {
			t.Errorf("%v: re-encoded %x, want %x", code, again, data)
		}
		if back.PointerMessageType() != c.attr.PointerMessageType() {
			t.Errorf("%v decoded to %T", code, back)
		}
	}
	if _, _, err := FastPath(&pdu.SystemPointer{Type: 5}); err == nil {
		t.Error("SystemPointer 5 mapped")
	}
	for _, c := range []struct {
		code fastpath.UpdateCode
		data string
	}{
		{fastpath.UpdatePtrNull, "00"},
		{fastpath.UpdatePtrDefault, "00 00 00 00"},
		{fastpath.UpdatePtrPosition, "01 00"},
		{fastpath.UpdateBitmap, ""},
		{fastpath.UpdateCached, "01 00 00"},
	} {
		if _, err := DecodeFastPath(c.code, rdptest.Hex(c.data)); err == nil {
			t.Errorf("%v %q decoded", c.code, c.data)
		}
	}
	if IsFastPathCode(fastpath.UpdateBitmap) || IsFastPathCode(fastpath.UpdateSurfCmds) {
		t.Error("IsFastPathCode(bitmap)")
	}
}

func TestDecodeRendering(t *testing.T) {
	// 24 bpp, 4x1: AND bits on pixels 0 (black: transparent), 1 (white:
	// inverted, FreeRDP's checker, black at x+y odd) and 2 (red:
	// transparent); pixel 3 opaque.
	c := &pdu.ColorPointer{Width: 4, Height: 1, HotSpot: pdu.Point16{X: 3},
		XorMask: rdptest.Hex("000000 ffffff 0000ff 00ff00"),
		AndMask: []byte{0xE0, 0}}
	s, _, err := Decode(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := rdptest.Hex("00000000 000000ff 00000000 00ff00ff"); !bytes.Equal(s.Pix, want) {
		t.Errorf("24 bpp: %x, want %x", s.Pix, want)
	}
	// 32 bpp, 4x1: AND on opaque black (transparent), opaque white
	// (checker at x=1: black), a half-alpha red (kept); no AND on black.
	n := &pdu.NewPointer{XorBpp: 32, ColorPtrAttr: pdu.ColorPointer{Width: 4, Height: 1,
		XorMask: rdptest.Hex("000000ff ffffffff 0000ff80 000000ff"), AndMask: []byte{0xE0, 0}}}
	if s, _, err = Decode(n); err != nil {
		t.Fatal(err)
	}
	if want := rdptest.Hex("00000000 000000ff 0000ff80 000000ff"); !bytes.Equal(s.Pix, want) {
		t.Errorf("32 bpp: %x, want %x", s.Pix, want)
	}
	for name, attr := range map[string]pdu.PointerAttribute{
		"hot-outside": &pdu.ColorPointer{Width: 1, Height: 1, HotSpot: pdu.Point16{X: 1}, XorMask: make([]byte, 4), AndMask: make([]byte, 2)},
		"1bpp":        &pdu.NewPointer{XorBpp: 1, ColorPtrAttr: pdu.ColorPointer{Width: 1, Height: 1, XorMask: make([]byte, 2), AndMask: make([]byte, 2)}},
		"cached":      &pdu.CachedPointer{},
		"bad-masks":   &pdu.LargePointer{XorBpp: 32, Width: 1, Height: 1, XorMask: make([]byte, 3), AndMask: make([]byte, 2)},
	} {
		if _, _, err := Decode(attr); err == nil {
			t.Errorf("%s decoded", name)
		}
	}
}

func TestFromARGB32(t *testing.T) {
	s, err := FromARGB32(3, 1, 2, 0, []uint32{0xFF102030, 0x80404040, 0x00FFFFFF}, true)
	if err != nil {
		t.Fatal(err)
	}
	// Premultiplied 0x40 at alpha 0x80 is straight 0x80; a transparent
	// pixel's color is dropped.
	if want := rdptest.Hex("302010ff 80808080 00000000"); !bytes.Equal(s.Pix, want) {
		t.Errorf("%x, want %x", s.Pix, want)
	}
	if s, _ = FromARGB32(1, 1, 0, 0, []uint32{0x80404040}, false); !bytes.Equal(s.Pix, rdptest.Hex("40404080")) {
		t.Errorf("straight: %x", s.Pix)
	}
	if _, err := FromARGB32(2, 2, 0, 0, make([]uint32, 3), false); !errors.Is(err, ErrBadShape) {
		t.Errorf("short: %v", err)
	}
}
