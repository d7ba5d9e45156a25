package shadow

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"
)

func TestFrameSetSizeReusesPix(t *testing.T) {
	f := NewFrame(10, 10)
	p := &f.Pix[0]
	f.SetSize(5, 4)
	if f.Width != 5 || f.Height != 4 || f.Stride != 20 || len(f.Pix) != 80 {
		t.Fatalf("SetSize(5,4): got %dx%d stride %d len %d", f.Width, f.Height, f.Stride, len(f.Pix))
	}
	if &f.Pix[0] != p {
		t.Error("SetSize to a smaller size reallocated Pix")
	}
	f.SetSize(20, 20)
	if len(f.Pix) != 1600 {
		t.Errorf("SetSize(20,20): len %d, want 1600", len(f.Pix))
	}
	f.SetSize(-1, 3)
	if f.Width != 0 || f.Height != 3 || len(f.Pix) != 0 {
		t.Errorf("SetSize(-1,3): got %dx%d len %d", f.Width, f.Height, len(f.Pix))
	}
}

func TestFrameAtSetByteOrder(t *testing.T) {
	f := NewFrame(3, 2)
	f.Set(2, 1, color.RGBA{R: 1, G: 2, B: 3, A: 0})
	off := f.PixOffset(2, 1)
	if got := f.Pix[off : off+4]; !bytes.Equal(got, []byte{3, 2, 1, 0xff}) {
		t.Errorf("Set wrote % x, want B,G,R,X = 03 02 01 ff", got)
	}
	if got, want := f.At(2, 1), (color.RGBA{1, 2, 3, 255}); got != want {
		t.Errorf("At(2,1) = %v, want %v", got, want)
	}
	for _, p := range []image.Point{{-1, 0}, {3, 0}, {0, 2}, {0, -1}} {
		if got := f.At(p.X, p.Y); got != (color.RGBA{}) {
			t.Errorf("At(%v) outside = %v, want zero", p, got)
		}
		f.Set(p.X, p.Y, color.RGBA{255, 255, 255, 255}) // must not panic
	}
}

func TestFrameSubPix(t *testing.T) {
	f := Pattern(40, 30)
	f.Stride = 40*4 + 12 // a padded stride: rebuild Pix with padding
	padded := make([]byte, 30*f.Stride)
	src := Pattern(40, 30)
	for y := range 30 {
		copy(padded[y*f.Stride:], src.Pix[y*src.Stride:(y+1)*src.Stride])
	}
	f.Pix = padded

	tests := []struct {
		name  string
		r     image.Rectangle
		clip  image.Rectangle
		empty bool
	}{
		{name: "inside", r: image.Rect(3, 4, 10, 9), clip: image.Rect(3, 4, 10, 9)},
		{name: "whole", r: f.Rect(), clip: f.Rect()},
		{name: "one pixel", r: image.Rect(39, 29, 40, 30), clip: image.Rect(39, 29, 40, 30)},
		{name: "clipped", r: image.Rect(-5, 25, 45, 40), clip: image.Rect(0, 25, 40, 30)},
		{name: "outside", r: image.Rect(50, 50, 60, 60), empty: true},
		{name: "empty", r: image.Rect(5, 5, 5, 9), empty: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := f.SubPix(tt.r)
			if tt.empty {
				if sub != nil {
					t.Fatalf("SubPix(%v) = %d bytes, want nil", tt.r, len(sub))
				}
				return
			}
			c := tt.clip
			if want := (c.Dy()-1)*f.Stride + c.Dx()*4; len(sub) != want {
				t.Fatalf("len = %d, want %d", len(sub), want)
			}
			for j := 0; j < c.Dy(); j++ {
				for i := 0; i < c.Dx(); i++ {
					p := sub[j*f.Stride+i*4:]
					got := color.RGBA{p[2], p[1], p[0], 255}
					if want := f.At(c.Min.X+i, c.Min.Y+j); got != want {
						t.Fatalf("pixel (%d,%d) of sub = %v, want %v", i, j, got, want)
					}
				}
			}
		})
	}
}

func TestFrameCopyFromAndClonePackRows(t *testing.T) {
	src := &Frame{Width: 2, Height: 2, Stride: 12, Pix: []byte{
		1, 2, 3, 4, 5, 6, 7, 8, 99, 99, 99, 99,
		9, 10, 11, 12, 13, 14, 15, 16,
	}}
	c := src.Clone()
	want := []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	if c.Stride != 8 || !bytes.Equal(c.Pix, want) {
		t.Errorf("Clone: stride %d pix % x, want stride 8 pix % x", c.Stride, c.Pix, want)
	}
	if err := Compare(src, c, 0); err != nil {
		t.Error(err)
	}
}

func TestFrameFillAndDraw(t *testing.T) {
	f := NewFrame(8, 8)
	red := color.RGBA{255, 0, 0, 255}
	f.Fill(image.Rect(6, 6, 20, 20), red) // clipped
	for y := range 8 {
		for x := range 8 {
			want := color.RGBA{0, 0, 0, 255}
			if x >= 6 && y >= 6 {
				want = red
			}
			if got := f.At(x, y); got != want {
				t.Fatalf("after Fill: At(%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
	p := Pattern(4, 4)
	f.Draw(image.Pt(-1, 5), p)
	for y := 5; y < 8; y++ {
		for x := range 3 {
			if got, want := f.At(x, y), p.At(x+1, y-5); got != want {
				t.Fatalf("after Draw: At(%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
}

func TestFrameImageRoundTrip(t *testing.T) {
	f := Pattern(33, 17)
	img := f.RGBA()
	if img.Bounds() != f.Rect() {
		t.Fatalf("RGBA bounds %v", img.Bounds())
	}
	if got, want := img.RGBAAt(32, 16), f.At(32, 16); got != want {
		t.Errorf("RGBAAt = %v, want %v", got, want)
	}
	if err := Compare(f, FromImage(img), 0); err != nil {
		t.Errorf("RGBA fast path: %v", err)
	}
	// A sub-image with a non-zero origin and a generic image type.
	sub := img.SubImage(image.Rect(5, 3, 20, 10)).(*image.RGBA)
	g := FromImage(sub)
	if g.Width != 15 || g.Height != 7 || g.At(0, 0) != f.At(5, 3) || g.At(14, 6) != f.At(19, 9) {
		t.Errorf("sub-image: %dx%d, corners %v %v", g.Width, g.Height, g.At(0, 0), g.At(14, 6))
	}
	nrgba := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	nrgba.SetNRGBA(1, 0, color.NRGBA{10, 20, 30, 255})
	if got := FromImage(nrgba).At(1, 0); got != (color.RGBA{10, 20, 30, 255}) {
		t.Errorf("generic path: %v", got)
	}
}

func TestCompare(t *testing.T) {
	a := Pattern(16, 16)
	b := a.Clone()
	for i := 3; i < len(b.Pix); i += 4 {
		b.Pix[i] = 0 // X differs: ignored
	}
	if err := Compare(a, b, 0); err != nil {
		t.Errorf("X bytes must be ignored: %v", err)
	}
	b.Pix[b.PixOffset(7, 9)+1] ^= 0x04
	err := Compare(a, b, 0)
	if err == nil || !strings.Contains(err.Error(), "1 of 256") || !strings.Contains(err.Error(), "(7,9)") {
		t.Errorf("Compare after one change: %v", err)
	}
	if err := Compare(a, b, 4); err != nil {
		t.Errorf("within tolerance: %v", err)
	}
	if err := Compare(a, NewFrame(16, 15), 255); err == nil || !strings.Contains(err.Error(), "size") {
		t.Errorf("size mismatch: %v", err)
	}
	if errors.Is(err, ErrClosed) {
		t.Error("unrelated error wraps ErrClosed")
	}
}
