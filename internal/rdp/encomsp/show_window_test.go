package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newShowWindow() *ShowWindow { return new(ShowWindow) }

var showWindowCases = []rdptest.Case[*ShowWindow]{{
	Name: "rdpemc-4.2.2",
	Raw: `
		06 00          # ORDER_HDR Type: ODTYPE_WND_SHOW
		08 00          # ORDER_HDR Length: 8
		96 03 1c 00    # WndId: 1835926
	`,
	Want: &ShowWindow{WndID: 1835926},
}, {
	// By hand: surplus inside Length is ignored (<25>).
	Name:       "surplus-ignored",
	Raw:        "06 00 0c 00 96 03 1c 00 01 02 03 04",
	Want:       &ShowWindow{WndID: 1835926},
	DecodeOnly: true,
}}

func TestShowWindow(t *testing.T) {
	rdptest.RunCases(t, showWindowCases, newShowWindow)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "06 00 06 00 96 03 1c 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "06 00 09 00 96 03 1c 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "06 00 03 00 96 03 1c 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "04 00 08 00 96 03 1c 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "06 00 08 00 96 03 1c 00 06 00", Want: wire.ErrTrailing},
	}, newShowWindow)
}

func FuzzShowWindow(f *testing.F) {
	seed(f, showWindowCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newShowWindow) })
}
