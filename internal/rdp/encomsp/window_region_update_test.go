package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newWindowRegionUpdate() *WindowRegionUpdate { return new(WindowRegionUpdate) }

var windowRegionUpdateCases = []rdptest.Case[*WindowRegionUpdate]{{
	Name: "rdpemc-4.1.10",
	Raw: `
		0c 00          # ORDER_HDR Type: ODTYPE_WND_REGION_UPDATE
		14 00          # ORDER_HDR Length: 20
		31 01 00 00    # left: 305
		5b 00 00 00    # top: 91
		d3 02 00 00    # right: 723
		bd 02 00 00    # bottom: 701
	`,
	Want: &WindowRegionUpdate{Left: 305, Top: 91, Right: 723, Bottom: 701},
}}

func TestWindowRegionUpdate(t *testing.T) {
	rdptest.RunCases(t, windowRegionUpdateCases, newWindowRegionUpdate)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "0c 00 10 00 31 01 00 00 5b 00 00 00 d3 02 00 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "0c 00 18 00 31 01 00 00 5b 00 00 00 d3 02 00 00 bd 02 00 00", Want: wire.ErrShort},
		{Name: "wrong-type", Raw: "0d 00 14 00 31 01 00 00 5b 00 00 00 d3 02 00 00 bd 02 00 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "0c 00 14 00 31 01 00 00 5b 00 00 00 d3 02 00 00 bd 02 00 00 00", Want: wire.ErrTrailing},
	}, newWindowRegionUpdate)
}

func FuzzWindowRegionUpdate(f *testing.F) {
	seed(f, windowRegionUpdateCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newWindowRegionUpdate) })
}
