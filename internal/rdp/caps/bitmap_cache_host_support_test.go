package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestBitmapCacheHostSupport(t *testing.T) {
	runGolden(t, []goldenCase[*BitmapCacheHostSupport]{{
		name: "bcgr-4.1.12",
		raw: `12 00 08 00 # CAPSTYPE_BITMAPCACHE_HOSTSUPPORT, 8
		      01          # cacheVersion: TS_BITMAPCACHE_REV2
		      00 00 00    # pad1, pad2`,
		want: &BitmapCacheHostSupport{},
	}}, func() *BitmapCacheHostSupport { return new(BitmapCacheHostSupport) })
	runBad(t, []badCase{{"cacheVersion-2", "12 00 08 00 02 00 00 00", wire.ErrInvalid}},
		func() *BitmapCacheHostSupport { return new(BitmapCacheHostSupport) })
}
