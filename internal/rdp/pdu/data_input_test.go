package pdu

import (
	"errors"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// No slow-path Input Event PDU is annotated in [MS-RDPBCGR] section 4 (4.7
// is fast-path), so the vectors are built from the layouts of
// 2.2.8.1.1.3.1.1.x.
func TestInputEvents(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*InputEvents]{{
		Name: "every-event-type",
		Raw: `08 00 # numEvents: 8
		      00 00 # pad2Octets
		      00 00 00 00 04 00 # eventTime, INPUT_EVENT_SCANCODE
		      00 00 1e 00 00 00 #   keyboardFlags 0 (down), keyCode 0x1e ('A'), pad
		      00 00 00 00 04 00 # INPUT_EVENT_SCANCODE
		      00 81 4b 00 00 00 #   KBDFLAGS_RELEASE|KBDFLAGS_EXTENDED, 0x4b (left arrow)
		      00 00 00 00 04 00 # INPUT_EVENT_SCANCODE
		      00 02 1d 00 00 00 #   KBDFLAGS_EXTENDED1, 0x1d (Pause prefix)
		      00 00 00 00 05 00 # INPUT_EVENT_UNICODE
		      00 80 ac 20 00 00 #   KBDFLAGS_RELEASE, U+20AC
		      00 00 00 00 01 80 # INPUT_EVENT_MOUSE
		      00 90 64 00 c8 00 #   PTRFLAGS_DOWN|PTRFLAGS_BUTTON1, x 100, y 200
		      00 00 00 00 01 80 # INPUT_EVENT_MOUSE
		      88 03 64 00 c8 00 #   PTRFLAGS_WHEEL|PTRFLAGS_WHEEL_NEGATIVE|0x88: rotation -120
		      00 00 00 00 02 80 # INPUT_EVENT_MOUSEX
		      02 80 0a 00 14 00 #   PTRXFLAGS_DOWN|PTRXFLAGS_BUTTON2, x 10, y 20
		      00 00 00 00 00 00 # INPUT_EVENT_SYNC
		      00 00 06 00 00 00 #   pad, toggleFlags: TS_SYNC_NUM_LOCK|TS_SYNC_CAPS_LOCK`,
		Want: &InputEvents{Events: []input.Event{
			input.Key{Scancode: 0x1e},
			input.Key{Scancode: 0x4b, Flags: input.KeyRelease | input.KeyExtended},
			input.Key{Scancode: 0x1d, Flags: input.KeyExtended1},
			input.Unicode{Code: 0x20ac, Release: true},
			input.Mouse{X: 100, Y: 200, Button: input.ButtonLeft, Down: true},
			input.Wheel{X: 100, Y: 200, Delta: -120},
			input.Mouse{X: 10, Y: 20, Button: input.ButtonX2, Down: true},
			input.Sync{Toggles: input.NumLock | input.CapsLock},
		}},
	}, {
		// xfreerdp 2.11.7 sets KBDFLAGS_DOWN on key presses and an eventTime.
		Name: "freerdp-keydown-with-KBDFLAGS_DOWN",
		Raw:  "01 00 00 00  78 56 34 12 04 00 00 40 1e 00 00 00",
		Want: &InputEvents{Events: []input.Event{input.Key{Scancode: 0x1e}}}, DecodeOnly: true,
	}, {
		Name: "unused-event-skipped",
		Raw:  "02 00 00 00  00 00 00 00 02 00 00 00 00 00 00 00  00 00 00 00 01 80 00 08 05 00 06 00",
		Want: &InputEvents{Events: []input.Event{input.Mouse{X: 5, Y: 6, Move: true}}}, DecodeOnly: true,
	}, {
		Name: "no-events",
		Raw:  "00 00 00 00",
		Want: &InputEvents{},
	}}, func() *InputEvents { return new(InputEvents) })

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "numEvents-beyond-data", Raw: "02 00 00 00  00 00 00 00 04 00 00 00 1e 00 00 00", Want: wire.ErrShort},
		{Name: "numEvents-short-of-data", Raw: "01 00 00 00  00 00 00 00 04 00 00 00 1e 00 00 00  00", Want: wire.ErrTrailing},
		{Name: "huge-numEvents", Raw: "ff ff 00 00", Want: wire.ErrShort},
		{Name: "mouserel", Raw: "01 00 00 00  00 00 00 00 04 80 00 08 01 00 01 00", Want: wire.ErrInvalid},
		{Name: "unknown-messageType", Raw: "01 00 00 00  00 00 00 00 03 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "unknown-keyboard-flag", Raw: "01 00 00 00  00 00 00 00 04 00 01 00 1e 00 00 00", Want: wire.ErrInvalid},
		{Name: "unicode-extended-flag", Raw: "01 00 00 00  00 00 00 00 05 00 00 01 41 00 00 00", Want: wire.ErrInvalid},
		{Name: "two-buttons", Raw: "01 00 00 00  00 00 00 00 01 80 00 30 00 00 00 00", Want: input.ErrInvalid},
		{Name: "mousex-no-button", Raw: "01 00 00 00  00 00 00 00 02 80 00 80 00 00 00 00", Want: input.ErrInvalid},
	}, func() *InputEvents { return new(InputEvents) })

	for _, ev := range []input.Event{input.Wheel{Delta: 300}, input.Key{Flags: 0x80}, nil} {
		if _, err := (&InputEvents{Events: []input.Event{ev}}).AppendBinary(nil); !errors.Is(err, input.ErrInvalid) {
			t.Errorf("%#v: %v", ev, err)
		}
	}
}
