package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// FontMap is the Font Map PDU body (TS_FONT_MAP_PDU after its share data
// header), [MS-RDPBCGR] 2.2.1.22.1: the server's last finalization PDU.
// The spec recommends numberEntries 0, totalNumEntries 0, mapFlags
// FONTMAP_FIRST|FONTMAP_LAST and entrySize 4; set them (see
// ServerFontMap).
type FontMap struct {
	NumberEntries   uint16        // numberEntries
	TotalNumEntries uint16        // totalNumEntries
	MapFlags        FontListFlags // mapFlags: FONTMAP_FIRST 0x1, FONTMAP_LAST 0x2
	EntrySize       uint16        // entrySize
}

var _ wire.PDU = (*FontMap)(nil)

// ServerFontMap returns the Font Map a server sends: no entries, first and
// last, entrySize 4 ([MS-RDPBCGR] 4.1.22).
func ServerFontMap() *FontMap {
	return &FontMap{MapFlags: FontListFirst | FontListLast, EntrySize: 4}
}

// Size returns the encoded length, 8.
func (*FontMap) Size() int {
	return 2 /* numberEntries */ + 2 /* totalNumEntries */ + 2 /* mapFlags */ + 2 /* entrySize */
}

// AppendBinary appends the body.
func (p *FontMap) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, p.NumberEntries)
	b = wire.AppendU16LE(b, p.TotalNumEntries)
	b = wire.AppendU16LE(b, uint16(p.MapFlags))
	return wire.AppendU16LE(b, p.EntrySize), nil
}

// Decode reads one TS_FONT_MAP_PDU body.
func (p *FontMap) Decode(r *wire.Reader) error {
	p.NumberEntries, p.TotalNumEntries = r.U16LE(), r.U16LE()
	p.MapFlags, p.EntrySize = FontListFlags(r.U16LE()), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_FONT_MAP_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *FontMap) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
