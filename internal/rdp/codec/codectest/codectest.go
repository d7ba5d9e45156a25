// Package codectest builds the deterministic images the codec tests,
// fuzz targets and benchmarks use, in the pixel convention of package codec
// (B, G, R, X bytes, rows top-down). It is imported only by tests.
//
// Nothing here draws on a source of randomness: "random" images come from
// a seeded xorshift generator, so every run sees the same pixels.
package codectest

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
)

// Image is a top-down B, G, R, X image.
type Image struct {
	Pix           []byte
	Stride        int // bytes per row, >= 4*Width
	Width, Height int
}

// New returns a black (X = 0xFF) image.
func New(width, height int) *Image {
	m := &Image{Pix: make([]byte, width*height*4), Stride: width * 4, Width: width, Height: height}
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 0xFF
	}
	return m
}

// Set paints the pixel at (x, y) if it lies inside the image.
func (m *Image) Set(x, y int, b, g, r byte) {
	if x < 0 || y < 0 || x >= m.Width || y >= m.Height {
		return
	}
	o := y*m.Stride + x*4
	m.Pix[o], m.Pix[o+1], m.Pix[o+2] = b, g, r
}

// At returns the B, G, R bytes of the pixel at (x, y).
func (m *Image) At(x, y int) (b, g, r byte) {
	o := y*m.Stride + x*4
	return m.Pix[o], m.Pix[o+1], m.Pix[o+2]
}

// Fill paints the rectangle [x0, x0+w) × [y0, y0+h), clipped to the image.
func (m *Image) Fill(x0, y0, w, h int, b, g, r byte) {
	for y := max(y0, 0); y < min(y0+h, m.Height); y++ {
		for x := max(x0, 0); x < min(x0+w, m.Width); x++ {
			o := y*m.Stride + x*4
			m.Pix[o], m.Pix[o+1], m.Pix[o+2] = b, g, r
		}
	}
}

// Sub returns the pixel slice and stride of the w×h rectangle whose
// top-left pixel is (x, y), aliasing m, as encoders take it. The slice ends
// right after the rectangle's last pixel.
func (m *Image) Sub(x, y, w, h int) (pix []byte, stride int) {
	start := y*m.Stride + x*4
	end := (y+h-1)*m.Stride + (x+w)*4
	return m.Pix[start:end:end], m.Stride
}

// Rand is a xorshift64* generator: deterministic, not for secrets.
type Rand struct{ s uint64 }

// NewRand returns a generator seeded with seed (0 is replaced by a fixed
// non-zero value).
func NewRand(seed uint64) *Rand {
	if seed == 0 {
		seed = 0x9E3779B97F4A7C15
	}
	return &Rand{s: seed}
}

// Uint64 returns the next value.
func (r *Rand) Uint64() uint64 {
	r.s ^= r.s >> 12
	r.s ^= r.s << 25
	r.s ^= r.s >> 27
	return r.s * 0x2545F4914F6CDD1D
}

// Intn returns a value in [0, n); n must be positive.
func (r *Rand) Intn(n int) int { return int(r.Uint64() % uint64(n)) }

// Byte returns a uniformly distributed byte.
func (r *Rand) Byte() byte { return byte(r.Uint64() >> 56) }

// Solid returns a single-colour image.
func Solid(width, height int, b, g, r byte) *Image {
	m := New(width, height)
	m.Fill(0, 0, width, height, b, g, r)
	return m
}

// Gradient returns an image whose red rises left to right, green top to
// bottom and blue along the diagonal: no two neighbouring rows or columns
// are equal, but their differences are small.
func Gradient(width, height int) *Image {
	m := New(width, height)
	for y := range height {
		for x := range width {
			m.Set(x, y, byte((x+y)*255/max(width+height-2, 1)), byte(y*255/max(height-1, 1)), byte(x*255/max(width-1, 1)))
		}
	}
	return m
}

// Noise returns an image of uniformly random pixels: the worst case for
// every lossless codec.
func Noise(width, height int, seed uint64) *Image {
	m := New(width, height)
	rnd := NewRand(seed)
	for y := range height {
		for x := range width {
			v := rnd.Uint64()
			m.Set(x, y, byte(v), byte(v>>8), byte(v>>16))
		}
	}
	return m
}

// Text returns black glyph-like strokes on white: rows of 7×12 cells,
// each holding a random pattern of horizontal and vertical strokes, with
// spaces between words. It stands in for a terminal or a document.
func Text(width, height int, seed uint64) *Image {
	m := Solid(width, height, 0xFF, 0xFF, 0xFF)
	drawText(m, 0, 0, width, height, NewRand(seed), 0x00, 0x00, 0x00)
	return m
}

// drawText fills the rectangle with glyph rows in colour (b, g, r).
func drawText(m *Image, x0, y0, w, h int, rnd *Rand, b, g, r byte) {
	const cellW, cellH = 7, 14
	for cy := y0 + 2; cy+cellH <= y0+h; cy += cellH + 2 {
		for cx := x0 + 2; cx+cellW <= x0+w; cx += cellW {
			if rnd.Intn(6) == 0 { // space
				continue
			}
			bits := rnd.Uint64()
			// Vertical strokes at columns 1, 3, 5 of the cell.
			for i, col := range []int{1, 3, 5} {
				if bits>>i&1 == 1 {
					top, bottom := 3+int(bits>>(8+i*2)&3), 11-int(bits>>(16+i*2)&1)*4
					for y := top; y < bottom; y++ {
						m.Set(cx+col, cy+y, b, g, r)
					}
				}
			}
			// Horizontal strokes at rows 3, 7, 10.
			for i, row := range []int{3, 7, 10} {
				if bits>>(24+i)&1 == 1 {
					for x := 1; x < 6; x++ {
						m.Set(cx+x, cy+row, b, g, r)
					}
				}
			}
			if bits>>40&7 == 0 { // an antialiased-looking grey dot
				m.Set(cx+2, cy+11, 0x80, 0x80, 0x80)
			}
		}
	}
}

// Desktop returns a synthetic desktop: a gradient wallpaper, a task bar,
// desktop icons, and a window with a title bar, a menu bar, a text area
// (black glyphs on white), a gradient panel and a photo-like noisy area.
// It is the benchmark frame; its content is fixed by width and height.
func Desktop(width, height int) *Image {
	m := New(width, height)
	rnd := NewRand(1)
	// Wallpaper: a vertical blue-teal gradient.
	for y := range height {
		t := y * 255 / max(height-1, 1)
		for x := range width {
			m.Set(x, y, byte(0x90+t/4), byte(0x50+t/5), byte(0x20+t/10))
		}
	}
	// Task bar.
	bar := max(height/25, 8)
	m.Fill(0, height-bar, width, bar, 0x30, 0x30, 0x30)
	for i := range 6 {
		m.Fill(4+i*(bar+4), height-bar+3, bar-6, bar-6, byte(0x60+i*20), 0xA0, byte(0xC0-i*20))
	}
	// Desktop icons.
	for i := range 5 {
		m.Fill(16, 16+i*80, 48, 48, byte(0x40*i), 0xC0, 0xE0)
		drawText(m, 8, 66+i*80, 64, 16, rnd, 0xFF, 0xFF, 0xFF)
	}
	// Window.
	wx, wy, ww, wh := width/8, height/10, width*3/4, height*3/4
	m.Fill(wx-1, wy-1, ww+2, wh+2, 0x50, 0x50, 0x50) // border
	m.Fill(wx, wy, ww, wh, 0xF0, 0xF0, 0xF0)
	title := 28
	for x := range ww { // title bar: horizontal blue gradient
		t := x * 255 / max(ww-1, 1)
		for y := range title {
			m.Set(wx+x, wy+y, 0xC0-byte(t/8), 0x60+byte(t/8), 0x20)
		}
	}
	drawText(m, wx+8, wy+6, ww/3, 16, rnd, 0xFF, 0xFF, 0xFF)
	for i := range 3 { // caption buttons
		m.Fill(wx+ww-30*(i+1), wy+4, 24, 20, 0xE0, 0xE0, 0xE0)
	}
	drawText(m, wx+4, wy+title+2, ww-8, 16, rnd, 0x20, 0x20, 0x20) // menu bar
	// Text area (left two thirds).
	tx, ty, tw, th := wx+4, wy+title+22, ww*2/3-8, wh-title-26
	m.Fill(tx, ty, tw, th, 0xFF, 0xFF, 0xFF)
	drawText(m, tx, ty, tw, th, rnd, 0x00, 0x00, 0x00)
	// Gradient panel (top right).
	px, py, pw, ph := wx+ww*2/3, wy+title+22, ww/3-4, (wh-title-26)/2
	for y := range ph {
		for x := range pw {
			m.Set(px+x, py+y, byte(x*255/max(pw-1, 1)), byte(y*255/max(ph-1, 1)), 0x80)
		}
	}
	// Photo-like area (bottom right): smooth shapes plus sensor noise.
	qy, qh := py+ph+4, wh-title-26-ph-4
	for y := range qh {
		for x := range pw {
			n := rnd.Uint64()
			base := (x*x+y*y)/max(pw, 1) + int(n&0x0F)
			m.Set(px+x, qy+y, byte(base+0x20), byte(base/2+0x40+int(n>>8&0x07)), byte(0xA0-base/3+int(n>>16&0x07)))
		}
	}
	return m
}

// Tiles calls fn for each tile of a width×height area cut into size×size
// tiles, left to right and top to bottom; edge tiles are smaller.
func Tiles(width, height, size int, fn func(x, y, w, h int)) {
	for y := 0; y < height; y += size {
		for x := 0; x < width; x += size {
			fn(x, y, min(size, width-x), min(size, height-y))
		}
	}
}

// DiffBGR compares the B, G, R bytes of two w×h images in the pixel
// convention and describes the first difference, or returns "".
func DiffBGR(got []byte, gotStride int, want []byte, wantStride int, w, h int) string {
	for y := range h {
		for x := range w {
			g, o := got[y*gotStride+x*4:], want[y*wantStride+x*4:]
			if g[0] != o[0] || g[1] != o[1] || g[2] != o[2] {
				return fmt.Sprintf("pixel (%d,%d): got BGR %02x%02x%02x, want %02x%02x%02x",
					x, y, g[0], g[1], g[2], o[0], o[1], o[2])
			}
		}
	}
	return ""
}

// Quantized returns a copy of the w×h rectangle at pix reduced to what the
// bpp wire format keeps (codec.Quantize), for comparing lossless round
// trips at 15 and 16 bpp.
func Quantized(pix []byte, stride, w, h, bpp int) *Image {
	m := New(w, h)
	for y := range h {
		for x := range w {
			o := y*stride + x*4
			b, g, r := codec.Quantize(pix[o], pix[o+1], pix[o+2], bpp)
			m.Set(x, y, b, g, r)
		}
	}
	return m
}
