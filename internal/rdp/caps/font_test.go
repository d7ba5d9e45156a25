package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestFont(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Font]{{
		// "Due to a bug, the TS_FONT_CAPABILITYSET capability set size is
		// incorrectly set to 4 bytes" (4.1.12).
		Name: "bcgr-4.1.12-server-4-bytes",
		Raw:  "0e 00 04 00 # CAPSTYPE_FONT, 4",
		Want: &Font{},
	}, {
		Name: "bcgr-4.1.13-client",
		Raw: `0e 00 08 00 # CAPSTYPE_FONT, 8
		      01 00       # fontSupportFlags: FONTSUPPORT_FONTLIST
		      00 00       # pad2octets`,
		Want: &Font{FontSupportFlags: new(FontSupportFontList)},
	}}, func() *Font { return new(Font) })
	rdptest.RunBad(t, []rdptest.BadCase{{Name: "length-6", Raw: "0e 00 06 00 01 00", Want: wire.ErrInvalid}}, func() *Font { return new(Font) })
}
