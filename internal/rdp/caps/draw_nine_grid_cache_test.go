package caps

import "testing"

func TestDrawNineGridCache(t *testing.T) {
	runGolden(t, []goldenCase[*DrawNineGridCache]{{
		name: "bcgr-4.1.13",
		raw: `15 00 0c 00 # CAPSTYPE_DRAWNINEGRIDCACHE, 12
		      02 00 00 00 # drawNineGridSupportLevel: DRAW_NINEGRID_SUPPORTED_REV2
		      00 0a       # drawNineGridCacheSize: 2560
		      00 01       # drawNineGridCacheEntries: 256`,
		want: &DrawNineGridCache{DrawNineGridSupportLevel: DrawNineGridSupportedRev2, DrawNineGridCacheSize: 2560, DrawNineGridCacheEntries: 256},
	}}, func() *DrawNineGridCache { return new(DrawNineGridCache) })
}
