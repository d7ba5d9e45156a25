package caps

import "testing"

func TestControl(t *testing.T) {
	runGolden(t, []goldenCase[*Control]{{
		name: "bcgr-4.1.13",
		raw: `05 00 0c 00 # CAPSTYPE_CONTROL, 12
		      00 00       # controlFlags
		      00 00       # remoteDetachFlag: FALSE
		      02 00       # controlInterest: CONTROLPRIORITY_NEVER
		      02 00       # detachInterest: CONTROLPRIORITY_NEVER`,
		want: &Control{},
	}, {
		name: "ignored-values", // "the server ignores its contents"
		raw:  "05 00 0c 00 01 00 01 00 01 00 01 00",
		want: &Control{}, decodeOnly: true,
	}}, func() *Control { return new(Control) })
}
