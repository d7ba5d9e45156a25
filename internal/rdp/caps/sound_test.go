package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestSound(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Sound]{{
		Name: "bcgr-4.1.13",
		Raw: `0c 00 08 00 # CAPSTYPE_SOUND, 8
		      01 00       # soundFlags: SOUND_FLAG_BEEPS
		      00 00       # pad2octetsA`,
		Want: &Sound{SoundFlags: SoundFlagBeeps},
	}}, func() *Sound { return new(Sound) })
}
