package mcs

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// mcsPayload strips the TPKT and X.224 Data headers of a golden frame.
func mcsPayload(t testing.TB, frame string) []byte {
	t.Helper()
	p, err := x224.ParseData(rdptest.Hex(frame))
	if err != nil {
		t.Fatalf("golden frame: %v", err)
	}
	return p
}

func TestDecodeDomainPDU(t *testing.T) {
	for _, tt := range []struct {
		name  string
		frame string
		want  DomainPDU
	}{
		{"bcgr-4.1.5", "03 00 00 0c 02 f0 80 04 01 00 01 00", &ErectDomainRequest{}},
		{"bcgr-4.1.6", "03 00 00 08 02 f0 80 28", &AttachUserRequest{}},
		{"bcgr-4.1.7", "03 00 00 0b 02 f0 80 2e 00 00 06", &AttachUserConfirm{Initiator: 1007, HasInitiator: true}},
		{"bcgr-4.1.8.2.1", "03 00 00 0c 02 f0 80 38 00 06 03 eb", &ChannelJoinRequest{Initiator: 1007, ChannelID: IOChannel}},
		{"bcgr-4.1.8.1.2", "03 00 00 0f 02 f0 80 3e 00 00 06 03 ef 03 ef",
			&ChannelJoinConfirm{Initiator: 1007, Requested: 1007, ChannelID: 1007, HasChannelID: true}},
		{"bcgr-4.1.9-header", "03 00 00 0e 02 f0 80 64 00 06 03 eb 70 00",
			&SendDataRequest{Initiator: 1007, ChannelID: IOChannel, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd}},
		{"license-header", "03 00 00 0f 02 f0 80 68 00 01 03 eb 70 01 ff",
			&SendDataIndication{Initiator: ServerChannel, ChannelID: IOChannel, Priority: PriorityHigh, Segmentation: SegmentationBeginEnd, UserData: []byte{0xff}}},
		{"bcgr-4.2.3", "03 00 00 09 02 f0 80 21 80", &DisconnectProviderUltimatum{Reason: ReasonUserRequested}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeDomainPDU(mcsPayload(t, tt.frame))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if got.Choice() != tt.want.Choice() {
				t.Errorf("Choice() = %v", got.Choice())
			}
		})
	}
}

func TestDecodeDomainPDURejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
		want error
	}{
		{"empty", nil, wire.ErrShort},
		{"plumbDomainIndication", rdptest.Hex("00 00"), wire.ErrInvalid},
		{"detachUserRequest", rdptest.Hex("30 00 00 06"), wire.ErrInvalid},
		{"uniformSendDataRequest", rdptest.Hex("6c 00 06 03 eb 70 00"), wire.ErrInvalid},
		{"choice-63", rdptest.Hex("fc"), wire.ErrInvalid},
		{"attach-user-request-trailing", rdptest.Hex("28 00"), wire.ErrTrailing},
		{"send-data-truncated", rdptest.Hex("64 00 06 03 eb 70 05 00"), wire.ErrShort},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := DecodeDomainPDU(tt.raw)
			var de *wire.DecodeError
			if p != nil || !errors.Is(err, tt.want) || !errors.As(err, &de) {
				t.Errorf("DecodeDomainPDU(%x) = %v, %v; want %v", tt.raw, p, err, tt.want)
			}
		})
	}
}

func TestChoiceString(t *testing.T) {
	for c, want := range map[Choice]string{
		ChoiceErectDomainRequest:          "erectDomainRequest",
		ChoiceDisconnectProviderUltimatum: "disconnectProviderUltimatum",
		ChoiceAttachUserRequest:           "attachUserRequest",
		ChoiceAttachUserConfirm:           "attachUserConfirm",
		ChoiceChannelJoinRequest:          "channelJoinRequest",
		ChoiceChannelJoinConfirm:          "channelJoinConfirm",
		ChoiceSendDataRequest:             "sendDataRequest",
		ChoiceSendDataIndication:          "sendDataIndication",
		42:                                "tokenTestConfirm",
		43:                                "Choice(43)",
	} {
		if got := c.String(); got != want {
			t.Errorf("Choice(%d).String() = %q, want %q", uint8(c), got, want)
		}
	}
}

func TestResultReasonString(t *testing.T) {
	if ResultSuccessful.String() != "rt-successful" || ResultUserRejected.String() != "rt-user-rejected" ||
		Result(16).String() != "Result(16)" {
		t.Error("Result.String")
	}
	if ReasonUserRequested.String() != "rn-user-requested" || ReasonChannelPurged.String() != "rn-channel-purged" ||
		Reason(5).String() != "Reason(5)" {
		t.Error("Reason.String")
	}
}

func FuzzDecodeDomainPDU(f *testing.F) {
	for _, s := range []string{"04 01 00 01 00", "28", "2e 00 00 06", "38 00 06 03 eb", "3e 00 00 06 03 ef 03 ef",
		"64 00 06 03 eb 70 01 aa", "68 00 01 03 eb 70 80 01 aa", "21 80", "2d c0", "3c 60 00 06 03 f0"} {
		f.Add(rdptest.Hex(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeDomainPDU(b)
		if err != nil {
			return
		}
		enc, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatalf("decoded %#v does not encode: %v", p, err)
		}
		if len(enc) != p.Size() {
			t.Fatalf("Size() = %d, encoded %d", p.Size(), len(enc))
		}
		q, err := DecodeDomainPDU(enc)
		if err != nil {
			t.Fatalf("re-encoded %x does not decode: %v", enc, err)
		}
		if d := cmp.Diff(p, q, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}
