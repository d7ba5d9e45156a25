package caps

import "testing"

func TestSound(t *testing.T) {
	runGolden(t, []goldenCase[*Sound]{{
		name: "bcgr-4.1.13",
		raw: `0c 00 08 00 # CAPSTYPE_SOUND, 8
		      01 00       # soundFlags: SOUND_FLAG_BEEPS
		      00 00       # pad2octetsA`,
		want: &Sound{SoundFlags: SoundFlagBeeps},
	}}, func() *Sound { return new(Sound) })
}
