package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestFont(t *testing.T) {
	runGolden(t, []goldenCase[*Font]{{
		// "Due to a bug, the TS_FONT_CAPABILITYSET capability set size is
		// incorrectly set to 4 bytes" (4.1.12).
		name: "bcgr-4.1.12-server-4-bytes",
		raw:  "0e 00 04 00 # CAPSTYPE_FONT, 4",
		want: &Font{},
	}, {
		name: "bcgr-4.1.13-client",
		raw: `0e 00 08 00 # CAPSTYPE_FONT, 8
		      01 00       # fontSupportFlags: FONTSUPPORT_FONTLIST
		      00 00       # pad2octets`,
		want: &Font{FontSupportFlags: new(FontSupportFontList)},
	}}, func() *Font { return new(Font) })
	runBad(t, []badCase{{"length-6", "0e 00 06 00 01 00", wire.ErrInvalid}}, func() *Font { return new(Font) })
}
