package interleaved

import (
	"errors"
	"slices"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func mustFormat(t testing.TB, bpp int) format {
	t.Helper()
	f, err := formatOf(bpp)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestDecodeOrders16 runs a hand-made 4×4 16 bpp stream through the
// decoder, covering the first-scanline rules, the foreground pixel a
// background run inserts after another, and the fg/bg bitmask order.
func TestDecodeOrders16(t *testing.T) {
	src := rdptest.Hex(`
		# scanline 0 (first line: "above" is black)
		02          # REGULAR_BG_RUN, 2: black black
		c1 34 12    # LITE_SET_FG_FG_RUN, 1, fgPel 0x1234: fgPel
		fe          # SPECIAL_BLACK
		# scanline 1
		21          # REGULAR_FG_RUN, 1: above ^ fgPel = 0x1234
		63 cd ab    # REGULAR_COLOR_RUN, 3, 0xabcd
		# scanline 2
		01          # REGULAR_BG_RUN, 1: above = 0x1234
		02          # REGULAR_BG_RUN, 2, after a background run: (above ^ fgPel), above
		fd          # SPECIAL_WHITE
		# scanline 3
		40 03 05    # REGULAR_FGBG_IMAGE, 3+1 pixels, bitmask 0101
	`)
	want := []uint32{
		0, 0, 0x1234, 0,
		0x1234, 0xabcd, 0xabcd, 0xabcd,
		0x1234, 0xabcd ^ 0x1234, 0xabcd, 0xffff,
		0x1234 ^ 0x1234, 0xabcd ^ 0x1234, 0xabcd ^ 0x1234, 0xffff,
	}
	got := make([]uint32, 16)
	if err := decodeStream(src, 4, mustFormat(t, 16), got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %04x\nwant %04x", got, want)
	}
}

// TestDecodeOrders24 covers dithered runs, colour images, MEGA_MEGA
// orders, the set-foreground fg/bg image and SPECIAL_FGBG_1 at 24 bpp.
func TestDecodeOrders24(t *testing.T) {
	const (
		a, b       = 0x010203, 0x040506
		c1, c2, c3 = 0x111111, 0x222222, 0x333333
		fg         = 0x0000ff
		d          = 0xabcdef
	)
	src := rdptest.Hex(`
		# scanline 0
		e2 03 02 01 06 05 04          # LITE_DITHERED_RUN, 2 pairs, A, B
		83 11 11 11 22 22 22 33 33 33 # REGULAR_COLOR_IMAGE, 3
		f0 01 00                      # MEGA_MEGA_BG_RUN, 1: black
		# scanline 1
		d1 ff 00 00 81                # LITE_SET_FG_FGBG_IMAGE, 1*8, fgPel 0x0000ff, bitmask 10000001
		# scanline 2
		f9                            # SPECIAL_FGBG_1: bitmask 00000011
		# scanline 3
		f3 08 00 ef cd ab             # MEGA_MEGA_COLOR_RUN, 8, 0xabcdef
	`)
	want := []uint32{
		a, b, a, b, c1, c2, c3, 0,
		a ^ fg, b, a, b, c1, c2, c3, fg,
		a, b ^ fg, a, b, c1, c2, c3, fg,
		d, d, d, d, d, d, d, d,
	}
	got := make([]uint32, 32)
	if err := decodeStream(src, 8, mustFormat(t, 24), got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %06x\nwant %06x", got, want)
	}
}

// TestDecodeFirstLineRule checks two consequences of the decoder choosing
// the first-scanline rules once per order ([MS-RDPBCGR] 3.1.9).
func TestDecodeFirstLineRule(t *testing.T) {
	for _, c := range []struct {
		name string
		src  string
		want []uint32
	}{{
		name: "an order started on the first scanline keeps its rules past it",
		src: `
			61 07 00    # REGULAR_COLOR_RUN, 1, 0x0007
			c6 09 00    # LITE_SET_FG_FG_RUN, 6, fgPel 9: fgPel, even on scanline 1
			69 01 00    # REGULAR_COLOR_RUN, 9, 0x0001
		`,
		want: []uint32{7, 9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	}, {
		name: "no foreground pixel is inserted after the first scanline ends",
		src: `
			61 07 00    # REGULAR_COLOR_RUN, 1, 0x0007
			03          # REGULAR_BG_RUN, 3: black to the end of scanline 0
			03          # REGULAR_BG_RUN, 3, first order of scanline 1: plain background
			02          # REGULAR_BG_RUN, 2: (above ^ initial white fgPel), above
			67 01 00    # REGULAR_COLOR_RUN, 7, 0x0001
		`,
		want: []uint32{7, 0, 0, 0, 7, 0, 0, 0xffff, 7, 1, 1, 1, 1, 1, 1, 1},
	}} {
		t.Run(c.name, func(t *testing.T) {
			got := make([]uint32, 16)
			if err := decodeStream(rdptest.Hex(c.src), 4, mustFormat(t, 16), got); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got  %x\nwant %x", got, c.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	dst := codectest.New(4, 1)
	for _, c := range []struct {
		name string
		src  string
	}{
		{"empty", ``},
		{"unknown order 0xa0", `a4`},
		{"unknown order 0xf5", `f5`},
		{"unknown order 0xfb", `fb`},
		{"unknown order 0xfc", `fc`},
		{"unknown order 0xff", `ff`},
		{"zero MEGA_MEGA length", `f0 00 00 04`},
		{"MEGA_MEGA length missing", `f0 04`},
		{"extended length missing", `00`},
		{"overrun", `05`},
		{"overrun by later order", `04 01`},
		{"short", `03`},
		{"colour missing", `64 01`},
		{"colour image short", `84 01 00 02 00 03 00`},
		{"bitmask missing", `c1 01 00 41`},
		{"dithered overrun", `e3 01 00 02 00`},
		{"fg run pixel missing", `c4 01`},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Decode(rdptest.Hex(c.src), 4, 1, 16, dst.Pix, dst.Stride)
			var de *wire.DecodeError
			if !errors.As(err, &de) {
				t.Errorf("err = %v, want a *wire.DecodeError", err)
			}
		})
	}
	if err := Decode([]byte{0x04}, 4, 1, 8, dst.Pix, dst.Stride); !errors.Is(err, codec.ErrBitsPerPixel) {
		t.Errorf("8 bpp: %v", err)
	}
	if err := Decode([]byte{0x04}, 4, 2, 16, dst.Pix, dst.Stride); !errors.Is(err, codec.ErrGeometry) {
		t.Errorf("short dst: %v", err)
	}
	if err := Decode([]byte{0x04}, 4, 1, 16, dst.Pix, dst.Stride); err != nil {
		t.Errorf("valid stream: %v", err)
	}
}

func TestOrderCodeString(t *testing.T) {
	if s := codeOf(0xF7).String(); s != "MEGA_MEGA_SET_FGBG_IMAGE" {
		t.Errorf("0xF7: %s", s)
	}
	if s := codeOf(0xD5).String(); s != "LITE_SET_FG_FGBG_IMAGE" {
		t.Errorf("0xD5: %s", s)
	}
	if s := codeOf(0x5F).String(); s != "REGULAR_FGBG_IMAGE" {
		t.Errorf("0x5F: %s", s)
	}
	if s := orderCode(0xFB).String(); s != "orderCode(0xfb)" {
		t.Errorf("0xFB: %s", s)
	}
}

// TestColourImageFallback checks the stream Encode falls back to when its
// greedy choices would exceed MaxLen: colour images only, split every
// 65535 pixels.
func TestColourImageFallback(t *testing.T) {
	const w, h = 260, 260 // 67600 pixels: two colour image orders
	f := mustFormat(t, 24)
	px := make([]uint32, w*h)
	rnd := codectest.NewRand(1)
	for i := range px {
		px[i] = uint32(rnd.Uint64()) & 0xFFFFFF
	}
	s := state{f: f, px: px, w: w, lit: 0, firstLine: true}
	s.flushImage(len(px))
	if len(s.out) != maxLen(len(px), f) || MaxLen(w, h, 24) != len(s.out) {
		t.Errorf("%d bytes, maxLen %d, MaxLen %d", len(s.out), maxLen(len(px), f), MaxLen(w, h, 24))
	}
	got := make([]uint32, w*h)
	if err := decodeStream(s.out, w, f, got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, px) {
		t.Error("colour images decode differently")
	}
}
