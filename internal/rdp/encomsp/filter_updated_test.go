package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newFilterUpdated() *FilterUpdated { return new(FilterUpdated) }

var filterUpdatedCases = []rdptest.Case[*FilterUpdated]{{
	Name: "rdpemc-4.1.1",
	Raw: `
		01 00    # ORDER_HDR Type: ODTYPE_FILTER_STATE_UPDATED
		05 00    # ORDER_HDR Length: 5
		00       # Flags: 0
	`,
	Want: &FilterUpdated{},
}, {
	Name: "rdpemc-4.1.4-enabled",
	Raw: `
		01 00    # ORDER_HDR Type: ODTYPE_FILTER_STATE_UPDATED
		05 00    # ORDER_HDR Length: 5
		01       # Flags: FILTER_ENABLED
	`,
	Want: &FilterUpdated{Flags: FilterEnabled},
}, {
	// By hand: 3.2.5.1.3 <12>, bytes past the fields inside Length are
	// ignored.
	Name:       "surplus-ignored",
	Raw:        "01 00 07 00 01 ff ff",
	Want:       &FilterUpdated{Flags: FilterEnabled},
	DecodeOnly: true,
}, {
	// By hand: unknown bits decode as sent.
	Name: "unknown-bits",
	Raw:  "01 00 05 00 81",
	Want: &FilterUpdated{Flags: 0x81},
}}

func TestFilterUpdated(t *testing.T) {
	rdptest.RunCases(t, filterUpdatedCases, newFilterUpdated)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "01 00 04 00 01", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "01 00 06 00 01", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "01 00 03 00 01", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "02 00 05 00 01", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "01 00 05 00 01 00", Want: wire.ErrTrailing},
	}, newFilterUpdated)
	for f, want := range map[FilterFlags]string{0: "0", FilterEnabled: "FILTER_ENABLED", 0x81: "FILTER_ENABLED|0x80"} {
		if got := f.String(); got != want {
			t.Errorf("%#x: %q, want %q", uint8(f), got, want)
		}
	}
	if !FilterFlags(0x81).Has(FilterEnabled) || FilterFlags(0).Has(FilterEnabled) {
		t.Error("Has")
	}
}

func FuzzFilterUpdated(f *testing.F) {
	seed(f, filterUpdatedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newFilterUpdated) })
}
