package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newGraphicsStreamPaused() *GraphicsStreamPaused { return new(GraphicsStreamPaused) }

// [MS-RDPEMC] section 4 has no capture of this order; the vectors are
// built by hand from 2.2.5.1.
var graphicsStreamPausedCases = []rdptest.Case[*GraphicsStreamPaused]{{
	Name: "header-only",
	Raw: `
		0a 00    # ORDER_HDR Type: ODTYPE_GRAPHICS_STREAM_PAUSED
		04 00    # ORDER_HDR Length: 4
	`,
	Want: &GraphicsStreamPaused{},
}, {
	// Surplus inside Length is ignored (<23>).
	Name:       "surplus-ignored",
	Raw:        "0a 00 06 00 00 00",
	Want:       &GraphicsStreamPaused{},
	DecodeOnly: true,
}}

func TestGraphicsStreamPaused(t *testing.T) {
	rdptest.RunCases(t, graphicsStreamPausedCases, newGraphicsStreamPaused)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-beyond-data", Raw: "0a 00 05 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "0a 00 02 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "0b 00 04 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "0a 00 04 00 0b", Want: wire.ErrTrailing},
	}, newGraphicsStreamPaused)
}

func FuzzGraphicsStreamPaused(f *testing.F) {
	seed(f, graphicsStreamPausedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newGraphicsStreamPaused) })
}
