package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestOffscreenBitmapCache(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*OffscreenBitmapCache]{{
		Name: "bcgr-4.1.13",
		Raw: `11 00 0c 00 # CAPSTYPE_OFFSCREENCACHE, 12
		      01 00 00 00 # offscreenSupportLevel: TRUE
		      00 1e       # offscreenCacheSize: 7680
		      64 00       # offscreenCacheEntries: 100`,
		Want: &OffscreenBitmapCache{OffscreenSupportLevel: true, OffscreenCacheSize: 7680, OffscreenCacheEntries: 100},
	}, {
		Name: "freerdp-unsupported", // xfreerdp 2.11.7 writes zeros without offscreen support
		Raw:  "11 00 0c 00 00 00 00 00 00 00 00 00",
		Want: &OffscreenBitmapCache{},
	}}, func() *OffscreenBitmapCache { return new(OffscreenBitmapCache) })
}
