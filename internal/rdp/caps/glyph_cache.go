package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// GlyphSupportLevel is GlyphSupportLevel of the Glyph Cache set.
type GlyphSupportLevel uint16

// Glyph support levels.
const (
	GlyphSupportNone    GlyphSupportLevel = 0x0000 // GLYPH_SUPPORT_NONE
	GlyphSupportPartial GlyphSupportLevel = 0x0001 // GLYPH_SUPPORT_PARTIAL
	GlyphSupportFull    GlyphSupportLevel = 0x0002 // GLYPH_SUPPORT_FULL
	GlyphSupportEncode  GlyphSupportLevel = 0x0003 // GLYPH_SUPPORT_ENCODE
)

func (l GlyphSupportLevel) String() string {
	switch l {
	case GlyphSupportNone:
		return "GLYPH_SUPPORT_NONE"
	case GlyphSupportPartial:
		return "GLYPH_SUPPORT_PARTIAL"
	case GlyphSupportFull:
		return "GLYPH_SUPPORT_FULL"
	case GlyphSupportEncode:
		return "GLYPH_SUPPORT_ENCODE"
	}
	return fmt.Sprintf("GLYPH_SUPPORT(%#04x)", uint16(l))
}

// CacheDefinition is a Cache Definition (TS_CACHE_DEFINITION),
// [MS-RDPBCGR] 2.2.7.1.8.1.
type CacheDefinition struct {
	CacheEntries         uint16 // CacheEntries
	CacheMaximumCellSize uint16 // CacheMaximumCellSize
}

func (c CacheDefinition) append(b []byte) []byte {
	b = wire.AppendU16LE(b, c.CacheEntries)
	return wire.AppendU16LE(b, c.CacheMaximumCellSize)
}

// GlyphCache is the Glyph Cache Capability Set
// (TS_GLYPHCACHE_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.1.8. Client to server
// only.
type GlyphCache struct {
	GlyphCache        [10]CacheDefinition // GlyphCache: glyph caches 0 to 9
	FragCache         CacheDefinition     // FragCache
	GlyphSupportLevel GlyphSupportLevel   // GlyphSupportLevel
}

var _ Set = (*GlyphCache)(nil)

const glyphCacheBody = 10*4 /* GlyphCache */ + 4 /* FragCache */ + 2 /* GlyphSupportLevel */ + 2 /* pad2octets */

// Type returns TypeGlyphCache.
func (*GlyphCache) Type() SetType { return TypeGlyphCache }

// Size returns the encoded length, 52.
func (*GlyphCache) Size() int { return headerSize + glyphCacheBody }

// AppendBinary appends the set.
func (s *GlyphCache) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeGlyphCache, glyphCacheBody)
	if err != nil {
		return nil, err
	}
	for _, c := range s.GlyphCache {
		b = c.append(b)
	}
	b = s.FragCache.append(b)
	b = wire.AppendU16LE(b, uint16(s.GlyphSupportLevel))
	return wire.AppendU16LE(b, 0), nil // pad2octets
}

// Decode reads one TS_GLYPHCACHE_CAPABILITYSET.
func (s *GlyphCache) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeGlyphCache, "TS_GLYPHCACHE_CAPABILITYSET", func(d *wire.Reader) {
		for i := range s.GlyphCache {
			s.GlyphCache[i] = CacheDefinition{d.U16LE(), d.U16LE()}
		}
		s.FragCache = CacheDefinition{d.U16LE(), d.U16LE()}
		s.GlyphSupportLevel = GlyphSupportLevel(d.U16LE())
		d.Skip(2) // pad2octets
	}, glyphCacheBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *GlyphCache) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
