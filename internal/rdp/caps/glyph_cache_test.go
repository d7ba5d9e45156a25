package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestGlyphCache(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*GlyphCache]{{
		Name: "bcgr-4.1.13",
		Raw: `10 00 34 00 # CAPSTYPE_GLYPHCACHE, 52
		      fe 00 04 00 fe 00 04 00 fe 00 08 00 fe 00 08 00 # GlyphCache[0…3]
		      fe 00 10 00 fe 00 20 00 fe 00 40 00 fe 00 80 00 # GlyphCache[4…7]
		      fe 00 00 01 # GlyphCache[8]: 254 entries of 256
		      40 00 00 08 # GlyphCache[9]: 64 entries of 2048 (the annotation says 256)
		      00 01 00 01 # FragCache: 256 entries of 256
		      03 00       # GlyphSupportLevel: GLYPH_SUPPORT_ENCODE
		      00 00       # pad2octets`,
		Want: &GlyphCache{
			GlyphCache: [10]CacheDefinition{
				{254, 4}, {254, 4}, {254, 8}, {254, 8}, {254, 16}, {254, 32}, {254, 64}, {254, 128}, {254, 256}, {64, 2048},
			},
			FragCache:         CacheDefinition{256, 256},
			GlyphSupportLevel: GlyphSupportEncode,
		},
	}}, func() *GlyphCache { return new(GlyphCache) })
}
