package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newCtrlChange() *ChangeParticipantControlLevel { return new(ChangeParticipantControlLevel) }

var ctrlChangeCases = []rdptest.Case[*ChangeParticipantControlLevel]{{
	// [MS-RDPEMC] 4.2.1. Its annotation shows ParticipantId as five zero
	// bytes; the dump has the four the layout gives.
	Name: "rdpemc-4.2.1",
	Raw: `
		09 00          # ORDER_HDR Type: ODTYPE_PARTICIPANT_CTRL_CHANGE
		0a 00          # ORDER_HDR Length: 10
		03 00          # Flags: REQUEST_VIEW|REQUEST_INTERACT
		00 00 00 00    # ParticipantId: 0
	`,
	Want: &ChangeParticipantControlLevel{Flags: RequestView | RequestInteract},
}, {
	// By hand: FreeRDP 2.11's control toggle giving control back
	// (xf_toggle_control: REQUEST_VIEW only, ParticipantId always 0).
	Name: "freerdp-2.11-release",
	Raw:  "09 00 0a 00 01 00 00 00 00 00",
	Want: &ChangeParticipantControlLevel{Flags: RequestView},
}, {
	// By hand: FreeRDP 3.x, which sends the id it learned.
	Name: "freerdp-3-own-id",
	Raw:  "09 00 0a 00 03 00 01 00 00 00",
	Want: &ChangeParticipantControlLevel{Flags: RequestView | RequestInteract, ParticipantID: 1},
}, {
	// By hand: ALLOW_CONTROL_REQUESTS decodes as sent (Windows ignores it,
	// <30>).
	Name: "allow-control-requests",
	Raw:  "09 00 0a 00 0b 00 02 00 00 00",
	Want: &ChangeParticipantControlLevel{Flags: RequestView | RequestInteract | AllowControlRequests, ParticipantID: 2},
}, {
	// By hand, rdpemc-confas.md EMC-06: Length 14, four bytes past the
	// fields, parsed and skipped (3.3.5.2.3 <30>).
	Name:       "surplus-ignored",
	Raw:        "09 00 0e 00 03 00 00 00 00 00 de ad be ef",
	Want:       &ChangeParticipantControlLevel{Flags: RequestView | RequestInteract},
	DecodeOnly: true,
}}

func TestChangeParticipantControlLevel(t *testing.T) {
	rdptest.RunCases(t, ctrlChangeCases, newCtrlChange)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "09 00 08 00 03 00 00 00 00 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "09 00 0e 00 03 00 00 00 00 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "09 00 00 00 03 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "0d 00 0a 00 03 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "09 00 0a 00 03 00 00 00 00 00 09 00", Want: wire.ErrTrailing},
	}, newCtrlChange)
	for f, want := range map[RequestFlags]string{
		0:                             "0",
		RequestView:                   "REQUEST_VIEW",
		RequestView | RequestInteract: "REQUEST_VIEW|REQUEST_INTERACT",
		AllowControlRequests | 0x4:    "ALLOW_CONTROL_REQUESTS|0x4",
	} {
		if got := f.String(); got != want {
			t.Errorf("%#x: %q, want %q", uint16(f), got, want)
		}
	}
	if !(RequestView | RequestInteract).Has(RequestInteract) || RequestView.Has(RequestInteract) {
		t.Error("Has")
	}
}

func FuzzChangeParticipantControlLevel(f *testing.F) {
	seed(f, ctrlChangeCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newCtrlChange) })
}
