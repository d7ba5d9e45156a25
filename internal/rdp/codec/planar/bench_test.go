package planar

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
)

// BenchmarkEncode1280x800 encodes a full synthetic 1280×800 frame
// as 64×64 tiles, as the server sends a full refresh. It reports the
// encoded size of the frame (bytes/frame) and its ratio to the frame
// uncompressed at 32 bpp (ratio = bytes/frame ÷ 4,096,000).
// The noise frame stands for a photograph: it goes out as raw planes.
func BenchmarkEncode1280x800(b *testing.B) {
	const w, h = 1280, 800
	for _, c := range []struct {
		name string
		m    *codectest.Image
	}{
		{"desktop", codectest.Desktop(w, h)},
		{"noise", codectest.Noise(w, h, 1)},
	} {
		b.Run(c.name, func(b *testing.B) { benchmarkEncodeFrame(b, c.m) })
	}
}

func benchmarkEncodeFrame(b *testing.B, m *codectest.Image) {
	w, h := m.Width, m.Height
	var e Encoder
	buf := make([]byte, 0, 64*64*4+2)
	total := 0
	b.SetBytes(int64(w * h * 4))
	b.ReportAllocs()
	for b.Loop() {
		total = 0
		codectest.Tiles(w, h, 64, func(x, y, tw, th int) {
			pix, stride := m.Sub(x, y, tw, th)
			out, err := e.Encode(buf[:0], pix, stride, tw, th)
			if err != nil {
				b.Fatal(err)
			}
			total += len(out)
		})
	}
	b.ReportMetric(float64(total), "bytes/frame")
	b.ReportMetric(float64(total)/float64(w*h*4), "ratio")
}

// BenchmarkDecode64x64 decodes one desktop tile; the decoder serves tests,
// so this only guards against pathological slowness.
func BenchmarkDecode64x64(b *testing.B) {
	m := codectest.Desktop(1280, 800)
	pix, stride := m.Sub(256, 192, 64, 64)
	enc, err := Encode(nil, pix, stride, 64, 64)
	if err != nil {
		b.Fatal(err)
	}
	dst := codectest.New(64, 64)
	for b.Loop() {
		if err := Decode(enc, 64, 64, dst.Pix, dst.Stride); err != nil {
			b.Fatal(err)
		}
	}
}
