package shadow

import (
	"image"
	"slices"
)

// MergeOverlapping appends to dst the bounding boxes of the groups of
// overlapping rectangles in areas: the result covers every area, and no
// two of its rectangles overlap. Damage reports repeat and overlap (one
// window redrawn by many requests); a search that reads every pixel of
// each area, such as scroll detection, should read each pixel once.
// Empty areas are dropped; areas is not modified.
func MergeOverlapping(dst []image.Rectangle, areas []image.Rectangle) []image.Rectangle {
	start := len(dst)
	for _, a := range areas {
		if a.Empty() {
			continue
		}
		// Absorb every kept box that overlaps a; the grown box may now
		// overlap boxes checked before, so look again until none does.
		for merged := true; merged; {
			merged = false
			for i := start; i < len(dst); i++ {
				if dst[i].Overlaps(a) {
					a = a.Union(dst[i])
					dst[i] = dst[len(dst)-1]
					dst = dst[:len(dst)-1]
					merged = true
					i--
				}
			}
		}
		dst = append(dst, a)
	}
	return dst
}

// Disjoint builds the exact union of rectangles as rectangles that do not
// overlap, reusing its buffers from call to call. Copying damage that
// repeats across captures (one window redrawn every frame, reported once
// per capture) through Disjoint moves each pixel once, not once per
// report.
type Disjoint struct {
	ys    []int
	spans []span
	prev  []int // indexes in dst of the rectangles of the band above
}

type span struct{ x0, x1 int }

// Append appends to dst rectangles that cover exactly the union of areas
// and do not overlap: the union is cut into horizontal bands at every
// top and bottom edge, each band into its covered runs, and a band whose
// runs equal those of the band right above extends that band's
// rectangles. Empty areas are dropped; areas is not modified.
func (d *Disjoint) Append(dst []image.Rectangle, areas []image.Rectangle) []image.Rectangle {
	d.ys = d.ys[:0]
	for _, a := range areas {
		if !a.Empty() {
			d.ys = append(d.ys, a.Min.Y, a.Max.Y)
		}
	}
	slices.Sort(d.ys)
	d.ys = slices.Compact(d.ys)
	d.prev = d.prev[:0]
	prevBottom := 0
	for i := 0; i+1 < len(d.ys); i++ {
		y0, y1 := d.ys[i], d.ys[i+1]
		d.spans = d.spans[:0]
		for _, a := range areas {
			if !a.Empty() && a.Min.Y <= y0 && a.Max.Y >= y1 {
				d.spans = append(d.spans, span{a.Min.X, a.Max.X})
			}
		}
		slices.SortFunc(d.spans, func(a, b span) int { return a.x0 - b.x0 })
		runs := d.spans[:0]
		for _, s := range d.spans {
			if n := len(runs); n > 0 && s.x0 <= runs[n-1].x1 {
				runs[n-1].x1 = max(runs[n-1].x1, s.x1)
				continue
			}
			runs = append(runs, s)
		}
		if prevBottom == y0 && len(runs) == len(d.prev) && d.sameRuns(dst, runs) {
			for _, j := range d.prev {
				dst[j].Max.Y = y1
			}
		} else {
			d.prev = d.prev[:0]
			for _, s := range runs {
				d.prev = append(d.prev, len(dst))
				dst = append(dst, image.Rect(s.x0, y0, s.x1, y1))
			}
		}
		if len(runs) > 0 {
			prevBottom = y1
		} else {
			prevBottom = -1
			d.prev = d.prev[:0]
		}
	}
	return dst
}

func (d *Disjoint) sameRuns(dst []image.Rectangle, runs []span) bool {
	for k, j := range d.prev {
		if dst[j].Min.X != runs[k].x0 || dst[j].Max.X != runs[k].x1 {
			return false
		}
	}
	return true
}
