package encoder

import (
	"image"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/interleaved"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/planar"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// decodeInto paints one BitmapData onto dst the way a client does: decode
// the bitmap, then copy its destination rectangle.
func decodeInto(t *testing.T, dst *shadow.Frame, bd pdu.BitmapData) {
	t.Helper()
	w, h := int(bd.Width), int(bd.Height)
	tmp := make([]byte, w*h*4)
	var err error
	switch {
	case bd.Flags&pdu.BitmapCompression == 0:
		err = codec.DecodeUncompressed(bd.Data, w, h, int(bd.BitsPerPixel), tmp, w*4)
	case bd.BitsPerPixel == 32:
		err = planar.Decode(bd.Data, w, h, tmp, w*4)
	default:
		err = interleaved.Decode(bd.Data, w, h, int(bd.BitsPerPixel), tmp, w*4)
	}
	if err != nil {
		t.Fatalf("decode %dx%d bpp %d: %v", w, h, bd.BitsPerPixel, err)
	}
	dw, dh := int(bd.DestRight-bd.DestLeft)+1, int(bd.DestBottom-bd.DestTop)+1
	if dw > w || dh > h {
		t.Fatalf("destination %dx%d larger than the bitmap %dx%d", dw, dh, w, h)
	}
	for y := range dh {
		copy(dst.Pix[(int(bd.DestTop)+y)*dst.Stride+int(bd.DestLeft)*4:][:dw*4], tmp[y*w*4:][:dw*4])
	}
}

func frameOf(img *codectest.Image) *shadow.Frame {
	return &shadow.Frame{Pix: img.Pix, Stride: img.Stride, Width: img.Width, Height: img.Height}
}

func TestEncodeRoundTrip(t *testing.T) {
	src := shadow.Pattern(300, 200) // not a multiple of the tile size
	tests := []struct {
		name string
		cfg  Config
		// tolerance is the per-channel error allowed: colour depths below
		// 24 bits quantise.
		tolerance int
	}{
		{"planar-32", Config{BitsPerPixel: 32, Compress: true, MaxRectBytes: 16000}, 0},
		{"planar-32-cd-header", Config{BitsPerPixel: 32, Compress: true, CompressionHeader: true, MaxRectBytes: 16000}, 0},
		{"interleaved-24", Config{BitsPerPixel: 24, Compress: true, MaxRectBytes: 16000}, 0},
		{"interleaved-16", Config{BitsPerPixel: 16, Compress: true, MaxRectBytes: 16000}, 8},
		{"interleaved-15", Config{BitsPerPixel: 15, Compress: true, MaxRectBytes: 16000}, 8},
		{"raw-32", Config{BitsPerPixel: 32, MaxRectBytes: 16000}, 0},
		{"raw-16-small-limit", Config{BitsPerPixel: 16, MaxRectBytes: 1500}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := shadow.NewFrame(src.Width, src.Height)
			var rects []pdu.BitmapData
			for y := 0; y < src.Height; y += TileSize {
				for x := 0; x < src.Width; x += TileSize {
					rects, err = e.Append(rects, src, image.Rect(x, y, x+TileSize, y+TileSize))
					if err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, bd := range rects {
				if len(bd.Data) > tt.cfg.MaxRectBytes {
					t.Errorf("rect of %d bytes exceeds MaxRectBytes %d", len(bd.Data), tt.cfg.MaxRectBytes)
				}
				if (bd.CompressedHeader != nil) != (tt.cfg.Compress && tt.cfg.CompressionHeader) {
					t.Errorf("compression header present = %v", bd.CompressedHeader != nil)
				}
				if bd.Flags&pdu.BitmapCompression != 0 && bd.Width%4 != 0 {
					t.Errorf("compressed bitmap width %d is not a multiple of 4", bd.Width)
				}
				decodeInto(t, got, bd)
			}
			if err := shadow.Compare(src, got, tt.tolerance); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestEncodeClipsAndRejects(t *testing.T) {
	if _, err := New(Config{BitsPerPixel: 8, Compress: true, MaxRectBytes: 16000}); err == nil {
		t.Error("accepted 8 bpp")
	}
	if _, err := New(Config{BitsPerPixel: 32, MaxRectBytes: 10}); err == nil {
		t.Error("accepted a tiny MaxRectBytes")
	}
	e, _ := New(Config{BitsPerPixel: 32, Compress: true, MaxRectBytes: 16000})
	f := shadow.Pattern(100, 100)
	rects, err := e.Append(nil, f, image.Rect(64, 64, 200, 200))
	if err != nil || len(rects) != 1 {
		t.Fatalf("got %d rects, %v", len(rects), err)
	}
	if r := rects[0]; r.DestRight != 99 || r.DestBottom != 99 {
		t.Errorf("not clipped to the frame: right %d bottom %d", r.DestRight, r.DestBottom)
	}
	if rects, _ := e.Append(nil, f, image.Rect(200, 200, 300, 300)); len(rects) != 0 {
		t.Error("a rectangle outside the frame produced data")
	}
}

// TestNoisyTileIsHalved: a tile whose encoding exceeds MaxRectBytes is
// split rather than sent oversize.
func TestNoisyTileIsHalved(t *testing.T) {
	noise := frameOf(codectest.Noise(64, 64, 7))
	e, _ := New(Config{BitsPerPixel: 32, Compress: true, MaxRectBytes: 4096})
	rects, err := e.Append(nil, noise, image.Rect(0, 0, 64, 64))
	if err != nil {
		t.Fatal(err)
	}
	if len(rects) < 2 {
		t.Fatalf("noise tile sent as %d rect(s)", len(rects))
	}
	got := shadow.NewFrame(64, 64)
	for _, r := range rects {
		if len(r.Data) > 4096 {
			t.Fatalf("piece of %d bytes", len(r.Data))
		}
		decodeInto(t, got, r)
	}
	if err := shadow.Compare(noise, got, 0); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkEncodeFrame1280x800 measures what the server does for a full
// frame: every 64×64 tile of a synthetic 1280×800 desktop encoded into
// bitmap data. It reports the bytes per frame and the ratio to the
// uncompressed 32 bpp frame (4,096,000 bytes).
func BenchmarkEncodeFrame1280x800(b *testing.B) {
	desk := frameOf(codectest.Desktop(1280, 800))
	for _, bc := range []struct {
		name string
		cfg  Config
	}{
		{"planar-32", Config{BitsPerPixel: 32, Compress: true, MaxRectBytes: 16000}},
		{"interleaved-24", Config{BitsPerPixel: 24, Compress: true, MaxRectBytes: 16000}},
		{"interleaved-16", Config{BitsPerPixel: 16, Compress: true, MaxRectBytes: 16000}},
		{"uncompressed-32", Config{BitsPerPixel: 32, MaxRectBytes: 16000}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := New(bc.cfg)
			if err != nil {
				b.Fatal(err)
			}
			var rects []pdu.BitmapData
			var size int
			for b.Loop() {
				e.Reset()
				rects = rects[:0]
				for y := 0; y < 800; y += TileSize {
					for x := 0; x < 1280; x += TileSize {
						rects, _ = e.Append(rects, desk, image.Rect(x, y, x+TileSize, y+TileSize))
					}
				}
				size = 0
				for _, r := range rects {
					size += r.Size()
				}
			}
			b.ReportMetric(float64(size), "bytes/frame")
			b.ReportMetric(float64(size)/(1280*800*4), "ratio")
		})
	}
}
