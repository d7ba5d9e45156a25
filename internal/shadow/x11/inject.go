//go:build linux

package x11

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// ErrUnknownKey is returned (wrapped) by Inject for a scan code with no X
// key (see keycodeFor): the event is dropped, and the injector stays
// usable.
var ErrUnknownKey = errors.New("x11: scan code has no X key")

// ErrUnsupported is returned (wrapped) by Inject for an event it cannot
// deliver: a Unicode character no key can type (a control character other
// than backspace, tab, return, escape and delete; an unpaired surrogate),
// or a mouse button X has no number for. The event is dropped, and the
// injector stays usable.
var ErrUnsupported = errors.New("x11: input event not supported")

// InjectorOptions adjusts OpenInjector.
type InjectorOptions struct {
	// Ledger, if not nil, is told about every key press just before it is
	// sent (KeyLedger.Injected with the X keycode), so the panic key
	// watcher can tell the daemon's presses from the local user's.
	Ledger *shadow.KeyLedger

	// Now is the ledger's clock; nil means time.Now.
	Now func() time.Time
}

// Injector delivers an expert's input to an X display with the XTEST
// extension (shadow.Injector), on its own connection.
//
// Keys go by position: the set 1 scan code becomes the X keycode of the key
// at that place (evdev keycodes, see keycodeFor), and the novice's layout
// decides what it types, as for a local key press. Unicode events, which
// carry a character and no key, type the character through a key of the
// current keymap that has it, or through a spare keycode temporarily given
// that character's keysym (see Inject).
//
// The Injector keeps track of the keys and buttons it holds down, so that
// ReleaseAll releases exactly those. A press of a key it already holds is
// not sent again: RDP clients repeat the key-down message while a key is
// held (typematic), but the X server autorepeats keys held on the XTEST
// device itself, like any other key (Xvfb: after 660 ms, 25/s, with no
// XI2 raw events for the repeats), and a second XTest press of a key that
// is down reaches no window anyway (only an XI2 raw press, which would need
// a ledger entry of its own). The novice's autorepeat settings apply
// instead. A release of a key or button the Injector does not hold is
// passed on: the server ignores a release of a key that is not down on the
// XTEST device, and it cannot release a key the local user holds (that is
// down on another device).
//
// Requests are written to the socket before Inject returns (xgb sends each
// request at once; there is no client-side buffer to flush), and the server
// handles them in order; ReleaseAll ends with a round trip, so when it
// returns the server has processed every release.
//
// Inject and ReleaseAll are called from one goroutine at a time; Close may
// come from another and waits for a call in flight.
type Injector struct {
	// Immutable after OpenInjector:
	display      string
	conn         *xgb.Conn
	root         xproto.Window
	minKC, maxKC xproto.Keycode
	ledger       *shadow.KeyLedger
	now          func() time.Time

	dead     chan struct{} // closed when the connection's event reader stops
	size     atomic.Uint32 // root width<<16 | height, kept current from ConfigureNotify
	mapStale atomic.Bool   // a MappingNotify arrived since km was read

	mu            sync.Mutex // guards the fields below; held for all of Inject, ReleaseAll and Close
	closed        bool
	held          []pressed // keys and buttons held down, oldest first
	wheel         [2]int    // wheel rotation not yet sent as clicks: vertical, horizontal
	pauseTail     int8      // +1 (-1): an E1 1D press (release) was sent; a plain 45 press (release) right after it is part of it
	highSurrogate uint16    // the first half of a surrogate pair, waiting for the second
	km            *keymap   // nil until first needed
	spares        []spare   // keycodes for Unicode characters the keymap lacks
	sparesFound   bool      // spares has been filled from the keymap
	useTick       uint64    // for the spares' least-recently-used order
}

var _ shadow.Injector = (*Injector)(nil)

// pressed is a key or button the Injector holds down.
type pressed struct {
	button bool
	code   byte // keycode or button number
}

// spare is an unused keycode that Unicode input may give a keysym.
type spare struct {
	kc   xproto.Keycode
	ks   xproto.Keysym // the keysym it was given; NoSymbol: still empty
	used uint64        // useTick of its last use
}

// maxSpares bounds how many empty keycodes Unicode input borrows; they are
// reused least recently used first, so text alternating a few characters
// the keymap lacks does not remap a key for every character.
const maxSpares = 4

// Buttons X numbers: 4-7 are the wheel (vertical up, down; horizontal left,
// right), 8 and 9 the side buttons.
const (
	buttonWheelUp    = 4
	buttonWheelDown  = 5
	buttonWheelLeft  = 6
	buttonWheelRight = 7
)

// wheelNotch is the rotation RDP sends per wheel notch (WHEEL_DELTA).
const wheelNotch = 120

// OpenInjector connects to display (empty: $DISPLAY) and checks that it has
// the XTEST extension. Its connection stays open until Close.
func OpenInjector(display string, opt InjectorOptions) (*Injector, error) {
	return withConn(display, func(conn *xgb.Conn, display string) (*Injector, error) { return openInjector(conn, display, opt) })
}

func openInjector(conn *xgb.Conn, display string, opt InjectorOptions) (*Injector, error) {
	setup, scr, err := defaultScreen(conn, display)
	if err != nil {
		return nil, err
	}
	if err := xtest.Init(conn); err != nil {
		return nil, fmt.Errorf("x11: display %q has no XTEST extension, cannot inject input: %w", display, err)
	}
	ver, err := xtest.GetVersion(conn, 2, 2).Reply()
	if err == nil && ver == nil {
		err = errors.New("no reply")
	}
	if err != nil {
		return nil, fmt.Errorf("x11: display %q: XTEST version: %w", display, err)
	}
	if ver.MajorVersion != 2 {
		return nil, fmt.Errorf("x11: display %q has XTEST %d.%d, need 2.x", display, ver.MajorVersion, ver.MinorVersion)
	}
	// Follow the root's size (RandR changes arrive as ConfigureNotify) to
	// clamp pointer positions; MappingNotify comes without asking.
	if err := xproto.ChangeWindowAttributesChecked(conn, scr.Root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskStructureNotify}).Check(); err != nil {
		return nil, fmt.Errorf("x11: display %q: select root events: %w", display, err)
	}
	geo, err := xproto.GetGeometry(conn, xproto.Drawable(scr.Root)).Reply()
	if err == nil && geo == nil {
		err = errors.New("no reply")
	}
	if err != nil {
		return nil, fmt.Errorf("x11: display %q: root geometry: %w", display, err)
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	in := &Injector{
		display: display,
		conn:    conn,
		root:    scr.Root,
		minKC:   setup.MinKeycode,
		maxKC:   setup.MaxKeycode,
		ledger:  opt.Ledger,
		now:     now,
		dead:    make(chan struct{}),
	}
	in.setSize(geo.Width, geo.Height)
	go in.readEvents()
	return in, nil
}

// readEvents takes everything the server sends unasked from the queue, so
// it never fills up, and closes dead when the connection ends. Asynchronous
// X errors are dropped: the Injector only sends requests it has checked
// (keycodes within the server's range, existing buttons), and those whose
// outcome matters are checked or have replies.
func (in *Injector) readEvents() {
	defer close(in.dead)
	for {
		ev, xerr := in.conn.WaitForEvent()
		switch e := ev.(type) {
		case nil:
			if xerr == nil {
				return // closed, or a read error ended the connection
			}
		case xproto.ConfigureNotifyEvent:
			if e.Window == in.root {
				in.setSize(e.Width, e.Height)
			}
		case xproto.MappingNotifyEvent:
			if e.Request != xproto.MappingPointer {
				in.mapStale.Store(true)
			}
		}
	}
}

func (in *Injector) setSize(w, h uint16) { in.size.Store(uint32(w)<<16 | uint32(h)) }

func (in *Injector) rootSize() (w, h int) {
	s := in.size.Load()
	return int(s >> 16), int(s & 0xffff)
}

// alive returns an error wrapping io.EOF once the connection has ended.
func (in *Injector) alive() error {
	select {
	case <-in.dead:
		return in.lost()
	default:
		return nil
	}
}

func (in *Injector) lost() error {
	return fmt.Errorf("connection to display %q lost: %w", in.display, io.EOF)
}

// Inject delivers one event (see shadow.Injector):
//
//   - input.Key: the key at the scan code's position is pressed or
//     released. Unknown codes are dropped with ErrUnknownKey. Pause comes
//     from RDP as E1 1D followed by a plain 45 (Num Lock's code); the 45
//     right after an E1 1D in the same direction is swallowed.
//   - input.Unicode: the character is typed (pressed and released) when
//     the key-down event arrives; key-up events are ignored. If the
//     modifiers in effect are none, Caps Lock or Num Lock, a key of the
//     current keymap whose first-group keysym is the character is used,
//     with Shift added (or, for letters under Caps Lock, Shift added the
//     other way round) as its column needs. Otherwise, or if no key has
//     it, an empty keycode (not one a scan code maps to) is given the
//     character's keysym in both columns with ChangeKeyboardMapping and
//     pressed; up to four such keycodes are reused, least recently used
//     first, and ReleaseAll and Close empty them again. The limits:
//     clients see one MappingNotify per remap; with Caps Lock on, clients
//     may turn a lower case letter typed through such a keycode into upper
//     case (their Caps Lock rule applies to any key); characters the keymap has only under a legacy keysym (such as
//     EuroSign for U+20AC) take a spare keycode too. Characters no keysym
//     types give ErrUnsupported.
//   - input.Mouse: the pointer moves to (X, Y), clamped to the root
//     window, when Move is set or a button changes (so a click lands where
//     the expert clicked), then the button (left 1, middle 2, right 3, X1
//     8, X2 9) is pressed or released.
//   - input.Wheel: rotation is summed per axis and sent as clicks of
//     buttons 4 (up) and 5 (down), or 6 (left) and 7 (right), one per 120
//     units, so the small steps of high-resolution wheels add up; a change
//     of direction drops the remainder. The pointer does not move.
//   - input.Sync: each of Caps Lock, Num Lock and Scroll Lock whose lock
//     state differs from the requested one is tapped. The state is the
//     modifier the lock key's keysym is bound to in the modifier mapping
//     (Lock, usually Mod2 for Num Lock), read from the core modifier state
//     (QueryPointer), not from LEDs, whose numbering is the keymap's
//     business. A lock keysym bound to no modifier has no state to set: on
//     the default keymaps that is Scroll Lock, which X ignores. Kana Lock
//     is ignored.
//
// Errors wrapping ErrUnknownKey or ErrUnsupported mean the event was
// dropped; an error wrapping io.EOF means the connection is gone, and
// shadow.ErrInjectorClosed comes after Close.
func (in *Injector) Inject(ev input.Event) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return fmt.Errorf("x11: inject: %w", shadow.ErrInjectorClosed)
	}
	err := in.alive()
	if err == nil {
		tail := in.pauseTail
		in.pauseTail = 0
		switch e := ev.(type) {
		case input.Key:
			err = in.key(e, tail)
		case input.Unicode:
			err = in.unicode(e)
		case input.Mouse:
			err = in.mouse(e)
		case input.Wheel:
			in.wheelTurn(e)
		case input.Sync:
			err = in.sync(e.Toggles)
		default:
			err = ErrUnsupported
		}
	}
	if err == nil {
		err = in.alive() // the connection may have ended while sending
	}
	if err != nil {
		return fmt.Errorf("x11: inject %s: %w", describe(ev), err)
	}
	return nil
}

func describe(ev input.Event) string {
	if s, ok := ev.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T%+v", ev, ev)
}

func (in *Injector) key(k input.Key, pauseTail int8) error {
	if pauseTail != 0 && k.Scancode == numLockScancode && k.Flags&^input.KeyRelease == 0 && k.Down() == (pauseTail > 0) {
		return nil // the 45 of E1 1D 45: Pause has been sent already
	}
	kc, ok := keycodeFor(k.Scancode, k.Flags)
	if !ok || kc < in.minKC || kc > in.maxKC {
		return ErrUnknownKey
	}
	if k.Flags&input.KeyExtended1 != 0 {
		in.pauseTail = -1
		if k.Down() {
			in.pauseTail = 1
		}
	}
	if k.Down() {
		in.pressKey(kc)
	} else {
		in.releaseKey(kc)
	}
	return nil
}

// holds reports whether the Injector holds the key or button down.
func (in *Injector) holds(button bool, code byte) bool {
	for _, p := range in.held {
		if p.button == button && p.code == code {
			return true
		}
	}
	return false
}

func (in *Injector) forget(button bool, code byte) {
	for i, p := range in.held {
		if p.button == button && p.code == code {
			in.held = append(in.held[:i], in.held[i+1:]...)
			return
		}
	}
}

func (in *Injector) pressKey(kc xproto.Keycode) {
	if in.holds(false, byte(kc)) {
		return // a typematic repeat: the server repeats held keys itself
	}
	in.sendKey(xproto.KeyPress, kc)
	in.held = append(in.held, pressed{code: byte(kc)})
}

func (in *Injector) releaseKey(kc xproto.Keycode) {
	in.sendKey(xproto.KeyRelease, kc)
	in.forget(false, byte(kc))
}

// tap presses and releases kc, which the Injector does not hold.
func (in *Injector) tap(kc xproto.Keycode) {
	in.sendKey(xproto.KeyPress, kc)
	in.sendKey(xproto.KeyRelease, kc)
}

// sendKey sends a key event, telling the ledger about presses first.
func (in *Injector) sendKey(typ byte, kc xproto.Keycode) {
	if typ == xproto.KeyPress && in.ledger != nil {
		in.ledger.Injected(uint8(kc), in.now())
	}
	xtest.FakeInput(in.conn, typ, byte(kc), 0, 0, 0, 0, 0)
}

func (in *Injector) sendButton(typ byte, button byte) {
	xtest.FakeInput(in.conn, typ, button, 0, 0, 0, 0, 0)
}

func xButton(b input.Button) (byte, bool) {
	switch b {
	case input.ButtonLeft:
		return 1, true
	case input.ButtonMiddle:
		return 2, true
	case input.ButtonRight:
		return 3, true
	case input.ButtonX1:
		return 8, true
	case input.ButtonX2:
		return 9, true
	}
	return 0, false
}

func (in *Injector) mouse(m input.Mouse) error {
	var b byte
	if m.Button != input.ButtonNone {
		var ok bool
		if b, ok = xButton(m.Button); !ok {
			return ErrUnsupported
		}
	}
	if m.Move || b != 0 {
		in.moveTo(m.X, m.Y)
	}
	switch {
	case b == 0:
	case m.Down && !in.holds(true, b):
		in.sendButton(xproto.ButtonPress, b)
		in.held = append(in.held, pressed{button: true, code: b})
	case !m.Down:
		in.sendButton(xproto.ButtonRelease, b)
		in.forget(true, b)
	}
	return nil
}

// moveTo moves the pointer to (x, y) on the root window, clamped to it.
func (in *Injector) moveTo(x, y uint16) {
	w, h := in.rootSize()
	cx := max(0, min(int(x), w-1))
	cy := max(0, min(int(y), h-1))
	xtest.FakeInput(in.conn, xproto.MotionNotify, 0, 0, in.root, int16(cx), int16(cy), 0)
}

func (in *Injector) wheelTurn(w input.Wheel) {
	axis, pos, neg := 0, byte(buttonWheelUp), byte(buttonWheelDown)
	if w.Horizontal {
		axis, pos, neg = 1, buttonWheelRight, buttonWheelLeft
	}
	d := int(w.Delta)
	if acc := in.wheel[axis]; (acc > 0 && d < 0) || (acc < 0 && d > 0) {
		in.wheel[axis] = 0 // turned back: the rest of the other way is moot
	}
	in.wheel[axis] += d
	for in.wheel[axis] >= wheelNotch {
		in.wheel[axis] -= wheelNotch
		in.sendButton(xproto.ButtonPress, pos)
		in.sendButton(xproto.ButtonRelease, pos)
	}
	for in.wheel[axis] <= -wheelNotch {
		in.wheel[axis] += wheelNotch
		in.sendButton(xproto.ButtonPress, neg)
		in.sendButton(xproto.ButtonRelease, neg)
	}
}

// lockKeys pairs RDP's lock flags with the keysyms of their keys.
var lockKeys = []struct {
	flag input.LockKeys
	sym  xproto.Keysym
}{
	{input.CapsLock, ksCapsLock},
	{input.NumLock, ksNumLock},
	{input.ScrollLock, ksScrollLock},
}

func (in *Injector) sync(want input.LockKeys) error {
	km, err := in.keymap()
	if err != nil {
		return err
	}
	state, err := in.modifierState()
	if err != nil {
		return err
	}
	for _, l := range lockKeys {
		kc, mod, ok := km.lockKey(l.sym)
		if !ok || in.holds(false, byte(kc)) {
			continue
		}
		if (state&mod != 0) != (want&l.flag != 0) {
			in.tap(kc)
		}
	}
	return nil
}

// modifierState returns the core modifier state (Shift, Lock, Control,
// Mod1-Mod5 in the low byte).
func (in *Injector) modifierState() (uint16, error) {
	rep, err := xproto.QueryPointer(in.conn, in.root).Reply()
	if err == nil && rep == nil {
		err = errors.New("no reply")
	}
	if err != nil {
		return 0, fmt.Errorf("read modifier state: %w", err)
	}
	return rep.Mask & 0xff, nil
}

// keymap returns the keyboard and modifier mappings, read again if a
// MappingNotify has come since the last read.
func (in *Injector) keymap() (*keymap, error) {
	if in.km != nil && !in.mapStale.Load() {
		return in.km, nil
	}
	in.mapStale.Store(false) // a change after this point marks the new copy stale
	n := int(in.maxKC) - int(in.minKC) + 1
	kcook := xproto.GetKeyboardMapping(in.conn, in.minKC, byte(n))
	mcook := xproto.GetModifierMapping(in.conn)
	krep, kerr := kcook.Reply()
	mrep, merr := mcook.Reply()
	if kerr == nil && krep == nil {
		kerr = errors.New("no keyboard mapping")
	}
	if merr == nil && mrep == nil {
		merr = errors.New("no modifier mapping")
	}
	if err := errors.Join(kerr, merr); err != nil {
		in.mapStale.Store(true)
		return nil, fmt.Errorf("read keymap: %w", err)
	}
	km := &keymap{min: in.minKC, max: in.maxKC, width: int(krep.KeysymsPerKeycode), syms: krep.Keysyms}
	if km.width == 0 || len(km.syms) < n*km.width {
		in.mapStale.Store(true)
		return nil, fmt.Errorf("read keymap: %d keysyms for %d keycodes of %d", len(km.syms), n, km.width)
	}
	per := int(mrep.KeycodesPerModifier)
	for mod := range 8 {
		for i := range per {
			if kc := mrep.Keycodes[mod*per+i]; kc != 0 {
				km.mods[kc] |= 1 << mod
			}
		}
	}
	in.km = km
	// Keep only the spares the new keymap still shows as this
	// Injector's: another client may have changed the keymap.
	kept := in.spares[:0]
	for _, s := range in.spares {
		if (s.ks == ksNoSymbol && km.empty(s.kc)) || (s.ks != ksNoSymbol && km.sym(s.kc, 0) == s.ks) {
			kept = append(kept, s)
		}
	}
	in.spares = kept
	return km, nil
}

func (in *Injector) unicode(u input.Unicode) error {
	if u.Release {
		return nil // typed on the key-down event
	}
	var r rune
	switch hi := in.highSurrogate; {
	case u.Code >= 0xd800 && u.Code < 0xdc00:
		in.highSurrogate = u.Code
		return nil
	case utf16.IsSurrogate(rune(u.Code)):
		in.highSurrogate = 0
		if hi == 0 {
			return fmt.Errorf("%w: low surrogate %#04x without a high one", ErrUnsupported, u.Code)
		}
		r = utf16.DecodeRune(rune(hi), rune(u.Code))
	default:
		in.highSurrogate = 0
		r = rune(u.Code)
	}
	ks, ok := keysymForRune(r)
	if !ok {
		return fmt.Errorf("%w: character %U", ErrUnsupported, r)
	}
	return in.typeKeysym(ks)
}

// typeKeysym types ks: with a key of the keymap if the modifier state
// allows, else with a spare keycode.
func (in *Injector) typeKeysym(ks xproto.Keysym) error {
	km, err := in.keymap()
	if err != nil {
		return err
	}
	state, err := in.modifierState()
	if err != nil {
		return err
	}
	_, numLock, _ := km.lockKey(ksNumLock)
	if state&^(xproto.ModMaskLock|numLock) == 0 {
		if kc, col, ok := in.findKey(km, ks); ok {
			shift := col == 1
			if state&xproto.ModMaskLock != 0 && casePair(km.sym(kc, 0), km.sym(kc, 1)) {
				shift = !shift // Caps Lock swaps the case of letters; Shift swaps it back
			}
			if !shift {
				in.tapKey(kc)
				return nil
			}
			if sh, ok := km.find(ksShiftL, 0); ok && km.mods[sh]&xproto.ModMaskShift != 0 && !in.holds(false, byte(sh)) {
				in.sendKey(xproto.KeyPress, sh)
				in.tapKey(kc)
				in.sendKey(xproto.KeyRelease, sh)
				return nil
			}
		}
	}
	kc, err := in.spareFor(km, ks)
	if err != nil {
		return err
	}
	in.tapKey(kc)
	return nil
}

// findKey returns a key the Injector does not hold with ks in the first
// group, unshifted (column 0) if possible, else shifted (column 1).
func (in *Injector) findKey(km *keymap, ks xproto.Keysym) (xproto.Keycode, int, bool) {
	for col := range 2 {
		for k := int(km.min); k <= int(km.max); k++ {
			kc := xproto.Keycode(k)
			if km.sym(kc, col) == ks && !in.holds(false, byte(kc)) {
				return kc, col, true
			}
		}
	}
	return 0, 0, false
}

// tapKey taps kc, marking it used if it is a spare.
func (in *Injector) tapKey(kc xproto.Keycode) {
	for i := range in.spares {
		if in.spares[i].kc == kc {
			in.useTick++
			in.spares[i].used = in.useTick
		}
	}
	in.tap(kc)
}

// spareFor gives the least recently used spare keycode the keysym ks (in
// both columns, so Shift does not change it) and returns it.
func (in *Injector) spareFor(km *keymap, ks xproto.Keysym) (xproto.Keycode, error) {
	if !in.sparesFound {
		in.sparesFound = true
		for k := int(km.max); k >= int(km.min) && len(in.spares) < maxSpares; k-- {
			if kc := xproto.Keycode(k); km.empty(kc) && !tableKeycodes[kc] {
				in.spares = append(in.spares, spare{kc: kc})
			}
		}
	}
	best := -1
	for i, s := range in.spares {
		if !in.holds(false, byte(s.kc)) && (best < 0 || s.used < in.spares[best].used) {
			best = i
		}
	}
	if best < 0 {
		return 0, fmt.Errorf("%w: no free keycode to map keysym %#x to", ErrUnsupported, ks)
	}
	s := &in.spares[best]
	if err := xproto.ChangeKeyboardMappingChecked(in.conn, 1, s.kc, 2, []xproto.Keysym{ks, ks}).Check(); err != nil {
		return 0, fmt.Errorf("map keysym %#x to keycode %d: %w", ks, s.kc, err)
	}
	s.ks = ks
	// Mirror the change in the cached keymap; the MappingNotify it
	// causes will have it read again before the next use anyway.
	for col := range km.width {
		v := ksNoSymbol
		if col < 2 {
			v = ks
		}
		km.syms[int(s.kc-km.min)*km.width+col] = v
	}
	return s.kc, nil
}

// restoreSpares empties the keycodes Unicode input has given a keysym, if
// the keymap still shows them as this Injector left them.
func (in *Injector) restoreSpares() error {
	used := false
	for _, s := range in.spares {
		used = used || s.ks != ksNoSymbol
	}
	if !used {
		return nil
	}
	in.mapStale.Store(true) // read the server's current mapping
	km, err := in.keymap()
	if err != nil {
		return err
	}
	var errs []error
	for i := range in.spares {
		s := &in.spares[i]
		if s.ks == ksNoSymbol {
			continue
		}
		if km.sym(s.kc, 0) == s.ks {
			errs = append(errs, xproto.ChangeKeyboardMappingChecked(in.conn, 1, s.kc, 2,
				[]xproto.Keysym{ksNoSymbol, ksNoSymbol}).Check())
		}
		s.ks, s.used = ksNoSymbol, 0
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("empty spare keycodes: %w", err)
	}
	return nil
}

// casePair reports whether lower and upper are a letter's lower and upper
// case keysyms, as on a key Caps Lock acts on.
func casePair(lower, upper xproto.Keysym) bool {
	l, u := keysymRune(lower), keysymRune(upper)
	return l >= 0 && u >= 0 && l != u && unicode.ToUpper(l) == u
}

// keysymRune returns the character of a Latin-1 or Unicode keysym, or -1.
func keysymRune(ks xproto.Keysym) rune {
	switch {
	case ks >= 0x20 && ks <= 0x7e, ks >= 0xa0 && ks <= 0xff:
		return rune(ks)
	case ks&0xff000000 == ksUnicodeBase:
		return rune(ks &^ ksUnicodeBase)
	}
	return -1
}

// ReleaseAll releases every key and button the Injector holds, most
// recent first, forgets partial wheel turns and Pause or surrogate
// sequences, and empties the spare keycodes Unicode input used. It ends
// with a round trip, so the server has processed it all on return. After
// Close it has nothing left to do and returns nil.
func (in *Injector) ReleaseAll() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return nil
	}
	return in.releaseAll()
}

func (in *Injector) releaseAll() error {
	for i := len(in.held) - 1; i >= 0; i-- {
		p := in.held[i]
		if p.button {
			in.sendButton(xproto.ButtonRelease, p.code)
		} else {
			in.sendKey(xproto.KeyRelease, xproto.Keycode(p.code))
		}
	}
	in.held = in.held[:0]
	in.wheel = [2]int{}
	in.pauseTail, in.highSurrogate = 0, 0
	err := in.restoreSpares()
	if err == nil {
		err = in.roundTrip()
	}
	if err != nil {
		return fmt.Errorf("x11: release all: %w", err)
	}
	return nil
}

// roundTrip waits until the server has handled every request sent so far.
func (in *Injector) roundTrip() error {
	if _, err := xproto.GetInputFocus(in.conn).Reply(); err != nil {
		if errors.Is(err, io.EOF) {
			return in.lost()
		}
		return err
	}
	return in.alive()
}

// Close releases everything the Injector holds (ReleaseAll), then closes
// its connection. It is safe to call more than once; later calls return
// nil.
func (in *Injector) Close() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return nil
	}
	in.closed = true
	err := in.releaseAll()
	xconn.Close(in.conn)
	return err
}
