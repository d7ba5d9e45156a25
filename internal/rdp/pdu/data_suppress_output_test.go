package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestSuppressOutput(t *testing.T) {
	runGolden(t, []golden[*SuppressOutput]{{
		name: "suppress",
		raw:  "00 00 00 00 # SUPPRESS_DISPLAY_UPDATES, pad3Octets",
		want: &SuppressOutput{},
	}, {
		name: "allow",
		raw: `01 00 00 00             # ALLOW_DISPLAY_UPDATES, pad3Octets
		      00 00 00 00 ff 04 ff 03 # desktopRect`,
		want: &SuppressOutput{AllowDisplayUpdates: true, Rect: &Rectangle16{0, 0, 1279, 1023}},
	}}, func() *SuppressOutput { return new(SuppressOutput) })
	runBad(t, []bad{
		{"allow-without-rect", "01 00 00 00", wire.ErrShort},
		{"suppress-with-rect", "00 00 00 00 00 00 00 00 ff 04 ff 03", wire.ErrTrailing},
		{"allowDisplayUpdates-2", "02 00 00 00 00 00 00 00 ff 04 ff 03", wire.ErrInvalid},
	}, func() *SuppressOutput { return new(SuppressOutput) })
	for _, p := range []SuppressOutput{{AllowDisplayUpdates: true}, {Rect: &Rectangle16{}}} {
		if _, err := p.AppendBinary(nil); err == nil {
			t.Errorf("encoded %+v", p)
		}
	}
}
