package shadow

import (
	"fmt"
	"image"
	"image/color"
)

// BytesPerPixel is the size of one Frame pixel: B, G, R, X.
const BytesPerPixel = 4

// Frame is a captured desktop image: 32-bit pixels in B, G, R, X byte order
// (X ignored), rows top-down, row y starting at Pix[y*Stride].
//
// A Frame is a plain value with no locking; whoever captured into it owns
// it. Encoders read Pix directly (SubPix gives the start of a rectangle).
type Frame struct {
	// Pix holds the pixels; len(Pix) >= (Height-1)*Stride + 4*Width when
	// the frame is not empty.
	Pix []byte
	// Stride is the distance in bytes between the starts of two rows,
	// at least 4*Width.
	Stride int
	// Width and Height are the frame size in pixels.
	Width, Height int
}

// NewFrame returns a black frame of the given size with tightly packed rows
// (Stride == 4*width). Negative sizes are treated as 0.
func NewFrame(width, height int) *Frame {
	f := new(Frame)
	f.SetSize(width, height)
	clear(f.Pix)
	return f
}

// SetSize sets the frame's size to width×height with tightly packed rows
// (Stride == 4*width), reusing Pix when its capacity suffices. The pixel
// contents are unspecified afterwards. Negative sizes are treated as 0.
// Backends call it at the start of a Capture.
func (f *Frame) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	n := width * height * BytesPerPixel
	if cap(f.Pix) >= n {
		f.Pix = f.Pix[:n]
	} else {
		f.Pix = make([]byte, n)
	}
	f.Width, f.Height, f.Stride = width, height, width*BytesPerPixel
}

// Rect returns the frame's bounds, (0,0)-(Width,Height).
func (f *Frame) Rect() image.Rectangle {
	return image.Rect(0, 0, f.Width, f.Height)
}

// PixOffset returns the index in Pix of the first byte (B) of pixel (x, y).
// It does not check bounds.
func (f *Frame) PixOffset(x, y int) int {
	return y*f.Stride + x*BytesPerPixel
}

// At returns the colour of pixel (x, y) as opaque RGBA, or the zero colour
// (transparent black) outside the frame. It is meant for tests; hot paths
// read Pix.
func (f *Frame) At(x, y int) color.RGBA {
	if !(image.Point{x, y}).In(f.Rect()) {
		return color.RGBA{}
	}
	p := f.Pix[f.PixOffset(x, y):]
	return color.RGBA{R: p[2], G: p[1], B: p[0], A: 0xff}
}

// Set sets pixel (x, y) to c (alpha is ignored; X is written as 0xff).
// Points outside the frame are ignored.
func (f *Frame) Set(x, y int, c color.RGBA) {
	if !(image.Point{x, y}).In(f.Rect()) {
		return
	}
	p := f.Pix[f.PixOffset(x, y):]
	p[0], p[1], p[2], p[3] = c.B, c.G, c.R, 0xff
}

// Fill sets every pixel of r (clipped to the frame) to c.
func (f *Frame) Fill(r image.Rectangle, c color.RGBA) {
	r = r.Intersect(f.Rect())
	if r.Empty() {
		return
	}
	px := [BytesPerPixel]byte{c.B, c.G, c.R, 0xff}
	first := f.Pix[f.PixOffset(r.Min.X, r.Min.Y):][:r.Dx()*BytesPerPixel]
	for i := 0; i < len(first); i += BytesPerPixel {
		copy(first[i:], px[:])
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(f.Pix[f.PixOffset(r.Min.X, y):], first)
	}
}

// SubPix returns the part of Pix that holds r: it starts at r's top-left
// pixel and ends after r's bottom-right pixel, so row j of r starts at
// index j*Stride and holds 4*r.Dx() bytes. The slice aliases Pix.
//
// r is clipped to the frame first (callers that need the clipped rectangle
// compute r.Intersect(f.Rect()) themselves); an empty result gives nil.
func (f *Frame) SubPix(r image.Rectangle) []byte {
	r = r.Intersect(f.Rect())
	if r.Empty() {
		return nil
	}
	start := f.PixOffset(r.Min.X, r.Min.Y)
	end := f.PixOffset(r.Max.X-1, r.Max.Y-1) + BytesPerPixel
	return f.Pix[start:end:end]
}

// CopyFrom makes f a copy of src (size and pixels), reusing f.Pix when it is
// big enough. The copy has tightly packed rows whatever src.Stride is.
func (f *Frame) CopyFrom(src *Frame) {
	f.SetSize(src.Width, src.Height)
	if f.Stride == src.Stride {
		copy(f.Pix, src.Pix)
		return
	}
	for y := range src.Height {
		copy(f.Pix[y*f.Stride:(y+1)*f.Stride], src.Pix[y*src.Stride:])
	}
}

// Clone returns a copy of f with its own tightly packed Pix.
func (f *Frame) Clone() *Frame {
	c := new(Frame)
	c.CopyFrom(f)
	return c
}

// Draw copies the pixels of src into f with src's (0,0) placed at dp,
// clipped to f.
func (f *Frame) Draw(dp image.Point, src *Frame) {
	r := src.Rect().Add(dp).Intersect(f.Rect())
	if r.Empty() {
		return
	}
	sp := r.Min.Sub(dp)
	n := r.Dx() * BytesPerPixel
	for y := 0; y < r.Dy(); y++ {
		d := f.PixOffset(r.Min.X, r.Min.Y+y)
		s := src.PixOffset(sp.X, sp.Y+y)
		copy(f.Pix[d:d+n], src.Pix[s:s+n])
	}
}

// RGBA returns the frame as a new opaque *image.RGBA (for tests, PNG dumps
// and screenshots).
func (f *Frame) RGBA() *image.RGBA {
	img := image.NewRGBA(f.Rect())
	for y := range f.Height {
		s := f.Pix[y*f.Stride:][:f.Width*BytesPerPixel]
		d := img.Pix[y*img.Stride:][:f.Width*4]
		for i := 0; i < len(s); i += 4 {
			d[i+0], d[i+1], d[i+2], d[i+3] = s[i+2], s[i+1], s[i+0], 0xff
		}
	}
	return img
}

// SetImage makes f a copy of img, resizing f to img's size and reusing
// f.Pix when it is big enough. img's top-left pixel (img.Bounds().Min)
// becomes f's (0,0). Alpha is dropped (colours are taken as they are, not
// composited over black), which is right for screen captures; *image.RGBA
// takes a fast path.
func (f *Frame) SetImage(img image.Image) {
	b := img.Bounds()
	f.SetSize(b.Dx(), b.Dy())
	if src, ok := img.(*image.RGBA); ok {
		for y := range f.Height {
			s := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):][:f.Width*4]
			d := f.Pix[y*f.Stride:][:f.Width*BytesPerPixel]
			for i := 0; i < len(s); i += 4 {
				d[i+0], d[i+1], d[i+2], d[i+3] = s[i+2], s[i+1], s[i+0], 0xff
			}
		}
		return
	}
	for y := range f.Height {
		for x := range f.Width {
			c := color.RGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.RGBA)
			f.Set(x, y, c)
		}
	}
}

// FromImage returns a new Frame holding a copy of img (see SetImage).
func FromImage(img image.Image) *Frame {
	f := new(Frame)
	f.SetImage(img)
	return f
}

// Compare reports whether got shows the same picture as want: same size,
// and no B, G or R component differing by more than tolerance (0 for an
// exact match; X is ignored). The error says how many pixels differ and
// where the first one is, for test failure messages.
func Compare(want, got *Frame, tolerance int) error {
	if want.Width != got.Width || want.Height != got.Height {
		return fmt.Errorf("shadow: size %dx%d, want %dx%d", got.Width, got.Height, want.Width, want.Height)
	}
	n := 0
	var first image.Point
	var fw, fg color.RGBA
	for y := range want.Height {
		w := want.Pix[y*want.Stride:][:want.Width*BytesPerPixel]
		g := got.Pix[y*got.Stride:][:got.Width*BytesPerPixel]
		for i := 0; i < len(w); i += BytesPerPixel {
			if absDiff(w[i], g[i]) <= tolerance && absDiff(w[i+1], g[i+1]) <= tolerance && absDiff(w[i+2], g[i+2]) <= tolerance {
				continue
			}
			if n == 0 {
				first = image.Pt(i/BytesPerPixel, y)
				fw, fg = want.At(first.X, first.Y), got.At(first.X, first.Y)
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return fmt.Errorf("shadow: %d of %d pixels differ (tolerance %d); first at %v: got #%02x%02x%02x, want #%02x%02x%02x",
		n, want.Width*want.Height, tolerance, first, fg.R, fg.G, fg.B, fw.R, fw.G, fw.B)
}

func absDiff(a, b byte) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
