package shadow

import "image"

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
