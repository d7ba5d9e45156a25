package planar

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// roundTrip encodes the w×h rectangle at pix with e, decodes it and
// compares; it returns the encoded stream.
func roundTrip(t *testing.T, e *Encoder, pix []byte, stride, w, h int) []byte {
	t.Helper()
	enc, err := e.Encode(nil, pix, stride, w, h)
	if err != nil {
		t.Fatalf("Encode %dx%d: %v", w, h, err)
	}
	if len(enc) > e.MaxLen(w, h) {
		t.Fatalf("%dx%d: %d bytes > MaxLen %d", w, h, len(enc), e.MaxLen(w, h))
	}
	ew := e.Width(w)
	got := codectest.New(ew, h)
	if err := Decode(enc, ew, h, got.Pix, got.Stride); err != nil {
		t.Fatalf("Decode %dx%d (%v): %v", ew, h, FormatHeader(enc[0]), err)
	}
	if d := codectest.DiffBGR(got.Pix, got.Stride, pix, stride, w, h); d != "" {
		t.Fatalf("%dx%d (%v): %s", w, h, FormatHeader(enc[0]), d)
	}
	for y := range h { // padding columns repeat the last column
		for x := w; x < ew; x++ {
			if d := codectest.DiffBGR(got.Pix[y*got.Stride+x*4:], 0, pix[y*stride+(w-1)*4:], 0, 1, 1); d != "" {
				t.Fatalf("padding column %d row %d: %s", x, y, d)
			}
		}
	}
	for y := range h { // opaque
		for x := range ew {
			if a := got.Pix[y*got.Stride+x*4+3]; a != 0xFF {
				t.Fatalf("alpha at (%d,%d) = %#x", x, y, a)
			}
		}
	}
	return enc
}

func TestRoundTrip(t *testing.T) {
	images := []struct {
		name string
		m    *codectest.Image
		raw  bool // expected to fall back to raw planes
	}{
		{"solid 64x64", codectest.Solid(64, 64, 0x12, 0x34, 0x56), false},
		{"white 64x64", codectest.Solid(64, 64, 0xFF, 0xFF, 0xFF), false},
		{"gradient 64x64", codectest.Gradient(64, 64), false},
		{"gradient 200x100", codectest.Gradient(200, 100), false},
		{"noise 64x64", codectest.Noise(64, 64, 1), true},
		{"noise 63x17", codectest.Noise(63, 17, 2), true},
		{"text 64x64", codectest.Text(64, 64, 3), false},
		{"text 300x40", codectest.Text(300, 40, 4), false},
		{"1x1", codectest.Solid(1, 1, 1, 2, 3), false},
		{"1x1 noise", codectest.Noise(1, 1, 5), false},
		{"63x17 gradient", codectest.Gradient(63, 17), false},
		{"63x17 text", codectest.Text(63, 17, 6), false},
		{"5x3", codectest.Noise(5, 3, 7), true},
		{"1x64", codectest.Gradient(1, 64), false},
		{"64x1", codectest.Gradient(64, 1), false},
		{"1300x3 text (scanlines in chunks)", codectest.Text(1300, 20, 8), false},
		{"desktop 256x192", codectest.Desktop(256, 192), false},
		// Rows equal to the row below take the all-zero-delta shortcut.
		{"solid 1301x4 (equal rows longer than a chunk)", codectest.Solid(1301, 4, 9, 8, 7), false},
		{"solid 2x8 (equal rows too short for a run)", codectest.Solid(2, 8, 9, 8, 7), false},
	}
	for _, im := range images {
		for _, e := range []Encoder{{}, {AlignWidth: true}, {Alpha: true}, {AlignWidth: true, Alpha: true}} {
			t.Run(fmt.Sprintf("%s/%+v", im.name, e), func(t *testing.T) {
				enc := roundTrip(t, &e, im.m.Pix, im.m.Stride, im.m.Width, im.m.Height)
				h := FormatHeader(enc[0])
				planes := 3
				if e.Alpha {
					planes = 4
				}
				rawLen := 2 + planes*e.Width(im.m.Width)*im.m.Height
				if h&RLE == 0 && len(enc) != rawLen {
					t.Errorf("raw stream is %d bytes, want %d", len(enc), rawLen)
				}
				if len(enc) > rawLen {
					t.Errorf("stream is %d bytes, longer than raw planes (%d)", len(enc), rawLen)
				}
				if im.raw && e == (Encoder{}) && h&RLE != 0 {
					t.Errorf("noise encoded as %v (%d bytes), want raw planes", h, len(enc))
				}
				if !im.raw && im.m.Width >= 4 && im.m.Width*im.m.Height > 16 && h&RLE == 0 {
					t.Errorf("encoded as raw planes, want RLE")
				}
				if e.Alpha == (h&NA != 0) {
					t.Errorf("FormatHeader %v with Alpha %v", h, e.Alpha)
				}
			})
		}
	}
}

func TestRoundTripTiles(t *testing.T) {
	// 64×64 tiles (and the smaller edge tiles) of a desktop encoded in
	// place, with the framebuffer's stride.
	m := codectest.Desktop(700, 300)
	var e Encoder
	codectest.Tiles(m.Width, m.Height, 64, func(x, y, w, h int) {
		pix, stride := m.Sub(x, y, w, h)
		roundTrip(t, &e, pix, stride, w, h)
	})
}

func TestSmallSizesExhaustive(t *testing.T) {
	for w := 1; w <= 9; w++ {
		for h := 1; h <= 5; h++ {
			for seed := range uint64(4) {
				m := codectest.Noise(w, h, seed+1)
				// Make runs likely: quantize to 2 levels per channel.
				for i := range m.Pix {
					m.Pix[i] &= 0x80
				}
				for _, e := range []Encoder{{}, {AlignWidth: true, Alpha: true}} {
					roundTrip(t, &e, m.Pix, m.Stride, w, h)
				}
			}
		}
	}
}

func TestEncodeAppends(t *testing.T) {
	m := codectest.Text(64, 64, 1)
	prefix := []byte("prefix")
	enc, err := Encode(append([]byte(nil), prefix...), m.Pix, m.Stride, 64, 64)
	if err != nil {
		t.Fatal(err)
	}
	alone, _ := Encode(nil, m.Pix, m.Stride, 64, 64)
	if !bytes.HasPrefix(enc, prefix) || !bytes.Equal(enc[len(prefix):], alone) {
		t.Error("Encode does not append to dst")
	}
	// Raw fallback also appends.
	n := codectest.Noise(16, 16, 1)
	enc, _ = Encode(append([]byte(nil), prefix...), n.Pix, n.Stride, 16, 16)
	alone, _ = Encode(nil, n.Pix, n.Stride, 16, 16)
	if !bytes.HasPrefix(enc, prefix) || !bytes.Equal(enc[len(prefix):], alone) {
		t.Error("raw Encode does not append to dst")
	}
}

func TestEncodeAllocs(t *testing.T) {
	var e Encoder
	for _, m := range []*codectest.Image{codectest.Text(64, 64, 1), codectest.Noise(64, 64, 1), codectest.Desktop(1000, 64)} {
		dst := make([]byte, 0, 4*m.Width*m.Height+2)
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := e.Encode(dst[:0], m.Pix, m.Stride, m.Width, m.Height); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%dx%d: %v allocations per Encode", m.Width, m.Height, allocs)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	pix := make([]byte, 64*4*64)
	for _, c := range []struct {
		name                  string
		pix                   []byte
		stride, width, height int
	}{
		{"zero width", pix, 256, 0, 1},
		{"zero height", pix, 256, 1, 0},
		{"negative", pix, 256, -1, 1},
		{"stride too small", pix, 8, 4, 4},
		{"buffer too short", pix[:255], 256, 64, 1},
		{"too wide", make([]byte, 4*65536), 4 * 65536, 65536, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			dst := []byte("keep")
			got, err := Encode(dst, c.pix, c.stride, c.width, c.height)
			if !errors.Is(err, codec.ErrGeometry) {
				t.Errorf("err = %v, want ErrGeometry", err)
			}
			if string(got) != "keep" {
				t.Errorf("dst changed to %q", got)
			}
		})
	}
	// The last row needs only width*4 bytes.
	if _, err := Encode(nil, pix[:256+16], 256, 4, 2); err != nil {
		t.Errorf("short last row: %v", err)
	}
	e := Encoder{AlignWidth: true}
	if _, err := e.Encode(nil, make([]byte, 4*65535), 4*65535, 65535, 1); !errors.Is(err, codec.ErrGeometry) {
		t.Errorf("aligned width 65536: err = %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	dst := codectest.New(4, 2)
	for _, c := range []struct {
		name string
		src  string
		w, h int
	}{
		{"empty", ``, 4, 2},
		{"reserved bit 0x40", `70 04 04 04 04 04 04`, 4, 1},
		{"reserved bit 0x80", `b0 04 04 04 04 04 04`, 4, 1},
		{"CS without CLL", `38 04 04 04 04 04 04`, 4, 1},
		{"zero control byte", `30 00 04 04`, 4, 1},
		{"segment overruns scanline", `30 05 04 04`, 4, 1},
		{"long run overruns", `30 01 04 04`, 4, 1},
		{"raw bytes missing", `30 40 01 02 03`, 4, 1},
		{"plane missing", `30 04 04`, 4, 1},
		{"trailing byte after RLE", `30 04 04 04 00`, 4, 1},
		{"alpha plane missing", `10 04 04 04`, 4, 1},
		{"raw planes short", `20 01 02 03 04 05 06 07 08 09 0a 0b`, 4, 1},
		{"raw planes plus two", `20 01 02 03 04 05 06 07 08 09 0a 0b 0c 00 00`, 4, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Decode(rdptest.Hex(c.src), c.w, c.h, dst.Pix, dst.Stride)
			var de *wire.DecodeError
			if !errors.As(err, &de) {
				t.Errorf("err = %v, want a *wire.DecodeError", err)
			}
		})
	}
	if err := Decode([]byte{0x30, 4, 4, 4}, 4, 2, dst.Pix[:10], dst.Stride); !errors.Is(err, codec.ErrGeometry) {
		t.Errorf("short dst: %v", err)
	}
	// Valid: run-only segments of zero, raw with and without the pad.
	for _, src := range []string{`30 04 04 04`, `20 01 02 03 04 05 06 07 08 09 0a 0b 0c`, `20 01 02 03 04 05 06 07 08 09 0a 0b 0c 7f`} {
		if err := Decode(rdptest.Hex(src), 4, 1, dst.Pix, dst.Stride); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
}

// TestDecodePrefixes checks that every strict prefix of encoded streams
// fails to decode, except the raw stream without its optional pad byte.
func TestDecodePrefixes(t *testing.T) {
	dst := codectest.New(64, 64)
	for _, m := range []*codectest.Image{codectest.Text(20, 10, 1), codectest.Noise(7, 5, 1), codectest.Solid(64, 64, 1, 2, 3)} {
		for _, e := range []Encoder{{}, {Alpha: true}} {
			enc, _ := e.Encode(nil, m.Pix, m.Stride, m.Width, m.Height)
			for n := range len(enc) {
				err := Decode(enc[:n], m.Width, m.Height, dst.Pix, dst.Stride)
				rawNoPad := FormatHeader(enc[0])&RLE == 0 && n == len(enc)-1
				if (err == nil) != rawNoPad {
					t.Errorf("%dx%d %v: prefix %d/%d: err = %v", m.Width, m.Height, FormatHeader(enc[0]), n, len(enc), err)
				}
			}
			if err := Decode(append(enc, 0, 0), m.Width, m.Height, dst.Pix, dst.Stride); err == nil {
				t.Errorf("%dx%d: two trailing bytes accepted", m.Width, m.Height)
			}
		}
	}
}

func TestDecodeAlphaPlane(t *testing.T) {
	// ARGB with an alpha plane: the alpha lands in the fourth byte.
	src := rdptest.Hex(`
		00                # FormatHeader: raw, alpha plane present
		10 20             # AlphaPlane (2x1)
		01 02             # LumaOrRedPlane
		03 04             # OrangeChromaOrGreenPlane
		05 06             # GreenChromaOrBluePlane
	`)
	dst := make([]byte, 8)
	if err := Decode(src, 2, 1, dst, 8); err != nil {
		t.Fatal(err)
	}
	if want := []byte{5, 3, 1, 0x10, 6, 4, 2, 0x20}; !bytes.Equal(dst, want) {
		t.Errorf("dst = % x, want % x", dst, want)
	}
}

func TestFormatHeaderString(t *testing.T) {
	for h, want := range map[FormatHeader]string{
		0: "0", RLE | NA: "RLE|NA", NA | RLE | CS | 3: "CLL=3|CS|RLE|NA", 0xC0: "reserved=0xc0",
	} {
		if got := h.String(); got != want {
			t.Errorf("%#x.String() = %q, want %q", uint8(h), got, want)
		}
	}
}
