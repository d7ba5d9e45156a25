package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newApplicationRemoved() *ApplicationRemoved { return new(ApplicationRemoved) }

var applicationRemovedCases = []rdptest.Case[*ApplicationRemoved]{{
	Name: "rdpemc-4.1.6",
	Raw: `
		02 00          # ORDER_HDR Type: ODTYPE_APP_REMOVED
		08 00          # ORDER_HDR Length: 8
		90 0c 00 00    # AppId: 3216
	`,
	Want: &ApplicationRemoved{AppID: 3216},
}, {
	// By hand: surplus inside Length is ignored (<11>).
	Name:       "surplus-ignored",
	Raw:        "02 00 0a 00 90 0c 00 00 00 00",
	Want:       &ApplicationRemoved{AppID: 3216},
	DecodeOnly: true,
}}

func TestApplicationRemoved(t *testing.T) {
	rdptest.RunCases(t, applicationRemovedCases, newApplicationRemoved)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "02 00 06 00 90 0c 00 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "02 00 09 00 90 0c 00 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "02 00 00 00 90 0c 00 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "04 00 08 00 90 0c 00 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "02 00 08 00 90 0c 00 00 02", Want: wire.ErrTrailing},
	}, newApplicationRemoved)
}

func FuzzApplicationRemoved(f *testing.F) {
	seed(f, applicationRemovedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newApplicationRemoved) })
}
