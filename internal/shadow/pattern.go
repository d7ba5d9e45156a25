package shadow

import (
	"image"
	"image/color"
)

// Pattern returns a deterministic test picture of the given size, rich
// enough that a wrong offset, stride, flip, channel order or lossy step
// shows when a captured or transmitted copy is compared with it:
//
//   - top quarter: eight colour bars (white, yellow, cyan, green, magenta,
//     red, blue, black);
//   - second quarter: red, green, blue and grey ramps from 0 at the left
//     edge to 255 at the right edge;
//   - third quarter, four blocks side by side: a 1-pixel black/white
//     checkerboard, 1-pixel vertical lines, 1-pixel horizontal lines, and
//     a coordinate block whose pixels encode their own position
//     (R = x mod 256, G = y mod 256, B = the high nibbles of x and y);
//   - bottom quarter: lines of text-like 5×7 glyphs on white, in black and
//     three ink colours, with word gaps;
//   - a 1-pixel magenta frame around the whole picture, and in each corner
//     a marker square of its own colour (top-left red, top-right green,
//     bottom-left blue, bottom-right yellow) with a black inner square
//     pushed towards the picture's centre.
//
// The same size always gives the same pixels (X bytes are 0xff). Any size
// works, down to 0×0.
func Pattern(width, height int) *Frame {
	f := NewFrame(width, height)
	w, h := f.Width, f.Height
	if w == 0 || h == 0 {
		return f
	}
	q1, q2, q3 := h/4, h/2, h*3/4

	// Colour bars.
	bars := [8]color.RGBA{
		{255, 255, 255, 255}, {255, 255, 0, 255}, {0, 255, 255, 255}, {0, 255, 0, 255},
		{255, 0, 255, 255}, {255, 0, 0, 255}, {0, 0, 255, 255}, {0, 0, 0, 255},
	}
	for i, c := range bars {
		f.Fill(image.Rect(i*w/8, 0, (i+1)*w/8, q1), c)
	}

	// Ramps: four sub-bands of the second quarter.
	for y := q1; y < q2; y++ {
		band := (y - q1) * 4 / max(q2-q1, 1)
		for x := range w {
			v := uint8(0)
			if w > 1 {
				v = uint8(x * 255 / (w - 1))
			}
			var c color.RGBA
			switch band {
			case 0:
				c = color.RGBA{v, 0, 0, 255}
			case 1:
				c = color.RGBA{0, v, 0, 255}
			case 2:
				c = color.RGBA{0, 0, v, 255}
			default:
				c = color.RGBA{v, v, v, 255}
			}
			f.Set(x, y, c)
		}
	}

	// Fine detail and the coordinate block.
	for y := q2; y < q3; y++ {
		for x := range w {
			var c color.RGBA
			switch x * 4 / w {
			case 0: // 1-pixel checkerboard
				if (x+y)%2 == 0 {
					c = color.RGBA{255, 255, 255, 255}
				} else {
					c = color.RGBA{0, 0, 0, 255}
				}
			case 1: // vertical lines, alternating cyan and dark red
				if x%2 == 0 {
					c = color.RGBA{0, 255, 255, 255}
				} else {
					c = color.RGBA{128, 0, 0, 255}
				}
			case 2: // horizontal lines, alternating yellow and dark blue
				if y%2 == 0 {
					c = color.RGBA{255, 255, 0, 255}
				} else {
					c = color.RGBA{0, 0, 128, 255}
				}
			default: // coordinates
				c = color.RGBA{uint8(x), uint8(y), uint8((x>>8)&0xf<<4 | (y>>8)&0xf), 255}
			}
			f.Set(x, y, c)
		}
	}

	// Text-like glyphs: cells of 6×9 pixels (a 5×7 glyph plus spacing)
	// on white.
	f.Fill(image.Rect(0, q3, w, h), color.RGBA{255, 255, 255, 255})
	inks := [4]color.RGBA{{0, 0, 0, 255}, {0, 0, 0, 255}, {0, 0, 192, 255}, {160, 0, 0, 255}}
	const cellW, cellH = 6, 9
	for cy := 0; q3+1+(cy+1)*cellH <= h; cy++ {
		for cx := 0; 2+(cx+1)*cellW <= w; cx++ {
			bits := mix(uint64(cx)<<32 | uint64(cy))
			if bits%7 == 0 { // word gap
				continue
			}
			ink := inks[(mix(uint64(cx/5)<<32|uint64(cy))>>8)%4]
			x0, y0 := 2+cx*cellW, q3+1+cy*cellH
			for gy := range 7 {
				for gx := range 5 {
					if bits>>(16+gy*5+gx)&1 != 0 {
						f.Set(x0+gx, y0+gy, ink)
					}
				}
			}
		}
	}

	// Frame and corner markers.
	magenta := color.RGBA{255, 0, 255, 255}
	f.Fill(image.Rect(0, 0, w, 1), magenta)
	f.Fill(image.Rect(0, h-1, w, h), magenta)
	f.Fill(image.Rect(0, 0, 1, h), magenta)
	f.Fill(image.Rect(w-1, 0, w, h), magenta)
	m := max(min(w, h)/16, 2)
	black := color.RGBA{0, 0, 0, 255}
	corners := [4]struct {
		r, inner image.Rectangle
		c        color.RGBA
	}{
		{image.Rect(0, 0, m, m), image.Rect(m/2, m/2, m, m), color.RGBA{255, 0, 0, 255}},
		{image.Rect(w-m, 0, w, m), image.Rect(w-m, m/2, w-m/2, m), color.RGBA{0, 255, 0, 255}},
		{image.Rect(0, h-m, m, h), image.Rect(m/2, h-m, m, h-m/2), color.RGBA{0, 0, 255, 255}},
		{image.Rect(w-m, h-m, w, h), image.Rect(w-m, h-m, w-m/2, h-m/2), color.RGBA{255, 255, 0, 255}},
	}
	for _, k := range corners {
		f.Fill(k.r, k.c)
		f.Fill(k.inner, black)
	}
	return f
}

// mix is the splitmix64 finaliser: a fixed, stateless hash for the glyphs.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// FillText fills r of f with text-like rows, for scrolling tests: dark
// dots at irregular spacing on white, so that every row differs from
// every other. The same rng state gives the same pixels; the caller
// owns the randomness (a *math/rand/v2.Rand), this package draws none.
func FillText(f *Frame, r image.Rectangle, rng interface{ IntN(int) int }) {
	r = r.Intersect(f.Rect())
	f.Fill(r, color.RGBA{255, 255, 255, 255})
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X + rng.IntN(4); x < r.Max.X; x += 1 + rng.IntN(6) {
			f.Set(x, y, color.RGBA{R: uint8(rng.IntN(90)), B: uint8(rng.IntN(120)), A: 255})
		}
	}
}
