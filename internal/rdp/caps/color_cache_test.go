package caps

import "testing"

func TestColorCache(t *testing.T) {
	runGolden(t, []goldenCase[*ColorCache]{{
		name: "bcgr-4.1.12-and-4.1.13",
		raw: `0a 00 08 00 # CAPSTYPE_COLORCACHE, 8
		      06 00       # colorTableCacheSize: 6
		      00 00       # pad2octets`,
		want: &ColorCache{},
	}, {
		name: "size-ignored", // "MUST be ignored during capability exchange"
		raw:  "0a 00 08 00 08 00 ff ff",
		want: &ColorCache{}, decodeOnly: true,
	}}, func() *ColorCache { return new(ColorCache) })
}
