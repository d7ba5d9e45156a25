package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DrawNineGridSupportLevel is drawNineGridSupportLevel.
type DrawNineGridSupportLevel uint32

// DrawNineGrid support levels.
const (
	DrawNineGridNoSupport     DrawNineGridSupportLevel = 0x00000000 // DRAW_NINEGRID_NO_SUPPORT
	DrawNineGridSupported     DrawNineGridSupportLevel = 0x00000001 // DRAW_NINEGRID_SUPPORTED
	DrawNineGridSupportedRev2 DrawNineGridSupportLevel = 0x00000002 // DRAW_NINEGRID_SUPPORTED_REV2
)

func (l DrawNineGridSupportLevel) String() string {
	switch l {
	case DrawNineGridNoSupport:
		return "DRAW_NINEGRID_NO_SUPPORT"
	case DrawNineGridSupported:
		return "DRAW_NINEGRID_SUPPORTED"
	case DrawNineGridSupportedRev2:
		return "DRAW_NINEGRID_SUPPORTED_REV2"
	}
	return fmt.Sprintf("DRAW_NINEGRID(%#x)", uint32(l))
}

// DrawNineGridCache is the DrawNineGrid Cache Capability Set
// (TS_DRAW_NINEGRID_CAPABILITYSET), [MS-RDPEGDI] 2.2.1.2. Client to server
// only.
type DrawNineGridCache struct {
	DrawNineGridSupportLevel DrawNineGridSupportLevel // drawNineGridSupportLevel
	DrawNineGridCacheSize    uint16                   // drawNineGridCacheSize, in kilobytes
	DrawNineGridCacheEntries uint16                   // drawNineGridCacheEntries
}

var _ Set = (*DrawNineGridCache)(nil)

const drawNineGridBody = 4 /* drawNineGridSupportLevel */ + 2 /* drawNineGridCacheSize */ + 2 /* drawNineGridCacheEntries */

// Type returns TypeDrawNineGridCache.
func (*DrawNineGridCache) Type() SetType { return TypeDrawNineGridCache }

// Size returns the encoded length, 12.
func (*DrawNineGridCache) Size() int { return headerSize + drawNineGridBody }

// AppendBinary appends the set.
func (s *DrawNineGridCache) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeDrawNineGridCache, drawNineGridBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32LE(b, uint32(s.DrawNineGridSupportLevel))
	b = wire.AppendU16LE(b, s.DrawNineGridCacheSize)
	return wire.AppendU16LE(b, s.DrawNineGridCacheEntries), nil
}

// Decode reads one TS_DRAW_NINEGRID_CAPABILITYSET.
func (s *DrawNineGridCache) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeDrawNineGridCache, "TS_DRAW_NINEGRID_CAPABILITYSET", func(d *wire.Reader) {
		s.DrawNineGridSupportLevel = DrawNineGridSupportLevel(d.U32LE())
		s.DrawNineGridCacheSize = d.U16LE()
		s.DrawNineGridCacheEntries = d.U16LE()
	}, drawNineGridBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *DrawNineGridCache) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
