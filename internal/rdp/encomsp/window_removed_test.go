package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newWindowRemoved() *WindowRemoved { return new(WindowRemoved) }

var windowRemovedCases = []rdptest.Case[*WindowRemoved]{{
	Name: "rdpemc-4.1.8",
	Raw: `
		04 00          # ORDER_HDR Type: ODTYPE_WND_REMOVED
		08 00          # ORDER_HDR Length: 8
		96 03 1c 00    # WndId: 1835926
	`,
	Want: &WindowRemoved{WndID: 1835926},
}, {
	// By hand: surplus inside Length is ignored (<15>).
	Name:       "surplus-ignored",
	Raw:        "04 00 09 00 96 03 1c 00 00",
	Want:       &WindowRemoved{WndID: 1835926},
	DecodeOnly: true,
}}

func TestWindowRemoved(t *testing.T) {
	rdptest.RunCases(t, windowRemovedCases, newWindowRemoved)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "04 00 07 00 96 03 1c 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "04 00 0c 00 96 03 1c 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "04 00 02 00 96 03 1c 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "06 00 08 00 96 03 1c 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "04 00 08 00 96 03 1c 00 04", Want: wire.ErrTrailing},
	}, newWindowRemoved)
}

func FuzzWindowRemoved(f *testing.F) {
	seed(f, windowRemovedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newWindowRemoved) })
}
