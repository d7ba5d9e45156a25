package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestBitmapCache(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*BitmapCache]{{
		// The values xfreerdp 2.11.7 writes for a 32 bpp session
		// (rdp_write_bitmap_cache_capability_set).
		Name: "freerdp-rev1",
		Raw: `04 00 28 00 # CAPSTYPE_BITMAPCACHE, 40
		      00 00 00 00 00 00 00 00 00 00 00 00 # pad1 … pad3
		      00 00 00 00 00 00 00 00 00 00 00 00 # pad4 … pad6
		      c8 00 00 04 # Cache0Entries 200, Cache0MaximumCellSize 1024
		      58 02 00 10 # Cache1Entries 600, Cache1MaximumCellSize 4096
		      e8 03 00 40 # Cache2Entries 1000, Cache2MaximumCellSize 16384`,
		Want: &BitmapCache{200, 1024, 600, 4096, 1000, 16384},
	}}, func() *BitmapCache { return new(BitmapCache) })
}
