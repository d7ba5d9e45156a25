// Package codec holds what the bitmap codecs share: the pixel convention,
// geometry checks, colour conversion between the 32-bit source format and
// the 15/16/24-bit wire formats, and uncompressed bitmap data as
// TS_BITMAP_DATA carries it ([MS-RDPBCGR] 2.2.9.1.1.3.1.2.2).
//
// The codecs themselves live in subpackages: planar (RDP 6.0 Planar,
// [MS-RDPEGDI] 2.2.2.5.1 and 3.1.9) and interleaved (Interleaved RLE,
// [MS-RDPBCGR] 2.2.9.1.1.3.1.2.4 and 3.1.9). codectest builds the
// deterministic test images their tests and benchmarks use.
//
// # Pixel convention
//
// A source image is a byte slice of 32-bit pixels in B, G, R, X byte order
// (X is ignored), rows top-down, with a stride in bytes. Functions take
// (pix []byte, stride, width, height int) where pix starts at the top-left
// pixel of the rectangle: a 64×64 tile of a larger framebuffer is encoded
// without copying by passing fb[y*stride+x*4:] and the framebuffer's
// stride. Only the bytes of the rectangle are read, so pix may end right
// after the last pixel of the last row.
//
// Decoders write the same format into a caller-provided destination
// (dst, dstStride): B, G, R and X = 0xFF (or the alpha value, for formats
// that carry one), top-down, touching only the rectangle's bytes.
//
// Bitmap data on the wire is bottom-up: the first scanline sent is the
// bottom row of the rectangle. Encoders and decoders flip; callers always
// deal in top-down images.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [MS-RDPEGDI]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpegdi/
package codec
