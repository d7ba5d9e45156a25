package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// FontSupportFlags is fontSupportFlags of the Font set.
type FontSupportFlags uint16

// FontSupportFontList is the value fontSupportFlags "SHOULD be set to".
const FontSupportFontList FontSupportFlags = 0x0001 // FONTSUPPORT_FONTLIST

func (f FontSupportFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(FontSupportFontList), Name: "FONTSUPPORT_FONTLIST"}})
}

// Font is the Font Capability Set (TS_FONT_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.2.5. Sent by both sides.
type Font struct {
	// FontSupportFlags is nil for the 4-byte set Windows servers send: "Due
	// to a bug, the TS_FONT_CAPABILITYSET capability set size is incorrectly
	// set to 4 bytes (it has to be 8 bytes)" ([MS-RDPBCGR] 4.1.12). Clients
	// (mstsc in 4.1.13, xfreerdp 2.11.7) send the 8-byte set.
	FontSupportFlags *FontSupportFlags // fontSupportFlags
}

var _ Set = (*Font)(nil)

const fontBody = 2 /* fontSupportFlags */ + 2 /* pad2octets */

// Type returns TypeFont.
func (*Font) Type() SetType { return TypeFont }

// Size returns the encoded length: 8, or 4 without FontSupportFlags.
func (s *Font) Size() int {
	if s.FontSupportFlags == nil {
		return headerSize
	}
	return headerSize + fontBody
}

// AppendBinary appends the set.
func (s *Font) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeFont, s.Size()-headerSize)
	if err != nil {
		return nil, err
	}
	if s.FontSupportFlags != nil {
		b = wire.AppendU16LE(b, uint16(*s.FontSupportFlags))
		b = wire.AppendU16LE(b, 0) // pad2octets
	}
	return b, nil
}

// Decode reads one TS_FONT_CAPABILITYSET.
func (s *Font) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeFont, "TS_FONT_CAPABILITYSET", func(d *wire.Reader) {
		s.FontSupportFlags = nil
		if d.Len() > 0 {
			f := FontSupportFlags(d.U16LE())
			s.FontSupportFlags = &f
			d.Skip(2) // pad2octets
		}
	}, 0 /* Windows server bug, 4.1.12 */, fontBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Font) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
