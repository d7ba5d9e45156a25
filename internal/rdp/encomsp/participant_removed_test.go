package encomsp

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newParticipantRemoved() *ParticipantRemoved { return new(ParticipantRemoved) }

var participantRemovedCases = []rdptest.Case[*ParticipantRemoved]{{
	Name: "rdpemc-4.1.3",
	Raw: `
		07 00          # ORDER_HDR Type: ODTYPE_PARTICIPANT_REMOVED
		10 00          # ORDER_HDR Length: 16
		00 00 00 00    # ParticipantId: 0
		00 00 00 00    # DiscType: PARTICIPANT_DISCONNECT_REASON_APP
		06 00 0a d0    # DiscCode: 0xD00A0006, could not send
	`,
	Want: &ParticipantRemoved{DiscType: DiscReasonApp, DiscCode: DiscCodeSendFailed},
}, {
	// By hand: participant 3 left of its own accord.
	Name: "left",
	Raw:  "07 00 10 00 03 00 00 00 02 00 00 00 00 00 00 00",
	Want: &ParticipantRemoved{ParticipantID: 3, DiscType: DiscReasonCli, DiscCode: DiscCodeOK},
}, {
	// By hand: participant 4 removed for a protocol violation.
	Name: "invalid-data",
	Raw:  "07 00 10 00 04 00 00 00 00 00 00 00 0d 00 07 80",
	Want: &ParticipantRemoved{ParticipantID: 4, DiscType: DiscReasonApp, DiscCode: DiscCodeInvalidData},
}, {
	// By hand: surplus inside Length is ignored (<20>).
	Name:       "surplus-ignored",
	Raw:        "07 00 11 00 03 00 00 00 02 00 00 00 00 00 00 00 00",
	Want:       &ParticipantRemoved{ParticipantID: 3, DiscType: DiscReasonCli},
	DecodeOnly: true,
}}

func TestParticipantRemoved(t *testing.T) {
	rdptest.RunCases(t, participantRemovedCases, newParticipantRemoved)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-below-fields", Raw: "07 00 0c 00 00 00 00 00 00 00 00 00", Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "07 00 14 00 00 00 00 00 00 00 00 00 06 00 0a d0", Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "07 00 00 00 00 00 00 00 00 00 00 00 06 00 0a d0", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "08 00 10 00 00 00 00 00 00 00 00 00 06 00 0a d0", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "07 00 10 00 00 00 00 00 00 00 00 00 06 00 0a d0 07", Want: wire.ErrTrailing},
	}, newParticipantRemoved)
	for ty, want := range map[DiscType]string{
		DiscReasonApp: "PARTICIPANT_DISCONNECT_REASON_APP",
		DiscReasonCli: "PARTICIPANT_DISCONNECT_REASON_CLI",
		1:             "DiscType(1)",
	} {
		if got := ty.String(); got != want {
			t.Errorf("DiscType %d: %q, want %q", uint32(ty), got, want)
		}
	}
	for c, want := range map[DiscCode]string{
		DiscCodeOK:          "S_OK",
		DiscCodeSendFailed:  "0xD00A0006 (sharing manager could not send)",
		DiscCodeHostError:   "0xD0000001 (host error)",
		DiscCodeInvalidData: "0x8007000D (Win32 error 13)",
		0x80004004:          "0x80004004",
	} {
		if got := c.String(); got != want {
			t.Errorf("DiscCode %#x: %q, want %q", uint32(c), got, want)
		}
	}
}

func FuzzParticipantRemoved(f *testing.F) {
	seed(f, participantRemovedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newParticipantRemoved) })
}
