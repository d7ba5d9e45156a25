package encomsp

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newWindowCreated() *WindowCreated { return new(WindowCreated) }

var windowCreatedCases = []rdptest.Case[*WindowCreated]{{
	Name: "rdpemc-4.1.7",
	Raw: `
		05 00          # ORDER_HDR Type: ODTYPE_WND_CREATED
		24 00          # ORDER_HDR Length: 36
		00 00          # Flags: 0, not shared
		ec 0a 00 00    # AppId: 2796
		96 03 1c 00    # WndId: 1835926
		0a 00          # Name cchString: 10
		43 00 61 00 6c 00 63 00 75 00 6c 00 61 00 74 00 6f 00 72 00 # Name String: "Calculator"
	`,
	Want: &WindowCreated{AppID: 2796, WndID: 1835926, Name: "Calculator"},
}, {
	// By hand: the same window, shared, with a new title (an update
	// reuses the WndId, 2.2.3.4).
	Name: "shared-retitled",
	Raw:  "05 00 16 00 01 00 ec 0a 00 00 96 03 1c 00 03 00" + utf16Hex("C 2"),
	Want: &WindowCreated{Flags: WindowShared, AppID: 2796, WndID: 1835926, Name: "C 2"},
}, {
	// By hand: surplus inside Length is ignored (<14>).
	Name:       "surplus-ignored",
	Raw:        "05 00 12 00 01 00 01 00 00 00 02 00 00 00 00 00 ff ff",
	Want:       &WindowCreated{Flags: WindowShared, AppID: 1, WndID: 2},
	DecodeOnly: true,
}}

func TestWindowCreated(t *testing.T) {
	rdptest.RunCases(t, windowCreatedCases, newWindowCreated)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "no-name", Raw: "05 00 0e 00 01 00 01 00 00 00 02 00 00 00", Want: wire.ErrShort},
		{Name: "cch-beyond-length", Raw: "05 00 12 00 01 00 01 00 00 00 02 00 00 00 02 00 61 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "05 00 20 00 01 00 01 00 00 00 02 00 00 00 00 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "05 00 01 00 01 00 01 00 00 00 02 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "cch-1025", Raw: "05 00 12 00 01 00 01 00 00 00 02 00 00 00 01 04 61 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "03 00 10 00 01 00 01 00 00 00 02 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "05 00 10 00 01 00 01 00 00 00 02 00 00 00 00 00 00", Want: wire.ErrTrailing},
	}, newWindowCreated)
	// The longest WindowCreated, 16 + 2·1024 bytes, still fits Length.
	w := &WindowCreated{Name: long(MaxStringLength)}
	if w.Size() != 16+2*MaxStringLength {
		t.Errorf("Size = %d", w.Size())
	}
	rdptest.Canonical(t, w, newWindowCreated)
	if _, err := (&WindowCreated{Name: long(MaxStringLength + 1)}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("too long a name: %v", err)
	}
	if WindowShared.String() != "WINDOW_SHARED" || WindowFlags(0).String() != "0" || !WindowShared.Has(WindowShared) {
		t.Error("WindowFlags")
	}
}

func FuzzWindowCreated(f *testing.F) {
	seed(f, windowCreatedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newWindowCreated) })
}
