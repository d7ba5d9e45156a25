package planar

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// Fuzz resource caps: bitmaps up to 96×96 pixels, the size of a tile plus
// margin; larger ones add nothing but time.
const fuzzMaxSide = 96

func fuzzSize(w, h uint8) (int, int) {
	return int(w)%fuzzMaxSide + 1, int(h)%fuzzMaxSide + 1
}

// FuzzDecode feeds arbitrary streams to Decode. Whatever decodes must
// re-encode losslessly: Encode(decoded) decodes to the same pixels.
func FuzzDecode(f *testing.F) {
	// Seeds stay small: the fuzzer minimizes every new input for up to a
	// minute, which large seeds turn into stalls.
	f.Add(rdptest.Hex(`3b 40 10 20 30 40 04 20 05 06 20 07 08`), uint8(3), uint8(1))    // AYCoCg, CLL 3, CS, RLE
	f.Add(rdptest.Hex(`2b 10 20 30 40 50 60 70 80 05 06 07 08 00`), uint8(3), uint8(1)) // the same, raw, with pad
	f.Add(rdptest.Hex(`00 10 20 01 02 03 04 05 06`), uint8(1), uint8(0))                // raw with alpha plane
	f.Add(rdptest.Hex(`17 13 ff 04 13 10 04 13 20 04 13 30 04`), uint8(3), uint8(1))    // RLE with alpha plane, CLL 7
	for _, m := range []*codectest.Image{codectest.Text(20, 10, 1), codectest.Noise(5, 3, 1), codectest.Gradient(16, 16)} {
		for _, e := range []Encoder{{}, {Alpha: true}} {
			enc, _ := e.Encode(nil, m.Pix, m.Stride, m.Width, m.Height)
			f.Add(enc, uint8(m.Width-1), uint8(m.Height-1))
		}
	}
	f.Add([]byte{0x33, 0x13, 0xff, 0x20, 0xfe, 0xfd}, uint8(5), uint8(0))
	f.Fuzz(func(t *testing.T, src []byte, wb, hb uint8) {
		w, h := fuzzSize(wb, hb)
		got := codectest.New(w, h)
		if err := Decode(src, w, h, got.Pix, got.Stride); err != nil {
			return
		}
		enc, err := Encode(nil, got.Pix, got.Stride, w, h)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		again := codectest.New(w, h)
		if err := Decode(enc, w, h, again.Pix, again.Stride); err != nil {
			t.Fatalf("re-encoded stream does not decode: %v\n% x", err, enc)
		}
		if d := codectest.DiffBGR(again.Pix, again.Stride, got.Pix, got.Stride, w, h); d != "" {
			t.Fatalf("re-encoded stream differs: %s", d)
		}
	})
}

// FuzzRoundTrip encodes images built from the fuzzer's bytes (repeated to
// fill the image, and optionally reduced to few levels so runs appear) with
// every encoder option and checks they decode to themselves.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{}, uint8(63), uint8(63), uint8(0))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7}, uint8(62), uint8(16), uint8(1))
	f.Add([]byte{0xff, 0xff, 0xff, 0, 0, 0, 0, 0}, uint8(0), uint8(0), uint8(7))
	f.Add([]byte("AAAABBCCCCCDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD"), uint8(40), uint8(3), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, wb, hb, flags uint8) {
		w, h := fuzzSize(wb, hb)
		m := codectest.New(w, h)
		if len(data) > 0 {
			mask := byte(0xFF)
			if flags&4 != 0 {
				mask = 0xC0
			}
			for i := range m.Pix {
				if i%4 != 3 {
					m.Pix[i] = data[i%len(data)] & mask
				}
			}
		}
		e := Encoder{AlignWidth: flags&1 != 0, Alpha: flags&2 != 0}
		roundTrip(t, &e, m.Pix, m.Stride, w, h)
	})
}
