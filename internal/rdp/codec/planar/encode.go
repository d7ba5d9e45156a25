package planar

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
)

// Encoder compresses 32-bit images into RDP6_BITMAP_STREAMs. The zero
// Encoder is ready to use and holds no state between calls, so one Encoder
// may be shared by goroutines that do not change its options.
type Encoder struct {
	// AlignWidth widens the bitmap to codec.AlignedWidth(width) columns by
	// repeating the last column. The caller then sends the aligned width in
	// TS_BITMAP_DATA and clips the padding with destRight. FreeRDP's shadow
	// server, xrdp and IronRDP only send widths that are multiples of 4;
	// xfreerdp 2.11.7 decodes any width.
	AlignWidth bool

	// Alpha emits an opaque (0xFF) alpha plane instead of setting NA, for a
	// client whose Bitmap Capability Set lacks DRAW_ALLOW_SKIP_ALPHA. Leave
	// it off for FreeRDP: 2.11.7 swaps red and blue in streams that carry
	// an alpha plane when the server advertised
	// DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY (planar.c planar_invert_format).
	Alpha bool
}

// Encode appends the RDP6_BITMAP_STREAM of the width×height rectangle at
// pix (pixel convention of package codec) to dst, using a zero Encoder.
func Encode(dst, pix []byte, stride, width, height int) ([]byte, error) {
	var e Encoder
	return e.Encode(dst, pix, stride, width, height)
}

// Width returns the width of the bitmap Encode produces for a source
// rectangle width pixels wide: width itself, or codec.AlignedWidth(width)
// with AlignWidth. It is the width to send in TS_BITMAP_DATA.
func (e *Encoder) Width(width int) int {
	if e.AlignWidth {
		return codec.AlignedWidth(width)
	}
	return width
}

// MaxLen returns the longest stream Encode appends for a width×height
// rectangle: raw planes and the pad byte (the encoder never sends an RLE
// stream longer than that). A TS_BITMAP_DATA bitmapLength holds at most
// 65535 bytes.
func (e *Encoder) MaxLen(width, height int) int {
	planes := 3
	if e.Alpha {
		planes = 4
	}
	return 1 /* FormatHeader */ + planes*e.Width(width)*height + 1 /* Pad */
}

// Encode appends the RDP6_BITMAP_STREAM of the width×height rectangle at
// pix (pixel convention of package codec) to dst and returns the extended
// slice. It allocates nothing beyond growing dst. On error dst is returned
// unchanged.
func (e *Encoder) Encode(dst, pix []byte, stride, width, height int) ([]byte, error) {
	if err := codec.CheckImage(pix, stride, width, height); err != nil {
		return dst, fmt.Errorf("planar: %w", err)
	}
	m := source{pix: pix, stride: stride, width: width, height: height, encWidth: e.Width(width)}
	if m.encWidth > codec.MaxDimension {
		return dst, fmt.Errorf("planar: %w: aligned width %d", codec.ErrGeometry, m.encWidth)
	}
	rawLen := e.MaxLen(width, height)

	start := len(dst)
	limit := start + rawLen // an RLE stream longer than this loses to raw planes
	header := RLE
	if !e.Alpha {
		header |= NA
	}
	dst = append(dst, byte(header))
	ok := true
	if e.Alpha {
		dst, ok = m.appendPlaneRLE(dst, chA, limit)
	}
	for i, ch := range [...]int{chR, chG, chB} {
		if !ok {
			break
		}
		before := len(dst)
		dst, ok = m.appendPlaneRLE(dst, ch, limit)
		if i == 0 && height >= 4 && len(dst)-before > m.encWidth*height {
			// The first colour plane did not shrink even with the
			// scanline deltas: noise or a photo, whose other planes
			// will not either. Raw planes, without running RLE over
			// two more. (A single row is all absolute values: there
			// one plane says little about the others.)
			ok = false
		}
	}
	if ok && len(dst) <= limit {
		return dst, nil
	}
	return m.appendRaw(dst[:start], e.Alpha), nil
}

// source is the image being encoded. encWidth >= width; columns at and
// beyond width repeat column width-1.
type source struct {
	pix                             []byte
	stride, width, height, encWidth int
}

// chunkLen bounds the stack buffer a scanline is prepared in. Scanlines
// longer than this are encoded in pieces, which costs at most a control
// byte per piece: a run cut at a piece boundary continues as a run-only
// segment of the same value.
const chunkLen = 512

// appendPlaneRLE appends the RDP6_RLE_SEGMENTS of one plane: channel ch of
// every pixel (chA: the constant 0xFF), scanlines bottom-up, the first
// absolute and the others as deltaCodes from the scanline before. It gives
// up, returning false, once dst grows past limit.
func (m *source) appendPlaneRLE(dst []byte, ch, limit int) ([]byte, bool) {
	var buf [chunkLen]byte
	for ys := range m.height {
		y := m.height - 1 - ys // bottom-up
		cur := m.pix[y*m.stride:]
		var prev []byte // the scanline before in stream order: the row below
		if ys > 0 {
			prev = m.pix[(y+1)*m.stride:]
		}
		if prev != nil && m.encWidth >= 3 && bytes.Equal(cur[:4*m.width], prev[:4*m.width]) {
			// Every delta is 0 (padding repeats equal columns): one run
			// of the start-of-scanline value 0, without building the
			// deltas. Flat areas, and rows a thin line does not cross,
			// are most rows of a desktop.
			dst = appendRun(dst, m.encWidth)
			if len(dst) > limit {
				return dst, false
			}
			continue
		}
		var last byte // the run value of a segment without raw bytes
		for x0 := 0; x0 < m.encWidth; x0 += chunkLen {
			seg := buf[:min(chunkLen, m.encWidth-x0)]
			m.fill(seg, cur, prev, x0, ch)
			dst, last = appendSegments(dst, seg, last)
		}
		if len(dst) > limit {
			return dst, false
		}
	}
	return dst, true
}

// fill stores the plane values of columns x0 … x0+len(seg)-1 of one
// scanline in seg: absolute values when prev is nil, else deltaCodes.
func (m *source) fill(seg, cur, prev []byte, x0, ch int) {
	if ch == chA {
		v := byte(0xFF)
		if prev != nil {
			v = 0 // opaque above opaque: delta 0
		}
		for i := range seg {
			seg[i] = v
		}
		return
	}
	n := max(min(len(seg), m.width-x0), 0) // columns inside the source
	if n > 0 {
		c := cur[x0*4+ch : (x0+n-1)*4+ch+1]
		if prev == nil {
			for i := range n {
				seg[i] = c[4*i]
			}
		} else {
			p := prev[x0*4+ch : (x0+n-1)*4+ch+1]
			for i := range n {
				seg[i] = deltaCode(c[4*i], p[4*i])
			}
		}
	}
	if n < len(seg) { // padding columns repeat the last one
		o := (m.width-1)*4 + ch
		v := cur[o]
		if prev != nil {
			v = deltaCode(cur[o], prev[o])
		}
		for i := n; i < len(seg); i++ {
			seg[i] = v
		}
	}
}

// appendSegments appends RDP6_RLE_SEGMENTs ([MS-RDPEGDI] 2.2.2.5.1.2) for
// the values v, a piece of one scanline, and returns the last raw value
// emitted (or last, if none was). last is the value a segment without raw
// bytes repeats: zero at the start of a scanline ([MS-RDPEGDI] 3.1.9.2:
// "In the absence of a RAW component, the RAW value used to decode the RUN
// component is assumed to be the value zero"), afterwards the last raw
// byte of the scanline, as FreeRDP 2.11.7 (planar_decompress_plane_rle)
// and IronRDP decode it and FreeRDP's and xrdp's encoders emit it.
//
// A run is emitted for three or more equal values ("A RUN in a segment
// MUST be at least three values long (shorter sequences are encoded as RAW
// values)", 3.1.9.2): as the tail of a segment whose last raw byte starts
// it, or on its own when it repeats last.
func appendSegments(dst, v []byte, last byte) ([]byte, byte) {
	rawStart := 0
	for i := 0; i < len(v); {
		x := v[i]
		j := i + 1
		for j < len(v) && v[j] == x {
			j++
		}
		switch n := j - i; {
		case rawStart == i && x == last && n >= 3:
			dst = appendRun(dst, n)
			rawStart = j
		case n >= 4:
			dst = appendRawRun(dst, v[rawStart:i+1], n-1)
			last = x
			rawStart = j
		}
		i = j
	}
	if rawStart < len(v) {
		dst = appendRawRun(dst, v[rawStart:], 0)
		last = v[len(v)-1]
	}
	return dst, last
}

// appendRawRun appends segments for the raw values (at least one) followed
// by run repetitions of the last of them (0, or at least 3).
func appendRawRun(dst, raw []byte, run int) []byte {
	for len(raw) > 15 { // cRawBytes is 4 bits
		dst = append(dst, 15<<4)
		dst = append(dst, raw[:15]...)
		raw = raw[15:]
	}
	// nRunLength 1 and 2 mean long runs without raw bytes, so a segment
	// with raw bytes carries a run of 0 or 3 to 15; the rest follows in
	// run-only segments, which must not be left with 1 or 2 values.
	first := min(run, 15)
	if rest := run - first; rest == 1 || rest == 2 {
		first = run - 3
	}
	dst = append(dst, byte(len(raw))<<4|byte(first))
	dst = append(dst, raw...)
	return appendRun(dst, run-first)
}

// appendRun appends run-only segments for n (0, or at least 3) repetitions
// of the last raw value: nRunLength 3 to 15 directly, 16 to 31 as
// nRunLength 1 and 32 to 47 as nRunLength 2 with the excess in cRawBytes
// ([MS-RDPEGDI] 2.2.2.5.1.2).
func appendRun(dst []byte, n int) []byte {
	for n > 0 {
		p := min(n, 47)
		if rest := n - p; rest == 1 || rest == 2 {
			p -= 3
		}
		switch {
		case p >= 32:
			dst = append(dst, byte(p-32)<<4|2)
		case p >= 16:
			dst = append(dst, byte(p-16)<<4|1)
		default:
			dst = append(dst, byte(p))
		}
		n -= p
	}
	return dst
}

// appendRaw appends a stream of raw planes: FormatHeader (NA unless
// alpha), the planes bottom-up, and the pad byte FreeRDP and xrdp write
// ([MS-RDPEGDI] 2.2.2.5.1: "This optional field is only present if the RLE
// subfield of the FormatHeader field is zero").
func (m *source) appendRaw(dst []byte, alpha bool) []byte {
	header, planes := NA, 3
	if alpha {
		header, planes = 0, 4
	}
	size := m.encWidth * m.height
	start := len(dst)
	dst = slices.Grow(dst, 2+planes*size)[:start+2+planes*size]
	out := dst[start:]
	out[0] = byte(header)
	out = out[1:]
	if alpha {
		for i := range size {
			out[i] = 0xFF
		}
		out = out[size:]
	}
	last := m.width - 1
	for _, ch := range [...]int{chR, chG, chB} {
		for ys := range m.height {
			row := m.pix[(m.height-1-ys)*m.stride:]
			for x := range m.encWidth {
				out[x] = row[min(x, last)*4+ch]
			}
			out = out[m.encWidth:]
		}
	}
	out[0] = 0 // Pad
	return dst
}
