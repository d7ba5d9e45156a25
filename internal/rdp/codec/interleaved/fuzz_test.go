package interleaved

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// Fuzz resource caps: bitmaps up to 96×96 pixels.
const fuzzMaxSide = 96

func fuzzSize(w, h uint8) (int, int) {
	return int(w)%fuzzMaxSide + 1, int(h)%fuzzMaxSide + 1
}

func fuzzBPP(b uint8) int { return [...]int{15, 16, 24}[int(b)%3] }

// FuzzDecode feeds arbitrary streams to Decode. Whatever decodes must
// re-encode losslessly: Encode(decoded) decodes to the same pixels.
func FuzzDecode(f *testing.F) {
	f.Add(rdptest.Hex(`02 c1 34 12 fe 21 63 cd ab 01 02 fd 40 03 05`), uint8(3), uint8(3), uint8(1))
	f.Add(rdptest.Hex(`e2 03 02 01 06 05 04 83 11 11 11 22 22 22 33 33 33 f0 01 00 d1 ff 00 00 81 f9 f3 08 00 ef cd ab`), uint8(7), uint8(3), uint8(2))
	for _, m := range []*codectest.Image{codectest.Text(20, 10, 1), codectest.Desktop(32, 32)} {
		for b := range uint8(3) {
			enc, _ := Encode(nil, m.Pix, m.Stride, m.Width, m.Height, fuzzBPP(b))
			f.Add(enc, uint8(Width(m.Width)-1), uint8(m.Height-1), b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, wb, hb, bppb uint8) {
		w, h := fuzzSize(wb, hb)
		bpp := fuzzBPP(bppb)
		got := codectest.New(w, h)
		if err := Decode(src, w, h, bpp, got.Pix, got.Stride); err != nil {
			return
		}
		enc, err := Encode(nil, got.Pix, got.Stride, w, h, bpp)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		again := codectest.New(Width(w), h)
		if err := Decode(enc, Width(w), h, bpp, again.Pix, again.Stride); err != nil {
			t.Fatalf("re-encoded stream does not decode: %v\n% x", err, enc)
		}
		if d := codectest.DiffBGR(again.Pix, again.Stride, got.Pix, got.Stride, w, h); d != "" {
			t.Fatalf("re-encoded stream differs: %s", d)
		}
	})
}

// FuzzRoundTrip encodes images built from the fuzzer's bytes (repeated to
// fill the image, optionally reduced to few levels so runs, XOR patterns
// and dithering appear) and checks they decode to themselves at bpp.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{}, uint8(63), uint8(63), uint8(0), uint8(0))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7}, uint8(62), uint8(16), uint8(1), uint8(1))
	f.Add([]byte{0xff, 0xff, 0xff, 0, 0, 0, 0, 0}, uint8(0), uint8(0), uint8(2), uint8(4))
	f.Add([]byte{0xff, 0xff, 0xff, 0, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0}, uint8(40), uint8(3), uint8(1), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, wb, hb, bppb, flags uint8) {
		w, h := fuzzSize(wb, hb)
		m := codectest.New(w, h)
		if len(data) > 0 {
			mask := byte(0xFF)
			if flags&4 != 0 {
				mask = 0x80
			}
			for i := range m.Pix {
				if i%4 != 3 {
					m.Pix[i] = data[i%len(data)] & mask
				}
			}
		}
		var e Encoder
		roundTrip(t, &e, m.Pix, m.Stride, w, h, fuzzBPP(bppb))
	})
}
