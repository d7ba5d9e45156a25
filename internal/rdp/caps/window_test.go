package caps

import "testing"

func TestWindow(t *testing.T) {
	runGolden(t, []goldenCase[*Window]{{
		name: "bcgr-4.1.12",
		raw: `18 00 0b 00 # CAPSTYPE_WINDOW, 11
		      00 00 00 00 # wndSupportLevel: TS_WINDOW_LEVEL_DEFAULT
		      00          # nIconCaches
		      00 00       # nIconCacheEntries`,
		want: &Window{},
	}, {
		name: "freerdp-remoteapp", // rdp_write_window_list_capability_set with 3 caches of 12 entries
		raw:  "18 00 0b 00 02 00 00 00 03 0c 00",
		want: &Window{WndSupportLevel: 2, NumIconCaches: 3, NumIconCacheEntries: 12},
	}}, func() *Window { return new(Window) })
}
