package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestRail(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Rail]{{
		Name: "bcgr-4.1.12",
		Raw: `17 00 08 00 # CAPSTYPE_RAIL, 8
		      00 00 00 00 # railSupportLevel: TS_RAIL_LEVEL_DEFAULT`,
		Want: &Rail{},
	}, {
		Name: "supported-langbar",
		Raw:  "17 00 08 00 03 00 00 00",
		Want: &Rail{RailSupportLevel: RailLevelSupported | RailLevelDockedLangbarSupported},
	}}, func() *Rail { return new(Rail) })
}
