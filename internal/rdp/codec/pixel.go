package codec

import (
	"errors"
	"fmt"
)

// Sentinel errors the codecs wrap.
var (
	// ErrGeometry means a width, height or stride is out of range, or a
	// pixel buffer is too short for the rectangle it is said to hold.
	ErrGeometry = errors.New("codec: invalid image geometry")
	// ErrBitsPerPixel means a colour depth the codec does not handle.
	ErrBitsPerPixel = errors.New("codec: unsupported bits per pixel")
)

// MaxDimension is the largest width or height a bitmap can have on the
// wire: TS_BITMAP_DATA width and height are 16-bit fields ([MS-RDPBCGR]
// 2.2.9.1.1.3.1.2.2).
const MaxDimension = 0xFFFF

// BytesPerPixel is the size of one source or destination pixel.
const BytesPerPixel = 4

// CheckImage reports whether (pix, stride, width, height) describes a
// rectangle of the pixel convention: 1 <= width, height <= MaxDimension,
// stride >= width*4, and pix long enough to hold every byte of every row
// (the last row needs only width*4 bytes). It returns an error wrapping
// ErrGeometry otherwise.
func CheckImage(pix []byte, stride, width, height int) error {
	if width <= 0 || height <= 0 || width > MaxDimension || height > MaxDimension {
		return fmt.Errorf("%w: %dx%d", ErrGeometry, width, height)
	}
	if stride < width*BytesPerPixel {
		return fmt.Errorf("%w: stride %d < %d", ErrGeometry, stride, width*BytesPerPixel)
	}
	if need := (height-1)*stride + width*BytesPerPixel; len(pix) < need {
		return fmt.Errorf("%w: buffer %d < %d bytes for %dx%d (stride %d)",
			ErrGeometry, len(pix), need, width, height, stride)
	}
	return nil
}

// AlignedWidth rounds width up to a multiple of 4. [MS-RDPBCGR]
// 2.2.9.1.1.3.1.2.3: cbScanWidth "MUST be divisible by 4"; Windows,
// FreeRDP's shadow server and xrdp send compressed bitmaps of such widths
// and clip the padding with destRight.
func AlignedWidth(width int) int { return (width + 3) &^ 3 }

// WireBytesPerPixel returns the size of one pixel at bpp bits per pixel in
// bitmap data: 15 and 16 bpp take 2 bytes, 24 bpp 3 and 32 bpp 4. Other
// depths (8 bpp needs a palette) are an error wrapping ErrBitsPerPixel.
func WireBytesPerPixel(bpp int) (int, error) {
	switch bpp {
	case 15, 16:
		return 2, nil
	case 24:
		return 3, nil
	case 32:
		return 4, nil
	}
	return 0, fmt.Errorf("%w: %d", ErrBitsPerPixel, bpp)
}

// RGB565 packs a colour into the 16 bpp wire format: red in bits 11–15,
// green in bits 5–10, blue in bits 0–4, keeping the top bits of each
// component.
func RGB565(b, g, r byte) uint16 {
	return uint16(r>>3)<<11 | uint16(g>>2)<<5 | uint16(b>>3)
}

// RGB555 packs a colour into the 15 bpp wire format: red in bits 10–14,
// green in bits 5–9, blue in bits 0–4; bit 15 is zero.
func RGB555(b, g, r byte) uint16 {
	return uint16(r>>3)<<10 | uint16(g>>3)<<5 | uint16(b>>3)
}

// Expand565 unpacks a 16 bpp pixel to 8-bit components, replicating each
// component's top bits into the low bits so that 0x1F becomes 0xFF.
// RGB565(Expand565(v)) == v for every v.
func Expand565(v uint16) (b, g, r byte) {
	r5, g6, b5 := byte(v>>11)&0x1F, byte(v>>5)&0x3F, byte(v)&0x1F
	return b5<<3 | b5>>2, g6<<2 | g6>>4, r5<<3 | r5>>2
}

// Expand555 unpacks a 15 bpp pixel to 8-bit components like Expand565.
// Bit 15 is ignored.
func Expand555(v uint16) (b, g, r byte) {
	r5, g5, b5 := byte(v>>10)&0x1F, byte(v>>5)&0x1F, byte(v)&0x1F
	return b5<<3 | b5>>2, g5<<3 | g5>>2, r5<<3 | r5>>2
}

// Quantize returns the colour a (b, g, r) source pixel has after a round
// trip through the bpp wire format: unchanged at 24 and 32 bpp, reduced to
// 5/6/5 or 5/5/5 bits and expanded again at 16 and 15 bpp.
func Quantize(b, g, r byte, bpp int) (byte, byte, byte) {
	switch bpp {
	case 16:
		return Expand565(RGB565(b, g, r))
	case 15:
		return Expand555(RGB555(b, g, r))
	}
	return b, g, r
}
