package shadow

import (
	"bytes"
	"encoding/binary"
	"image"
)

// Scroll detection: when a window scrolls, most of its rows reappear a
// few lines higher or lower. Sending that as one move (RDP's ScrBlt, VNC's
// CopyRect) and then only the newly exposed lines costs a fraction of
// re-encoding the window.

// Move copies the rectangle at Src (the same size as Dst) to Dst.
type Move struct {
	Dst image.Rectangle
	Src image.Point
}

// Scroll detection limits.
const (
	minScrollWidth = 64 // narrower areas are cheap to send as bitmaps
	minScrollRows  = 16 // a band must move at least this many rows
	minVotes       = 4  // rows that agree on the distance
)

// ScrollDetector finds vertical scrolls between two frames. It keeps
// scratch space between calls, so one per connection saves allocations;
// it is not safe for concurrent use.
type ScrollDetector struct {
	old, cur []uint64
	where    map[uint64]int // old row sample hash -> row, or -1 if repeated
	votes    []int32
}

// Find looks for a vertical scroll inside r (clipped to both frames,
// which must be the same size): a band of rows of cur that equals the rows
// of prev a fixed distance above or below, where prev differs from cur.
// It returns the move that turns prev into cur for the longest such band,
// within r. Rows are compared exactly; hashes of a sample of each row only
// pick the candidate distance, so an area that did not scroll (an
// animation) costs reading a few cache lines per row.
func (d *ScrollDetector) Find(prev, cur *Frame, r image.Rectangle) (Move, bool) {
	if prev.Width != cur.Width || prev.Height != cur.Height {
		return Move{}, false
	}
	r = r.Intersect(cur.Rect())
	h := r.Dy()
	if r.Dx() < minScrollWidth || h < 2*minScrollRows {
		return Move{}, false
	}
	d.old = sampleRows(d.old[:0], prev, r)
	d.cur = sampleRows(d.cur[:0], cur, r)
	if d.where == nil {
		d.where = make(map[uint64]int, h)
	}
	clear(d.where)
	for i, v := range d.old {
		if _, dup := d.where[v]; dup {
			d.where[v] = -1 // blank lines and the like say nothing
		} else {
			d.where[v] = i
		}
	}
	// votes[dy+h] counts changed rows i whose content sits at row i+dy of
	// prev.
	if cap(d.votes) < 2*h+1 {
		d.votes = make([]int32, 2*h+1)
	} else {
		d.votes = d.votes[:2*h+1]
		clear(d.votes)
	}
	changed := 0
	for i, v := range d.cur {
		if v == d.old[i] {
			continue
		}
		changed++
		if j, ok := d.where[v]; ok && j >= 0 {
			d.votes[j-i+h]++
		}
	}
	best, bestVotes := 0, int32(0)
	for k, n := range d.votes {
		if n > bestVotes && k != h {
			best, bestVotes = k-h, n
		}
	}
	if bestVotes < minVotes || int(bestVotes)*4 < changed {
		return Move{}, false
	}
	dy := best
	// The longest run of rows i where cur row i equals prev row i+dy.
	n := r.Dx() * BytesPerPixel
	runStart, bestStart, bestLen, moved, bestMoved := 0, 0, 0, 0, 0
	for i := 0; i <= h; i++ {
		j := i + dy
		match := i < h && j >= 0 && j < h && d.cur[i] == d.old[j] &&
			bytes.Equal(cur.Pix[cur.PixOffset(r.Min.X, r.Min.Y+i):][:n], prev.Pix[prev.PixOffset(r.Min.X, r.Min.Y+j):][:n])
		if match {
			if d.cur[i] != d.old[i] {
				moved++
			}
			continue
		}
		if l := i - runStart; l > bestLen {
			bestStart, bestLen, bestMoved = runStart, l, moved
		}
		runStart, moved = i+1, 0
	}
	// Worth it only if the band is tall and mostly not in place already.
	if bestLen < minScrollRows || bestMoved*2 < bestLen {
		return Move{}, false
	}
	y0 := r.Min.Y + bestStart
	return Move{
		Dst: image.Rect(r.Min.X, y0, r.Max.X, y0+bestLen),
		Src: image.Pt(r.Min.X, y0+dy),
	}, true
}

// sampleWords is how many 8-byte words of a row sampleRows hashes,
// spread evenly across it: the cost is memory traffic, one cache line
// per word, not arithmetic.
const sampleWords = 16

// sampleRows appends a hash of every row of f inside r, computed from
// sampleWords words spread across the row and its last word.
func sampleRows(dst []uint64, f *Frame, r image.Rectangle) []uint64 {
	n := r.Dx() * BytesPerPixel
	step := max((n-8)/sampleWords, 8)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := f.Pix[f.PixOffset(r.Min.X, y):][:n]
		hv := uint64(0x243F6A8885A308D3)
		for k := 0; k+8 <= n; k += step {
			hv = (hv ^ binary.LittleEndian.Uint64(row[k:])) * 0x9E3779B97F4A7C15
			hv ^= hv >> 29
		}
		hv = (hv ^ binary.LittleEndian.Uint64(row[n-8:])) * 0x9E3779B97F4A7C15
		dst = append(dst, hv^hv>>32)
	}
	return dst
}

// Apply performs m on f: the rectangle at m.Src is copied to m.Dst as if
// read whole first, so overlapping moves (every scroll) work. Parts
// outside f are clipped.
func (f *Frame) Apply(m Move) {
	d := m.Dst.Intersect(f.Rect())
	off := m.Src.Sub(m.Dst.Min)
	s := d.Add(off).Intersect(f.Rect())
	d = s.Sub(off)
	if d.Empty() {
		return
	}
	n := d.Dx() * BytesPerPixel
	row := func(y int) {
		copy(f.Pix[f.PixOffset(d.Min.X, y):][:n], f.Pix[f.PixOffset(s.Min.X, y+off.Y):][:n])
	}
	if off.Y < 0 { // the source is above: copy from the bottom up
		for y := d.Max.Y - 1; y >= d.Min.Y; y-- {
			row(y)
		}
		return
	}
	for y := d.Min.Y; y < d.Max.Y; y++ {
		row(y)
	}
}
