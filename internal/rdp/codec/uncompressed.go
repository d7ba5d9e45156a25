package codec

import (
	"fmt"
	"slices"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Uncompressed bitmap data is the bitmapDataStream of a TS_BITMAP_DATA whose
// flags lack BITMAP_COMPRESSION ([MS-RDPBCGR] 2.2.9.1.1.3.1.2.2): rows
// bottom-up, each row width pixels padded with zeros to a multiple of four
// bytes. Pixels are little-endian: 32 bpp is B, G, R, X; 24 bpp is B, G, R;
// 16 bpp is RGB565 and 15 bpp RGB555 as a little-endian uint16.

// UncompressedRowLen returns the length of one row of uncompressed bitmap
// data: width pixels at bpp, rounded up to a multiple of 4 bytes.
func UncompressedRowLen(width, bpp int) (int, error) {
	bytesPP, err := WireBytesPerPixel(bpp)
	if err != nil {
		return 0, err
	}
	return (width*bytesPP + 3) &^ 3, nil
}

// UncompressedLen returns the length of uncompressed bitmap data for a
// width×height bitmap at bpp (UncompressedRowLen × height).
func UncompressedLen(width, height, bpp int) (int, error) {
	row, err := UncompressedRowLen(width, bpp)
	if err != nil {
		return 0, err
	}
	return row * height, nil
}

// AppendUncompressed appends the width×height rectangle at pix (pixel
// convention, see the package documentation) to dst as uncompressed bitmap
// data at bpp (32, 24, 16 or 15). The X byte of 32 bpp pixels is written
// as 0xFF. It returns an error for an invalid geometry or depth and then
// leaves dst unchanged.
func AppendUncompressed(dst, pix []byte, stride, width, height, bpp int) ([]byte, error) {
	if err := CheckImage(pix, stride, width, height); err != nil {
		return dst, err
	}
	rowLen, err := UncompressedRowLen(width, bpp)
	if err != nil {
		return dst, err
	}
	start := len(dst)
	dst = slices.Grow(dst, rowLen*height)[:start+rowLen*height]
	out := dst[start:]
	for y := height - 1; y >= 0; y-- { // bottom-up
		src := pix[y*stride : y*stride+width*BytesPerPixel]
		row := out[:rowLen]
		out = out[rowLen:]
		n := 0
		switch bpp {
		case 32:
			for x := 0; x < len(src); x += 4 {
				row[n], row[n+1], row[n+2], row[n+3] = src[x], src[x+1], src[x+2], 0xFF
				n += 4
			}
		case 24:
			for x := 0; x < len(src); x += 4 {
				row[n], row[n+1], row[n+2] = src[x], src[x+1], src[x+2]
				n += 3
			}
		case 16, 15:
			for x := 0; x < len(src); x += 4 {
				var v uint16
				if bpp == 16 {
					v = RGB565(src[x], src[x+1], src[x+2])
				} else {
					v = RGB555(src[x], src[x+1], src[x+2])
				}
				row[n], row[n+1] = byte(v), byte(v>>8)
				n += 2
			}
		}
		clear(row[n:]) // row padding
	}
	return dst, nil
}

// DecodeUncompressed decodes uncompressed bitmap data of a width×height
// bitmap at bpp into dst (pixel convention, X = 0xFF). src must hold
// exactly UncompressedLen bytes; the padding bytes at the end of each row
// are not checked ([MS-RDPBCGR] gives them no value). dst must hold the
// rectangle ([CheckImage]); nothing is written when an error is returned.
func DecodeUncompressed(src []byte, width, height, bpp int, dst []byte, dstStride int) error {
	if err := CheckImage(dst, dstStride, width, height); err != nil {
		return err
	}
	rowLen, err := UncompressedRowLen(width, bpp)
	if err != nil {
		return err
	}
	if want := rowLen * height; len(src) != want {
		r := wire.NewReader(src)
		r.Skip(want)
		if err := r.Finish(); err != nil {
			return fmt.Errorf("codec: uncompressed bitmap %dx%d at %d bpp: %w", width, height, bpp, err)
		}
	}
	for y := range height {
		row := src[(height-1-y)*rowLen:]
		out := dst[y*dstStride : y*dstStride+width*BytesPerPixel]
		n := 0
		for x := 0; x < len(out); x += 4 {
			var b, g, r byte
			switch bpp {
			case 32:
				b, g, r = row[n], row[n+1], row[n+2]
				n += 4
			case 24:
				b, g, r = row[n], row[n+1], row[n+2]
				n += 3
			case 16:
				b, g, r = Expand565(uint16(row[n]) | uint16(row[n+1])<<8)
				n += 2
			case 15:
				b, g, r = Expand555(uint16(row[n]) | uint16(row[n+1])<<8)
				n += 2
			}
			out[x], out[x+1], out[x+2], out[x+3] = b, g, r, 0xFF
		}
	}
	return nil
}
