package planar

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Decode decodes the RDP6_BITMAP_STREAM src of a width×height bitmap (the
// TS_BITMAP_DATA width and height) into dst, top-down in the pixel
// convention of package codec. The fourth byte of each pixel receives the
// alpha plane's value, or 0xFF when the stream has none.
//
// dst must hold the rectangle (codec.CheckImage); nothing is written to it
// when an error is returned. Scratch memory for the planes is allocated per
// call, bounded by the size of dst.
func Decode(src []byte, width, height int, dst []byte, dstStride int) error {
	if err := codec.CheckImage(dst, dstStride, width, height); err != nil {
		return fmt.Errorf("planar: %w", err)
	}
	if err := decode(src, width, height, dst, dstStride); err != nil {
		return fmt.Errorf("planar: RDP6_BITMAP_STREAM: %w", err)
	}
	return nil
}

func decode(src []byte, w, h int, dst []byte, dstStride int) error {
	r := wire.NewReader(src)
	header := FormatHeader(r.U8())
	if err := r.Err(); err != nil {
		return err
	}
	if header&reservedMask != 0 {
		return r.Failf("FormatHeader", "reserved bits set in %v", header)
	}
	cll := header.ColorLossLevel()
	subsampled := header&CS != 0
	if subsampled && cll == 0 {
		// [MS-RDPEGDI] 3.1.9.1.3: chroma subsampling applies to the
		// chroma planes of AYCoCg; FreeRDP rejects it with ARGB too.
		return r.Failf("FormatHeader", "CS without AYCoCg (CLL 0) in %v", header)
	}
	hasAlpha := header&NA == 0

	// Plane geometry: [MS-RDPEGDI] 3.1.9.1.3 halves the chroma planes in
	// both directions, rounding up for odd sizes.
	cw, ch := w, h
	if subsampled {
		cw, ch = (w+1)/2, (h+1)/2
	}
	full, chroma := w*h, cw*ch
	buf := make([]byte, 2*full+2*chroma)
	alpha, p0, p1, p2 := buf[:full], buf[full:2*full], buf[2*full:2*full+chroma], buf[2*full+chroma:]

	type plane struct {
		name    string
		data    []byte
		w, h    int
		present bool
	}
	planes := [...]plane{
		{"AlphaPlane", alpha, w, h, hasAlpha},
		{"LumaOrRedPlane", p0, w, h, true},
		{"OrangeChromaOrGreenPlane", p1, cw, ch, true},
		{"GreenChromaOrBluePlane", p2, cw, ch, true},
	}
	for _, p := range planes {
		if !p.present {
			continue
		}
		if header&RLE != 0 {
			if err := decodePlaneRLE(r, p.name, p.data, p.w, p.h); err != nil {
				return err
			}
			continue
		}
		b := r.Bytes(len(p.data))
		if r.Err() != nil {
			return r.Fail(p.name, r.Err())
		}
		copy(p.data, b)
	}
	if header&RLE == 0 && r.Len() == 1 {
		// [MS-RDPEGDI] 2.2.2.5.1: "Pad (1 byte): ... This optional field
		// is only present if the RLE subfield of the FormatHeader field is
		// zero." Its value "MUST be ignored".
		r.Skip(1)
	}
	if err := r.Finish(); err != nil {
		return err
	}

	for ys := range h {
		out := dst[(h-1-ys)*dstStride:] // bottom-up
		crow := ys
		if subsampled {
			crow = ys / 2
		}
		for x := range w {
			i := ys*w + x
			a := byte(0xFF)
			if hasAlpha {
				a = alpha[i]
			}
			o := x * 4
			if cll == 0 {
				out[o+chB], out[o+chG], out[o+chR], out[o+chA] = p2[i], p1[i], p0[i], a
				continue
			}
			ci := crow*cw + x
			if subsampled {
				ci = crow*cw + x/2
			}
			b, g, r := ycocgToRGB(p0[i], p1[ci], p2[ci], cll)
			if !hasAlpha {
				// Streams without an alpha plane carry AYCoCg with red and
				// blue exchanged: FreeRDP 2.11.7 (prim_YCoCg.c with
				// planar_invert_format applying only with alpha) and
				// IronRDP (rdp6 decoder) both decode them so, and IronRDP's
				// Windows-captured test streams confirm it.
				r, b = b, r
			}
			out[o+chB], out[o+chG], out[o+chR], out[o+chA] = b, g, r, a
		}
	}
	return nil
}

// decodePlaneRLE decodes one plane of RDP6_RLE_SEGMENTS ([MS-RDPEGDI]
// 2.2.2.5.1.1) into plane (w×h values, scanlines in stream order) and
// resolves the scanline deltas.
func decodePlaneRLE(r *wire.Reader, name string, plane []byte, w, h int) error {
	for y := range h {
		row := plane[y*w : (y+1)*w]
		x := 0
		// The value a RUN without RAW bytes repeats: zero at the start of
		// a scanline ([MS-RDPEGDI] 3.1.9.2), then the last RAW byte of the
		// scanline, as FreeRDP 2.11.7 (planar_decompress_plane_rle) and
		// IronRDP (rdp6/rle.rs) decode it.
		var last byte
		for x < w {
			control := r.U8()
			if r.Err() != nil {
				return r.Fail(name, r.Err())
			}
			if control == 0 {
				// 2.2.2.5.1.2: "The controlByte field MUST contain a
				// nonzero value."
				return r.Failf(name, "zero controlByte at scanline %d", y)
			}
			run, raw := int(control&0x0F), int(control>>4)
			switch run {
			case 1: // 2.2.2.5.1.2: "the actual run-length is 16 plus the value in cRawBytes"
				run, raw = 16+raw, 0
			case 2: // "32 plus the value in cRawBytes"
				run, raw = 32+raw, 0
			}
			if x+raw+run > w {
				return r.Failf(name, "segment of %d values at column %d overruns scanline %d of width %d", raw+run, x, y, w)
			}
			values := r.Bytes(raw)
			if r.Err() != nil {
				return r.Fail(name, r.Err())
			}
			x += copy(row[x:], values)
			if raw > 0 {
				last = values[raw-1]
			}
			for range run {
				row[x] = last
				x++
			}
		}
		if y > 0 { // 3.1.9.2: scanlines after the first hold deltas
			prev := plane[(y-1)*w : y*w]
			for i, code := range row {
				row[i] = prev[i] + deltaValue(code)
			}
		}
	}
	return nil
}

// ycocgToRGB converts one AYCoCg sample at colour loss level cll (1 to 7)
// to RGB ([MS-RDPEGDI] 3.1.9.1.2, 3.1.9.1.4): the chroma values were
// shifted right by cll-1 more than the 1 bit the transform itself needs, so
// they are shifted back as signed bytes, then
//
//	R = Y + Co - Cg, G = Y + Cg, B = Y - Co - Cg
//
// clamped to 0…255.
func ycocgToRGB(y, co, cg byte, cll int) (b, g, r byte) {
	shift := uint(cll - 1)
	coS := int(int8(co << shift))
	cgS := int(int8(cg << shift))
	t := int(y) - cgS
	return clamp(t - coS), clamp(int(y) + cgS), clamp(t + coS)
}

func clamp(v int) byte {
	return byte(min(max(v, 0), 255))
}
