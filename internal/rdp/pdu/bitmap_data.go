package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// BitmapFlags is flags of TS_BITMAP_DATA.
type BitmapFlags uint16

// Bitmap data flags.
const (
	BitmapCompression      BitmapFlags = 0x0001 // BITMAP_COMPRESSION
	NoBitmapCompressionHdr BitmapFlags = 0x0400 // NO_BITMAP_COMPRESSION_HDR
)

func (f BitmapFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(BitmapCompression), Name: "BITMAP_COMPRESSION"},
		{Bits: uint64(NoBitmapCompressionHdr), Name: "NO_BITMAP_COMPRESSION_HDR"},
	})
}

// hasCompressedHeader reports whether TS_CD_HEADER follows bitmapLength:
// "This field MUST be present if the BITMAP_COMPRESSION (0x0001) flag is
// present in the flags field, but the NO_BITMAP_COMPRESSION_HDR (0x0400)
// flag is not."
func (f BitmapFlags) hasCompressedHeader() bool {
	return f&BitmapCompression != 0 && f&NoBitmapCompressionHdr == 0
}

// CompressedDataHeader is the Compressed Data Header (TS_CD_HEADER),
// [MS-RDPBCGR] 2.2.9.1.1.3.1.2.3, less the fields the codec derives:
// cbCompFirstRowSize "MUST be set to 0x0000" and cbCompMainBodySize is the
// length of BitmapData.Data.
type CompressedDataHeader struct {
	// ScanWidth is cbScanWidth, the bitmap width in pixels: "this value
	// MUST be divisible by 4".
	ScanWidth uint16 // cbScanWidth
	// UncompressedSize is cbUncompressedSize, the decompressed size in
	// bytes.
	UncompressedSize uint16 // cbUncompressedSize
}

const compressedDataHeaderLen = 2 /* cbCompFirstRowSize */ + 2 /* cbCompMainBodySize */ +
	2 /* cbScanWidth */ + 2 /* cbUncompressedSize */

// BitmapData is one Bitmap Data rectangle (TS_BITMAP_DATA), [MS-RDPBCGR]
// 2.2.9.1.1.3.1.2.2.
//
// Uncompressed Data is bottom-up rows, each padded to 4 bytes (32 bpp is
// B,G,R,X). Compressed Data is Interleaved RLE below 32 bpp and RDP 6.0
// planar at 32 bpp ([MS-RDPEGDI] 2.2.2.5.1).
type BitmapData struct {
	DestLeft   uint16 // destLeft
	DestTop    uint16 // destTop
	DestRight  uint16 // destRight (inclusive)
	DestBottom uint16 // destBottom (inclusive)
	// Width and Height are the bitmap's size, which may exceed the
	// destination; both are nonzero (FreeRDP 2.11.7 update_read_bitmap_data
	// rejects 0).
	Width        uint16      // width
	Height       uint16      // height
	BitsPerPixel uint16      // bitsPerPixel
	Flags        BitmapFlags // flags
	// CompressedHeader is bitmapComprHdr: non-nil exactly when Flags has
	// BITMAP_COMPRESSION without NO_BITMAP_COMPRESSION_HDR. Omit it (set
	// NO_BITMAP_COMPRESSION_HDR) only for clients whose General set has
	// NO_BITMAP_COMPRESSION_HDR.
	CompressedHeader *CompressedDataHeader
	// Data is bitmapDataStream; decoded Data aliases the input.
	Data []byte
}

const bitmapDataFixed = 2 /* destLeft */ + 2 /* destTop */ + 2 /* destRight */ + 2 /* destBottom */ +
	2 /* width */ + 2 /* height */ + 2 /* bitsPerPixel */ + 2 /* flags */ + 2 /* bitmapLength */

// bitmapLength returns bitmapLength: "The size in bytes of the data in the
// bitmapComprHdr and bitmapDataStream fields."
func (p *BitmapData) bitmapLength() int {
	n := len(p.Data)
	if p.CompressedHeader != nil {
		n += compressedDataHeaderLen
	}
	return n
}

// Size returns the encoded length.
func (p *BitmapData) Size() int { return bitmapDataFixed + p.bitmapLength() }

// AppendBinary appends the rectangle. It fails for a zero width or height,
// a CompressedHeader that disagrees with Flags, a ScanWidth not divisible
// by 4, or a bitmapLength over 65535.
func (p *BitmapData) AppendBinary(b []byte) ([]byte, error) {
	const name = "pdu: TS_BITMAP_DATA: "
	switch {
	case p.Width == 0 || p.Height == 0:
		return nil, fmt.Errorf(name+"%dx%d bitmap", p.Width, p.Height)
	case p.Flags.hasCompressedHeader() != (p.CompressedHeader != nil):
		return nil, fmt.Errorf(name+"flags %v disagree with the compressed data header", p.Flags)
	case p.CompressedHeader != nil && p.CompressedHeader.ScanWidth%4 != 0:
		return nil, fmt.Errorf(name+"cbScanWidth %d is not divisible by 4", p.CompressedHeader.ScanWidth)
	case p.bitmapLength() > 0xFFFF:
		return nil, fmt.Errorf(name+"bitmapLength %d exceeds 65535", p.bitmapLength())
	}
	for _, v := range [...]uint16{
		p.DestLeft, p.DestTop, p.DestRight, p.DestBottom, p.Width, p.Height,
		p.BitsPerPixel, uint16(p.Flags), uint16(p.bitmapLength()),
	} {
		b = wire.AppendU16LE(b, v)
	}
	if h := p.CompressedHeader; h != nil {
		b = wire.AppendU16LE(b, 0) // cbCompFirstRowSize
		b = wire.AppendU16LE(b, uint16(len(p.Data)))
		b = wire.AppendU16LE(b, h.ScanWidth)
		b = wire.AppendU16LE(b, h.UncompressedSize)
	}
	return append(b, p.Data...), nil
}

// Decode reads one TS_BITMAP_DATA. With a TS_CD_HEADER, cbCompMainBodySize
// must equal bitmapLength minus the header (FreeRDP's server writes
// bitmapLength without the header; that is not accepted).
func (p *BitmapData) Decode(r *wire.Reader) error {
	const name = "pdu: TS_BITMAP_DATA: %w"
	p.DestLeft, p.DestTop, p.DestRight, p.DestBottom = r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE()
	p.Width, p.Height = r.U16LE(), r.U16LE()
	p.BitsPerPixel, p.Flags = r.U16LE(), BitmapFlags(r.U16LE())
	length := int(r.U16LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	if p.Width == 0 || p.Height == 0 {
		return fmt.Errorf(name, r.Failf("width", "%dx%d bitmap", p.Width, p.Height))
	}
	p.CompressedHeader = nil
	if p.Flags.hasCompressedHeader() {
		if length < compressedDataHeaderLen {
			return fmt.Errorf(name, r.Failf("bitmapLength", "%d cannot hold the compressed data header", length))
		}
		first, body := r.U16LE(), int(r.U16LE())
		h := CompressedDataHeader{ScanWidth: r.U16LE(), UncompressedSize: r.U16LE()}
		switch {
		case r.Err() != nil:
			return fmt.Errorf(name, r.Err())
		case first != 0: // "The field MUST be set to 0x0000."
			return fmt.Errorf(name, r.Failf("cbCompFirstRowSize", "%d, want 0", first))
		case body != length-compressedDataHeaderLen:
			return fmt.Errorf(name, r.Failf("cbCompMainBodySize", "%d, want %d (bitmapLength minus the header)", body, length-compressedDataHeaderLen))
		case h.ScanWidth%4 != 0: // "this value MUST be divisible by 4"
			return fmt.Errorf(name, r.Failf("cbScanWidth", "%d is not divisible by 4", h.ScanWidth))
		}
		p.CompressedHeader = &h
		length -= compressedDataHeaderLen
	}
	p.Data = r.Bytes(length)
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the rectangle.
func (p *BitmapData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
