package encomsp

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newApplicationCreated() *ApplicationCreated { return new(ApplicationCreated) }

var applicationCreatedCases = []rdptest.Case[*ApplicationCreated]{{
	Name: "rdpemc-4.1.5",
	Raw: `
		03 00                      # ORDER_HDR Type: ODTYPE_APP_CREATED
		14 00                      # ORDER_HDR Length: 20
		01 00                      # Flags: APPLICATION_SHARED
		ec 0a 00 00                # AppId: 2796
		04 00                      # Name cchString: 4
		63 00 61 00 6c 00 63 00    # Name String: "calc"
	`,
	Want: &ApplicationCreated{Flags: AppShared, AppID: 2796, Name: "calc"},
}, {
	// By hand: an unshared application with an empty name.
	Name: "empty-name",
	Raw: `
		03 00 0c 00    # ORDER_HDR: ODTYPE_APP_CREATED, Length 12
		00 00          # Flags: 0
		01 00 00 00    # AppId: 1
		00 00          # Name cchString: 0, no String
	`,
	Want: &ApplicationCreated{AppID: 1},
}, {
	// By hand: 3.2.5.1.1, "If the size of the received PDU extends past
	// the end of the Name string, the receiver SHOULD ignore the rest".
	Name:       "surplus-ignored",
	Raw:        "03 00 16 00 01 00 ec 0a 00 00 04 00 63 00 61 00 6c 00 63 00 ab cd",
	Want:       &ApplicationCreated{Flags: AppShared, AppID: 2796, Name: "calc"},
	DecodeOnly: true,
}, {
	// By hand: the name ends at its first NUL (2.2.2).
	Name:       "name-cut-at-nul",
	Raw:        "03 00 14 00 01 00 ec 0a 00 00 04 00 63 00 00 00 6c 00 63 00",
	Want:       &ApplicationCreated{Flags: AppShared, AppID: 2796, Name: "c"},
	DecodeOnly: true,
}}

func TestApplicationCreated(t *testing.T) {
	rdptest.RunCases(t, applicationCreatedCases, newApplicationCreated)
	rdptest.RunBad(t, []rdptest.BadCase{
		// Windows participants accept a missing Name (<10>); we do not.
		{Name: "no-name", Raw: "03 00 0a 00 01 00 ec 0a 00 00", Want: wire.ErrShort},
		{Name: "cch-beyond-length", Raw: "03 00 14 00 01 00 ec 0a 00 00 05 00 63 00 61 00 6c 00 63 00", Want: wire.ErrShort},
		{Name: "length-below-name", Raw: "03 00 12 00 01 00 ec 0a 00 00 04 00 63 00 61 00 6c 00 63 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "03 00 16 00 01 00 ec 0a 00 00 04 00 63 00 61 00 6c 00 63 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "03 00 02 00 01 00 ec 0a 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "cch-1025", Raw: "03 00 0e 00 01 00 ec 0a 00 00 01 04 61 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "05 00 14 00 01 00 ec 0a 00 00 04 00 63 00 61 00 6c 00 63 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "03 00 0c 00 00 00 01 00 00 00 00 00 00", Want: wire.ErrTrailing},
	}, newApplicationCreated)
	rdptest.Canonical(t, &ApplicationCreated{AppID: 7, Name: long(MaxStringLength)}, newApplicationCreated)
	if n := (&ApplicationCreated{Name: long(MaxStringLength)}).Size(); n != 12+2*MaxStringLength {
		t.Errorf("Size with the longest name = %d", n)
	}
	for name, s := range map[string]string{"too-long": long(MaxStringLength + 1), "nul": "a\x00"} {
		if b, err := (&ApplicationCreated{Name: s}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) || len(b) != 0 {
			t.Errorf("%s: AppendBinary = %x, %v; want nothing and ErrInvalid", name, b, err)
		}
	}
	if AppFlags(3).String() != "APPLICATION_SHARED|0x2" || !AppShared.Has(AppShared) {
		t.Errorf("AppFlags(3) = %v", AppFlags(3))
	}
}

func FuzzApplicationCreated(f *testing.F) {
	seed(f, applicationCreatedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newApplicationCreated) })
}
