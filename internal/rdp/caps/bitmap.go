package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// DrawingFlags is drawingFlags of the Bitmap set: what the sender allows in
// 32 bpp bitmap compression ([MS-RDPBCGR] 2.2.7.1.2, [MS-RDPEGDI] 3.1.9).
type DrawingFlags uint8

// Drawing flags.
const (
	DrawAllowDynamicColorFidelity DrawingFlags = 0x02 // DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY
	DrawAllowColorSubsampling     DrawingFlags = 0x04 // DRAW_ALLOW_COLOR_SUBSAMPLING
	DrawAllowSkipAlpha            DrawingFlags = 0x08 // DRAW_ALLOW_SKIP_ALPHA
	DrawUnusedFlag                DrawingFlags = 0x10 // DRAW_UNUSED_FLAG
)

// Has reports whether every flag in f is set.
func (d DrawingFlags) Has(f DrawingFlags) bool { return d&f == f }

func (d DrawingFlags) String() string {
	return wire.FormatFlags(uint64(d), []wire.Flag{
		{Bits: uint64(DrawAllowDynamicColorFidelity), Name: "DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY"},
		{Bits: uint64(DrawAllowColorSubsampling), Name: "DRAW_ALLOW_COLOR_SUBSAMPLING"},
		{Bits: uint64(DrawAllowSkipAlpha), Name: "DRAW_ALLOW_SKIP_ALPHA"},
		{Bits: uint64(DrawUnusedFlag), Name: "DRAW_UNUSED_FLAG"},
	})
}

// Bitmap is the Bitmap Capability Set (TS_BITMAP_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.2. Sent by both sides; the server's carries the
// session's color depth and desktop size.
//
// receive1BitPerPixel, receive4BitsPerPixel and receive8BitsPerPixel
// ("ignored and SHOULD be set to TRUE") are written as TRUE and
// highColorFlags ("ignored and SHOULD be set to zero") as zero; the decoder
// ignores them. bitmapCompressionFlag and multipleRectangleSupport "MUST be
// set to TRUE": they are written as TRUE and the decoder rejects FALSE.
type Bitmap struct {
	PreferredBitsPerPixel uint16       // preferredBitsPerPixel
	DesktopWidth          uint16       // desktopWidth
	DesktopHeight         uint16       // desktopHeight
	DesktopResize         bool         // desktopResizeFlag
	DrawingFlags          DrawingFlags // drawingFlags
}

var _ Set = (*Bitmap)(nil)

const bitmapBody = 2 /* preferredBitsPerPixel */ + 2 /* receive1BitPerPixel */ +
	2 /* receive4BitsPerPixel */ + 2 /* receive8BitsPerPixel */ + 2 /* desktopWidth */ +
	2 /* desktopHeight */ + 2 /* pad2octets */ + 2 /* desktopResizeFlag */ +
	2 /* bitmapCompressionFlag */ + 1 /* highColorFlags */ + 1 /* drawingFlags */ +
	2 /* multipleRectangleSupport */ + 2 /* pad2octetsB */

// Type returns TypeBitmap.
func (*Bitmap) Type() SetType { return TypeBitmap }

// Size returns the encoded length, 28.
func (*Bitmap) Size() int { return headerSize + bitmapBody }

// AppendBinary appends the set.
func (s *Bitmap) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeBitmap, bitmapBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, s.PreferredBitsPerPixel)
	b = wire.AppendU16LE(b, 1) // receive1BitPerPixel
	b = wire.AppendU16LE(b, 1) // receive4BitsPerPixel
	b = wire.AppendU16LE(b, 1) // receive8BitsPerPixel
	b = wire.AppendU16LE(b, s.DesktopWidth)
	b = wire.AppendU16LE(b, s.DesktopHeight)
	b = wire.AppendU16LE(b, 0) // pad2octets
	b = wire.AppendU16LE(b, boolU16(s.DesktopResize))
	b = wire.AppendU16LE(b, 1) // bitmapCompressionFlag
	b = append(b, 0, byte(s.DrawingFlags))
	b = wire.AppendU16LE(b, 1) // multipleRectangleSupport
	b = wire.AppendU16LE(b, 0) // pad2octetsB
	return b, nil
}

// Decode reads one TS_BITMAP_CAPABILITYSET.
func (s *Bitmap) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBitmap, "TS_BITMAP_CAPABILITYSET", func(d *wire.Reader) {
		s.PreferredBitsPerPixel = d.U16LE()
		d.Skip(2 + 2 + 2) // receive1BitPerPixel, receive4BitsPerPixel, receive8BitsPerPixel: ignored
		s.DesktopWidth = d.U16LE()
		s.DesktopHeight = d.U16LE()
		d.Skip(2) // pad2octets
		s.DesktopResize = d.U16LE() != 0
		// "This field MUST be set to TRUE (0x0001) because support for
		// compressed bitmaps is required for a connection to proceed."
		mustTrue16(d, "bitmapCompressionFlag")
		d.Skip(1) // highColorFlags: ignored
		s.DrawingFlags = DrawingFlags(d.U8())
		// "This field MUST be set to TRUE (0x0001) because multiple
		// rectangle support is required for a connection to proceed."
		mustTrue16(d, "multipleRectangleSupport")
		d.Skip(2) // pad2octetsB
	}, bitmapBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Bitmap) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }

// mustTrue16 reads a 16-bit BOOL the spec requires to be TRUE.
func mustTrue16(d *wire.Reader, field string) {
	if v := d.U16LE(); d.Err() == nil && v == 0 {
		d.Failf(field, "FALSE, want TRUE")
	}
}
