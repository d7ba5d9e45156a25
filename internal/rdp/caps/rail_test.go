package caps

import "testing"

func TestRail(t *testing.T) {
	runGolden(t, []goldenCase[*Rail]{{
		name: "bcgr-4.1.12",
		raw: `17 00 08 00 # CAPSTYPE_RAIL, 8
		      00 00 00 00 # railSupportLevel: TS_RAIL_LEVEL_DEFAULT`,
		want: &Rail{},
	}, {
		name: "supported-langbar",
		raw:  "17 00 08 00 03 00 00 00",
		want: &Rail{RailSupportLevel: RailLevelSupported | RailLevelDockedLangbarSupported},
	}}, func() *Rail { return new(Rail) })
}
