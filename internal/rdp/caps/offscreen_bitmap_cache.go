package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// OffscreenBitmapCache is the Offscreen Bitmap Cache Capability Set
// (TS_OFFSCREEN_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.1.9. Client to server
// only.
type OffscreenBitmapCache struct {
	OffscreenSupportLevel bool   // offscreenSupportLevel
	OffscreenCacheSize    uint16 // offscreenCacheSize, in kilobytes
	OffscreenCacheEntries uint16 // offscreenCacheEntries
}

var _ Set = (*OffscreenBitmapCache)(nil)

const offscreenBody = 4 /* offscreenSupportLevel */ + 2 /* offscreenCacheSize */ + 2 /* offscreenCacheEntries */

// Type returns TypeOffscreenBitmapCache.
func (*OffscreenBitmapCache) Type() SetType { return TypeOffscreenBitmapCache }

// Size returns the encoded length, 12.
func (*OffscreenBitmapCache) Size() int { return headerSize + offscreenBody }

// AppendBinary appends the set.
func (s *OffscreenBitmapCache) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeOffscreenBitmapCache, offscreenBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32LE(b, boolU32(s.OffscreenSupportLevel))
	b = wire.AppendU16LE(b, s.OffscreenCacheSize)
	return wire.AppendU16LE(b, s.OffscreenCacheEntries), nil
}

// Decode reads one TS_OFFSCREEN_CAPABILITYSET.
func (s *OffscreenBitmapCache) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeOffscreenBitmapCache, "TS_OFFSCREEN_CAPABILITYSET", func(d *wire.Reader) {
		s.OffscreenSupportLevel = d.U32LE() != 0
		s.OffscreenCacheSize = d.U16LE()
		s.OffscreenCacheEntries = d.U16LE()
	}, offscreenBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *OffscreenBitmapCache) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
