package shadow

import (
	"bytes"
	"image"
)

// DefaultTileSize is the tile edge TileDiff uses when given 0: 64 pixels, as
// IronRDP's encoder and the RDP bitmap codecs' natural tile size.
const DefaultTileSize = 64

// TileDiff returns the tiles of cur that differ from prev, in row-major
// order. The frame is cut into tileSize×tileSize squares from (0,0) (0 or a
// negative size means DefaultTileSize); tiles on the right and bottom edges
// are clipped to the frame. Rows are compared with bytes.Equal, X bytes
// included.
//
// If prev is nil or its size differs from cur's (a resolution change),
// every tile of cur is returned.
func TileDiff(prev, cur *Frame, tileSize int) []image.Rectangle {
	return AppendTileDiff(nil, prev, cur, tileSize)
}

// AppendTileDiff is TileDiff appending to dst, so a caller that keeps dst
// between frames does not allocate.
func AppendTileDiff(dst []image.Rectangle, prev, cur *Frame, tileSize int) []image.Rectangle {
	return appendTileDiff(dst, prev, cur, tileSize, nil, true)
}

// AppendTileDiffIn is AppendTileDiff looking only at the tiles that
// intersect areas (the damage a platform reported): pixels elsewhere are
// taken as unchanged and not even compared. A size change still returns
// every tile.
func AppendTileDiffIn(dst []image.Rectangle, prev, cur *Frame, tileSize int, areas []image.Rectangle) []image.Rectangle {
	return appendTileDiff(dst, prev, cur, tileSize, areas, false)
}

func appendTileDiff(dst []image.Rectangle, prev, cur *Frame, tileSize int, areas []image.Rectangle, all bool) []image.Rectangle {
	if tileSize <= 0 {
		tileSize = DefaultTileSize
	}
	w, h := cur.Width, cur.Height
	if w <= 0 || h <= 0 {
		return dst
	}
	cols := (w + tileSize - 1) / tileSize
	if prev == nil || prev.Width != w || prev.Height != h {
		for ty := 0; ty < h; ty += tileSize {
			for tx := 0; tx < w; tx += tileSize {
				dst = append(dst, image.Rect(tx, ty, min(tx+tileSize, w), min(ty+tileSize, h)))
			}
		}
		return dst
	}

	// dirty marks the columns of the current band of tiles found changed;
	// 512 columns (32768 pixels at 64) fit on the stack.
	// skip marks the columns outside the damaged areas.
	var buf, sbuf [512]bool
	dirty, skip := buf[:0], sbuf[:0]
	if cols <= len(buf) {
		dirty, skip = buf[:cols], sbuf[:cols]
	} else {
		dirty, skip = make([]bool, cols), make([]bool, cols)
	}
	rowBytes := tileSize * BytesPerPixel
	lastBytes := (w - (cols-1)*tileSize) * BytesPerPixel
	for ty := 0; ty < h; ty += tileSize {
		clear(dirty)
		left := cols // tiles of this band not yet known to be dirty
		if !all {
			left = candidates(skip, areas, image.Rect(0, ty, w, min(ty+tileSize, h)), tileSize)
		}
		for y := ty; y < min(ty+tileSize, h) && left > 0; y++ {
			p := prev.Pix[y*prev.Stride:]
			c := cur.Pix[y*cur.Stride:]
			for col := range cols {
				if dirty[col] || !all && skip[col] {
					continue
				}
				off, n := col*rowBytes, rowBytes
				if col == cols-1 {
					n = lastBytes
				}
				if !bytes.Equal(p[off:off+n], c[off:off+n]) {
					dirty[col] = true
					left--
				}
			}
		}
		for col, d := range dirty {
			if d {
				tx := col * tileSize
				dst = append(dst, image.Rect(tx, ty, min(tx+tileSize, w), min(ty+tileSize, h)))
			}
		}
	}
	return dst
}

// candidates sets skip for the columns of band that no area touches and
// returns how many columns are left to compare.
func candidates(skip []bool, areas []image.Rectangle, band image.Rectangle, tileSize int) int {
	for i := range skip {
		skip[i] = true
	}
	n := 0
	for _, a := range areas {
		a = a.Intersect(band)
		if a.Empty() {
			continue
		}
		for col := a.Min.X / tileSize; col <= (a.Max.X-1)/tileSize && col < len(skip); col++ {
			if skip[col] {
				skip[col] = false
				n++
			}
		}
	}
	return n
}

// MergeTiles turns tiles from TileDiff (same grid, row-major order) into a
// smaller set of rectangles covering exactly the same pixels: horizontally
// adjacent tiles in a band become one run, and a run is extended downwards
// when the band below has a run with the same left and right edges. The
// result is in top-to-bottom, left-to-right order of the rectangles' top
// left corners. tiles is not modified.
//
// Encoders still split the result to their own limits (maximum bitmap or
// PDU size).
func MergeTiles(tiles []image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	// open indexes the rectangles of out whose bottom edge is the top of
	// the band being merged, i.e. that may still grow downwards.
	var open, next []int
	for i := 0; i < len(tiles); {
		// One band: tiles sharing Min.Y.
		band := tiles[i].Min.Y
		next = next[:0]
		for i < len(tiles) && tiles[i].Min.Y == band {
			run := tiles[i]
			i++
			for i < len(tiles) && tiles[i].Min.Y == band && tiles[i].Min.X == run.Max.X && tiles[i].Max.Y == run.Max.Y {
				run.Max.X = tiles[i].Max.X
				i++
			}
			merged := false
			for _, k := range open {
				o := &out[k]
				if o.Max.Y == run.Min.Y && o.Min.X == run.Min.X && o.Max.X == run.Max.X {
					o.Max.Y = run.Max.Y
					next = append(next, k)
					merged = true
					break
				}
			}
			if !merged {
				out = append(out, run)
				next = append(next, len(out)-1)
			}
		}
		open, next = next, open
	}
	return out
}
