package server

import (
	"image"
	"image/color"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestBulkCompressionEndToEnd: the server compresses fast-path updates
// with the type the client advertised, across changes and a
// reactivation (the history is the connection's, not the activation's),
// and the Go expert, which decompresses strictly, shows the exact desktop.
func TestBulkCompressionEndToEnd(t *testing.T) {
	rdp61 := sec.InfoMouse | sec.InfoUnicode | sec.InfoCompression.WithCompressionType(sec.CompressionTypeRDP61)
	tests := []struct {
		name     string
		flags    sec.InfoFlags // 0: xfreerdp's
		serverNo bool
		want     sec.CompressionType
		none     bool
	}{
		{name: "xfreerdp flags", want: sec.CompressionTypeRDP61},
		{name: "rdp61", flags: rdp61, want: sec.CompressionTypeRDP61},
		{name: "64k", flags: sec.InfoMouse | sec.InfoUnicode | sec.InfoCompression.WithCompressionType(sec.CompressionType64K), want: sec.CompressionType64K},
		{name: "client without compression", flags: sec.InfoMouse | sec.InfoUnicode, none: true},
		{name: "server turned it off", serverNo: true, none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			desk := fake.New(320, 240)
			paint(desk.Frame(), 0)
			s := newTestServer(t, func(c *Config) {
				c.Screen, c.UnsafeNoAuth, c.NoBulkCompression = desk, true, tt.serverNo
			})
			ctx, e := dialExpert(t, serve(t, s), expert.Config{InfoFlags: tt.flags})
			if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= 3; i++ {
				size := image.Pt(320, 240)
				if i == 2 {
					size = image.Pt(400, 300) // a reactivation in the middle
				}
				f := shadow.NewFrame(size.X, size.Y)
				paint(f, i)
				desk.SetFrame(f)
				if err := e.WaitFrame(ctx, sameAs(f)); err != nil {
					t.Fatalf("change %d: %v", i, err)
				}
			}
			st := e.Stats()
			if tt.none {
				if st.BulkCompressed != 0 {
					t.Errorf("%d compressed pieces, want none", st.BulkCompressed)
				}
				return
			}
			if st.BulkCompressed == 0 || st.BulkType != tt.want {
				t.Errorf("%d compressed pieces of %v, want some of %v", st.BulkCompressed, st.BulkType, tt.want)
			}
			if st.Reactivations != 2 {
				t.Errorf("%d reactivations, want 2", st.Reactivations)
			}
		})
	}
}

// paint draws a desktop that bitmap codecs leave large but bulk
// compression shrinks: bands of noise-like but repeating colours.
func paint(f *shadow.Frame, seed int) {
	b := f.Rect()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			v := uint8((x*7 + y*13 + seed*29) % 251)
			f.Fill(image.Rect(x, y, x+4, y+4), color.RGBA{R: v, G: v ^ 0x5A, B: uint8(seed * 40), A: 0xFF})
		}
	}
}
