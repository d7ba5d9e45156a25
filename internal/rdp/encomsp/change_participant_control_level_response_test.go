package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newCtrlChangeResponse() *ChangeParticipantControlLevelResponse {
	return new(ChangeParticipantControlLevelResponse)
}

var ctrlChangeResponseCases = []rdptest.Case[*ChangeParticipantControlLevelResponse]{{
	// [MS-RDPEMC] 4.1.9, byte for byte. Its annotation reads bytes 6–9,
	// "00 00 00 01", as ParticipantId = 1; the field is little-endian
	// (2.2.4.4), so they are 0x01000000. The test pins the LE reading.
	Name: "rdpemc-4.1.9",
	Raw: `
		0d 00          # ORDER_HDR Type: ODTYPE_PARTICIPANT_CTRL_CHANGE_RESPONSE
		0e 00          # ORDER_HDR Length: 14
		03 00          # Flags: REQUEST_VIEW|REQUEST_INTERACT
		00 00 00 01    # ParticipantId: 16777216 (the annotation says 1)
		00 00 00 00    # ReasonCode: 0
	`,
	Want: &ChangeParticipantControlLevelResponse{Flags: RequestView | RequestInteract, ParticipantID: 0x01000000},
}, {
	// By hand: what 4.1.9 meant, ParticipantId 1.
	Name: "accepted-participant-1",
	Raw:  "0d 00 0e 00 03 00 01 00 00 00 00 00 00 00",
	Want: &ChangeParticipantControlLevelResponse{Flags: RequestView | RequestInteract, ParticipantID: 1},
}, {
	// By hand: a refusal with a non-zero reason.
	Name: "refused",
	Raw:  "0d 00 0e 00 02 00 02 00 00 00 05 00 07 80",
	Want: &ChangeParticipantControlLevelResponse{Flags: RequestInteract, ParticipantID: 2, ReasonCode: 0x80070005},
}, {
	// By hand: surplus inside Length is ignored (<22>).
	Name:       "surplus-ignored",
	Raw:        "0d 00 10 00 03 00 01 00 00 00 00 00 00 00 00 00",
	Want:       &ChangeParticipantControlLevelResponse{Flags: RequestView | RequestInteract, ParticipantID: 1},
	DecodeOnly: true,
}}

func TestChangeParticipantControlLevelResponse(t *testing.T) {
	rdptest.RunCases(t, ctrlChangeResponseCases, newCtrlChangeResponse)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "0d 00 0a 00 03 00 01 00 00 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "0d 00 0f 00 03 00 01 00 00 00 00 00 00 00", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "0d 00 01 00 03 00 01 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "09 00 0e 00 03 00 01 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "0d 00 0e 00 03 00 01 00 00 00 00 00 00 00 00", Want: wire.ErrTrailing},
	}, newCtrlChangeResponse)
}

func FuzzChangeParticipantControlLevelResponse(f *testing.F) {
	seed(f, ctrlChangeResponseCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newCtrlChangeResponse) })
}
