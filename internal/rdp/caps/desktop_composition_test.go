package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestDesktopComposition(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*DesktopComposition]{{
		Name: "not-supported",
		Raw: `19 00 06 00 # CAPSETTYPE_COMPDESK, 6
		      00 00       # CompDeskSupportLevel: COMPDESK_NOT_SUPPORTED`,
		Want: &DesktopComposition{},
	}, {
		Name: "supported",
		Raw:  "19 00 06 00 01 00",
		Want: &DesktopComposition{CompDeskSupportLevel: CompDeskSupported},
	}}, func() *DesktopComposition { return new(DesktopComposition) })
}
