package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// CacheFlags is CacheFlags of the Revision 2 Bitmap Cache set.
type CacheFlags uint16

// Bitmap cache flags.
const (
	PersistentKeysExpected CacheFlags = 0x0001 // PERSISTENT_KEYS_EXPECTED_FLAG
	AllowCacheWaitingList  CacheFlags = 0x0002 // ALLOW_CACHE_WAITING_LIST_FLAG
)

// Has reports whether every flag in f is set.
func (c CacheFlags) Has(f CacheFlags) bool { return c&f == f }

func (c CacheFlags) String() string {
	return wire.FormatFlags(uint64(c), []wire.Flag{
		{Bits: uint64(PersistentKeysExpected), Name: "PERSISTENT_KEYS_EXPECTED_FLAG"},
		{Bits: uint64(AllowCacheWaitingList), Name: "ALLOW_CACHE_WAITING_LIST_FLAG"},
	})
}

// CellInfo is a Bitmap Cache Cell Info (TS_BITMAPCACHE_CELL_CACHE_INFO),
// [MS-RDPBCGR] 2.2.7.1.4.2: NumEntries in the low 31 bits, k (persistent) in
// the top bit.
type CellInfo uint32

// NumEntries returns the number of entries in the cache.
func (c CellInfo) NumEntries() uint32 { return uint32(c) & 0x7FFFFFFF }

// Persistent reports the k bit: the cache persists across connections.
func (c CellInfo) Persistent() bool { return c&0x80000000 != 0 }

// BitmapCacheRev2 is the Revision 2 Bitmap Cache Capability Set
// (TS_BITMAPCACHE_CAPABILITYSET_REV2), [MS-RDPBCGR] 2.2.7.1.4.2. Client to
// server only.
type BitmapCacheRev2 struct {
	CacheFlags    CacheFlags // CacheFlags
	NumCellCaches uint8      // NumCellCaches (at most 5)
	// CellInfo[i] is BitmapCache<i>CellInfo; entries at and above
	// NumCellCaches are not valid but are carried as sent.
	CellInfo [5]CellInfo
}

var _ Set = (*BitmapCacheRev2)(nil)

const bitmapCacheRev2Body = 2 /* CacheFlags */ + 1 /* Pad2 */ + 1 /* NumCellCaches */ +
	5*4 /* BitmapCache0CellInfo … BitmapCache4CellInfo */ + 12 /* Pad3 */

const maxCellCaches = 5

// Type returns TypeBitmapCacheRev2.
func (*BitmapCacheRev2) Type() SetType { return TypeBitmapCacheRev2 }

// Size returns the encoded length, 40.
func (*BitmapCacheRev2) Size() int { return headerSize + bitmapCacheRev2Body }

// AppendBinary appends the set.
func (s *BitmapCacheRev2) AppendBinary(b []byte) ([]byte, error) {
	if s.NumCellCaches > maxCellCaches {
		return nil, fmt.Errorf("caps: TS_BITMAPCACHE_CAPABILITYSET_REV2: NumCellCaches %d exceeds %d", s.NumCellCaches, maxCellCaches)
	}
	b, err := appendHeader(b, TypeBitmapCacheRev2, bitmapCacheRev2Body)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, uint16(s.CacheFlags))
	b = append(b, 0, s.NumCellCaches) // Pad2, NumCellCaches
	for _, c := range s.CellInfo {
		b = wire.AppendU32LE(b, uint32(c))
	}
	return wire.AppendZeros(b, 12), nil // Pad3
}

// Decode reads one TS_BITMAPCACHE_CAPABILITYSET_REV2.
func (s *BitmapCacheRev2) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBitmapCacheRev2, "TS_BITMAPCACHE_CAPABILITYSET_REV2", func(d *wire.Reader) {
		s.CacheFlags = CacheFlags(d.U16LE())
		d.Skip(1) // Pad2
		s.NumCellCaches = d.U8()
		// NumCellCaches: "Number of bitmap caches (with a maximum allowed value of 5)."
		if d.Err() == nil && s.NumCellCaches > maxCellCaches {
			d.Failf("NumCellCaches", "%d exceeds %d", s.NumCellCaches, maxCellCaches)
		}
		for i := range s.CellInfo {
			s.CellInfo[i] = CellInfo(d.U32LE())
		}
		d.Skip(12) // Pad3
	}, bitmapCacheRev2Body)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *BitmapCacheRev2) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
