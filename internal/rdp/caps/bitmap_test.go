package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bcgr4112Bitmap is the Bitmap set of [MS-RDPBCGR] 4.1.12; the client's in
// 4.1.13 is byte-identical.
const bcgr4112Bitmap = `
02 00 # capabilitySetType: CAPSTYPE_BITMAP
1c 00 # lengthCapability: 28
18 00 # preferredBitsPerPixel: 24
01 00 # receive1BitPerPixel: TRUE
01 00 # receive4BitsPerPixel: TRUE
01 00 # receive8BitsPerPixel: TRUE
00 05 # desktopWidth: 1280
00 04 # desktopHeight: 1024
00 00 # pad2octets
01 00 # desktopResizeFlag: TRUE
01 00 # bitmapCompressionFlag: TRUE
00    # highColorFlags
00    # drawingFlags
01 00 # multipleRectangleSupport: TRUE
00 00 # pad2octetsB
`

func TestBitmap(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Bitmap]{{
		Name: "bcgr-4.1.12-and-4.1.13",
		Raw:  bcgr4112Bitmap,
		Want: &Bitmap{PreferredBitsPerPixel: 24, DesktopWidth: 1280, DesktopHeight: 1024, DesktopResize: true},
	}, {
		Name: "server-32bpp-planar-flags",
		Raw: `02 00 1c 00 20 00 01 00 01 00 01 00 80 02 e0 01 00 00 01 00 01 00
		      00 # highColorFlags
		      0e # drawingFlags: SKIP_ALPHA|COLOR_SUBSAMPLING|DYNAMIC_COLOR_FIDELITY
		      01 00 00 00`,
		Want: &Bitmap{PreferredBitsPerPixel: 32, DesktopWidth: 640, DesktopHeight: 480, DesktopResize: true,
			DrawingFlags: DrawAllowDynamicColorFidelity | DrawAllowColorSubsampling | DrawAllowSkipAlpha},
	}}, func() *Bitmap { return new(Bitmap) })

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "bitmapCompressionFlag-FALSE", Raw: "02 00 1c 00 18 00 01 00 01 00 01 00 00 05 00 04 00 00 01 00 00 00 00 00 01 00 00 00", Want: wire.ErrInvalid},
		{Name: "multipleRectangleSupport-FALSE", Raw: "02 00 1c 00 18 00 01 00 01 00 01 00 00 05 00 04 00 00 01 00 01 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
	}, func() *Bitmap { return new(Bitmap) })
}
