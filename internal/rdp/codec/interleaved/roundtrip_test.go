package interleaved

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// roundTrip encodes the w×h rectangle at pix at bpp with e, decodes it and
// compares with the source reduced to bpp; it returns the stream.
func roundTrip(t *testing.T, e *Encoder, pix []byte, stride, w, h, bpp int) []byte {
	t.Helper()
	enc, err := e.Encode(nil, pix, stride, w, h, bpp)
	if err != nil {
		t.Fatalf("Encode %dx%d at %d bpp: %v", w, h, bpp, err)
	}
	if len(enc) > MaxLen(w, h, bpp) {
		t.Fatalf("%dx%d at %d bpp: %d bytes > MaxLen %d", w, h, bpp, len(enc), MaxLen(w, h, bpp))
	}
	ew := Width(w)
	got := codectest.New(ew, h)
	if err := Decode(enc, ew, h, bpp, got.Pix, got.Stride); err != nil {
		t.Fatalf("Decode %dx%d at %d bpp: %v", ew, h, bpp, err)
	}
	want := codectest.Quantized(pix, stride, w, h, bpp)
	if d := codectest.DiffBGR(got.Pix, got.Stride, want.Pix, want.Stride, w, h); d != "" {
		t.Fatalf("%dx%d at %d bpp: %s", w, h, bpp, d)
	}
	for y := range h { // padding columns repeat the last column
		for x := w; x < ew; x++ {
			if d := codectest.DiffBGR(got.Pix[y*got.Stride+x*4:], 0, want.Pix[y*want.Stride+(w-1)*4:], 0, 1, 1); d != "" {
				t.Fatalf("padding column %d row %d: %s", x, y, d)
			}
		}
	}
	return enc
}

func TestRoundTrip(t *testing.T) {
	images := []struct {
		name string
		m    *codectest.Image
	}{
		{"solid 64x64", codectest.Solid(64, 64, 0x12, 0x34, 0x56)},
		{"white 64x64", codectest.Solid(64, 64, 0xFF, 0xFF, 0xFF)},
		{"black 64x64", codectest.Solid(64, 64, 0, 0, 0)},
		{"gradient 64x64", codectest.Gradient(64, 64)},
		{"gradient 200x100", codectest.Gradient(200, 100)},
		{"noise 64x64", codectest.Noise(64, 64, 1)},
		{"noise 63x17", codectest.Noise(63, 17, 2)},
		{"text 64x64", codectest.Text(64, 64, 3)},
		{"text 300x40", codectest.Text(300, 40, 4)},
		{"1x1", codectest.Solid(1, 1, 1, 2, 3)},
		{"1x1 white", codectest.Solid(1, 1, 0xFF, 0xFF, 0xFF)},
		{"63x17 gradient", codectest.Gradient(63, 17)},
		{"63x17 text", codectest.Text(63, 17, 6)},
		{"5x3", codectest.Noise(5, 3, 7)},
		{"1x64", codectest.Gradient(1, 64)},
		{"64x1", codectest.Gradient(64, 1)},
		{"desktop 256x192", codectest.Desktop(256, 192)},
		{"dither 64x8", dither(64, 8)},
		{"long runs 700x100", codectest.Solid(700, 100, 9, 9, 9)},
		{"noise 300x300 (colour images over 65535 pixels)", codectest.Noise(300, 300, 9)},
	}
	for _, im := range images {
		for _, bpp := range []int{15, 16, 24} {
			t.Run(fmt.Sprintf("%s/%dbpp", im.name, bpp), func(t *testing.T) {
				var e Encoder
				enc := roundTrip(t, &e, im.m.Pix, im.m.Stride, im.m.Width, im.m.Height, bpp)
				raw := Width(im.m.Width) * im.m.Height * (bpp + 7) / 8
				t.Logf("%d bytes (%d uncompressed)", len(enc), raw)
			})
		}
	}
}

// dither returns a checkerboard of two colours.
func dither(w, h int) *codectest.Image {
	m := codectest.New(w, h)
	for y := range h {
		for x := range w {
			if (x+y)%2 == 0 {
				m.Set(x, y, 0xC0, 0xC0, 0xC0)
			} else {
				m.Set(x, y, 0x80, 0x00, 0x80)
			}
		}
	}
	return m
}

func TestCompresses(t *testing.T) {
	// Sizes that show each family of orders is found: limits, not goldens.
	for _, c := range []struct {
		name string
		m    *codectest.Image
		max  int
	}{
		{"solid", codectest.Solid(64, 64, 0x12, 0x34, 0x56), 8},
		{"dither", dither(64, 8), 40},
		{"text", codectest.Text(64, 64, 3), 64 * 64 * 2 / 5},
	} {
		enc, err := Encode(nil, c.m.Pix, c.m.Stride, c.m.Width, c.m.Height, 16)
		if err != nil {
			t.Fatal(err)
		}
		if len(enc) > c.max {
			t.Errorf("%s: %d bytes, want at most %d", c.name, len(enc), c.max)
		}
	}
}

func TestRoundTripTiles(t *testing.T) {
	m := codectest.Desktop(700, 300)
	var e Encoder
	for _, bpp := range []int{15, 16, 24} {
		codectest.Tiles(m.Width, m.Height, 64, func(x, y, w, h int) {
			pix, stride := m.Sub(x, y, w, h)
			roundTrip(t, &e, pix, stride, w, h, bpp)
		})
	}
}

func TestSmallSizesExhaustive(t *testing.T) {
	var e Encoder
	for w := 1; w <= 9; w++ {
		for h := 1; h <= 5; h++ {
			for seed := range uint64(6) {
				m := codectest.Noise(w, h, seed+1)
				for i := range m.Pix { // two levels per channel: runs and XOR patterns
					m.Pix[i] &= 0x80
				}
				for _, bpp := range []int{15, 16, 24} {
					roundTrip(t, &e, m.Pix, m.Stride, w, h, bpp)
				}
			}
		}
	}
}

// TestEncodeGolden pins the orders the encoder picks for a small image.
func TestEncodeGolden(t *testing.T) {
	// 8×2 at 16 bpp. Bottom row (scanline 0): black ×4, then 0x001f ×4.
	// Top row (scanline 1): a copy of it with pixels 1 and 2 white.
	m := codectest.New(8, 2)
	m.Fill(4, 0, 4, 2, 0xFF, 0, 0) // blue: RGB565 0x001f
	m.Set(1, 0, 0xFF, 0xFF, 0xFF)
	m.Set(2, 0, 0xFF, 0xFF, 0xFF)
	got, err := Encode(nil, m.Pix, m.Stride, 8, 2, 16)
	if err != nil {
		t.Fatal(err)
	}
	want := rdptest.Hex(`
		# scanline 0: black black black black, then 0x001f ×4
		d1          # LITE_SET_FG_FGBG_IMAGE, 1×8 pixels
		1f 00       #   fgPel 0x001f
		f0          #   bitmask: black ×4 (first scanline), fgPel ×4
		# scanline 1: the pixels above, XOR white at pixels 1 and 2
		d1          # LITE_SET_FG_FGBG_IMAGE, 1×8 pixels
		ff ff       #   fgPel 0xffff
		06          #   bitmask 00000110
	`)
	if !bytes.Equal(got, want) {
		t.Errorf("Encode = % x\nwant     % x", got, want)
	}
	roundTrip(t, new(Encoder), m.Pix, m.Stride, 8, 2, 16)
}

func TestEncodeAppendsAndAllocs(t *testing.T) {
	m := codectest.Desktop(64, 64)
	prefix := []byte("prefix")
	enc, err := Encode(append([]byte(nil), prefix...), m.Pix, m.Stride, 64, 64, 24)
	if err != nil {
		t.Fatal(err)
	}
	alone, _ := Encode(nil, m.Pix, m.Stride, 64, 64, 24)
	if !bytes.HasPrefix(enc, prefix) || !bytes.Equal(enc[len(prefix):], alone) {
		t.Error("Encode does not append to dst")
	}
	var e Encoder
	dst := make([]byte, 0, 64*64*4)
	if _, err := e.Encode(dst, m.Pix, m.Stride, 64, 64, 16); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := e.Encode(dst[:0], m.Pix, m.Stride, 64, 64, 16); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per Encode", allocs)
	}
}

func TestEncodeErrors(t *testing.T) {
	pix := make([]byte, 64*64*4)
	for _, c := range []struct {
		name                       string
		stride, width, height, bpp int
		want                       error
	}{
		{"zero width", 256, 0, 1, 16, codec.ErrGeometry},
		{"stride too small", 8, 4, 4, 16, codec.ErrGeometry},
		{"8 bpp", 256, 64, 64, 8, codec.ErrBitsPerPixel},
		{"32 bpp", 256, 64, 64, 32, codec.ErrBitsPerPixel},
	} {
		dst := []byte("keep")
		got, err := Encode(dst, pix, c.stride, c.width, c.height, c.bpp)
		if !errors.Is(err, c.want) || string(got) != "keep" {
			t.Errorf("%s: err = %v, dst %q", c.name, err, got)
		}
	}
	if _, err := Encode(nil, make([]byte, 4*65535), 4*65535, 65535, 1, 16); !errors.Is(err, codec.ErrGeometry) {
		t.Errorf("aligned width 65536: err = %v", err)
	}
}

// TestDecodePrefixes checks that every strict prefix of encoded streams
// fails to decode, and that a trailing byte does too.
func TestDecodePrefixes(t *testing.T) {
	dst := codectest.New(64, 64)
	for _, m := range []*codectest.Image{codectest.Text(20, 10, 1), codectest.Noise(8, 5, 1), codectest.Desktop(64, 64)} {
		for _, bpp := range []int{15, 16, 24} {
			enc, _ := Encode(nil, m.Pix, m.Stride, m.Width, m.Height, bpp)
			w := Width(m.Width)
			for n := range len(enc) {
				if err := Decode(enc[:n], w, m.Height, bpp, dst.Pix, dst.Stride); err == nil {
					t.Errorf("%dx%d at %d bpp: prefix %d/%d decoded", w, m.Height, bpp, n, len(enc))
				}
			}
			for _, extra := range []byte{0x00, 0xFD, 0x81} {
				if err := Decode(append(enc, extra), w, m.Height, bpp, dst.Pix, dst.Stride); err == nil {
					t.Errorf("%dx%d at %d bpp: trailing %#x accepted", w, m.Height, bpp, extra)
				}
			}
		}
	}
}
