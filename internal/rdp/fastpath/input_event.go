package fastpath

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Fast-path input events (TS_FP_INPUT_EVENT), [MS-RDPBCGR] 2.2.8.1.2.2:
// one eventHeader byte (eventFlags bits 0–4, eventCode bits 5–7), then the
// event's data. They decode to the typed events of package input.

// eventCode is the eventCode field of eventHeader.
type eventCode uint8

const (
	eventScancode     eventCode = 0x0 // FASTPATH_INPUT_EVENT_SCANCODE (2.2.8.1.2.2.1)
	eventMouse        eventCode = 0x1 // FASTPATH_INPUT_EVENT_MOUSE (2.2.8.1.2.2.3)
	eventMouseX       eventCode = 0x2 // FASTPATH_INPUT_EVENT_MOUSEX (2.2.8.1.2.2.4)
	eventSync         eventCode = 0x3 // FASTPATH_INPUT_EVENT_SYNC (2.2.8.1.2.2.5)
	eventUnicode      eventCode = 0x4 // FASTPATH_INPUT_EVENT_UNICODE (2.2.8.1.2.2.2)
	eventRelMouse     eventCode = 0x5 // FASTPATH_INPUT_EVENT_RELMOUSE (2.2.8.1.2.2.7)
	eventQoETimestamp eventCode = 0x6 // FASTPATH_INPUT_EVENT_QOE_TIMESTAMP (2.2.8.1.2.2.6)
)

const (
	eventCodeShift = 5
	eventFlagsMask = 0x1F
)

// eventFlags of the keyboard and Unicode keyboard events.
const (
	kbdRelease   = 0x01 // FASTPATH_INPUT_KBDFLAGS_RELEASE
	kbdExtended  = 0x02 // FASTPATH_INPUT_KBDFLAGS_EXTENDED
	kbdExtended1 = 0x04 // FASTPATH_INPUT_KBDFLAGS_EXTENDED1
)

// eventFlags of the synchronize event: the toggle keys, with the values of
// input.LockKeys.
const (
	syncScrollLock = 0x01 // FASTPATH_INPUT_SYNC_SCROLL_LOCK
	syncNumLock    = 0x02 // FASTPATH_INPUT_SYNC_NUM_LOCK
	syncCapsLock   = 0x04 // FASTPATH_INPUT_SYNC_CAPS_LOCK
	syncKanaLock   = 0x08 // FASTPATH_INPUT_SYNC_KANA_LOCK
	syncMask       = syncScrollLock | syncNumLock | syncCapsLock | syncKanaLock
)

// MaxInputEvents is the largest number of events one PDU carries: the
// separate numEvents field is one byte (2.2.8.1.2).
const MaxInputEvents = 255

// NumEventsInHeader returns the fpInputHeader numEvents for a PDU of n
// events: n itself when 1 ≤ n ≤ 15, else 0, meaning the count travels in
// the numEvents byte at the start of the event region. AppendInputEvents
// writes that byte exactly when this returns 0; pass the result to
// AppendInputPDU. (xfreerdp 2.11 only ever uses the header count and sends
// at most 15 events per PDU.)
func NumEventsInHeader(n int) uint8 {
	if n >= 1 && n <= MaxHeaderEvents {
		return uint8(n)
	}
	return 0
}

// DecodeInputEvents decodes the (decrypted) event region of an InputPDU.
// numEvents is InputPDU.NumEvents; when it is 0 the count is the first
// byte of data. The count must match exactly: missing events and trailing
// bytes are errors. Relative mouse and QoE timestamp events are rejected
// because the server never advertises them (INPUT_FLAG_MOUSE_RELATIVE,
// INPUT_FLAG_QOE_TIMESTAMPS, 2.2.7.1.6), as are unknown event codes and
// flags the spec does not define.
func DecodeInputEvents(numEvents uint8, data []byte) ([]input.Event, error) {
	if numEvents > MaxHeaderEvents {
		return nil, fmt.Errorf("fastpath: fpInputHeader numEvents %d does not fit in 4 bits", numEvents)
	}
	r := wire.NewReader(data)
	count := int(numEvents)
	if count == 0 {
		// 2.2.8.1.2: numEvents "is present if the numEvents bit field in
		// the fast-path header byte is zero".
		count = int(r.U8())
		if err := r.Err(); err != nil {
			return nil, fmt.Errorf("fastpath: numEvents: %w", err)
		}
	}
	// Every event is at least its one-byte eventHeader, so the count is
	// bounded by what is there before anything is allocated from it.
	events := make([]input.Event, 0, min(count, r.Len()))
	for i := range count {
		ev, err := decodeEvent(r)
		if err != nil {
			return nil, fmt.Errorf("fastpath: TS_FP_INPUT_EVENT %d of %d: %w", i+1, count, err)
		}
		events = append(events, ev)
	}
	if err := r.Finish(); err != nil {
		return nil, fmt.Errorf("fastpath: fpInputEvents after %d events: %w", count, err)
	}
	return events, nil
}

func decodeEvent(r *wire.Reader) (input.Event, error) {
	hdr := r.U8()
	if err := r.Err(); err != nil {
		return nil, err
	}
	code, flags := eventCode(hdr>>eventCodeShift), hdr&eventFlagsMask
	switch code {
	case eventScancode: // TS_FP_KEYBOARD_EVENT, 2.2.8.1.2.2.1
		key := r.U8()
		if err := r.Err(); err != nil {
			return nil, err
		}
		if flags&^(kbdRelease|kbdExtended|kbdExtended1) != 0 {
			return nil, r.Failf("eventFlags", "keyboard flags %#02x", flags)
		}
		k := input.Key{Scancode: uint16(key)}
		if flags&kbdRelease != 0 {
			k.Flags |= input.KeyRelease
		}
		if flags&kbdExtended != 0 {
			k.Flags |= input.KeyExtended
		}
		if flags&kbdExtended1 != 0 {
			k.Flags |= input.KeyExtended1
		}
		return k, nil

	case eventMouse, eventMouseX: // TS_FP_POINTER_EVENT 2.2.8.1.2.2.3, TS_FP_POINTERX_EVENT 2.2.8.1.2.2.4
		pointerFlags, x, y := r.U16LE(), r.U16LE(), r.U16LE()
		if err := r.Err(); err != nil {
			return nil, err
		}
		// 2.2.8.1.2.2.3, 2.2.8.1.2.2.4: "The eventFlags bitfield (5 bits
		// in size) MUST be zeroed out."
		if flags != 0 {
			return nil, r.Failf("eventFlags", "%#02x on a pointer event, want 0", flags)
		}
		var ev input.Event
		var err error
		if code == eventMouse {
			ev, err = input.FromPointer(pointerFlags, x, y)
		} else {
			ev, err = input.FromPointerX(pointerFlags, x, y)
		}
		if err != nil {
			return nil, r.Fail("pointerFlags", err)
		}
		return ev, nil

	case eventSync: // TS_FP_SYNC_EVENT, 2.2.8.1.2.2.5: the flags are the toggle state
		if flags&^syncMask != 0 {
			return nil, r.Failf("eventFlags", "synchronize flags %#02x", flags)
		}
		return input.Sync{Toggles: input.LockKeys(flags)}, nil

	case eventUnicode: // TS_FP_UNICODE_KEYBOARD_EVENT, 2.2.8.1.2.2.2
		unicode := r.U16LE()
		if err := r.Err(); err != nil {
			return nil, err
		}
		if flags&^kbdRelease != 0 {
			return nil, r.Failf("eventFlags", "unicode keyboard flags %#02x", flags)
		}
		return input.Unicode{Code: unicode, Release: flags&kbdRelease != 0}, nil

	case eventRelMouse:
		return nil, r.Failf("eventCode", "FASTPATH_INPUT_EVENT_RELMOUSE, which the server does not advertise")
	case eventQoETimestamp:
		return nil, r.Failf("eventCode", "FASTPATH_INPUT_EVENT_QOE_TIMESTAMP, which the server does not advertise")
	}
	return nil, r.Failf("eventCode", "unknown event code %d", code)
}

// AppendInputEvents appends the event region of a TS_FP_INPUT_PDU for the
// Go test client: the numEvents byte when NumEventsInHeader(len(events))
// is 0 (no events, or more than 15), then each event. Mouse events with an
// extended button become TS_FP_POINTERX_EVENT, other Mouse and Wheel
// events TS_FP_POINTER_EVENT. It fails for more than 255 events and for
// events fast-path cannot carry (a scancode above 0xFF, unknown flags);
// on error b is returned unchanged.
func AppendInputEvents(b []byte, events []input.Event) ([]byte, error) {
	if len(events) > MaxInputEvents {
		return b, fmt.Errorf("fastpath: %d input events, at most %d fit in one PDU", len(events), MaxInputEvents)
	}
	orig := b
	if NumEventsInHeader(len(events)) == 0 {
		b = append(b, byte(len(events))) // numEvents
	}
	for i, ev := range events {
		var err error
		if b, err = appendEvent(b, ev); err != nil {
			return orig, fmt.Errorf("fastpath: TS_FP_INPUT_EVENT %d: %w", i+1, err)
		}
	}
	return b, nil
}

func appendEvent(b []byte, ev input.Event) ([]byte, error) {
	switch e := ev.(type) {
	case input.Key:
		if e.Scancode > 0xFF {
			return b, fmt.Errorf("%w: scancode %#x does not fit the 8-bit keyCode", wire.ErrInvalid, e.Scancode)
		}
		if e.Flags&^(input.KeyRelease|input.KeyExtended|input.KeyExtended1) != 0 {
			return b, fmt.Errorf("%w: key flags %#x", wire.ErrInvalid, e.Flags)
		}
		var flags byte
		if e.Flags&input.KeyRelease != 0 {
			flags |= kbdRelease
		}
		if e.Flags&input.KeyExtended != 0 {
			flags |= kbdExtended
		}
		if e.Flags&input.KeyExtended1 != 0 {
			flags |= kbdExtended1
		}
		return append(b, byte(eventScancode)<<eventCodeShift|flags, byte(e.Scancode)), nil

	case input.Unicode:
		var flags byte
		if e.Release {
			flags = kbdRelease
		}
		b = append(b, byte(eventUnicode)<<eventCodeShift|flags)
		return wire.AppendU16LE(b, e.Code), nil

	case input.Mouse:
		code := eventMouse
		var pf, x, y uint16
		var err error
		if e.Button == input.ButtonX1 || e.Button == input.ButtonX2 {
			code = eventMouseX
			pf, x, y, err = input.PointerXFlags(e)
		} else {
			pf, x, y, err = input.PointerFlags(e)
		}
		if err != nil {
			return b, err
		}
		return appendPointer(b, code, pf, x, y), nil

	case input.Wheel:
		pf, x, y, err := input.PointerFlags(e)
		if err != nil {
			return b, err
		}
		return appendPointer(b, eventMouse, pf, x, y), nil

	case input.Sync:
		if e.Toggles&^input.LockKeys(syncMask) != 0 {
			return b, fmt.Errorf("%w: toggle flags %#x do not fit the fast-path eventFlags", wire.ErrInvalid, uint32(e.Toggles))
		}
		return append(b, byte(eventSync)<<eventCodeShift|byte(e.Toggles)), nil
	}
	return b, fmt.Errorf("%w: unknown input event %T", wire.ErrInvalid, ev)
}

func appendPointer(b []byte, code eventCode, flags, x, y uint16) []byte {
	b = append(b, byte(code)<<eventCodeShift) // eventFlags MUST be zero
	b = wire.AppendU16LE(b, flags)
	b = wire.AppendU16LE(b, x)
	return wire.AppendU16LE(b, y)
}
