package caps

import "testing"

func TestActivation(t *testing.T) {
	runGolden(t, []goldenCase[*Activation]{{
		name: "bcgr-4.1.13",
		raw: `07 00 0c 00 # CAPSTYPE_ACTIVATION, 12
		      00 00 00 00 # helpKeyFlag, helpKeyIndexFlag
		      00 00 00 00 # helpExtendedKeyFlag, windowManagerKeyFlag`,
		want: &Activation{},
	}}, func() *Activation { return new(Activation) })
}
