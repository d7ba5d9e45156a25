package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestWindow(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Window]{{
		Name: "bcgr-4.1.12",
		Raw: `18 00 0b 00 # CAPSTYPE_WINDOW, 11
		      00 00 00 00 # wndSupportLevel: TS_WINDOW_LEVEL_DEFAULT
		      00          # nIconCaches
		      00 00       # nIconCacheEntries`,
		Want: &Window{},
	}, {
		Name: "freerdp-remoteapp", // rdp_write_window_list_capability_set with 3 caches of 12 entries
		Raw:  "18 00 0b 00 02 00 00 00 03 0c 00",
		Want: &Window{WndSupportLevel: 2, NumIconCaches: 3, NumIconCacheEntries: 12},
	}}, func() *Window { return new(Window) })
}
