package shadow

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTileDiff(t *testing.T) {
	base := Pattern(200, 130) // 4×3 tiles of 64: the last column is 8 wide, the last row 2 high
	tests := []struct {
		name   string
		change func(f *Frame)
		prev   func() *Frame
		tile   int
		want   []image.Rectangle
	}{
		{name: "unchanged", change: func(*Frame) {}, want: nil},
		{
			name:   "one pixel in the first tile",
			change: func(f *Frame) { f.Set(0, 0, color.RGBA{1, 2, 3, 255}) },
			want:   []image.Rectangle{image.Rect(0, 0, 64, 64)},
		},
		{
			name:   "last pixel: clipped corner tile",
			change: func(f *Frame) { f.Set(199, 129, color.RGBA{1, 2, 3, 255}) },
			want:   []image.Rectangle{image.Rect(192, 128, 200, 130)},
		},
		{
			name:   "X byte counts as a change",
			change: func(f *Frame) { f.Pix[f.PixOffset(70, 70)+3] ^= 1 },
			want:   []image.Rectangle{image.Rect(64, 64, 128, 128)},
		},
		{
			name: "rectangle across four tiles",
			change: func(f *Frame) {
				f.Fill(image.Rect(60, 60, 70, 70), color.RGBA{9, 9, 9, 255})
			},
			want: []image.Rectangle{
				image.Rect(0, 0, 64, 64), image.Rect(64, 0, 128, 64),
				image.Rect(0, 64, 64, 128), image.Rect(64, 64, 128, 128),
			},
		},
		{
			name:   "tile size 100",
			change: func(f *Frame) { f.Set(150, 110, color.RGBA{1, 2, 3, 255}) },
			tile:   100,
			want:   []image.Rectangle{image.Rect(100, 100, 200, 130)},
		},
		{
			name:   "no previous frame: everything",
			change: func(*Frame) {},
			prev:   func() *Frame { return nil },
			tile:   100,
			want:   []image.Rectangle{image.Rect(0, 0, 100, 100), image.Rect(100, 0, 200, 100), image.Rect(0, 100, 100, 130), image.Rect(100, 100, 200, 130)},
		},
		{
			name:   "size change: everything",
			change: func(*Frame) {},
			prev:   func() *Frame { return Pattern(200, 131) },
			tile:   100,
			want:   []image.Rectangle{image.Rect(0, 0, 100, 100), image.Rect(100, 0, 200, 100), image.Rect(0, 100, 100, 130), image.Rect(100, 100, 200, 130)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := base
			if tt.prev != nil {
				prev = tt.prev()
			}
			cur := base.Clone()
			tt.change(cur)
			got := TileDiff(prev, cur, tt.tile)
			if !slices.Equal(got, tt.want) {
				t.Errorf("TileDiff = %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestTileDiffStrides(t *testing.T) {
	// prev and cur may have different strides for the same size.
	a := Pattern(130, 70)
	b := &Frame{Width: 130, Height: 70, Stride: 130*4 + 64}
	b.Pix = make([]byte, 70*b.Stride)
	b.Draw(image.Point{}, a)
	if got := TileDiff(a, b, 0); len(got) != 0 {
		t.Errorf("same pixels, different strides: %v", got)
	}
	b.Set(129, 69, color.RGBA{})
	if got, want := TileDiff(a, b, 0), []image.Rectangle{image.Rect(128, 64, 130, 70)}; !slices.Equal(got, want) {
		t.Errorf("TileDiff = %v, want %v", got, want)
	}
}

func TestTileDiffEmptyFrame(t *testing.T) {
	if got := TileDiff(nil, NewFrame(0, 10), 0); len(got) != 0 {
		t.Errorf("empty frame: %v", got)
	}
}

func TestMergeTiles(t *testing.T) {
	r := image.Rect
	tests := []struct {
		name  string
		tiles []image.Rectangle
		want  []image.Rectangle
	}{
		{name: "none", tiles: nil, want: nil},
		{name: "one", tiles: []image.Rectangle{r(0, 0, 64, 64)}, want: []image.Rectangle{r(0, 0, 64, 64)}},
		{
			name:  "row run",
			tiles: []image.Rectangle{r(0, 0, 64, 64), r(64, 0, 128, 64), r(192, 0, 200, 64)},
			want:  []image.Rectangle{r(0, 0, 128, 64), r(192, 0, 200, 64)},
		},
		{
			name: "block of four",
			tiles: []image.Rectangle{
				r(0, 0, 64, 64), r(64, 0, 128, 64),
				r(0, 64, 64, 128), r(64, 64, 128, 128),
			},
			want: []image.Rectangle{r(0, 0, 128, 128)},
		},
		{
			name: "different widths do not merge vertically",
			tiles: []image.Rectangle{
				r(0, 0, 64, 64), r(64, 0, 128, 64),
				r(0, 64, 64, 128),
				r(0, 128, 64, 192),
			},
			want: []image.Rectangle{r(0, 0, 128, 64), r(0, 64, 64, 192)},
		},
		{
			name:  "gap between bands",
			tiles: []image.Rectangle{r(0, 0, 64, 64), r(0, 128, 64, 192)},
			want:  []image.Rectangle{r(0, 0, 64, 64), r(0, 128, 64, 192)},
		},
		{
			name: "two columns grow side by side, clipped bottom row",
			tiles: []image.Rectangle{
				r(0, 0, 64, 64), r(128, 0, 192, 64),
				r(0, 64, 64, 100), r(128, 64, 192, 100),
			},
			want: []image.Rectangle{r(0, 0, 64, 100), r(128, 0, 192, 100)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MergeTiles(tt.tiles); !slices.Equal(got, tt.want) {
				t.Errorf("MergeTiles = %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestMergeTilesCoversSameArea checks, on pseudo-random tile sets, that the
// merged rectangles cover exactly the tiles' pixels without overlap.
func TestMergeTilesCoversSameArea(t *testing.T) {
	const w, h, ts = 300, 200, 32
	for seed := range uint64(200) {
		prev := NewFrame(w, h)
		cur := NewFrame(w, h)
		for i := range uint64(12) {
			v := mix(seed<<8 | i)
			cur.Set(int(v%w), int(v>>16%h), color.RGBA{255, 255, 255, 255})
		}
		tiles := TileDiff(prev, cur, ts)
		merged := MergeTiles(tiles)
		if len(merged) > len(tiles) {
			t.Fatalf("seed %d: %d merged from %d tiles", seed, len(merged), len(tiles))
		}
		var cover [h][w]int
		for _, r := range merged {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					cover[y][x]++
				}
			}
		}
		for _, r := range tiles {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					cover[y][x]--
				}
			}
		}
		for y := range h {
			for x := range w {
				if cover[y][x] != 0 {
					t.Fatalf("seed %d: pixel (%d,%d) covered %+d times more by merged than by tiles %v → %v", seed, x, y, cover[y][x], tiles, merged)
				}
			}
		}
	}
}

func BenchmarkTileDiff(b *testing.B) {
	const w, h = 1280, 800
	prev := Pattern(w, h)
	allChanged := prev.Clone()
	for i := range allChanged.Pix {
		allChanged.Pix[i] ^= 0x80
	}
	oneChanged := prev.Clone()
	oneChanged.Set(w-1, h-1, color.RGBA{1, 2, 3, 255}) // the last tile: the worst case for one change
	cases := []struct {
		name string
		cur  *Frame
		want int
	}{
		{"0changed", prev.Clone(), 0},
		{"1changed", oneChanged, 1},
		{"allChanged", allChanged, 20 * 13},
	}
	for _, c := range cases {
		b.Run(fmt.Sprintf("1280x800/%s", c.name), func(b *testing.B) {
			var dst []image.Rectangle
			b.SetBytes(int64(w * h * BytesPerPixel))
			for b.Loop() {
				dst = AppendTileDiff(dst[:0], prev, c.cur, DefaultTileSize)
			}
			if len(dst) != c.want {
				b.Fatalf("%d tiles, want %d", len(dst), c.want)
			}
		})
	}
}

// TestAppendTileDiffIn: only tiles touching the areas are compared; a
// change elsewhere is not reported, a change inside is, exactly as
// AppendTileDiff would.
func TestAppendTileDiffIn(t *testing.T) {
	prev := Pattern(300, 200)
	cur := prev.Clone()
	cur.Set(10, 10, color.RGBA{R: 1, A: 255})   // tile (0,0)
	cur.Set(250, 150, color.RGBA{G: 1, A: 255}) // tile (192,128)
	cur.Set(130, 70, color.RGBA{B: 1, A: 255})  // tile (128,64)
	all := TileDiff(prev, cur, 64)
	if len(all) != 3 {
		t.Fatalf("AppendTileDiff found %v", all)
	}
	for _, tc := range []struct {
		areas []image.Rectangle
		want  []image.Rectangle
	}{
		{nil, nil},
		{[]image.Rectangle{image.Rect(0, 0, 300, 200)}, all},
		{[]image.Rectangle{image.Rect(5, 5, 20, 20)}, []image.Rectangle{image.Rect(0, 0, 64, 64)}},
		{[]image.Rectangle{image.Rect(249, 149, 251, 151), image.Rect(0, 0, 1, 1)}, []image.Rectangle{image.Rect(0, 0, 64, 64), image.Rect(192, 128, 256, 192)}},
		{[]image.Rectangle{image.Rect(64, 64, 128, 128)}, nil}, // next to a change, not on it
		{[]image.Rectangle{image.Rect(-50, -50, 1000, 1000)}, all},
	} {
		got := AppendTileDiffIn(nil, prev, cur, 64, tc.areas)
		if !slices.Equal(got, tc.want) {
			t.Errorf("areas %v: %v, want %v", tc.areas, got, tc.want)
		}
	}
	if got := AppendTileDiffIn(nil, Pattern(10, 10), cur, 64, nil); len(got) != len(TileDiff(nil, cur, 64)) {
		t.Errorf("a size change must return every tile, got %v", got)
	}
}

func TestMergeOverlapping(t *testing.T) {
	r := image.Rect
	for _, tc := range []struct {
		name  string
		areas []image.Rectangle
		want  []image.Rectangle
	}{
		{"none", nil, nil},
		{"empty dropped", []image.Rectangle{{}, r(5, 5, 5, 9)}, nil},
		{"disjoint kept", []image.Rectangle{r(0, 0, 10, 10), r(10, 0, 20, 10)}, []image.Rectangle{r(0, 0, 10, 10), r(10, 0, 20, 10)}},
		{"repeat", []image.Rectangle{r(0, 0, 10, 10), r(0, 0, 10, 10)}, []image.Rectangle{r(0, 0, 10, 10)}},
		{"overlap", []image.Rectangle{r(0, 0, 10, 10), r(5, 5, 15, 15)}, []image.Rectangle{r(0, 0, 15, 15)}},
		{"chain through a grown box", []image.Rectangle{r(0, 0, 10, 10), r(30, 0, 40, 10), r(5, 0, 35, 5)}, []image.Rectangle{r(0, 0, 40, 10)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := MergeOverlapping(nil, tc.areas)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
			for i, a := range got {
				for _, b := range got[i+1:] {
					if a.Overlaps(b) {
						t.Errorf("%v and %v overlap", a, b)
					}
				}
			}
		})
	}
}

func TestDisjoint(t *testing.T) {
	r := image.Rect
	var d Disjoint
	for _, tc := range []struct {
		name  string
		areas []image.Rectangle
		want  []image.Rectangle
	}{
		{"none", nil, nil},
		{"repeat", []image.Rectangle{r(0, 0, 10, 10), r(0, 0, 10, 10), {}}, []image.Rectangle{r(0, 0, 10, 10)}},
		{"inside", []image.Rectangle{r(0, 0, 10, 10), r(2, 2, 5, 5)}, []image.Rectangle{r(0, 0, 10, 10)}},
		{"side by side join", []image.Rectangle{r(0, 0, 10, 10), r(10, 0, 20, 10)}, []image.Rectangle{r(0, 0, 20, 10)}},
		{"L shape", []image.Rectangle{r(0, 0, 10, 10), r(0, 0, 30, 5)}, []image.Rectangle{r(0, 0, 30, 5), r(0, 5, 10, 10)}},
		{"gap between bands", []image.Rectangle{r(0, 0, 10, 5), r(0, 8, 10, 12)}, []image.Rectangle{r(0, 0, 10, 5), r(0, 8, 10, 12)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.Append(nil, tc.areas); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}

	// Random areas: the result covers exactly their union, once.
	rng := rand.New(rand.NewPCG(1, 2))
	const w, h = 97, 61
	for range 2000 {
		var areas []image.Rectangle
		for range rng.IntN(12) {
			x, y := rng.IntN(w), rng.IntN(h)
			areas = append(areas, r(x, y, x+rng.IntN(w-x+1), y+rng.IntN(h-y+1)))
		}
		var want, got [w * h]int
		for _, a := range areas {
			for y := a.Min.Y; y < a.Max.Y; y++ {
				for x := a.Min.X; x < a.Max.X; x++ {
					want[y*w+x] = 1
				}
			}
		}
		out := d.Append([]image.Rectangle{r(-9, -9, -8, -8)}, areas)[1:]
		for _, a := range out {
			if a.Empty() {
				t.Fatalf("areas %v: empty rectangle in %v", areas, out)
			}
			for y := a.Min.Y; y < a.Max.Y; y++ {
				for x := a.Min.X; x < a.Max.X; x++ {
					got[y*w+x]++
				}
			}
		}
		if got != want {
			t.Fatalf("areas %v: %v does not cover their union exactly once", areas, out)
		}
	}
}
