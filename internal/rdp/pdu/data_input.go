package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Slow-path input event types (messageType of TS_INPUT_EVENT).
const (
	inputEventSync     = 0x0000 // INPUT_EVENT_SYNC
	inputEventUnused   = 0x0002 // INPUT_EVENT_UNUSED
	inputEventScancode = 0x0004 // INPUT_EVENT_SCANCODE
	inputEventUnicode  = 0x0005 // INPUT_EVENT_UNICODE
	inputEventMouse    = 0x8001 // INPUT_EVENT_MOUSE
	inputEventMouseX   = 0x8002 // INPUT_EVENT_MOUSEX
	inputEventMouseRel = 0x8004 // INPUT_EVENT_MOUSEREL
)

// Keyboard flags of TS_KEYBOARD_EVENT and TS_UNICODE_KEYBOARD_EVENT.
const (
	kbdFlagsExtended  = 0x0100 // KBDFLAGS_EXTENDED
	kbdFlagsExtended1 = 0x0200 // KBDFLAGS_EXTENDED1
	kbdFlagsDown      = 0x4000 // KBDFLAGS_DOWN
	kbdFlagsRelease   = 0x8000 // KBDFLAGS_RELEASE
)

const (
	inputEventSize = 4 /* eventTime */ + 2 /* messageType */ + 6 /* slowPathInputData */
	inputPDUFixed  = 2 /* numEvents */ + 2                       /* pad2Octets */
)

// InputEvents is the Client Input Event PDU body (TS_INPUT_PDU_DATA after
// its share data header), [MS-RDPBCGR] 2.2.8.1.1.3.1, decoded to the typed
// events of package input.
//
// Decoding follows the spec's event layouts (2.2.8.1.1.3.1.1.x):
//   - eventTime "is ignored by the server" and is written as 0;
//   - INPUT_EVENT_SCANCODE becomes input.Key (KBDFLAGS_EXTENDED,
//     KBDFLAGS_EXTENDED1, KBDFLAGS_RELEASE; KBDFLAGS_DOWN is accepted and
//     dropped, see the package documentation; other flags fail);
//   - INPUT_EVENT_UNICODE becomes input.Unicode (KBDFLAGS_RELEASE;
//     KBDFLAGS_DOWN dropped; other flags fail);
//   - INPUT_EVENT_MOUSE and INPUT_EVENT_MOUSEX go through input.FromPointer
//     and input.FromPointerX;
//   - INPUT_EVENT_SYNC becomes input.Sync;
//   - INPUT_EVENT_UNUSED (sent by old clients to a server that "erroneously
//     did not indicate support for scancodes") is skipped: it carries
//     nothing;
//   - INPUT_EVENT_MOUSEREL fails: relative mouse events are valid only
//     after the server advertised INPUT_FLAG_MOUSE_RELATIVE, which this
//     server never does, and package input has no event for them;
//   - any other messageType fails (ERRINFO_INVALIDINPUTPDUTYPE).
//
// Encoding (for test clients) maps each event back; a Mouse with an X1/X2
// button becomes a TS_POINTERX_EVENT.
type InputEvents struct {
	Events []input.Event
}

var _ wire.PDU = (*InputEvents)(nil)

// Size returns the encoded length.
func (p *InputEvents) Size() int { return inputPDUFixed + len(p.Events)*inputEventSize }

// AppendBinary appends the body. It fails for more than 65535 events or
// an event the slow path cannot carry.
func (p *InputEvents) AppendBinary(b []byte) ([]byte, error) {
	if len(p.Events) > 0xFFFF {
		return nil, fmt.Errorf("pdu: TS_INPUT_PDU_DATA: %d events exceed 65535", len(p.Events))
	}
	b = wire.AppendU16LE(b, uint16(len(p.Events)))
	b = wire.AppendU16LE(b, 0) // pad2Octets
	for i, ev := range p.Events {
		var err error
		if b, err = appendInputEvent(b, ev); err != nil {
			return nil, fmt.Errorf("pdu: TS_INPUT_PDU_DATA: event %d: %w", i, err)
		}
	}
	return b, nil
}

func appendInputEvent(b []byte, ev input.Event) ([]byte, error) {
	b = wire.AppendU32LE(b, 0) // eventTime
	switch e := ev.(type) {
	case input.Key:
		if e.Flags&^(input.KeyRelease|input.KeyExtended|input.KeyExtended1) != 0 {
			return nil, fmt.Errorf("%w: key flags %#x", input.ErrInvalid, uint8(e.Flags))
		}
		var flags uint16
		if e.Flags&input.KeyExtended != 0 {
			flags |= kbdFlagsExtended
		}
		if e.Flags&input.KeyExtended1 != 0 {
			flags |= kbdFlagsExtended1
		}
		if e.Flags&input.KeyRelease != 0 {
			flags |= kbdFlagsRelease
		}
		b = wire.AppendU16LE(b, inputEventScancode)
		b = wire.AppendU16LE(b, flags)
		b = wire.AppendU16LE(b, e.Scancode)
		return wire.AppendU16LE(b, 0), nil // pad2Octets
	case input.Unicode:
		var flags uint16
		if e.Release {
			flags = kbdFlagsRelease
		}
		b = wire.AppendU16LE(b, inputEventUnicode)
		b = wire.AppendU16LE(b, flags)
		b = wire.AppendU16LE(b, e.Code)
		return wire.AppendU16LE(b, 0), nil // pad2Octets
	case input.Sync:
		b = wire.AppendU16LE(b, inputEventSync)
		b = wire.AppendU16LE(b, 0) // pad2Octets
		return wire.AppendU32LE(b, uint32(e.Toggles)), nil
	case input.Mouse:
		if e.Button == input.ButtonX1 || e.Button == input.ButtonX2 {
			flags, x, y, err := input.PointerXFlags(e)
			if err != nil {
				return nil, err
			}
			return appendPointer(b, inputEventMouseX, flags, x, y), nil
		}
		flags, x, y, err := input.PointerFlags(e)
		if err != nil {
			return nil, err
		}
		return appendPointer(b, inputEventMouse, flags, x, y), nil
	case input.Wheel:
		flags, x, y, err := input.PointerFlags(e)
		if err != nil {
			return nil, err
		}
		return appendPointer(b, inputEventMouse, flags, x, y), nil
	}
	return nil, fmt.Errorf("%w: %T has no slow-path form", input.ErrInvalid, ev)
}

func appendPointer(b []byte, messageType, flags, x, y uint16) []byte {
	b = wire.AppendU16LE(b, messageType)
	b = wire.AppendU16LE(b, flags)
	b = wire.AppendU16LE(b, x)
	return wire.AppendU16LE(b, y)
}

// Decode reads one TS_INPUT_PDU_DATA body. numEvents must match the events
// present exactly (ERRINFO_INPUTPDUBADLENGTH otherwise).
func (p *InputEvents) Decode(r *wire.Reader) error {
	const name = "pdu: TS_INPUT_PDU_DATA: %w"
	n := int(r.U16LE())
	r.Skip(2) // pad2Octets
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	if n*inputEventSize > r.Len() {
		return fmt.Errorf(name, r.Fail("numEvents", fmt.Errorf("%w: %d events, %d bytes", wire.ErrShort, n, r.Len())))
	}
	p.Events = make([]input.Event, 0, n)
	for i := range n {
		r.Skip(4) // eventTime: "This value is ignored by the server."
		messageType := r.U16LE()
		a, c, d := r.U16LE(), r.U16LE(), r.U16LE()
		if err := r.Err(); err != nil {
			return fmt.Errorf(name, err)
		}
		ev, err := decodeInputEvent(messageType, a, c, d)
		if err != nil {
			return fmt.Errorf(name, r.Fail(fmt.Sprintf("slowPathInputEvents[%d]", i), err))
		}
		if ev != nil {
			p.Events = append(p.Events, ev)
		}
	}
	return nil
}

// decodeInputEvent converts one event's messageType and its three 16-bit
// data words. It returns a nil event for INPUT_EVENT_UNUSED.
func decodeInputEvent(messageType, a, b, c uint16) (input.Event, error) {
	switch messageType {
	case inputEventScancode: // keyboardFlags, keyCode, pad2Octets
		if a&^(kbdFlagsExtended|kbdFlagsExtended1|kbdFlagsDown|kbdFlagsRelease) != 0 {
			return nil, fmt.Errorf("%w: keyboardFlags %#04x", wire.ErrInvalid, a)
		}
		var f input.KeyFlags
		if a&kbdFlagsExtended != 0 {
			f |= input.KeyExtended
		}
		if a&kbdFlagsExtended1 != 0 {
			f |= input.KeyExtended1
		}
		if a&kbdFlagsRelease != 0 {
			f |= input.KeyRelease
		}
		return input.Key{Scancode: b, Flags: f}, nil
	case inputEventUnicode: // keyboardFlags, unicodeCode, pad2Octets
		if a&^(kbdFlagsDown|kbdFlagsRelease) != 0 {
			return nil, fmt.Errorf("%w: unicode keyboardFlags %#04x", wire.ErrInvalid, a)
		}
		return input.Unicode{Code: b, Release: a&kbdFlagsRelease != 0}, nil
	case inputEventMouse: // pointerFlags, xPos, yPos
		ev, err := input.FromPointer(a, b, c)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", wire.ErrInvalid, err)
		}
		return ev, nil
	case inputEventMouseX: // pointerFlags, xPos, yPos
		ev, err := input.FromPointerX(a, b, c)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", wire.ErrInvalid, err)
		}
		return ev, nil
	case inputEventSync: // pad2Octets, toggleFlags
		return input.Sync{Toggles: input.LockKeys(uint32(b) | uint32(c)<<16)}, nil
	case inputEventUnused: // pad4Octets, pad2Octets
		return nil, nil
	case inputEventMouseRel:
		return nil, fmt.Errorf("%w: INPUT_EVENT_MOUSEREL without INPUT_FLAG_MOUSE_RELATIVE", wire.ErrInvalid)
	}
	return nil, fmt.Errorf("%w: messageType %#04x", wire.ErrInvalid, messageType)
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *InputEvents) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
