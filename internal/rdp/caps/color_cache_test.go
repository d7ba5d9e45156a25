package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestColorCache(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ColorCache]{{
		Name: "bcgr-4.1.12-and-4.1.13",
		Raw: `0a 00 08 00 # CAPSTYPE_COLORCACHE, 8
		      06 00       # colorTableCacheSize: 6
		      00 00       # pad2octets`,
		Want: &ColorCache{},
	}, {
		Name: "size-ignored", // "MUST be ignored during capability exchange"
		Raw:  "0a 00 08 00 08 00 ff ff",
		Want: &ColorCache{}, DecodeOnly: true,
	}}, func() *ColorCache { return new(ColorCache) })
}
