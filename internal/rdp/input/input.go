// Package input defines the typed input events the server decodes from the
// client's fast-path ([MS-RDPBCGR] 2.2.8.1.2.2) and slow-path
// (2.2.8.1.1.3.1.1) input PDUs, and the conversions both paths share.
//
// Decoding input is not injecting it: these events go to a Handler, and only
// share control (after the novice's consent) may pass them to the desktop.
package input

import (
	"errors"
	"fmt"
)

// ErrInvalid reports an event whose flags the spec does not allow.
var ErrInvalid = errors.New("input: invalid event")

// Event is one decoded input event: Key, Unicode, Mouse, Wheel or Sync.
type Event interface{ isEvent() }

// Handler receives decoded input. It is called on the connection's owner
// goroutine and must not block.
type Handler interface {
	HandleInput(Event)
}

// KeyFlags qualify a scancode.
type KeyFlags uint8

const (
	KeyRelease   KeyFlags = 1 << iota // key up (KBDFLAGS_RELEASE / FASTPATH_INPUT_KBDFLAGS_RELEASE)
	KeyExtended                       // E0 prefix (KBDFLAGS_EXTENDED)
	KeyExtended1                      // E1 prefix, Pause (KBDFLAGS_EXTENDED1)
)

// Key is a keyboard event: a PC/AT set-1 make code with its prefix and
// direction ([MS-RDPBCGR] 2.2.8.1.1.3.1.1.1, 2.2.8.1.2.2.1).
type Key struct {
	Scancode uint16 // keyCode; fast-path carries 8 bits, slow-path 16
	Flags    KeyFlags
}

// Down reports whether the event presses the key.
func (k Key) Down() bool { return k.Flags&KeyRelease == 0 }

func (k Key) String() string {
	dir := "down"
	if !k.Down() {
		dir = "up"
	}
	prefix := ""
	switch {
	case k.Flags&KeyExtended != 0:
		prefix = "e0 "
	case k.Flags&KeyExtended1 != 0:
		prefix = "e1 "
	}
	return fmt.Sprintf("key %s%#02x %s", prefix, k.Scancode, dir)
}

// Unicode is a Unicode keyboard event: one UTF-16 code unit
// ([MS-RDPBCGR] 2.2.8.1.1.3.1.1.2, 2.2.8.1.2.2.2).
type Unicode struct {
	Code    uint16
	Release bool
}

// Button names a mouse button.
type Button uint8

const (
	ButtonNone Button = iota
	ButtonLeft
	ButtonRight
	ButtonMiddle
	ButtonX1 // extended mouse, XBUTTON1 (back)
	ButtonX2 // extended mouse, XBUTTON2 (forward)
)

func (b Button) String() string {
	switch b {
	case ButtonNone:
		return "none"
	case ButtonLeft:
		return "left"
	case ButtonRight:
		return "right"
	case ButtonMiddle:
		return "middle"
	case ButtonX1:
		return "x1"
	case ButtonX2:
		return "x2"
	}
	return fmt.Sprintf("Button(%d)", uint8(b))
}

// Mouse is a pointer event: the pointer moves to X,Y (when Move is set) and
// then Button, if any, goes down or up ([MS-RDPBCGR] 2.2.8.1.1.3.1.1.3,
// 2.2.8.1.1.3.1.1.4). Coordinates are desktop pixels as the client sent
// them; the consumer clamps them to the desktop.
type Mouse struct {
	X, Y   uint16
	Move   bool
	Button Button
	Down   bool
}

// Wheel is a wheel rotation at X,Y. Delta is in the client's units (120 per
// notch); positive is away from the user, or to the right when Horizontal.
type Wheel struct {
	X, Y       uint16
	Delta      int16
	Horizontal bool
}

// LockKeys is the toggle state of the lock keys (TS_SYNC_EVENT toggleFlags).
type LockKeys uint32

const (
	ScrollLock LockKeys = 0x01 // TS_SYNC_SCROLL_LOCK
	NumLock    LockKeys = 0x02 // TS_SYNC_NUM_LOCK
	CapsLock   LockKeys = 0x04 // TS_SYNC_CAPS_LOCK
	KanaLock   LockKeys = 0x08 // TS_SYNC_KANA_LOCK
)

// Sync sets the lock-key toggle state ([MS-RDPBCGR] 2.2.8.1.1.3.1.1.5,
// 2.2.8.1.2.2.5).
type Sync struct {
	Toggles LockKeys
}

func (Key) isEvent()     {}
func (Unicode) isEvent() {}
func (Mouse) isEvent()   {}
func (Wheel) isEvent()   {}
func (Sync) isEvent()    {}

// Pointer flags of TS_POINTER_EVENT ([MS-RDPBCGR] 2.2.8.1.1.3.1.1.3).
const (
	PtrFlagsHWheel        uint16 = 0x0400 // PTRFLAGS_HWHEEL
	PtrFlagsWheel         uint16 = 0x0200 // PTRFLAGS_WHEEL
	PtrFlagsWheelNegative uint16 = 0x0100 // PTRFLAGS_WHEEL_NEGATIVE
	WheelRotationMask     uint16 = 0x01FF
	PtrFlagsMove          uint16 = 0x0800 // PTRFLAGS_MOVE
	PtrFlagsDown          uint16 = 0x8000 // PTRFLAGS_DOWN
	PtrFlagsButton1       uint16 = 0x1000 // PTRFLAGS_BUTTON1 (left)
	PtrFlagsButton2       uint16 = 0x2000 // PTRFLAGS_BUTTON2 (right)
	PtrFlagsButton3       uint16 = 0x4000 // PTRFLAGS_BUTTON3 (middle)
)

// Extended pointer flags of TS_POINTERX_EVENT (2.2.8.1.1.3.1.1.4).
const (
	PtrXFlagsDown    uint16 = 0x8000 // PTRXFLAGS_DOWN
	PtrXFlagsButton1 uint16 = 0x0001 // PTRXFLAGS_BUTTON1 (XBUTTON1)
	PtrXFlagsButton2 uint16 = 0x0002 // PTRXFLAGS_BUTTON2 (XBUTTON2)
)

// FromPointer converts a TS_POINTER_EVENT (or its fast-path twin) to a Mouse
// or Wheel event.
func FromPointer(flags, x, y uint16) (Event, error) {
	if flags&(PtrFlagsWheel|PtrFlagsHWheel) != 0 {
		if flags&PtrFlagsWheel != 0 && flags&PtrFlagsHWheel != 0 {
			return nil, fmt.Errorf("%w: pointer flags %#04x: both WHEEL and HWHEEL", ErrInvalid, flags)
		}
		// 2.2.8.1.1.3.1.1.3: with PTRFLAGS_WHEEL_NEGATIVE the 9-bit
		// rotation "MUST be sign-extended".
		rot := int16(flags & WheelRotationMask)
		if flags&PtrFlagsWheelNegative != 0 {
			rot -= 0x200
		}
		return Wheel{X: x, Y: y, Delta: rot, Horizontal: flags&PtrFlagsHWheel != 0}, nil
	}
	m := Mouse{X: x, Y: y, Move: flags&PtrFlagsMove != 0, Down: flags&PtrFlagsDown != 0}
	switch flags & (PtrFlagsButton1 | PtrFlagsButton2 | PtrFlagsButton3) {
	case 0:
	case PtrFlagsButton1:
		m.Button = ButtonLeft
	case PtrFlagsButton2:
		m.Button = ButtonRight
	case PtrFlagsButton3:
		m.Button = ButtonMiddle
	default:
		return nil, fmt.Errorf("%w: pointer flags %#04x: more than one button", ErrInvalid, flags)
	}
	if m.Button == ButtonNone {
		m.Down = false // PTRFLAGS_DOWN means nothing without a button
	}
	return m, nil
}

// FromPointerX converts a TS_POINTERX_EVENT (extended buttons) to a Mouse
// event.
func FromPointerX(flags, x, y uint16) (Event, error) {
	m := Mouse{X: x, Y: y, Down: flags&PtrXFlagsDown != 0}
	switch flags & (PtrXFlagsButton1 | PtrXFlagsButton2) {
	case PtrXFlagsButton1:
		m.Button = ButtonX1
	case PtrXFlagsButton2:
		m.Button = ButtonX2
	default:
		return nil, fmt.Errorf("%w: extended pointer flags %#04x: want exactly one of XBUTTON1, XBUTTON2", ErrInvalid, flags)
	}
	return m, nil
}

// PointerFlags is the inverse of FromPointer, for encoders (the test client).
func PointerFlags(ev Event) (flags, x, y uint16, err error) {
	switch e := ev.(type) {
	case Mouse:
		if e.Button == ButtonX1 || e.Button == ButtonX2 {
			return 0, 0, 0, fmt.Errorf("%w: extended button %v needs a TS_POINTERX_EVENT", ErrInvalid, e.Button)
		}
		if e.Move {
			flags |= PtrFlagsMove
		}
		switch e.Button {
		case ButtonLeft:
			flags |= PtrFlagsButton1
		case ButtonRight:
			flags |= PtrFlagsButton2
		case ButtonMiddle:
			flags |= PtrFlagsButton3
		}
		if e.Down && e.Button != ButtonNone {
			flags |= PtrFlagsDown
		}
		return flags, e.X, e.Y, nil
	case Wheel:
		if e.Delta < -256 || e.Delta > 255 {
			return 0, 0, 0, fmt.Errorf("%w: wheel delta %d outside the 9-bit range", ErrInvalid, e.Delta)
		}
		flags = PtrFlagsWheel
		if e.Horizontal {
			flags = PtrFlagsHWheel
		}
		flags |= uint16(e.Delta) & WheelRotationMask
		if e.Delta < 0 {
			flags |= PtrFlagsWheelNegative
		}
		return flags, e.X, e.Y, nil
	}
	return 0, 0, 0, fmt.Errorf("%w: %T is not a pointer event", ErrInvalid, ev)
}

// PointerXFlags is the inverse of FromPointerX.
func PointerXFlags(m Mouse) (flags, x, y uint16, err error) {
	switch m.Button {
	case ButtonX1:
		flags = PtrXFlagsButton1
	case ButtonX2:
		flags = PtrXFlagsButton2
	default:
		return 0, 0, 0, fmt.Errorf("%w: button %v is not an extended button", ErrInvalid, m.Button)
	}
	if m.Down {
		flags |= PtrXFlagsDown
	}
	return flags, m.X, m.Y, nil
}
