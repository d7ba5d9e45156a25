package codec_test

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

// testImage is 3×2: top row red, green, blue; bottom row white, black,
// grey 0x80.
func testImage() *codectest.Image {
	m := codectest.New(3, 2)
	m.Set(0, 0, 0x00, 0x00, 0xFF)
	m.Set(1, 0, 0x00, 0xFF, 0x00)
	m.Set(2, 0, 0xFF, 0x00, 0x00)
	m.Set(0, 1, 0xFF, 0xFF, 0xFF)
	m.Set(2, 1, 0x80, 0x80, 0x80)
	return m
}

func TestUncompressedGolden(t *testing.T) {
	for _, c := range []struct {
		bpp  int
		want string
	}{
		{32, `
			ff ff ff ff  00 00 00 ff  80 80 80 ff   # bottom row first: white, black, grey (B G R X)
			00 00 ff ff  00 ff 00 ff  ff 00 00 ff   # top row: red, green, blue
		`},
		{24, `
			ff ff ff  00 00 00  80 80 80  00 00 00   # bottom row (B G R), padded to 12 bytes
			00 00 ff  00 ff 00  ff 00 00  00 00 00   # top row
		`},
		{16, `
			ff ff  00 00  10 84  00 00   # RGB565 LE: white, black, grey (0x8410), pad to 8 bytes
			00 f8  e0 07  1f 00  00 00   # red 0xf800, green 0x07e0, blue 0x001f
		`},
		{15, `
			ff 7f  00 00  10 42  00 00   # RGB555 LE: white 0x7fff, black, grey 0x4210
			00 7c  e0 03  1f 00  00 00   # red 0x7c00, green 0x03e0, blue 0x001f
		`},
	} {
		t.Run(fmt.Sprintf("%dbpp", c.bpp), func(t *testing.T) {
			m := testImage()
			want := rdptest.Hex(c.want)
			got, err := codec.AppendUncompressed(nil, m.Pix, m.Stride, 3, 2, c.bpp)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got  % x\nwant % x", got, want)
			}
			if n, _ := codec.UncompressedLen(3, 2, c.bpp); n != len(want) {
				t.Errorf("UncompressedLen = %d, want %d", n, len(want))
			}
			dec := codectest.New(3, 2)
			if err := codec.DecodeUncompressed(want, 3, 2, c.bpp, dec.Pix, dec.Stride); err != nil {
				t.Fatal(err)
			}
			q := codectest.Quantized(m.Pix, m.Stride, 3, 2, c.bpp)
			if d := codectest.DiffBGR(dec.Pix, dec.Stride, q.Pix, q.Stride, 3, 2); d != "" {
				t.Error(d)
			}
			for n := range len(want) {
				if err := codec.DecodeUncompressed(want[:n], 3, 2, c.bpp, dec.Pix, dec.Stride); err == nil {
					t.Errorf("prefix %d/%d decoded", n, len(want))
				}
			}
			var de *wire.DecodeError
			if err := codec.DecodeUncompressed(append(want, 0), 3, 2, c.bpp, dec.Pix, dec.Stride); !errors.As(err, &de) || !errors.Is(err, wire.ErrTrailing) {
				t.Errorf("trailing byte: %v", err)
			}
		})
	}
}

func TestUncompressedRoundTrip(t *testing.T) {
	m := codectest.Desktop(300, 200)
	for _, bpp := range []int{15, 16, 24, 32} {
		codectest.Tiles(m.Width, m.Height, 64, func(x, y, w, h int) {
			pix, stride := m.Sub(x, y, w, h)
			enc, err := codec.AppendUncompressed([]byte("prefix"), pix, stride, w, h, bpp)
			if err != nil {
				t.Fatal(err)
			}
			dec := codectest.New(w, h)
			if err := codec.DecodeUncompressed(enc[6:], w, h, bpp, dec.Pix, dec.Stride); err != nil {
				t.Fatal(err)
			}
			q := codectest.Quantized(pix, stride, w, h, bpp)
			if d := codectest.DiffBGR(dec.Pix, dec.Stride, q.Pix, q.Stride, w, h); d != "" {
				t.Fatalf("%d bpp tile (%d,%d): %s", bpp, x, y, d)
			}
		})
	}
}

func TestUncompressedErrors(t *testing.T) {
	m := codectest.New(4, 4)
	if _, err := codec.AppendUncompressed(nil, m.Pix, m.Stride, 4, 4, 8); !errors.Is(err, codec.ErrBitsPerPixel) {
		t.Errorf("8 bpp: %v", err)
	}
	if _, err := codec.AppendUncompressed(nil, m.Pix, m.Stride, 4, 5, 32); !errors.Is(err, codec.ErrGeometry) {
		t.Errorf("short pix: %v", err)
	}
	if err := codec.DecodeUncompressed(make([]byte, 64), 4, 4, 32, m.Pix, 15); !errors.Is(err, codec.ErrGeometry) {
		t.Errorf("short stride: %v", err)
	}
	if err := codec.DecodeUncompressed(make([]byte, 64), 4, 4, 7, m.Pix, m.Stride); !errors.Is(err, codec.ErrBitsPerPixel) {
		t.Errorf("7 bpp: %v", err)
	}
}

func TestColourConversion(t *testing.T) {
	for v := range 1 << 16 {
		if got := codec.RGB565(codec.Expand565(uint16(v))); got != uint16(v) {
			t.Fatalf("RGB565(Expand565(%#04x)) = %#04x", v, got)
		}
		if got := codec.RGB555(codec.Expand555(uint16(v))); got != uint16(v)&0x7FFF {
			t.Fatalf("RGB555(Expand555(%#04x)) = %#04x", v, got)
		}
	}
	if b, g, r := codec.Expand565(0xFFFF); b != 0xFF || g != 0xFF || r != 0xFF {
		t.Errorf("white expands to %x %x %x", b, g, r)
	}
	if b, g, r := codec.Quantize(0x12, 0x34, 0x56, 24); b != 0x12 || g != 0x34 || r != 0x56 {
		t.Error("24 bpp quantization changes the colour")
	}
}

func TestCheckImage(t *testing.T) {
	for _, c := range []struct {
		n, stride, w, h int
		ok              bool
	}{
		{16, 16, 4, 1, true},
		{15, 16, 4, 1, false},
		{16 + 16, 100, 4, 2, false},
		{100 + 16, 100, 4, 2, true},
		{16, 12, 4, 1, false},
		{0, 0, 0, 0, false},
		{4 * 65536, 4 * 65536, 65536, 1, false},
	} {
		err := codec.CheckImage(make([]byte, c.n), c.stride, c.w, c.h)
		if (err == nil) != c.ok {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if codec.AlignedWidth(61) != 64 || codec.AlignedWidth(64) != 64 || codec.AlignedWidth(1) != 4 {
		t.Error("AlignedWidth")
	}
}

// FuzzDecodeUncompressed checks that whatever decodes re-encodes to the
// same pixels.
func FuzzDecodeUncompressed(f *testing.F) {
	m := testImage()
	for _, bpp := range []int{15, 16, 24, 32} {
		enc, _ := codec.AppendUncompressed(nil, m.Pix, m.Stride, 3, 2, bpp)
		f.Add(enc, uint8(2), uint8(1), uint8(bpp))
	}
	f.Fuzz(func(t *testing.T, src []byte, wb, hb, bpp uint8) {
		w, h := int(wb)%64+1, int(hb)%64+1
		dec := codectest.New(w, h)
		if err := codec.DecodeUncompressed(src, w, h, int(bpp), dec.Pix, dec.Stride); err != nil {
			return
		}
		enc, err := codec.AppendUncompressed(nil, dec.Pix, dec.Stride, w, h, int(bpp))
		if err != nil || len(enc) != len(src) {
			t.Fatalf("re-encode: %d bytes, %v", len(enc), err)
		}
		again := codectest.New(w, h)
		if err := codec.DecodeUncompressed(enc, w, h, int(bpp), again.Pix, again.Stride); err != nil {
			t.Fatal(err)
		}
		if d := codectest.DiffBGR(again.Pix, again.Stride, dec.Pix, dec.Stride, w, h); d != "" {
			t.Fatal(d)
		}
	})
}
