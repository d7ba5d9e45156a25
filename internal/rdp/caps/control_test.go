package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestControl(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Control]{{
		Name: "bcgr-4.1.13",
		Raw: `05 00 0c 00 # CAPSTYPE_CONTROL, 12
		      00 00       # controlFlags
		      00 00       # remoteDetachFlag: FALSE
		      02 00       # controlInterest: CONTROLPRIORITY_NEVER
		      02 00       # detachInterest: CONTROLPRIORITY_NEVER`,
		Want: &Control{},
	}, {
		Name: "ignored-values", // "the server ignores its contents"
		Raw:  "05 00 0c 00 01 00 01 00 01 00 01 00",
		Want: &Control{}, DecodeOnly: true,
	}}, func() *Control { return new(Control) })
}
