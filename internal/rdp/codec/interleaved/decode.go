package interleaved

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Decode decodes the RLE_BITMAP_STREAM src of a width×height bitmap at bpp
// (15, 16 or 24; width and height as TS_BITMAP_DATA gives them, width being
// the scanline length) into dst, top-down in the pixel convention of
// package codec with X = 0xFF.
//
// dst must hold the rectangle (codec.CheckImage); nothing is written to it
// when an error is returned. Scratch memory is allocated per call, bounded
// by the size of dst.
func Decode(src []byte, width, height, bpp int, dst []byte, dstStride int) error {
	if err := codec.CheckImage(dst, dstStride, width, height); err != nil {
		return fmt.Errorf("interleaved: %w", err)
	}
	f, err := formatOf(bpp)
	if err != nil {
		return fmt.Errorf("interleaved: %w", err)
	}
	px := make([]uint32, width*height)
	if err := decodeStream(src, width, f, px); err != nil {
		return fmt.Errorf("interleaved: RLE_BITMAP_STREAM: %w", err)
	}
	for ys := range height {
		out := dst[(height-1-ys)*dstStride:] // bottom-up
		for x, v := range px[ys*width : (ys+1)*width] {
			b, g, r := f.unpack(v)
			out[x*4], out[x*4+1], out[x*4+2], out[x*4+3] = b, g, r, 0xFF
		}
	}
	return nil
}

// decodeStream runs the decoder of [MS-RDPBCGR] 3.1.9 (RleDecompress) over
// src, filling px (scanlines of width pixels in stream order) completely.
func decodeStream(src []byte, width int, f format, px []uint32) error {
	r := wire.NewReader(src)
	pos, total := 0, len(px)
	fg := f.white     // "fgPel = WHITE_PIXEL"
	insertFg := false // "fInsertFgPel": a background run follows another
	firstLine := true // "fFirstLine"
	for r.Len() > 0 {
		// "Watch out for the end of the first scanline": the rules of the
		// first scanline are chosen once per order, at its start.
		if firstLine && pos >= width {
			firstLine, insertFg = false, false
		}
		header := r.U8()
		code := codeOf(header)
		n, err := runLength(r, code, header)
		if err != nil {
			return err
		}
		pixels := n
		switch code {
		case liteDitheredRun, megaDitheredRun:
			pixels = 2 * n // the run length counts pixel pairs
		case specialFgBg1, specialFgBg2:
			pixels = 8
		case specialWhite, specialBlack:
			pixels = 1
		}
		if pixels > total-pos {
			return r.Failf(code.String(), "%d pixels at pixel %d overrun the %d-pixel bitmap", pixels, pos, total)
		}
		// above returns the pixel one scanline before, black on the first.
		above := func(p int) uint32 {
			if firstLine {
				return 0
			}
			return px[p-width]
		}

		switch code {
		case regularBgRun, megaBgRun:
			if insertFg {
				// "A follow-on background run order will need a
				// foreground pel inserted."
				px[pos] = above(pos) ^ fg
				pos++
				n--
			}
			for range n {
				px[pos] = above(pos)
				pos++
			}
			insertFg = true
			continue

		case regularFgRun, megaFgRun, liteSetFgFgRun, megaSetFgRun:
			if code == liteSetFgFgRun || code == megaSetFgRun {
				fg = readPixel(r, f)
			}
			for range n {
				px[pos] = above(pos) ^ fg
				pos++
			}

		case liteDitheredRun, megaDitheredRun:
			a, b := readPixel(r, f), readPixel(r, f)
			for range n {
				px[pos], px[pos+1] = a, b
				pos += 2
			}

		case regularColorRun, megaColorRun:
			c := readPixel(r, f)
			for range n {
				px[pos] = c
				pos++
			}

		case regularFgBgImage, megaFgBgImage, liteSetFgFgBgImage, megaSetFgBgImage:
			if code == liteSetFgFgBgImage || code == megaSetFgBgImage {
				fg = readPixel(r, f)
			}
			masks := r.Bytes((n + 7) / 8)
			for i := range n {
				px[pos] = above(pos)
				if masks != nil && masks[i/8]>>(i%8)&1 == 1 {
					px[pos] ^= fg
				}
				pos++
			}

		case regularColorImage, megaColorImage:
			if r.Len() < n*f.size {
				r.Skip(n * f.size) // records the short read
				break
			}
			for range n {
				px[pos] = readPixel(r, f)
				pos++
			}

		case specialFgBg1, specialFgBg2:
			mask := byte(maskSpecialFgBg1)
			if code == specialFgBg2 {
				mask = maskSpecialFgBg2
			}
			for i := range 8 {
				px[pos] = above(pos)
				if mask>>i&1 == 1 {
					px[pos] ^= fg
				}
				pos++
			}

		case specialWhite:
			px[pos] = f.white
			pos++

		case specialBlack:
			px[pos] = 0
			pos++
		}
		insertFg = false
		if err := r.Err(); err != nil {
			return r.Fail(code.String(), err)
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	if pos != total {
		return r.Fail("RLE_BITMAP_STREAM", fmt.Errorf("%w: stream ends after %d of %d pixels", wire.ErrShort, pos, total))
	}
	return nil
}

// runLength reads the run length of an order whose header has been read
// ([MS-RDPBCGR] 2.2.9.1.1.3.1.2.4). Orders without a run length return 0.
func runLength(r *wire.Reader, code orderCode, header byte) (int, error) {
	var n int
	switch code {
	case regularBgRun, regularFgRun, regularColorRun, regularColorImage:
		// 5-bit run length; 0 means "the next byte plus 32".
		if n = int(header & 0x1F); n == 0 {
			n = int(r.U8()) + 32
		}
	case regularFgBgImage:
		// 5-bit length in units of 8 pixels; 0 means "the next byte plus 1".
		if n = int(header&0x1F) * 8; n == 0 {
			n = int(r.U8()) + 1
		}
	case liteSetFgFgRun, liteDitheredRun:
		// 4-bit run length; 0 means "the next byte plus 16".
		if n = int(header & 0x0F); n == 0 {
			n = int(r.U8()) + 16
		}
	case liteSetFgFgBgImage:
		if n = int(header&0x0F) * 8; n == 0 {
			n = int(r.U8()) + 1
		}
	case megaBgRun, megaFgRun, megaFgBgImage, megaColorRun, megaColorImage,
		megaSetFgRun, megaSetFgBgImage, megaDitheredRun:
		// A 16-bit run length follows the header. A zero length draws
		// nothing; no encoder sends it, and FreeRDP's background run
		// would underflow on it, so it is rejected.
		n = int(r.U16LE())
		if r.Err() == nil && n == 0 {
			return 0, r.Failf(code.String(), "zero run length")
		}
	case specialFgBg1, specialFgBg2, specialWhite, specialBlack:
	default:
		return 0, r.Failf("orderHeader", "unknown compression order %#02x", header)
	}
	if err := r.Err(); err != nil {
		return 0, r.Fail(code.String(), err)
	}
	return n, nil
}

// readPixel reads one little-endian pixel of f.size bytes (0 after an
// error, which the reader keeps).
func readPixel(r *wire.Reader, f format) uint32 {
	if f.size == 3 {
		b := r.Bytes(3)
		if b == nil {
			return 0
		}
		return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
	}
	return uint32(r.U16LE())
}
