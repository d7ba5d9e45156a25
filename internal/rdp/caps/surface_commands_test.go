package caps

import "testing"

func TestSurfaceCommands(t *testing.T) {
	runGolden(t, []goldenCase[*SurfaceCommands]{{
		name: "server",
		raw: `1c 00 0c 00 # CAPSETTYPE_SURFACE_COMMANDS, 12
		      52 00 00 00 # cmdFlags: SET_SURFACE_BITS|FRAMEMARKER|STREAM_SURFACE_BITS
		      00 00 00 00 # reserved`,
		want: &SurfaceCommands{CmdFlags: SurfCmdsSetSurfaceBits | SurfCmdsFrameMarker | SurfCmdsStreamSurfaceBits},
	}, {
		name: "reserved-ignored",
		raw:  "1c 00 0c 00 52 00 00 00 01 00 00 00",
		want: &SurfaceCommands{CmdFlags: SurfCmdsSetSurfaceBits | SurfCmdsFrameMarker | SurfCmdsStreamSurfaceBits}, decodeOnly: true,
	}}, func() *SurfaceCommands { return new(SurfaceCommands) })
}
