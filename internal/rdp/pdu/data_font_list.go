package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// FontListFlags is listFlags of the Font List PDU (and mapFlags of the Font
// Map PDU, which has the same values).
type FontListFlags uint16

// Font list sequence flags.
const (
	FontListFirst FontListFlags = 0x0001 // FONTLIST_FIRST, FONTMAP_FIRST
	FontListLast  FontListFlags = 0x0002 // FONTLIST_LAST, FONTMAP_LAST
)

func (f FontListFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(FontListFirst), Name: "FIRST"}, {Bits: uint64(FontListLast), Name: "LAST"}})
}

// FontList is the Font List PDU body (TS_FONT_LIST_PDU after its share data
// header), [MS-RDPBCGR] 2.2.1.18.1: the last PDU of the client's
// finalization batch. Every field has a recommended value (0, 0,
// FONTLIST_FIRST|FONTLIST_LAST, 50) that the server does not check.
type FontList struct {
	NumberFonts   uint16        // numberFonts
	TotalNumFonts uint16        // totalNumFonts
	ListFlags     FontListFlags // listFlags
	EntrySize     uint16        // entrySize
}

var _ wire.PDU = (*FontList)(nil)

// Size returns the encoded length, 8.
func (*FontList) Size() int {
	return 2 /* numberFonts */ + 2 /* totalNumFonts */ + 2 /* listFlags */ + 2 /* entrySize */
}

// AppendBinary appends the body.
func (p *FontList) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, p.NumberFonts)
	b = wire.AppendU16LE(b, p.TotalNumFonts)
	b = wire.AppendU16LE(b, uint16(p.ListFlags))
	return wire.AppendU16LE(b, p.EntrySize), nil
}

// Decode reads one TS_FONT_LIST_PDU body.
func (p *FontList) Decode(r *wire.Reader) error {
	p.NumberFonts, p.TotalNumFonts = r.U16LE(), r.U16LE()
	p.ListFlags, p.EntrySize = FontListFlags(r.U16LE()), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_FONT_LIST_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *FontList) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
