package interleaved

import (
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
)

// BenchmarkEncode1280x800 encodes a full synthetic 1280×800 desktop frame
// as 64×64 tiles at 16 and 24 bpp. It reports the encoded size of the
// frame (bytes/frame) and its ratio to the frame uncompressed at 32 bpp
// (ratio = bytes/frame ÷ 4,096,000).
func BenchmarkEncode1280x800(b *testing.B) {
	const w, h = 1280, 800
	m := codectest.Desktop(w, h)
	for _, bpp := range []int{16, 24} {
		b.Run(fmt.Sprintf("%dbpp", bpp), func(b *testing.B) {
			var e Encoder
			buf := make([]byte, 0, 64*64*4)
			total := 0
			b.SetBytes(w * h * 4)
			b.ReportAllocs()
			for b.Loop() {
				total = 0
				codectest.Tiles(w, h, 64, func(x, y, tw, th int) {
					pix, stride := m.Sub(x, y, tw, th)
					out, err := e.Encode(buf[:0], pix, stride, tw, th, bpp)
					if err != nil {
						b.Fatal(err)
					}
					total += len(out)
				})
			}
			b.ReportMetric(float64(total), "bytes/frame")
			b.ReportMetric(float64(total)/(w*h*4), "ratio")
		})
	}
}
