package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// BitmapCache is the Revision 1 Bitmap Cache Capability Set
// (TS_BITMAPCACHE_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.1.4.1. Client to
// server only; the server ignores it unless it sends cached bitmaps.
type BitmapCache struct {
	Cache0Entries         uint16 // Cache0Entries (at most 200)
	Cache0MaximumCellSize uint16 // Cache0MaximumCellSize
	Cache1Entries         uint16 // Cache1Entries (at most 600)
	Cache1MaximumCellSize uint16 // Cache1MaximumCellSize
	Cache2Entries         uint16 // Cache2Entries
	Cache2MaximumCellSize uint16 // Cache2MaximumCellSize
}

var _ Set = (*BitmapCache)(nil)

const bitmapCacheBody = 6*4 /* pad1 … pad6 */ + 3*(2 /* CacheNEntries */ +2 /* CacheNMaximumCellSize */)

// Type returns TypeBitmapCache.
func (*BitmapCache) Type() SetType { return TypeBitmapCache }

// Size returns the encoded length, 40.
func (*BitmapCache) Size() int { return headerSize + bitmapCacheBody }

// AppendBinary appends the set.
func (s *BitmapCache) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeBitmapCache, bitmapCacheBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendZeros(b, 6*4) // pad1 … pad6
	for _, v := range [...]uint16{
		s.Cache0Entries, s.Cache0MaximumCellSize,
		s.Cache1Entries, s.Cache1MaximumCellSize,
		s.Cache2Entries, s.Cache2MaximumCellSize,
	} {
		b = wire.AppendU16LE(b, v)
	}
	return b, nil
}

// Decode reads one TS_BITMAPCACHE_CAPABILITYSET.
func (s *BitmapCache) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBitmapCache, "TS_BITMAPCACHE_CAPABILITYSET", func(d *wire.Reader) {
		d.Skip(6 * 4) // pad1 … pad6
		s.Cache0Entries, s.Cache0MaximumCellSize = d.U16LE(), d.U16LE()
		s.Cache1Entries, s.Cache1MaximumCellSize = d.U16LE(), d.U16LE()
		s.Cache2Entries, s.Cache2MaximumCellSize = d.U16LE(), d.U16LE()
	}, bitmapCacheBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *BitmapCache) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
