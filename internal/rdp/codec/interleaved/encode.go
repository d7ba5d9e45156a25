package interleaved

import (
	"fmt"
	"slices"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
)

// Encoder compresses 32-bit images into RLE_BITMAP_STREAMs. The zero
// Encoder is ready to use. It keeps a scratch buffer (4 bytes per pixel of
// the largest bitmap encoded) between calls, so an Encoder must not be used
// by two goroutines at once.
type Encoder struct {
	px []uint32 // the bitmap in wire pixels, scanlines in stream order
}

// Encode appends the RLE_BITMAP_STREAM of the width×height rectangle at
// pix (pixel convention of package codec) at bpp (15, 16 or 24) to dst,
// using a new Encoder.
func Encode(dst, pix []byte, stride, width, height, bpp int) ([]byte, error) {
	var e Encoder
	return e.Encode(dst, pix, stride, width, height, bpp)
}

// Encode appends the RLE_BITMAP_STREAM of the width×height rectangle at
// pix (pixel convention of package codec) at bpp (15, 16 or 24) to dst and
// returns the extended slice. The bitmap is Width(width) pixels wide, its
// last column repeated; the stream is lossless at bpp (codec.Quantize).
// Apart from growing dst and, on first use or for a larger bitmap, its
// scratch buffer, it allocates nothing. On error dst is returned unchanged.
func (e *Encoder) Encode(dst, pix []byte, stride, width, height, bpp int) ([]byte, error) {
	if err := codec.CheckImage(pix, stride, width, height); err != nil {
		return dst, fmt.Errorf("interleaved: %w", err)
	}
	f, err := formatOf(bpp)
	if err != nil {
		return dst, fmt.Errorf("interleaved: %w", err)
	}
	w := Width(width)
	if w > codec.MaxDimension {
		return dst, fmt.Errorf("interleaved: %w: aligned width %d", codec.ErrGeometry, w)
	}
	n := w * height
	e.px = slices.Grow(e.px[:0], n)[:n]
	for ys := range height {
		row := pix[(height-1-ys)*stride:] // bottom-up
		out := e.px[ys*w : (ys+1)*w]
		for x := range width {
			out[x] = f.pack(row[x*4], row[x*4+1], row[x*4+2])
		}
		for x := width; x < w; x++ {
			out[x] = out[width-1]
		}
	}
	start := len(dst)
	s := state{f: f, px: e.px, w: w, out: dst, lit: -1, firstLine: true}
	s.encode()
	if len(s.out)-start > maxLen(n, f) {
		// Never longer than plain colour images: the greedy choice can
		// lose a few bytes on adversarial input.
		s = state{f: f, px: e.px, w: w, out: s.out[:start], lit: 0, firstLine: true}
		s.flushImage(n)
	}
	return s.out, nil
}

// MaxLen returns the longest stream Encode appends for a width×height
// rectangle at bpp (0 for an unsupported bpp): the bitmap as colour
// images. A TS_BITMAP_DATA bitmapLength holds at most 65535 bytes.
func MaxLen(width, height, bpp int) int {
	f, err := formatOf(bpp)
	if err != nil {
		return 0
	}
	return maxLen(Width(width)*height, f)
}

// maxLen is the size of n pixels sent as colour images: MEGA_MEGA_COLOR_IMAGE
// headers (3 bytes) for every 65535 pixels, or a regular header of at most
// 2 bytes for up to 287.
func maxLen(n int, f format) int {
	return n*f.size + 3*((n+maxRun-1)/maxRun)
}

// maxRun is the longest run a MEGA_MEGA order can carry.
const maxRun = 0xFFFF

// state is one encoding: the pixels, the output, and a mirror of the
// decoder's state ([MS-RDPBCGR] 3.1.9: fgPel, fInsertFgPel, fFirstLine).
type state struct {
	f   format
	px  []uint32
	w   int
	out []byte

	fg        uint32 // the decoder's foreground colour, if fgKnown
	fgKnown   bool   // false until a set-fg order: the initial white is never relied on
	afterBg   bool   // the last order emitted was a background run (fInsertFgPel)
	firstLine bool   // no order has started past the first scanline yet (fFirstLine)
	lit       int    // start of the pending colour image, or -1
}

// kind is a candidate order family.
type kind uint8

const (
	kindNone kind = iota
	kindBg
	kindFgRun
	kindColorRun
	kindDither
	kindFgBg
	kindWhite
	kindBlack
)

// candidate is an order the encoder could emit at the current pixel: it
// covers n pixels for cost bytes. x is its foreground colour (kindFgRun,
// kindFgBg).
type candidate struct {
	kind    kind
	n, cost int
	x       uint32
}

// savings is the number of bytes c saves over sending its pixels in a
// colour image.
func (s *state) savings(c candidate) int { return c.n*s.f.size - c.cost }

// above returns the pixel one scanline before p in stream order, black on
// the first scanline. Orders that use it are kept within one side of the
// first scanline's end, matching the decoder's once-per-order choice.
func (s *state) above(p int) uint32 {
	if p < s.w {
		return 0
	}
	return s.px[p-s.w]
}

func (s *state) encode() {
	total := len(s.px)
	for p := 0; p < total; {
		best := s.best(p)
		threshold := 0
		if s.lit >= 0 {
			threshold = 1 // a colour image broken here needs another header later
		}
		if best.kind == kindNone || s.savings(best) <= threshold {
			if s.lit < 0 {
				s.lit = p
			}
			p++
			continue
		}
		s.flushImage(p)
		s.emit(p, best)
		p += best.n
	}
	s.flushImage(total)
}

// best returns the candidate with the largest savings at p.
func (s *state) best(p int) candidate {
	px := s.px
	size := s.f.size
	lim := min(len(px)-p, maxRun)
	flim := lim // orders depending on the first scanline stop at its end
	if p < s.w {
		flim = min(lim, s.w-p)
	}
	var best candidate
	consider := func(c candidate) {
		if c.n <= 0 {
			return
		}
		if best.kind == kindNone || s.savings(c) > s.savings(best) ||
			s.savings(c) == s.savings(best) && c.n > best.n {
			best = c
		}
	}
	v, up := px[p], s.above(p)

	// Background run. After a background run the decoder inserts one
	// foreground pixel first, unless a colour image (flushed before this
	// order) or the end of the first scanline intervenes.
	insert := s.afterBg && s.lit < 0 && !(s.firstLine && p >= s.w)
	if insert {
		if s.fgKnown && v == up^s.fg {
			n := 1 + s.bgLen(p+1, flim-1)
			consider(candidate{kind: kindBg, n: n, cost: regularCost(n)})
		}
	} else if n := s.bgLen(p, flim); n > 0 {
		consider(candidate{kind: kindBg, n: n, cost: regularCost(n)})
	}

	// Foreground run: a constant XOR with the pixel above.
	if x := v ^ up; x != 0 {
		n := 1
		for n < flim && px[p+n]^s.above(p+n) == x {
			n++
		}
		cost := regularCost(n)
		if !s.fgKnown || x != s.fg {
			cost = liteCost(n) + size
		}
		consider(candidate{kind: kindFgRun, n: n, cost: cost, x: x})
	}

	// Colour run.
	n := 1
	for n < lim && px[p+n] == v {
		n++
	}
	consider(candidate{kind: kindColorRun, n: n, cost: regularCost(n) + size})

	// Dithered run: pairs of two alternating colours.
	if lim >= 4 && px[p+1] != v {
		b := px[p+1]
		pairs := 1
		for 2*pairs+1 < lim && pairs < maxRun && px[p+2*pairs] == v && px[p+2*pairs+1] == b {
			pairs++
		}
		if pairs >= 2 {
			consider(candidate{kind: kindDither, n: 2 * pairs, cost: liteCost(pairs) + 2*size})
		}
	}

	// Foreground/background image.
	consider(s.fgbg(p, flim))

	// Single black or white pixel.
	switch {
	case v == 0:
		consider(candidate{kind: kindBlack, n: 1, cost: 1})
	case v == s.f.white && s.f.bpp != 15:
		consider(candidate{kind: kindWhite, n: 1, cost: 1})
	}
	return best
}

// bgLen counts the pixels from p (at most lim) equal to the pixel above.
func (s *state) bgLen(p, lim int) int {
	n := 0
	for n < lim && s.px[p+n] == s.above(p+n) {
		n++
	}
	return n
}

// fgbgLookahead is how far ahead of p the foreground colour of a fg/bg
// image is looked for, and bgBreak the length of a background stretch
// that ends one (a background run sends it for 1 or 2 bytes instead of
// bgBreak/8 bitmask bytes).
const (
	fgbgLookahead = 8
	bgBreak       = 16
)

// fgbg returns the fg/bg image candidate at p: pixels equal to the pixel
// above or to the pixel above XOR one foreground colour, the colour taken
// from the first pixel that differs from the pixel above.
func (s *state) fgbg(p, flim int) candidate {
	px := s.px
	var x uint32
	for q := p; q < p+min(flim, fgbgLookahead); q++ {
		if d := px[q] ^ s.above(q); d != 0 {
			x = d
			break
		}
	}
	if x == 0 {
		return candidate{}
	}
	n, streak := 0, 0
	for n < flim {
		d := px[p+n] ^ s.above(p+n)
		if d == 0 {
			streak++
			if streak == bgBreak {
				n -= bgBreak - 1
				break
			}
		} else if d == x {
			streak = 0
		} else {
			break
		}
		n++
	}
	if n <= 0 {
		return candidate{}
	}
	cost := (n + 7) / 8 // bitmask bytes
	switch {
	case s.fgKnown && x == s.fg:
		if n == 8 {
			if m := s.mask(p, 8, x); m == maskSpecialFgBg1 || m == maskSpecialFgBg2 {
				cost = 0 // SPECIAL_FGBG_1/2: the header is the whole order
			}
		}
		cost += fgbgCost(n, 31)
	default:
		cost += fgbgCost(n, 15) + s.f.size
	}
	return candidate{kind: kindFgBg, n: n, cost: cost, x: x}
}

// mask returns the fg/bg bitmask of the 8 or fewer pixels from p.
func (s *state) mask(p, n int, x uint32) byte {
	var m byte
	for i := range n {
		if s.px[p+i]^s.above(p+i) == x {
			m |= 1 << i
		}
	}
	return m
}

// regularCost is the header and run-length size of a regular order
// (5-bit length, or a byte holding length-32, or MEGA_MEGA's 16 bits).
func regularCost(n int) int {
	switch {
	case n <= 31:
		return 1
	case n <= 287:
		return 2
	}
	return 3
}

// liteCost is the same for lite orders (4-bit length, or length-16).
func liteCost(n int) int {
	switch {
	case n <= 15:
		return 1
	case n <= 271:
		return 2
	}
	return 3
}

// fgbgCost is the header size of a fg/bg image of n pixels whose short
// form holds up to short×8 pixels in multiples of 8.
func fgbgCost(n, short int) int {
	switch {
	case n%8 == 0 && n/8 <= short:
		return 1
	case n <= 256:
		return 2
	}
	return 3
}

// begin mirrors the decoder's check at the start of each order.
func (s *state) begin(p int) {
	if s.firstLine && p >= s.w {
		s.firstLine, s.afterBg = false, false
	}
}

// flushImage emits the pending colour image, which ends before end, in
// orders of at most maxRun pixels.
func (s *state) flushImage(end int) {
	for s.lit >= 0 && s.lit < end {
		n := min(end-s.lit, maxRun)
		s.begin(s.lit)
		s.appendRegular(regularColorImage, n)
		for _, v := range s.px[s.lit : s.lit+n] {
			s.appendPixel(v)
		}
		s.afterBg = false
		s.lit += n
	}
	s.lit = -1
}

// emit appends the order for candidate c at p.
func (s *state) emit(p int, c candidate) {
	s.begin(p)
	switch c.kind {
	case kindBg:
		s.appendRegular(regularBgRun, c.n)
	case kindFgRun:
		if s.fgKnown && c.x == s.fg {
			s.appendRegular(regularFgRun, c.n)
		} else {
			s.appendLite(liteSetFgFgRun, megaSetFgRun, c.n)
			s.appendPixel(c.x)
			s.fg, s.fgKnown = c.x, true
		}
	case kindColorRun:
		s.appendRegular(regularColorRun, c.n)
		s.appendPixel(s.px[p])
	case kindDither:
		s.appendLite(liteDitheredRun, megaDitheredRun, c.n/2)
		s.appendPixel(s.px[p])
		s.appendPixel(s.px[p+1])
	case kindFgBg:
		s.appendFgBg(p, c)
	case kindWhite:
		s.out = append(s.out, byte(specialWhite))
	case kindBlack:
		s.out = append(s.out, byte(specialBlack))
	}
	s.afterBg = c.kind == kindBg
}

func (s *state) appendFgBg(p int, c candidate) {
	if s.fgKnown && c.x == s.fg {
		if c.n == 8 {
			switch s.mask(p, 8, c.x) {
			case maskSpecialFgBg1:
				s.out = append(s.out, byte(specialFgBg1))
				return
			case maskSpecialFgBg2:
				s.out = append(s.out, byte(specialFgBg2))
				return
			}
		}
		switch {
		case c.n%8 == 0 && c.n/8 <= 31:
			s.out = append(s.out, byte(regularFgBgImage)<<5|byte(c.n/8))
		case c.n <= 256:
			s.out = append(s.out, byte(regularFgBgImage)<<5, byte(c.n-1))
		default:
			s.out = append(s.out, byte(megaFgBgImage), byte(c.n), byte(c.n>>8))
		}
	} else {
		switch {
		case c.n%8 == 0 && c.n/8 <= 15:
			s.out = append(s.out, byte(liteSetFgFgBgImage)<<4|byte(c.n/8))
		case c.n <= 256:
			s.out = append(s.out, byte(liteSetFgFgBgImage)<<4, byte(c.n-1))
		default:
			s.out = append(s.out, byte(megaSetFgBgImage), byte(c.n), byte(c.n>>8))
		}
		s.appendPixel(c.x)
		s.fg, s.fgKnown = c.x, true
	}
	for i := 0; i < c.n; i += 8 {
		s.out = append(s.out, s.mask(p+i, min(8, c.n-i), c.x))
	}
}

// appendRegular appends the header and run length of a regular order:
// code in the top 3 bits and n (1 to 31) in the low 5; or a zero length
// and a byte of n-32 (32 to 287); or MEGA_MEGA (0xF0 | code) and n as a
// 16-bit little-endian value.
func (s *state) appendRegular(code orderCode, n int) {
	switch {
	case n <= 31:
		s.out = append(s.out, byte(code)<<5|byte(n))
	case n <= 287:
		s.out = append(s.out, byte(code)<<5, byte(n-32))
	default:
		s.out = append(s.out, 0xF0|byte(code), byte(n), byte(n>>8))
	}
}

// appendLite appends the header and run length of a lite order: code in
// the top 4 bits and n (1 to 15) in the low 4; or a zero length and a byte
// of n-16 (16 to 271); or the MEGA_MEGA order mega and n in 16 bits.
func (s *state) appendLite(code, mega orderCode, n int) {
	switch {
	case n <= 15:
		s.out = append(s.out, byte(code)<<4|byte(n))
	case n <= 271:
		s.out = append(s.out, byte(code)<<4, byte(n-16))
	default:
		s.out = append(s.out, byte(mega), byte(n), byte(n>>8))
	}
}

// appendPixel appends one pixel, little-endian.
func (s *state) appendPixel(v uint32) {
	if s.f.size == 3 {
		s.out = append(s.out, byte(v), byte(v>>8), byte(v>>16))
		return
	}
	s.out = append(s.out, byte(v), byte(v>>8))
}
