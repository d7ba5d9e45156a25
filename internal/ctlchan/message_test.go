package ctlchan

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// allMessages has one value of every message type, in msgType order.
func allMessages() []Message {
	return []Message{
		&RemoteControlDesktopPacket{ConnectionString: v2RCTicket},
		&ResultPacket{Result: ResultPasswordsDontMatch},
		&AuthenticatePacket{ConnectionString: v2CS2, ExpertBlob: v2Blob},
		&ServerAnnounce{},
		&DisconnectPacket{},
		&VersionInfoPacket{Major: 1, Minor: 2},
		&IsConnectedPacket{},
		&VerifyPasswordPacket{ExpertBlob: v2Blob},
		&ExpertOnVista{EncryptedPassword: v2Proof()},
		&NoviceName{Name: "novice"},
		&ExpertName{Name: "expert"},
		&TokenPacket{Token: []byte("01234567890123456789")},
	}
}

func TestDecodeRCControl(t *testing.T) {
	for i, want := range allMessages() {
		t.Run(want.MsgType().String(), func(t *testing.T) {
			if got := want.MsgType(); got != MsgType(i+1) {
				t.Fatalf("MsgType = %d, want %d", got, i+1)
			}
			b := pdu(t, want)
			if len(b) != want.Size() {
				t.Errorf("Size %d, encoded %d", want.Size(), len(b))
			}
			got, err := DecodeRCControl(b)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

func TestDecodeRCControlErrors(t *testing.T) {
	unknown := rawPDU(13, nil)
	if _, err := DecodeRCControl(unknown); !errors.Is(err, ErrUnknownMsgType) {
		t.Errorf("msgType 13: %v", err)
	}
	if _, err := DecodeRCControl(rawPDU(0, nil)); !errors.Is(err, ErrUnknownMsgType) {
		t.Errorf("msgType 0: %v", err)
	}
	if _, err := DecodeRCControl(subPDU("70", "hello")); !errors.Is(err, ErrNotRCControl) {
		t.Errorf("chat frame: %v", err)
	}
	if _, err := DecodeRCControl(rawPDU(MsgResult, []byte{1, 2})); !errors.Is(err, wire.ErrShort) {
		t.Errorf("short RESULT: %v", err)
	}
	if _, err := DecodeRCControl(rawPDU(MsgDisconnect, []byte{1})); !errors.Is(err, wire.ErrTrailing) {
		t.Errorf("long DISCONNECT: %v", err)
	}
	var de *wire.DecodeError
	if _, err := DecodeRCControl(unknown); !errors.As(err, &de) {
		t.Errorf("unknown msgType is not a DecodeError: %v", err)
	}
	if MsgType(9).String() != "EXPERT_ON_VISTA" || MsgType(13).String() != "MsgType(13)" {
		t.Error("MsgType.String")
	}
}

// FuzzDecodeRCControl: the dispatch never panics, and what decodes
// re-encodes to Size() bytes that decode to the same message.
func FuzzDecodeRCControl(f *testing.F) {
	for _, m := range allMessages() {
		f.Add(pdu(f, m))
	}
	f.Add(rawPDU(13, []byte{1, 2, 3}))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeRCControl(b)
		if err != nil {
			return
		}
		enc, err := wire.Marshal(m)
		if err != nil {
			t.Fatalf("decoded %v does not encode: %v", m.MsgType(), err)
		}
		if len(enc) != m.Size() {
			t.Fatalf("Size %d, encoded %d", m.Size(), len(enc))
		}
		again, err := DecodeRCControl(enc)
		if err != nil {
			t.Fatalf("re-encoded %v does not decode: %v", m.MsgType(), err)
		}
		if d := cmp.Diff(m, again, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip (-first +second)\n%s", d)
		}
	})
}
