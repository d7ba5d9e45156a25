package shadow

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// textFrame fills r of f with text from seed.
func textFrame(f *Frame, r image.Rectangle, seed uint64) {
	FillText(f, r, rand.New(rand.NewPCG(seed, 1)))
}

// scrolled returns prev with window r scrolled by dy rows (positive: the
// content moves up) and the exposed rows filled with new text.
func scrolled(prev *Frame, r image.Rectangle, dy int, seed uint64) *Frame {
	cur := prev.Clone()
	if dy > 0 {
		cur.Apply(Move{Dst: image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Max.Y-dy), Src: image.Pt(r.Min.X, r.Min.Y+dy)})
		textFrame(cur, image.Rect(r.Min.X, r.Max.Y-dy, r.Max.X, r.Max.Y), seed)
	} else {
		cur.Apply(Move{Dst: image.Rect(r.Min.X, r.Min.Y-dy, r.Max.X, r.Max.Y), Src: r.Min})
		textFrame(cur, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y-dy), seed)
	}
	return cur
}

func TestScrollDetector(t *testing.T) {
	win := image.Rect(100, 40, 500, 340)
	prev := NewFrame(640, 480)
	for y := range prev.Height { // a wallpaper that differs on every row
		prev.Fill(image.Rect(0, y, 640, y+1), color.RGBA{uint8(y), 80, uint8(y / 2), 255})
	}
	textFrame(prev, win, 1)
	var d ScrollDetector
	for _, dy := range []int{13, 39, -13, 1, -100} {
		cur := scrolled(prev, win, dy, uint64(dy+1000))
		for _, area := range []image.Rectangle{win, prev.Rect()} {
			m, ok := d.Find(prev, cur, area)
			if area == prev.Rect() {
				// Rows of the whole screen include the unscrolled
				// wallpaper beside the window: no full-width band.
				if ok {
					t.Errorf("dy %d: whole screen: found %+v", dy, m)
				}
				continue
			}
			if !ok {
				t.Fatalf("dy %d: no scroll found", dy)
			}
			want := Move{Dst: image.Rect(win.Min.X, win.Min.Y, win.Max.X, win.Max.Y-dy), Src: image.Pt(win.Min.X, win.Min.Y+dy)}
			if dy < 0 {
				want = Move{Dst: image.Rect(win.Min.X, win.Min.Y-dy, win.Max.X, win.Max.Y), Src: win.Min}
			}
			if m != want {
				t.Fatalf("dy %d: move %+v, want %+v", dy, m, want)
			}
			// After the move only the exposed rows differ.
			got := prev.Clone()
			got.Apply(m)
			exposed := image.Rect(win.Min.X, win.Max.Y-dy, win.Max.X, win.Max.Y)
			if dy < 0 {
				exposed = image.Rect(win.Min.X, win.Min.Y, win.Max.X, win.Min.Y-dy)
			}
			for y := 0; y < cur.Height; y++ {
				if y >= exposed.Min.Y && y < exposed.Max.Y {
					continue
				}
				for x := 0; x < cur.Width; x++ {
					if got.At(x, y) != cur.At(x, y) {
						t.Fatalf("dy %d: after the move (%d,%d) differs", dy, x, y)
					}
				}
			}
		}
	}
}

func TestScrollDetectorNoScroll(t *testing.T) {
	win := image.Rect(0, 0, 300, 200)
	prev := NewFrame(300, 200)
	textFrame(prev, win, 1)
	var d ScrollDetector
	cases := map[string]*Frame{
		"unchanged": prev.Clone(),
		"new text":  func() *Frame { f := prev.Clone(); textFrame(f, win, 2); return f }(),
		"blank":     func() *Frame { f := prev.Clone(); f.Fill(win, color.RGBA{A: 255}); return f }(),
		"resized":   NewFrame(200, 200),
		"small change": func() *Frame {
			f := prev.Clone()
			f.Fill(image.Rect(10, 10, 40, 20), color.RGBA{G: 255, A: 255})
			return f
		}(),
	}
	for name, cur := range cases {
		if m, ok := d.Find(prev, cur, win); ok {
			t.Errorf("%s: found %+v", name, m)
		}
	}
	// Too narrow or too short an area is not worth a move.
	cur := scrolled(prev, win, 13, 7)
	for _, r := range []image.Rectangle{image.Rect(0, 0, 40, 200), image.Rect(0, 0, 300, 20)} {
		if m, ok := d.Find(prev, cur, r); ok {
			t.Errorf("area %v: found %+v", r, m)
		}
	}
}

func TestApplyOverlap(t *testing.T) {
	base := NewFrame(50, 60)
	textFrame(base, base.Rect(), 3)
	for _, m := range []Move{
		{Dst: image.Rect(5, 0, 45, 50), Src: image.Pt(5, 10)},   // up
		{Dst: image.Rect(5, 10, 45, 60), Src: image.Pt(5, 0)},   // down
		{Dst: image.Rect(0, 5, 40, 25), Src: image.Pt(10, 5)},   // left
		{Dst: image.Rect(10, 5, 50, 25), Src: image.Pt(0, 5)},   // right
		{Dst: image.Rect(40, 50, 80, 90), Src: image.Pt(0, 0)},  // clipped at the destination
		{Dst: image.Rect(0, 0, 20, 20), Src: image.Pt(-10, 45)}, // clipped at the source
	} {
		got := base.Clone()
		got.Apply(m)
		want := base.Clone()
		for y := m.Dst.Min.Y; y < m.Dst.Max.Y; y++ {
			for x := m.Dst.Min.X; x < m.Dst.Max.X; x++ {
				sx, sy := x-m.Dst.Min.X+m.Src.X, y-m.Dst.Min.Y+m.Src.Y
				if image.Pt(x, y).In(base.Rect()) && image.Pt(sx, sy).In(base.Rect()) {
					want.Set(x, y, base.At(sx, sy))
				}
			}
		}
		if err := Compare(want, got, 0); err != nil {
			t.Errorf("move %+v: %v", m, err)
		}
	}
}

func BenchmarkScrollDetectorNoScroll(b *testing.B) {
	// The cost added to every damaged area that is not a scroll: a
	// 600x600 animation.
	prev, cur := NewFrame(1280, 800), NewFrame(1280, 800)
	area := image.Rect(300, 100, 900, 700)
	textFrame(prev, area, 1)
	textFrame(cur, area, 2)
	var d ScrollDetector
	b.SetBytes(int64(area.Dx() * area.Dy() * BytesPerPixel))
	for b.Loop() {
		d.Find(prev, cur, area)
	}
}

func BenchmarkScrollDetectorScroll(b *testing.B) {
	prev := NewFrame(1280, 800)
	area := image.Rect(100, 50, 1100, 750)
	textFrame(prev, area, 1)
	cur := scrolled(prev, area, 39, 2)
	var d ScrollDetector
	b.SetBytes(int64(area.Dx() * area.Dy() * BytesPerPixel))
	for b.Loop() {
		d.Find(prev, cur, area)
	}
}
