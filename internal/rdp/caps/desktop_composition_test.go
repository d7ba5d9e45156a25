package caps

import "testing"

func TestDesktopComposition(t *testing.T) {
	runGolden(t, []goldenCase[*DesktopComposition]{{
		name: "not-supported",
		raw: `19 00 06 00 # CAPSETTYPE_COMPDESK, 6
		      00 00       # CompDeskSupportLevel: COMPDESK_NOT_SUPPORTED`,
		want: &DesktopComposition{},
	}, {
		name: "supported",
		raw:  "19 00 06 00 01 00",
		want: &DesktopComposition{CompDeskSupportLevel: CompDeskSupported},
	}}, func() *DesktopComposition { return new(DesktopComposition) })
}
