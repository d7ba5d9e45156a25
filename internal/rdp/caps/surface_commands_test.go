package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestSurfaceCommands(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*SurfaceCommands]{{
		Name: "server",
		Raw: `1c 00 0c 00 # CAPSETTYPE_SURFACE_COMMANDS, 12
		      52 00 00 00 # cmdFlags: SET_SURFACE_BITS|FRAMEMARKER|STREAM_SURFACE_BITS
		      00 00 00 00 # reserved`,
		Want: &SurfaceCommands{CmdFlags: SurfCmdsSetSurfaceBits | SurfCmdsFrameMarker | SurfCmdsStreamSurfaceBits},
	}, {
		Name: "reserved-ignored",
		Raw:  "1c 00 0c 00 52 00 00 00 01 00 00 00",
		Want: &SurfaceCommands{CmdFlags: SurfCmdsSetSurfaceBits | SurfCmdsFrameMarker | SurfCmdsStreamSurfaceBits}, DecodeOnly: true,
	}}, func() *SurfaceCommands { return new(SurfaceCommands) })
}
