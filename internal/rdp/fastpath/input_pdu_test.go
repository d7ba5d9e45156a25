package fastpath

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newInputPDU() *InputPDU { return new(InputPDU) }

// The VERIFIED xfreerdp 2.11.7 bytes in rdp-server.md §6.1 ("move 20 00 08
// 64 00 64 00", and likewise down and up) are one TS_FP_POINTER_EVENT each,
// not whole PDUs: eventHeader 0x20 (eventCode 1 = MOUSE, eventFlags 0),
// pointerFlags, xPos, yPos = 7 bytes. xfreerdp wraps each in a
// TS_FP_INPUT_PDU with numEvents 1 in the header and, always, the two-byte
// length (fastpath.c fastpath_send_multiple_input_pdu): 04 80 0a + event.
var xfreerdpMove = rdptest.Hex(`
	04           # fpInputHeader: action 0, numEvents 1, flags 0
	80 0a        # length1, length2: 10 bytes, two-byte form
	20           # eventHeader: FASTPATH_INPUT_EVENT_MOUSE, eventFlags 0
	00 08        # pointerFlags: PTRFLAGS_MOVE
	64 00        # xPos: 100
	64 00        # yPos: 100
`)

// xfreerdp's focus-in sequence (input.c input_send_fastpath_focus_in_event,
// rdp-server.md §0.2): Tab release, a synchronize event with the toggle
// state (none here), Tab release, in one PDU.
var xfreerdpFocus = rdptest.Hex(`
	0c           # fpInputHeader: numEvents 3
	80 08        # length: 8, two-byte form
	01 0f        # FASTPATH_INPUT_EVENT_SCANCODE, KBDFLAGS_RELEASE; keyCode 0x0f (Tab)
	60           # FASTPATH_INPUT_EVENT_SYNC, toggle flags 0
	01 0f        # Tab release
`)

func TestInputPDU(t *testing.T) {
	sig := [8]byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}
	tests := []struct {
		name string
		raw  []byte
		want InputPDU
		opts []rdptest.GoldenOption
	}{{
		name: "xfreerdp-2.11.7-move",
		raw:  xfreerdpMove,
		want: InputPDU{NumEvents: 1, Data: rdptest.Hex("20 00 08 64 00 64 00")},
		// xfreerdp uses the two-byte length; the encoder writes the short form.
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "move-short-length",
		raw: rdptest.Hex(`
			04                      # fpInputHeader: numEvents 1
			09                      # length1: 9 bytes
			20 00 08 64 00 64 00    # mouse move to (100,100)
		`),
		want: InputPDU{NumEvents: 1, Data: rdptest.Hex("20 00 08 64 00 64 00")},
	}, {
		name: "xfreerdp-2.11.7-focus-triple",
		raw:  xfreerdpFocus,
		want: InputPDU{NumEvents: 3, Data: rdptest.Hex("01 0f 60 01 0f")},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "numEvents-in-body",
		raw: rdptest.Hex(`
			00          # fpInputHeader: numEvents 0 (count follows)
			04          # length: 4
			01          # numEvents: 1
			62          # FASTPATH_INPUT_EVENT_SYNC, FASTPATH_INPUT_SYNC_NUM_LOCK
		`),
		want: InputPDU{Data: rdptest.Hex("01 62")},
	}, {
		name: "encrypted-salted",
		raw: rdptest.Hex(`
			c4                        # fpInputHeader: numEvents 1, ENCRYPTED|SECURE_CHECKSUM
			11                        # length: 17
			11 22 33 44 55 66 77 88   # dataSignature
			9a 5b 01 02 03 04 05      # fpInputEvents (ciphertext)
		`),
		want: InputPDU{Flags: InputEncrypted | InputSecureChecksum, NumEvents: 1, Signature: sig, Data: rdptest.Hex("9a 5b 01 02 03 04 05")},
	}, {
		name: "encrypted-xfreerdp-long-length",
		raw: rdptest.Hex(`
			84                        # fpInputHeader: numEvents 1, ENCRYPTED
			80 12                     # length: 18, two-byte form
			11 22 33 44 55 66 77 88   # dataSignature
			9a 5b 01 02 03 04 05      # fpInputEvents (ciphertext)
		`),
		want: InputPDU{Flags: InputEncrypted, NumEvents: 1, Signature: sig, Data: rdptest.Hex("9a 5b 01 02 03 04 05")},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newInputPDU, tt.opts...)
		})
	}
}

func TestInputPDULongForm(t *testing.T) {
	// 200 bytes of events need the two-byte length.
	data := bytes.Repeat([]byte{0x60}, 200)
	p := InputPDU{Data: data}
	enc, err := p.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []byte{0x00, 0x80, 0xCB}; !bytes.Equal(enc[:3], want) {
		t.Fatalf("header %x, want %x", enc[:3], want)
	}
	if len(enc) != p.Size() || len(enc) != 203 {
		t.Fatalf("len %d, Size %d", len(enc), p.Size())
	}
	// The boundary: a 127-byte PDU keeps the short form, 128 bytes does not.
	for _, tc := range []struct{ data, total, lsize int }{{125, 127, 1}, {126, 129, 2}} {
		p := InputPDU{Data: make([]byte, tc.data)}
		enc, err := p.AppendBinary(nil)
		if err != nil || len(enc) != tc.total || p.Size() != tc.total {
			t.Fatalf("%d data bytes: len %d Size %d err %v, want %d", tc.data, len(enc), p.Size(), err, tc.total)
		}
		got, err := DecodeInput(enc)
		if err != nil || len(got.Data) != tc.data {
			t.Fatalf("%d data bytes: decode %v", tc.data, err)
		}
	}
}

func TestInputPDUErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  string
	}{
		{"empty", ``},
		{"tpkt-action", `03 00 00 09 02 f0 80 00 00`},
		{"action-1", `05 09 20 00 08 64 00 64 00`},
		{"checksum-without-encryption", `44 09 20 00 08 64 00 64 00`},
		{"length-too-long", `04 0a 20 00 08 64 00 64 00`},
		{"length-too-short", `04 08 20 00 08 64 00 64 00`},
		{"length-shorter-than-header", `04 01`},
		{"long-length-shorter-than-header", `04 80 02`},
		{"long-length-truncated", `04 80`},
		{"no-events", `04 02`},
		{"encrypted-no-events", `84 0a 11 22 33 44 55 66 77 88`},
		{"encrypted-short-signature", `84 07 11 22 33 44 55`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeInput(rdptest.Hex(tt.raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
}

func TestAppendInputPDU(t *testing.T) {
	sig := [8]byte{1, 2, 3, 4, 5, 6, 7, 8}
	data := rdptest.Hex("20 00 08 64 00 64 00")
	t.Run("plain", func(t *testing.T) {
		got, err := AppendInputPDU([]byte{0xEE}, 0, nil, 1, data)
		if err != nil {
			t.Fatal(err)
		}
		want := append([]byte{0xEE}, rdptest.Hex("04 09 20 00 08 64 00 64 00")...)
		if !bytes.Equal(got, want) {
			t.Fatalf("got %x, want %x", got, want)
		}
	})
	t.Run("encrypted", func(t *testing.T) {
		got, err := AppendInputPDU(nil, InputEncrypted|InputSecureChecksum, &sig, 1, data)
		if err != nil {
			t.Fatal(err)
		}
		p, err := DecodeInput(got)
		if err != nil || p.Signature != sig || !bytes.Equal(p.Data, data) || p.NumEvents != 1 {
			t.Fatalf("round trip %+v, %v", p, err)
		}
	})
	bad := []struct {
		name  string
		flags InputHeaderFlags
		sig   *[8]byte
		n     uint8
		data  []byte
	}{
		{"signature-without-flag", 0, &sig, 1, data},
		{"flag-without-signature", InputEncrypted, nil, 1, data},
		{"checksum-without-encryption", InputSecureChecksum, nil, 1, data},
		{"unknown-flag", 0x4, nil, 1, data},
		{"numEvents-16", 0, nil, 16, data},
		{"no-data", 0, nil, 1, nil},
		{"too-long", 0, nil, 1, make([]byte, MaxPDULength)},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := AppendInputPDU(nil, tt.flags, tt.sig, tt.n, tt.data); err == nil {
				t.Fatal("encoded without error")
			}
		})
	}
	// The largest PDU the length field allows.
	if _, err := AppendInputPDU(nil, 0, nil, 1, make([]byte, MaxPDULength-3)); err != nil {
		t.Fatalf("0x7FFF-byte PDU: %v", err)
	}
	p := InputPDU{Signature: sig, Data: data}
	if _, err := p.AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
		t.Fatalf("signature without flag: %v", err)
	}
}

func TestInputHeaderFlagsString(t *testing.T) {
	for f, want := range map[InputHeaderFlags]string{
		0:                                      "0",
		InputEncrypted:                         "FASTPATH_INPUT_ENCRYPTED",
		InputEncrypted | InputSecureChecksum:   "FASTPATH_INPUT_SECURE_CHECKSUM|FASTPATH_INPUT_ENCRYPTED",
		InputEncrypted | InputHeaderFlags(0x8): "FASTPATH_INPUT_ENCRYPTED|0x8",
	} {
		if got := f.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", uint8(f), got, want)
		}
	}
}

func FuzzInputPDU(f *testing.F) {
	f.Add(xfreerdpMove)
	f.Add(xfreerdpFocus)
	f.Add(rdptest.Hex("00 04 01 62"))
	f.Add(rdptest.Hex("c4 11 11 22 33 44 55 66 77 88 9a 5b 01 02 03 04 05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newInputPDU)
	})
}
