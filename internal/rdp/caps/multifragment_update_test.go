package caps

import "testing"

func TestMultifragmentUpdate(t *testing.T) {
	runGolden(t, []goldenCase[*MultifragmentUpdate]{{
		name: "freerdp-client-default",
		raw: `1a 00 08 00 # CAPSETTYPE_MULTIFRAGMENTUPDATE, 8
		      ff ff 00 00 # MaxRequestSize: 0xFFFF (FreeRDP client default)`,
		want: &MultifragmentUpdate{MaxRequestSize: 0xFFFF},
	}}, func() *MultifragmentUpdate { return new(MultifragmentUpdate) })
}
