package shadow

import (
	"bytes"
	"image"
	"image/color"
	"testing"
)

func TestPatternDeterministic(t *testing.T) {
	a, b := Pattern(1280, 800), Pattern(1280, 800)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Fatal("Pattern is not deterministic")
	}
}

func TestPatternFeatures(t *testing.T) {
	const w, h = 1280, 800
	f := Pattern(w, h)
	if f.Width != w || f.Height != h || f.Stride != w*4 {
		t.Fatalf("size %dx%d stride %d", f.Width, f.Height, f.Stride)
	}
	m := 800 / 16
	checks := []struct {
		name string
		p    image.Point
		want color.RGBA
	}{
		{"top-left marker", image.Pt(0, 0), color.RGBA{255, 0, 0, 255}},
		{"top-right marker", image.Pt(w-1, 0), color.RGBA{0, 255, 0, 255}},
		{"bottom-left marker", image.Pt(0, h-1), color.RGBA{0, 0, 255, 255}},
		{"bottom-right marker", image.Pt(w-1, h-1), color.RGBA{255, 255, 0, 255}},
		{"top-left marker centre notch", image.Pt(m-1, m-1), color.RGBA{0, 0, 0, 255}},
		{"bottom-right marker centre notch", image.Pt(w-m, h-m), color.RGBA{0, 0, 0, 255}},
		{"frame", image.Pt(w/2, 0), color.RGBA{255, 0, 255, 255}},
		{"frame bottom", image.Pt(w/2, h-1), color.RGBA{255, 0, 255, 255}},
		{"white bar", image.Pt(w/16, h/8), color.RGBA{255, 255, 255, 255}},
		{"blue bar", image.Pt(w*13/16, h/8), color.RGBA{0, 0, 255, 255}},
		{"red ramp start", image.Pt(1, h/4), color.RGBA{0, 0, 0, 255}},
		{"red ramp end", image.Pt(w-2, h/4+1), color.RGBA{254, 0, 0, 255}},
		{"grey ramp middle", image.Pt(640, h/2-2), color.RGBA{127, 127, 127, 255}},
		{"checker", image.Pt(10, 402), color.RGBA{255, 255, 255, 255}},
		{"checker neighbour", image.Pt(11, 402), color.RGBA{0, 0, 0, 255}},
		{"coordinates", image.Pt(1000, 500), color.RGBA{1000 & 255, 500 & 255, 3<<4 | 1, 255}},
	}
	for _, c := range checks {
		if got := f.At(c.p.X, c.p.Y); got != c.want {
			t.Errorf("%s at %v = %v, want %v", c.name, c.p, got, c.want)
		}
	}
	// The glyph area has both ink and paper.
	ink, paper := 0, 0
	for y := h * 3 / 4; y < h-m; y++ {
		for x := m; x < w-m; x++ {
			if f.At(x, y) == (color.RGBA{255, 255, 255, 255}) {
				paper++
			} else {
				ink++
			}
		}
	}
	if ink < paper/10 || paper < ink {
		t.Errorf("glyph area: %d ink, %d paper pixels", ink, paper)
	}
}

func TestPatternDetectsFlipsAndShifts(t *testing.T) {
	f := Pattern(320, 200)
	flipH, flipV, shift := NewFrame(320, 200), NewFrame(320, 200), NewFrame(320, 200)
	for y := range 200 {
		for x := range 320 {
			flipH.Set(319-x, y, f.At(x, y))
			flipV.Set(x, 199-y, f.At(x, y))
		}
	}
	shift.Draw(image.Pt(1, 0), f)
	for name, g := range map[string]*Frame{"horizontal flip": flipH, "vertical flip": flipV, "one-pixel shift": shift} {
		if err := Compare(f, g, 8); err == nil {
			t.Errorf("%s not detected", name)
		}
	}
}

func TestPatternSmallSizes(t *testing.T) {
	for _, s := range []image.Point{{0, 0}, {1, 1}, {2, 1}, {1, 7}, {7, 3}, {17, 9}, {64, 48}} {
		f := Pattern(s.X, s.Y)
		if f.Width != s.X || f.Height != s.Y || len(f.Pix) != s.X*s.Y*4 {
			t.Errorf("Pattern(%d,%d): %dx%d len %d", s.X, s.Y, f.Width, f.Height, len(f.Pix))
		}
	}
}
