package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// CompDeskSupportLevel is CompDeskSupportLevel of the Desktop Composition set.
type CompDeskSupportLevel uint16

// Desktop composition support levels.
const (
	CompDeskNotSupported CompDeskSupportLevel = 0x0000 // COMPDESK_NOT_SUPPORTED
	CompDeskSupported    CompDeskSupportLevel = 0x0001 // COMPDESK_SUPPORTED
)

// DesktopComposition is the Desktop Composition Capability Set
// (TS_COMPDESK_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.8. Sent by both sides.
type DesktopComposition struct {
	CompDeskSupportLevel CompDeskSupportLevel // CompDeskSupportLevel
}

var _ Set = (*DesktopComposition)(nil)

const compDeskBody = 2 /* CompDeskSupportLevel */

// Type returns TypeDesktopComposition.
func (*DesktopComposition) Type() SetType { return TypeDesktopComposition }

// Size returns the encoded length, 6.
func (*DesktopComposition) Size() int { return headerSize + compDeskBody }

// AppendBinary appends the set.
func (s *DesktopComposition) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeDesktopComposition, compDeskBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendU16LE(b, uint16(s.CompDeskSupportLevel)), nil
}

// Decode reads one TS_COMPDESK_CAPABILITYSET.
func (s *DesktopComposition) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeDesktopComposition, "TS_COMPDESK_CAPABILITYSET", func(d *wire.Reader) {
		s.CompDeskSupportLevel = CompDeskSupportLevel(d.U16LE())
	}, compDeskBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *DesktopComposition) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
