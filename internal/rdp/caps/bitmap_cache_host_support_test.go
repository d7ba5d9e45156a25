package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestBitmapCacheHostSupport(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*BitmapCacheHostSupport]{{
		Name: "bcgr-4.1.12",
		Raw: `12 00 08 00 # CAPSTYPE_BITMAPCACHE_HOSTSUPPORT, 8
		      01          # cacheVersion: TS_BITMAPCACHE_REV2
		      00 00 00    # pad1, pad2`,
		Want: &BitmapCacheHostSupport{},
	}}, func() *BitmapCacheHostSupport { return new(BitmapCacheHostSupport) })
	rdptest.RunBad(t, []rdptest.BadCase{{Name: "cacheVersion-2", Raw: "12 00 08 00 02 00 00 00", Want: wire.ErrInvalid}},
		func() *BitmapCacheHostSupport { return new(BitmapCacheHostSupport) })
}
