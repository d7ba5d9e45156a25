package planar

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// TestSpecRLEDecodingExample decodes the colour plane of the RDP 6.0 RLE
// decoding example in [MS-RDPEGDI] 3.1.9.2: a 6×3 plane whose first
// scanline holds absolute values and the others deltas.
func TestSpecRLEDecodingExample(t *testing.T) {
	src := rdptest.Hex(`
		13 ff          # scanline 0: 1 RAW (0xFF), RUN 3
		20 fe fd       #             2 RAW, RUN 0
		60 01 7d f5 c2 9a 38   # scanline 1: 6 RAW deltas
		60 01 67 8b a3 78 af   # scanline 2: 6 RAW deltas
	`)
	want := []byte{
		255, 255, 255, 255, 254, 253,
		254, 192, 132, 96, 75, 25, // 255-1, 255-63, 255-123, 255+97, 254+77, 253+28 (mod 256)
		253, 140, 62, 14, 135, 193, // 254-1, 192-52, 132-70, 96-82, 75+60, 25-88 (mod 256)
	}
	got := make([]byte, 6*3)
	r := wire.NewReader(src)
	if err := decodePlaneRLE(r, "plane", got, 6, 3); err != nil {
		t.Fatal(err)
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("decoded plane\n got %v\nwant %v", got, want)
	}
}

// TestSpecRLEEncodingExample encodes the first-scanline example of
// [MS-RDPEGDI] 3.1.9.2: "AAAABBCCCCCD" becomes RAW [A] RUN [3], RAW [BBC]
// RUN [4], RAW [D] RUN [0].
func TestSpecRLEEncodingExample(t *testing.T) {
	got, last := appendSegments(nil, []byte("AAAABBCCCCCD"), 0)
	want := []byte{
		0x13, 'A', // segment 1: cRawBytes 1, nRunLength 3
		0x34, 'B', 'B', 'C', // segment 2: cRawBytes 3, nRunLength 4
		0x10, 'D', // segment 3: cRawBytes 1, nRunLength 0
	}
	if !bytes.Equal(got, want) || last != 'D' {
		t.Errorf("segments = % x (last %q), want % x", got, last, want)
	}
}

func TestDeltaCode(t *testing.T) {
	for prev := range 256 {
		for cur := range 256 {
			c := deltaCode(byte(cur), byte(prev))
			if got := byte(prev) + deltaValue(c); got != byte(cur) {
				t.Fatalf("cur %d prev %d: code %d decodes to %d", cur, prev, c, got)
			}
		}
	}
	// 3.1.9.2: small differences of either sign map to small codes.
	for _, c := range []struct {
		cur, prev, code byte
	}{{10, 10, 0}, {11, 10, 2}, {9, 10, 1}, {8, 10, 3}, {0, 128, 255}, {127, 0, 254}} {
		if got := deltaCode(c.cur, c.prev); got != c.code {
			t.Errorf("deltaCode(%d, %d) = %d, want %d", c.cur, c.prev, got, c.code)
		}
	}
}

func TestRunSegments(t *testing.T) {
	// Every run length is encoded with segments that decode to it, without
	// nRunLength 1 or 2 in a segment that has raw bytes.
	for n := 3; n <= 200; n++ {
		seg := appendRun(nil, n)
		row := make([]byte, n)
		r := wire.NewReader(seg)
		if err := decodePlaneRLE(r, "p", row, n, 1); err != nil || r.Finish() != nil {
			t.Fatalf("run %d: % x: %v %v", n, seg, err, r.Finish())
		}
		if !bytes.Equal(row, make([]byte, n)) {
			t.Fatalf("run %d decodes to %v", n, row)
		}
	}
	for raw := 1; raw <= 40; raw++ {
		for run := range 100 {
			if run == 1 || run == 2 {
				continue
			}
			v := make([]byte, raw+run)
			for i := range raw {
				v[i] = byte(i + 1)
			}
			for i := raw; i < len(v); i++ {
				v[i] = byte(raw)
			}
			seg := appendRawRun(nil, v[:raw], run)
			row := make([]byte, len(v))
			r := wire.NewReader(seg)
			if err := decodePlaneRLE(r, "p", row, len(v), 1); err != nil || r.Finish() != nil || !bytes.Equal(row, v) {
				t.Fatalf("raw %d run %d: % x decodes to %v (%v)", raw, run, seg, row, err)
			}
		}
	}
}

// TestEncodeGolden pins the bytes the encoder writes for a small image, one
// field per line, and checks they decode back.
func TestEncodeGolden(t *testing.T) {
	// 4×2: top row red; bottom row blue with a white last pixel.
	m := codectest.Solid(4, 2, 0x00, 0x00, 0xFF)
	m.Fill(0, 1, 4, 1, 0xFF, 0x00, 0x00)
	m.Set(3, 1, 0xFF, 0xFF, 0xFF)
	want := rdptest.Hex(`
		30             # FormatHeader: RLE | NA, CLL 0, no CS
		# LumaOrRedPlane. Scanline 0 is the bottom row, R = 00 00 00 ff.
		03             #   RUN 3 of the initial zero (no RAW)
		10 ff          #   1 RAW: ff
		# Scanline 1, the top row (R = ff ff ff ff), as delta codes of
		# -1 -1 -1 0: 01 01 01 00 (a run of 3 cannot follow its RAW byte).
		40 01 01 01 00 #   4 RAW
		# OrangeChromaOrGreenPlane: bottom G = 00 00 00 ff, top G = 00 00 00 00.
		03             #   RUN 3 of zero
		10 ff          #   1 RAW: ff
		03             #   deltas 0 0 0: RUN 3 of zero
		10 02          #   delta +1: 1 RAW: 02
		# GreenChromaOrBluePlane: bottom B = ff ff ff ff, top B = 00 00 00 00.
		13 ff          #   1 RAW (ff), RUN 3
		13 02          #   deltas +1: 1 RAW (02), RUN 3
	`)
	got, err := Encode(nil, m.Pix, m.Stride, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode = % x\nwant     % x", got, want)
	}
	dec := codectest.New(4, 2)
	if err := Decode(got, 4, 2, dec.Pix, dec.Stride); err != nil {
		t.Fatal(err)
	}
	if d := codectest.DiffBGR(dec.Pix, dec.Stride, m.Pix, m.Stride, 4, 2); d != "" {
		t.Fatal(d)
	}
}
