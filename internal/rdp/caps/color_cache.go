package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ColorCache is the Color Table Cache Capability Set
// (TS_COLORTABLE_CAPABILITYSET), [MS-RDPEGDI] 2.2.1.1. Sent by both sides
// but unused: colorTableCacheSize "MUST be ignored during capability exchange
// and is assumed to be 0x0006", so the set has no fields. The encoder writes
// 6; the decoder ignores the value.
type ColorCache struct{}

var _ Set = (*ColorCache)(nil)

const colorCacheBody = 2 /* colorTableCacheSize */ + 2 /* pad2octets */

// Type returns TypeColorCache.
func (*ColorCache) Type() SetType { return TypeColorCache }

// Size returns the encoded length, 8.
func (*ColorCache) Size() int { return headerSize + colorCacheBody }

// AppendBinary appends the set.
func (s *ColorCache) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeColorCache, colorCacheBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, 6) // colorTableCacheSize
	b = wire.AppendU16LE(b, 0) // pad2octets
	return b, nil
}

// Decode reads one TS_COLORTABLE_CAPABILITYSET.
func (s *ColorCache) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeColorCache, "TS_COLORTABLE_CAPABILITYSET", func(d *wire.Reader) {
		d.Skip(colorCacheBody) // colorTableCacheSize: ignored; pad2octets
	}, colorCacheBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *ColorCache) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
