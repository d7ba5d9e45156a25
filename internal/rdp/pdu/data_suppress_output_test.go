package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestSuppressOutput(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*SuppressOutput]{{
		Name: "suppress",
		Raw:  "00 00 00 00 # SUPPRESS_DISPLAY_UPDATES, pad3Octets",
		Want: &SuppressOutput{},
	}, {
		Name: "allow",
		Raw: `01 00 00 00             # ALLOW_DISPLAY_UPDATES, pad3Octets
		      00 00 00 00 ff 04 ff 03 # desktopRect`,
		Want: &SuppressOutput{AllowDisplayUpdates: true, Rect: &Rectangle16{0, 0, 1279, 1023}},
	}}, func() *SuppressOutput { return new(SuppressOutput) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "allow-without-rect", Raw: "01 00 00 00", Want: wire.ErrShort},
		{Name: "suppress-with-rect", Raw: "00 00 00 00 00 00 00 00 ff 04 ff 03", Want: wire.ErrTrailing},
		{Name: "allowDisplayUpdates-2", Raw: "02 00 00 00 00 00 00 00 ff 04 ff 03", Want: wire.ErrInvalid},
	}, func() *SuppressOutput { return new(SuppressOutput) })
	for _, p := range []SuppressOutput{{AllowDisplayUpdates: true}, {Rect: &Rectangle16{}}} {
		if _, err := p.AppendBinary(nil); err == nil {
			t.Errorf("encoded %+v", p)
		}
	}
}
