package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newGraphicsStreamResumed() *GraphicsStreamResumed { return new(GraphicsStreamResumed) }

// [MS-RDPEMC] section 4 has no capture of this order; the vectors are
// built by hand from 2.2.5.2.
var graphicsStreamResumedCases = []rdptest.Case[*GraphicsStreamResumed]{{
	Name: "header-only",
	Raw: `
		0b 00    # ORDER_HDR Type: ODTYPE_GRAPHICS_STREAM_RESUMED
		04 00    # ORDER_HDR Length: 4
	`,
	Want: &GraphicsStreamResumed{},
}, {
	// Surplus inside Length is ignored (<24>).
	Name:       "surplus-ignored",
	Raw:        "0b 00 08 00 01 02 03 04",
	Want:       &GraphicsStreamResumed{},
	DecodeOnly: true,
}}

func TestGraphicsStreamResumed(t *testing.T) {
	rdptest.RunCases(t, graphicsStreamResumedCases, newGraphicsStreamResumed)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-beyond-data", Raw: "0b 00 05 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "0b 00 00 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "0a 00 04 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "0b 00 04 00 00", Want: wire.ErrTrailing},
	}, newGraphicsStreamResumed)
}

func FuzzGraphicsStreamResumed(f *testing.F) {
	seed(f, graphicsStreamResumedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newGraphicsStreamResumed) })
}
