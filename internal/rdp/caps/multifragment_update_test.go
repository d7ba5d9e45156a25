package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestMultifragmentUpdate(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*MultifragmentUpdate]{{
		Name: "freerdp-client-default",
		Raw: `1a 00 08 00 # CAPSETTYPE_MULTIFRAGMENTUPDATE, 8
		      ff ff 00 00 # MaxRequestSize: 0xFFFF (FreeRDP client default)`,
		Want: &MultifragmentUpdate{MaxRequestSize: 0xFFFF},
	}}, func() *MultifragmentUpdate { return new(MultifragmentUpdate) })
}
