package encomsp

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newOrderHeader() *OrderHeader { return new(OrderHeader) }

var orderHeaderCases = []rdptest.Case[*OrderHeader]{{
	// The first four bytes of [MS-RDPEMC] 4.1.7.
	Name: "rdpemc-4.1.7-header",
	Raw: `
		05 00    # Type: ODTYPE_WND_CREATED
		24 00    # Length: 36
	`,
	Want: &OrderHeader{Type: TypeWndCreated, Length: 36},
}, {
	// By hand: 4.1.1's header.
	Name: "header-only-length",
	Raw:  "0a 00 04 00",
	Want: &OrderHeader{Type: TypeGraphicsStreamPaused, Length: 4},
}, {
	// By hand: an unknown type is a valid header.
	Name: "unknown-type",
	Raw:  "42 00 ff ff",
	Want: &OrderHeader{Type: 0x42, Length: 0xffff},
}}

func TestOrderHeader(t *testing.T) {
	rdptest.RunCases(t, orderHeaderCases, newOrderHeader)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-0", Raw: "01 00 00 00", Want: wire.ErrInvalid},
		{Name: "length-3", Raw: "01 00 03 00", Want: wire.ErrInvalid},
		{Name: "short", Raw: "01 00 05", Want: wire.ErrShort},
	}, newOrderHeader)
	if _, err := (&OrderHeader{Type: TypeFilterStateUpdated, Length: 3}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("encode Length 3: %v, want ErrInvalid", err)
	}
}

func FuzzOrderHeader(f *testing.F) {
	seed(f, orderHeaderCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newOrderHeader) })
}
