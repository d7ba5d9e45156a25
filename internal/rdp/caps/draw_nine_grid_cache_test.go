package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestDrawNineGridCache(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*DrawNineGridCache]{{
		Name: "bcgr-4.1.13",
		Raw: `15 00 0c 00 # CAPSTYPE_DRAWNINEGRIDCACHE, 12
		      02 00 00 00 # drawNineGridSupportLevel: DRAW_NINEGRID_SUPPORTED_REV2
		      00 0a       # drawNineGridCacheSize: 2560
		      00 01       # drawNineGridCacheEntries: 256`,
		Want: &DrawNineGridCache{DrawNineGridSupportLevel: DrawNineGridSupportedRev2, DrawNineGridCacheSize: 2560, DrawNineGridCacheEntries: 256},
	}}, func() *DrawNineGridCache { return new(DrawNineGridCache) })
}
