package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestActivation(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Activation]{{
		Name: "bcgr-4.1.13",
		Raw: `07 00 0c 00 # CAPSTYPE_ACTIVATION, 12
		      00 00 00 00 # helpKeyFlag, helpKeyIndexFlag
		      00 00 00 00 # helpExtendedKeyFlag, windowManagerKeyFlag`,
		Want: &Activation{},
	}}, func() *Activation { return new(Activation) })
}
