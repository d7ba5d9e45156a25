package fastpath

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestDecodeInputEvents(t *testing.T) {
	tests := []struct {
		name      string
		numEvents uint8
		data      string
		want      []input.Event
	}{{
		// rdp-server.md §6.1, VERIFIED from xfreerdp 2.11.7: a click at
		// (100,100) is three single-event PDUs with these events.
		name: "xfreerdp-move", numEvents: 1,
		data: `20 00 08 64 00 64 00`,
		want: []input.Event{input.Mouse{X: 100, Y: 100, Move: true}},
	}, {
		name: "xfreerdp-left-down", numEvents: 1,
		data: `20 00 90 64 00 64 00`, // PTRFLAGS_DOWN|PTRFLAGS_BUTTON1
		want: []input.Event{input.Mouse{X: 100, Y: 100, Button: input.ButtonLeft, Down: true}},
	}, {
		name: "xfreerdp-left-up", numEvents: 1,
		data: `20 00 10 64 00 64 00`, // PTRFLAGS_BUTTON1
		want: []input.Event{input.Mouse{X: 100, Y: 100, Button: input.ButtonLeft}},
	}, {
		name: "xfreerdp-focus-triple", numEvents: 3,
		data: `01 0f  62  01 0f`, // Tab up, sync NUM_LOCK, Tab up
		want: []input.Event{
			input.Key{Scancode: 0x0f, Flags: input.KeyRelease},
			input.Sync{Toggles: input.NumLock},
			input.Key{Scancode: 0x0f, Flags: input.KeyRelease},
		},
	}, {
		name: "extended-keys", numEvents: 3,
		data: `02 48  03 48  04 1d`, // E0 48 (Up) down, E0 48 up, E1 1D (Pause)
		want: []input.Event{
			input.Key{Scancode: 0x48, Flags: input.KeyExtended},
			input.Key{Scancode: 0x48, Flags: input.KeyExtended | input.KeyRelease},
			input.Key{Scancode: 0x1d, Flags: input.KeyExtended1},
		},
	}, {
		name: "unicode", numEvents: 2,
		data: `80 ac 20  81 ac 20`, // U+20AC down, up
		want: []input.Event{input.Unicode{Code: 0x20ac}, input.Unicode{Code: 0x20ac, Release: true}},
	}, {
		name: "mousex", numEvents: 2,
		data: `40 01 80 0a 00 14 00  40 02 00 0a 00 14 00`, // XBUTTON1 down, XBUTTON2 up
		want: []input.Event{
			input.Mouse{X: 10, Y: 20, Button: input.ButtonX1, Down: true},
			input.Mouse{X: 10, Y: 20, Button: input.ButtonX2},
		},
	}, {
		name: "wheel", numEvents: 1,
		data: `20 88 03 00 00 00 00`, // PTRFLAGS_WHEEL|WHEEL_NEGATIVE, rotation 0x188 = -120
		want: []input.Event{input.Wheel{Delta: -120}},
	}, {
		name: "sync-all-locks", numEvents: 1,
		data: `6f`,
		want: []input.Event{input.Sync{Toggles: input.ScrollLock | input.NumLock | input.CapsLock | input.KanaLock}},
	}, {
		name: "count-in-body", numEvents: 0,
		data: `02 60 01 0f`,
		want: []input.Event{input.Sync{}, input.Key{Scancode: 0x0f, Flags: input.KeyRelease}},
	}, {
		name: "count-in-body-zero", numEvents: 0,
		data: `00`,
		want: []input.Event{},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeInputEvents(tt.numEvents, rdptest.Hex(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
			if tt.numEvents == 0 && NumEventsInHeader(len(got)) != 0 {
				return // a body count for 1–15 events is valid but not what the encoder writes
			}
			// Re-encoding gives the same bytes.
			enc, err := AppendInputEvents(nil, got)
			if err != nil {
				t.Fatal(err)
			}
			if NumEventsInHeader(len(got)) != tt.numEvents || !bytes.Equal(enc, rdptest.Hex(tt.data)) {
				t.Fatalf("re-encoded %x (header count %d), want %s (%d)", enc, NumEventsInHeader(len(got)), tt.data, tt.numEvents)
			}
		})
	}
}

func TestDecodeInputEventsErrors(t *testing.T) {
	tests := []struct {
		name      string
		numEvents uint8
		data      string
	}{
		{"relmouse", 1, `a0 00 08 01 00 ff ff`},
		{"qoe-timestamp", 1, `c0 01 02 03 04`},
		{"unknown-code-7", 1, `e0`},
		{"fewer-events", 2, `60`},
		{"trailing-bytes", 1, `60 60`},
		{"truncated-scancode", 1, `00`},
		{"truncated-mouse", 1, `20 00 08 64 00 64`},
		{"truncated-unicode", 1, `80 ac`},
		{"keyboard-flag-0x08", 1, `08 1e`},
		{"unicode-flag-0x02", 1, `82 41 00`},
		{"sync-flag-0x10", 1, `70`},
		{"mouse-event-flags", 1, `21 00 08 64 00 64 00`},
		{"mousex-event-flags", 1, `41 01 80 0a 00 14 00`},
		{"mouse-two-buttons", 1, `20 00 b0 64 00 64 00`},
		{"mouse-wheel-and-hwheel", 1, `20 78 06 00 00 00 00`},
		{"mousex-no-button", 1, `40 00 80 0a 00 14 00`},
		{"header-count-16", 16, `60`},
		{"body-count-missing", 0, ``},
		{"body-count-too-big", 0, `03 60 60`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ev, err := DecodeInputEvents(tt.numEvents, rdptest.Hex(tt.data)); err == nil {
				t.Fatalf("decoded %v without error", ev)
			}
		})
	}
}

func TestAppendInputEventsCount(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 255} {
		events := make([]input.Event, n)
		for i := range events {
			events[i] = input.Key{Scancode: uint16(i)}
		}
		data, err := AppendInputEvents(nil, events)
		if err != nil {
			t.Fatalf("%d events: %v", n, err)
		}
		hdr := NumEventsInHeader(n)
		if (hdr == 0) != (n == 0 || n > 15) {
			t.Fatalf("%d events: header count %d", n, hdr)
		}
		frame, err := AppendInputPDU(nil, 0, nil, hdr, data)
		if err != nil {
			t.Fatalf("%d events: %v", n, err)
		}
		p, err := DecodeInput(frame)
		if err != nil {
			t.Fatalf("%d events: %v", n, err)
		}
		got, err := DecodeInputEvents(p.NumEvents, p.Data)
		if err != nil {
			t.Fatalf("%d events: %v", n, err)
		}
		if d := cmp.Diff(events, got, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("%d events (-want +got):\n%s", n, d)
		}
	}
	if _, err := AppendInputEvents(nil, make([]input.Event, 256)); err == nil {
		t.Fatal("256 events encoded")
	}
}

func TestAppendInputEventsErrors(t *testing.T) {
	for name, ev := range map[string]input.Event{
		"scancode-16-bit": input.Key{Scancode: 0xe01d},
		"key-flags":       input.Key{Scancode: 1, Flags: 0x80},
		"sync-toggles":    input.Sync{Toggles: 0x10},
		"wheel-range":     input.Wheel{Delta: 300},
		"nil":             nil,
	} {
		t.Run(name, func(t *testing.T) {
			prefix := []byte{0xEE}
			got, err := AppendInputEvents(prefix, []input.Event{input.Sync{}, ev})
			if err == nil {
				t.Fatal("encoded without error")
			}
			if !bytes.Equal(got, prefix) {
				t.Fatalf("on error got %x, want the input unchanged", got)
			}
		})
	}
}

// FuzzInputEvents checks that decoding never panics and that whatever
// decodes re-encodes to something that decodes to the same events.
func FuzzInputEvents(f *testing.F) {
	f.Add(uint8(1), rdptest.Hex("20 00 08 64 00 64 00"))
	f.Add(uint8(3), rdptest.Hex("01 0f 60 01 0f"))
	f.Add(uint8(0), rdptest.Hex("02 60 01 0f"))
	f.Add(uint8(2), rdptest.Hex("40 01 80 0a 00 14 00 80 ac 20"))
	f.Add(uint8(1), rdptest.Hex("20 88 03 00 00 00 00"))
	f.Fuzz(func(t *testing.T, n uint8, data []byte) {
		events, err := DecodeInputEvents(n, data)
		if err != nil {
			return
		}
		enc, err := AppendInputEvents(nil, events)
		if err != nil {
			t.Fatalf("decoded events do not encode: %v", err)
		}
		again, err := DecodeInputEvents(NumEventsInHeader(len(events)), enc)
		if err != nil {
			t.Fatalf("re-encoded events do not decode: %v\n%x", err, enc)
		}
		if d := cmp.Diff(events, again, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}
