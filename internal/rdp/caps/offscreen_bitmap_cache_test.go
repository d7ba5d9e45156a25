package caps

import "testing"

func TestOffscreenBitmapCache(t *testing.T) {
	runGolden(t, []goldenCase[*OffscreenBitmapCache]{{
		name: "bcgr-4.1.13",
		raw: `11 00 0c 00 # CAPSTYPE_OFFSCREENCACHE, 12
		      01 00 00 00 # offscreenSupportLevel: TRUE
		      00 1e       # offscreenCacheSize: 7680
		      64 00       # offscreenCacheEntries: 100`,
		want: &OffscreenBitmapCache{OffscreenSupportLevel: true, OffscreenCacheSize: 7680, OffscreenCacheEntries: 100},
	}, {
		name: "freerdp-unsupported", // xfreerdp 2.11.7 writes zeros without offscreen support
		raw:  "11 00 0c 00 00 00 00 00 00 00 00 00",
		want: &OffscreenBitmapCache{},
	}}, func() *OffscreenBitmapCache { return new(OffscreenBitmapCache) })
}
