package encomsp

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want Message
	}{
		{"rdpemc-4.1.1", "01 00 05 00 00", &FilterUpdated{}},
		{"rdpemc-4.1.5", "03 00 14 00 01 00 ec 0a 00 00 04 00" + utf16Hex("calc"), &ApplicationCreated{Flags: AppShared, AppID: 2796, Name: "calc"}},
		{"rdpemc-4.1.6", "02 00 08 00 90 0c 00 00", &ApplicationRemoved{AppID: 3216}},
		{"rdpemc-4.1.8", "04 00 08 00 96 03 1c 00", &WindowRemoved{WndID: 1835926}},
		{"rdpemc-4.2.2", "06 00 08 00 96 03 1c 00", &ShowWindow{WndID: 1835926}},
		{"rdpemc-4.1.3", "07 00 10 00 00 00 00 00 00 00 00 00 06 00 0a d0", &ParticipantRemoved{DiscCode: DiscCodeSendFailed}},
		{"rdpemc-4.1.2", "08 00 24 00 00 00 00 00 00 00 00 00 04 00 0a 00" + testuser02, &ParticipantCreated{Flags: IsParticipant, FriendlyName: "TESTUSER02"}},
		{"rdpemc-4.2.1", "09 00 0a 00 03 00 00 00 00 00", &ChangeParticipantControlLevel{Flags: RequestView | RequestInteract}},
		{"paused", "0a 00 04 00", &GraphicsStreamPaused{}},
		{"resumed", "0b 00 04 00", &GraphicsStreamResumed{}},
		{"rdpemc-4.1.10", "0c 00 14 00 31 01 00 00 5b 00 00 00 d3 02 00 00 bd 02 00 00", &WindowRegionUpdate{Left: 305, Top: 91, Right: 723, Bottom: 701}},
		{"response", "0d 00 0e 00 03 00 01 00 00 00 00 00 00 00", &ChangeParticipantControlLevelResponse{Flags: RequestView | RequestInteract, ParticipantID: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(rdptest.Hex(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
		})
	}
	// Every golden vector of the package decodes through the dispatch to
	// the type it came from.
	for _, b := range allGolden() {
		m, err := Decode(b)
		if err != nil {
			t.Errorf("%x: %v", b, err)
			continue
		}
		if want := OrderType(uint16(b[0]) | uint16(b[1])<<8); m.OrderType() != want {
			t.Errorf("%x: decoded a %v", b, m.OrderType())
		}
	}
}

// TestDecodeErrorOffsets: errors in an order's fields locate the failure
// from the start of the order, not of its body.
func TestDecodeErrorOffsets(t *testing.T) {
	for _, tt := range []struct {
		raw    string
		offset int
		field  string
	}{
		{"09 00 08 00 03 00 00 00", 6, ""},                                  // ParticipantId cut by Length
		{"03 00 0e 00 01 00 ec 0a 00 00 01 04 61 00", 12, "Name.cchString"}, // after cchString
		{"01 00 03 00 00", 4, "Length"},                                     // after the header
	} {
		_, err := Decode(rdptest.Hex(tt.raw))
		var de *wire.DecodeError
		if !errors.As(err, &de) || de.Offset != tt.offset || de.Field != tt.field {
			t.Errorf("%s: %v; want offset %d field %q", tt.raw, err, tt.offset, tt.field)
		}
	}
}

func TestDecodeUnknown(t *testing.T) {
	for _, tt := range []struct {
		name, raw string
		want      UnknownTypeError
	}{
		{"type-0x0042", "42 00 08 00 01 02 03 04", UnknownTypeError{Type: 0x42, Length: 8}},
		{"type-0", "00 00 04 00", UnknownTypeError{Type: 0, Length: 4}},
		{"type-0x000e", "0e 00 05 00 ff", UnknownTypeError{Type: 0x0e, Length: 5}},
	} {
		_, err := Decode(rdptest.Hex(tt.raw))
		var u *UnknownTypeError
		if !errors.Is(err, ErrUnknownType) || !errors.As(err, &u) || *u != tt.want {
			t.Errorf("%s: %v, want %+v", tt.name, err, tt.want)
		}
	}
	if got := (&UnknownTypeError{Type: 0x42, Length: 8}).Error(); got != "encomsp: unknown order type 0x0042 (Length 8)" {
		t.Errorf("Error() = %q", got)
	}
	// A badly framed order of unknown type is a framing error, not an
	// unknown type: the caller must not skip it.
	for _, tt := range []struct {
		name, raw string
		want      error
	}{
		{"length-beyond-data", "42 00 09 00 01 02 03 04", wire.ErrShort},
		{"trailing", "42 00 06 00 01 02 03 04", wire.ErrTrailing},
		{"length-below-header", "42 00 02 00", wire.ErrInvalid},
		{"short-header", "42 00 08", wire.ErrShort},
		{"empty", "", wire.ErrShort},
	} {
		_, err := Decode(rdptest.Hex(tt.raw))
		if !errors.Is(err, tt.want) || errors.Is(err, ErrUnknownType) {
			t.Errorf("%s: %v, want %v and not ErrUnknownType", tt.name, err, tt.want)
		}
	}
}

func TestDecodeAll(t *testing.T) {
	t.Run("emc-03", func(t *testing.T) {
		// rdpemc-confas.md EMC-03: a control request, an unknown order and
		// a show-window request in one message. The unknown one is
		// skipped and reported; the others decode.
		msgs, err := DecodeAll(rdptest.Hex(`
			09 00 0a 00 03 00 00 00 00 00    # OD_PARTICIPANT_CTRL_CHANGE
			42 00 06 00 aa bb                # type 0x0042, Length 6
			06 00 08 00 96 03 1c 00          # OD_WND_SHOW
			0e 00 04 00                      # type 0x000e, Length 4
		`))
		want := []Message{
			&ChangeParticipantControlLevel{Flags: RequestView | RequestInteract},
			&ShowWindow{WndID: 1835926},
		}
		if d := cmp.Diff(want, msgs); d != "" {
			t.Errorf("(-want +got):\n%s", d)
		}
		var u *UnknownTypeError
		if !errors.Is(err, ErrUnknownType) || !errors.As(err, &u) || u.Type != 0x42 {
			t.Fatalf("err = %v, want the unknown types reported", err)
		}
	})
	t.Run("sharer-sequence", func(t *testing.T) {
		// The spec's captures back to back, as a sharer batches them.
		var raw []byte
		for _, b := range allGolden() {
			if m, err := Decode(b); err == nil && m.Size() == len(b) {
				raw = append(raw, b...)
			}
		}
		msgs, err := DecodeAll(raw)
		if err != nil {
			t.Fatal(err)
		}
		var again []byte
		for _, m := range msgs {
			if again, err = m.AppendBinary(again); err != nil {
				t.Fatal(err)
			}
		}
		if string(again) != string(raw) {
			t.Fatalf("re-encoding differs:\n got %x\nwant %x", again, raw)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if msgs, err := DecodeAll(nil); msgs != nil || err != nil {
			t.Fatalf("DecodeAll(nil) = %v, %v", msgs, err)
		}
	})
	fatal := []struct {
		name, raw string
		want      error
	}{
		{"short-header", "09 00 0a 00 03 00 00 00 00 00 0a 00", wire.ErrShort},
		{"length-beyond-message", "0a 00 04 00 09 00 0b 00 03 00 00 00 00 00", wire.ErrShort},
		{"length-0", "42 00 00 00 0a 00 04 00", wire.ErrInvalid},
		{"length-below-header", "0a 00 04 00 0b 00 03 00 00", wire.ErrInvalid},
		{"order-below-its-fields", "09 00 08 00 03 00 00 00", wire.ErrShort},
		{"bad-after-unknown", "42 00 04 00 03 00 0e 00 01 00 ec 0a 00 00 01 04 61 00", wire.ErrInvalid},
	}
	for _, tt := range fatal {
		t.Run(tt.name, func(t *testing.T) {
			msgs, err := DecodeAll(rdptest.Hex(tt.raw))
			if msgs != nil || !errors.Is(err, tt.want) || errors.Is(err, ErrUnknownType) {
				t.Fatalf("= %v, %v; want nil and a fatal %v", msgs, err, tt.want)
			}
		})
	}
}

func TestAppendMessages(t *testing.T) {
	// rdpemc-confas.md §2.8 A.4: what a new expert gets when the novice
	// accepts, in one channel message.
	msgs := []Message{
		&FilterUpdated{},
		&ParticipantCreated{ParticipantID: 2, GroupID: ConfasGroupID, Flags: MayView | IsParticipant, FriendlyName: "ada@LAB"},
		&ParticipantCreated{ParticipantID: 1, GroupID: ConfasGroupID, Flags: MayView | MayInteract, FriendlyName: "bob@LAB"},
		&GraphicsStreamPaused{},
	}
	got, err := AppendMessages([]byte{0xee}, msgs...)
	if err != nil {
		t.Fatal(err)
	}
	want := rdptest.Hex(`
		ee                                   # caller's prefix
		01 00 05 00 00                       # OD_FILTER_STATE_UPDATED: 0
		08 00 1e 00 02 00 00 00 7d 06 81 e0  # OD_PARTICIPANT_CREATED: id 2, GroupId 3766552189
		05 00 07 00` + utf16Hex("ada@LAB") + `# Flags MAY_VIEW|IS_PARTICIPANT, "ada@LAB"
		08 00 1e 00 01 00 00 00 7d 06 81 e0  # OD_PARTICIPANT_CREATED: id 1
		03 00 07 00` + utf16Hex("bob@LAB") + `# Flags MAY_VIEW|MAY_INTERACT, "bob@LAB"
		0a 00 04 00                          # OD_GRAPHICS_STREAM_PAUSED
	`)
	if string(got) != string(want) {
		t.Fatalf("got  %x\nwant %x", got, want)
	}
	back, err := DecodeAll(got[1:])
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(msgs, back); d != "" {
		t.Fatalf("round trip (-sent +decoded):\n%s", d)
	}

	for _, m := range []Message{
		&ShowWindow{WndID: 1},
		&ChangeParticipantControlLevel{Flags: RequestView},
		&WindowRegionUpdate{},
		&ChangeParticipantControlLevelResponse{Flags: RequestInteract, ParticipantID: 1},
	} {
		b, err := AppendMessages([]byte{0xee}, &FilterUpdated{}, m, &GraphicsStreamResumed{})
		if !errors.Is(err, ErrUnsendable) || string(b) != "\xee" {
			t.Errorf("%v: = %x, %v; want the input back and ErrUnsendable", m.OrderType(), b, err)
		}
		// The order's own encoder still works (the opt-in path).
		if _, err := m.AppendBinary(nil); err != nil {
			t.Errorf("%v: AppendBinary: %v", m.OrderType(), err)
		}
	}
	b, err := AppendMessages([]byte{0xee}, &FilterUpdated{}, &WindowCreated{Name: long(MaxStringLength + 1)})
	if !errors.Is(err, wire.ErrInvalid) || string(b) != "\xee" {
		t.Errorf("bad name: = %x, %v; want the input back and ErrInvalid", b, err)
	}
	if b, err := AppendMessages(nil); b != nil || err != nil {
		t.Errorf("no messages: %x, %v", b, err)
	}
}

// FuzzDecode: whatever Decode accepts re-encodes to a canonical order that
// decodes to the same value; unknown types are never fatal-looking and
// fatal errors never look unknown.
func FuzzDecode(f *testing.F) {
	for _, b := range allGolden() {
		f.Add(b)
	}
	f.Add(rdptest.Hex("42 00 08 00 01 02 03 04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil {
			var u *UnknownTypeError
			if errors.As(err, &u) && (u.Type.Known() || int(u.Length) != len(b)) {
				t.Fatalf("UnknownTypeError %+v for %d bytes", u, len(b))
			}
			return
		}
		enc, err := m.AppendBinary(nil)
		if err != nil {
			t.Fatalf("decoded %T does not encode: %v", m, err)
		}
		if len(enc) != m.Size() || len(enc) > len(b) {
			t.Fatalf("%T: Size %d, encoded %d, input %d", m, m.Size(), len(enc), len(b))
		}
		again, err := Decode(enc)
		if err != nil {
			t.Fatalf("re-encoded %T does not decode: %v\n%x", m, err, enc)
		}
		if d := cmp.Diff(m, again, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}

// FuzzDecodeAll: DecodeAll never panics; a fatal error yields no orders;
// otherwise the orders re-encode, back to back, to a message that decodes
// to the same orders with no error.
func FuzzDecodeAll(f *testing.F) {
	golden := allGolden()
	f.Add(slices.Concat(golden...))
	f.Add(rdptest.Hex("09 00 0a 00 03 00 00 00 00 00 42 00 06 00 aa bb 06 00 08 00 96 03 1c 00"))
	for _, b := range golden {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		msgs, err := DecodeAll(b)
		if err != nil && !errors.Is(err, ErrUnknownType) {
			if msgs != nil {
				t.Fatalf("fatal error %v with %d orders", err, len(msgs))
			}
			return
		}
		var enc []byte
		for _, m := range msgs {
			if enc, err = m.AppendBinary(enc); err != nil {
				t.Fatalf("decoded %T does not encode: %v", m, err)
			}
		}
		if len(enc) > len(b) {
			t.Fatalf("re-encoding grew from %d to %d bytes", len(b), len(enc))
		}
		again, err := DecodeAll(enc)
		if err != nil {
			t.Fatalf("re-encoded message does not decode: %v\n%x", err, enc)
		}
		if d := cmp.Diff(msgs, again, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}
