package encomsp

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newParticipantCreated() *ParticipantCreated { return new(ParticipantCreated) }

// testuser02 is the FriendlyName of the [MS-RDPEMC] 4.1.2 captures.
const testuser02 = "54 00 45 00 53 00 54 00 55 00 53 00 45 00 52 00 30 00 32 00" // "TESTUSER02"

var participantCreatedCases = []rdptest.Case[*ParticipantCreated]{{
	// 4.1.2, first capture: the copy sent to the new participant itself.
	Name: "rdpemc-4.1.2-to-self",
	Raw: `
		08 00          # ORDER_HDR Type: ODTYPE_PARTICIPANT_CREATED
		24 00          # ORDER_HDR Length: 36
		00 00 00 00    # ParticipantId: 0
		00 00 00 00    # GroupId: 0
		04 00          # Flags: IS_PARTICIPANT
		0a 00          # FriendlyName cchString: 10
	` + testuser02,
	Want: &ParticipantCreated{Flags: IsParticipant, FriendlyName: "TESTUSER02"},
}, {
	// 4.1.2, second capture: the copy sent to the other participants.
	Name: "rdpemc-4.1.2-to-others",
	Raw: `
		08 00 24 00    # ORDER_HDR: ODTYPE_PARTICIPANT_CREATED, Length 36
		00 00 00 00    # ParticipantId: 0
		00 00 00 00    # GroupId: 0
		00 00          # Flags: 0
		0a 00          # FriendlyName cchString: 10
	` + testuser02,
	Want: &ParticipantCreated{FriendlyName: "TESTUSER02"},
}, {
	// 4.1.2, third capture: a control level change to view only.
	Name: "rdpemc-4.1.2-may-view",
	Raw: `
		08 00 24 00    # ORDER_HDR: ODTYPE_PARTICIPANT_CREATED, Length 36
		00 00 00 00    # ParticipantId: 0
		00 00 00 00    # GroupId: 0
		01 00          # Flags: MAY_VIEW
		0a 00          # FriendlyName cchString: 10
	` + testuser02,
	Want: &ParticipantCreated{Flags: MayView, FriendlyName: "TESTUSER02"},
}, {
	// By hand: what ranoviced sends a controlling expert about itself,
	// with the [MS-CONFAS] GroupId and a user@host name.
	Name: "confas-in-control",
	Raw: `
		08 00 2e 00    # ORDER_HDR: ODTYPE_PARTICIPANT_CREATED, Length 46
		01 00 00 00    # ParticipantId: 1
		7d 06 81 e0    # GroupId: 3766552189
		07 00          # Flags: MAY_VIEW|MAY_INTERACT|IS_PARTICIPANT
		0f 00          # FriendlyName cchString: 15
	` + utf16Hex("dave@HELPDESK-7"),
	Want: &ParticipantCreated{ParticipantID: 1, GroupID: ConfasGroupID, Flags: MayView | MayInteract | IsParticipant, FriendlyName: "dave@HELPDESK-7"},
}, {
	// By hand: the longest name; 2,064 bytes, more than one SVC chunk.
	Name: "longest-name",
	Raw:  "08 00 10 08 02 00 00 00 00 00 00 00 01 00 00 04" + strings.Repeat("61 00", MaxStringLength),
	Want: &ParticipantCreated{ParticipantID: 2, Flags: MayView, FriendlyName: long(MaxStringLength)},
}, {
	// By hand: surplus inside Length is ignored (<17>).
	Name:       "surplus-ignored",
	Raw:        "08 00 12 00 01 00 00 00 00 00 00 00 01 00 00 00 ee ee",
	Want:       &ParticipantCreated{ParticipantID: 1, Flags: MayView},
	DecodeOnly: true,
}}

func TestParticipantCreated(t *testing.T) {
	rdptest.RunCases(t, participantCreatedCases, newParticipantCreated)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "no-name", Raw: "08 00 0e 00 01 00 00 00 00 00 00 00 01 00", Want: wire.ErrShort},
		{Name: "cch-beyond-length", Raw: "08 00 24 00 00 00 00 00 00 00 00 00 04 00 0b 00" + testuser02, Want: wire.ErrShort},
		{Name: "length-below-name", Raw: "08 00 22 00 00 00 00 00 00 00 00 00 04 00 0a 00" + testuser02, Want: wire.ErrShort},
		{Name: "length-beyond-data", Raw: "08 00 26 00 00 00 00 00 00 00 00 00 04 00 0a 00" + testuser02, Want: wire.ErrShort},
		{Name: "length-below-header", Raw: "08 00 03 00 00 00 00 00 00 00 00 00 04 00 00 00", Want: wire.ErrInvalid},
		{Name: "cch-1025", Raw: "08 00 12 00 00 00 00 00 00 00 00 00 04 00 01 04 61 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "07 00 10 00 00 00 00 00 00 00 00 00 04 00 00 00", Want: wire.ErrInvalid},
		{Name: "trailing", Raw: "08 00 10 00 00 00 00 00 00 00 00 00 04 00 00 00 00", Want: wire.ErrTrailing},
	}, newParticipantCreated)
	for name, s := range map[string]string{"too-long": long(MaxStringLength + 1), "nul": "dave\x00@x"} {
		if _, err := (&ParticipantCreated{FriendlyName: s}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	for f, want := range map[ParticipantFlags]string{
		0:                                     "0",
		MayView | IsParticipant:               "MAY_VIEW|IS_PARTICIPANT",
		MayView | MayInteract | IsParticipant: "MAY_VIEW|MAY_INTERACT|IS_PARTICIPANT",
		MayInteract | 0x10:                    "MAY_INTERACT|0x10",
	} {
		if got := f.String(); got != want {
			t.Errorf("%#x: %q, want %q", uint16(f), got, want)
		}
	}
	if !(MayView | MayInteract).Has(MayInteract) || MayView.Has(MayView|MayInteract) {
		t.Error("Has")
	}
	if ConfasGroupID != 3766552189 {
		t.Error("ConfasGroupID")
	}
}

func FuzzParticipantCreated(f *testing.F) {
	seed(f, participantCreatedCases)
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newParticipantCreated) })
}
