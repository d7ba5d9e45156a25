package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestDrawGDIPlus(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*DrawGDIPlus]{{
		Name: "bcgr-4.1.12-server", // cache fields "not initialized by server"
		Raw: `16 00 28 00 # CAPSTYPE_DRAWGDIPLUS, 40
		      00 00 00 00 # drawGdiplusSupportLevel: TS_DRAW_GDIPLUS_DEFAULT
		      70 f6 13 f3 # GdipVersion
		      01 00 00 00 # drawGdiplusCacheLevel: TS_DRAW_GDIPLUS_CACHE_LEVEL_ONE
		      01 00 00 00 18 00 00 00 9c f6 # GdipCacheEntries
		      13 f3 61 a6 82 80 00 00       # GdipCacheChunkSize
		      00 00 00 50 91 bf             # GdipImageCacheProperties`,
		Want: &DrawGDIPlus{
			GdipVersion: 0xf313f670, DrawGdiplusCacheLevel: 1,
			GdipCacheEntries:         GDIPlusCacheEntries{1, 0, 0x18, 0, 0xf69c},
			GdipCacheChunkSize:       GDIPlusCacheChunkSize{0xf313, 0xa661, 0x8082, 0},
			GdipImageCacheProperties: GDIPlusImageCacheProperties{0, 0x5000, 0xbf91},
		},
	}, {
		Name: "bcgr-4.1.13-client",
		Raw:  "16 00 28 00" + " 00000000 00000000 00000000 00000000000000000000 0000000000000000 000000000000",
		Want: &DrawGDIPlus{},
	}}, func() *DrawGDIPlus { return new(DrawGDIPlus) })
}
