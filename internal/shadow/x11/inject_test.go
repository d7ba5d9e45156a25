//go:build linux

package x11

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

const screenW, screenH = 640, 480

// observer is another client of the display with a window covering the
// screen that has the keyboard focus and records key, button and motion
// events, as an application of the novice's would see them.
type observer struct {
	t    *testing.T
	conn *xgb.Conn
	root xproto.Window
	win  xproto.Window
}

func newObserver(t *testing.T, display string) *observer {
	t.Helper()
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { xconn.Close(conn) })
	scr := xproto.Setup(conn).DefaultScreen(conn)
	win, err := xproto.NewWindowId(conn)
	if err != nil {
		t.Fatal(err)
	}
	mask := xproto.EventMaskKeyPress | xproto.EventMaskKeyRelease | xproto.EventMaskButtonPress |
		xproto.EventMaskButtonRelease | xproto.EventMaskPointerMotion
	if err := xproto.CreateWindowChecked(conn, scr.RootDepth, win, scr.Root, 0, 0, scr.WidthInPixels, scr.HeightInPixels, 0,
		xproto.WindowClassInputOutput, scr.RootVisual, xproto.CwEventMask, []uint32{uint32(mask)}).Check(); err != nil {
		t.Fatal(err)
	}
	if err := xproto.MapWindowChecked(conn, win).Check(); err != nil {
		t.Fatal(err)
	}
	if err := xproto.SetInputFocusChecked(conn, xproto.InputFocusPointerRoot, win, xproto.TimeCurrentTime).Check(); err != nil {
		t.Fatal(err)
	}
	o := &observer{t: t, conn: conn, root: scr.Root, win: win}
	o.drain(nil)
	return o
}

// describe names the events the tests look at; others give "".
func describeEvent(ev xgb.Event) string {
	switch e := ev.(type) {
	case xproto.KeyPressEvent:
		return fmt.Sprintf("press %d", e.Detail)
	case xproto.KeyReleaseEvent:
		return fmt.Sprintf("release %d", e.Detail)
	case xproto.ButtonPressEvent:
		return fmt.Sprintf("button %d", e.Detail)
	case xproto.ButtonReleaseEvent:
		return fmt.Sprintf("unbutton %d", e.Detail)
	case xproto.MotionNotifyEvent:
		return fmt.Sprintf("motion %d,%d", e.RootX, e.RootY)
	}
	return ""
}

func noMotion(d string) bool { return !strings.HasPrefix(d, "motion") }

// drain returns the events queued so far (those keep passes), after a
// round trip so that everything the server has sent is in the queue.
func (o *observer) drain(keep func(string) bool) (descs []string, evs []xgb.Event) {
	o.t.Helper()
	if _, err := xproto.GetInputFocus(o.conn).Reply(); err != nil {
		o.t.Fatalf("observer round trip: %v", err)
	}
	for {
		ev, xerr := o.conn.PollForEvent()
		if ev == nil && xerr == nil {
			return descs, evs
		}
		if xerr != nil {
			o.t.Errorf("observer: X error %v", xerr)
			continue
		}
		if d := describeEvent(ev); d != "" && (keep == nil || keep(d)) {
			descs, evs = append(descs, d), append(evs, ev)
		}
	}
}

// expect waits until the server has handled what in sent, and checks the
// events the window got since the last call (those keep passes).
func (o *observer) expect(in *Injector, keep func(string) bool, want ...string) []xgb.Event {
	o.t.Helper()
	if err := in.roundTrip(); err != nil {
		o.t.Fatalf("injector round trip: %v", err)
	}
	var got []string
	var evs []xgb.Event
	for deadline := time.Now().Add(2 * time.Second); ; {
		d, e := o.drain(keep)
		got, evs = append(got, d...), append(evs, e...)
		if len(got) >= len(want) || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !slices.Equal(got, want) {
		o.t.Errorf("events %q, want %q", got, want)
	}
	return evs
}

// keysym returns keycode kc's keysym in column col, as clients see it now.
func (o *observer) keysym(kc xproto.Keycode, col int) xproto.Keysym {
	o.t.Helper()
	rep, err := xproto.GetKeyboardMapping(o.conn, kc, 1).Reply()
	if err != nil {
		o.t.Fatal(err)
	}
	if col >= int(rep.KeysymsPerKeycode) {
		return 0
	}
	return rep.Keysyms[col]
}

func (o *observer) pointer() *xproto.QueryPointerReply {
	o.t.Helper()
	rep, err := xproto.QueryPointer(o.conn, o.root).Reply()
	if err != nil {
		o.t.Fatal(err)
	}
	return rep
}

func openInjectorT(t testing.TB, display string, opt InjectorOptions) *Injector {
	t.Helper()
	in, err := OpenInjector(display, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	return in
}

func inject(t *testing.T, in *Injector, evs ...input.Event) {
	t.Helper()
	for _, ev := range evs {
		if err := in.Inject(ev); err != nil {
			t.Fatal(err)
		}
	}
}

func down(sc uint16, f input.KeyFlags) input.Key { return input.Key{Scancode: sc, Flags: f} }
func up(sc uint16, f input.KeyFlags) input.Key {
	return input.Key{Scancode: sc, Flags: f | input.KeyRelease}
}

// tapSC is a press and a release of one scan code.
func tapSC(sc uint16, f input.KeyFlags) []input.Event {
	return []input.Event{down(sc, f), up(sc, f)}
}

// TestInjectorKeymapIsEvdev checks the scan code table against the keymap
// Xvfb actually loads: the key at each position has the keysym the us
// layout puts there.
func TestInjectorKeymapIsEvdev(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	rep, err := xproto.GetKeyboardMapping(o.conn, 8, 248).Reply()
	if err != nil {
		t.Fatal(err)
	}
	w := int(rep.KeysymsPerKeycode)
	checked := 0
	for _, k := range scanKeys {
		kc, ok := keycodeFor(k.sc, k.flags)
		if !ok || k.sym == 0 {
			continue
		}
		if got := rep.Keysyms[(int(kc)-8)*w]; got != k.sym {
			t.Errorf("%v (%s) -> keycode %d has keysym %#x, want %#x", input.Key{Scancode: k.sc, Flags: k.flags}, k.name, kc, got, k.sym)
		}
		checked++
	}
	t.Logf("%d of %d scan codes checked against the server's keymap", checked, len(scanKeys))
}

func TestInjectorKeys(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})

	tests := []struct {
		name string
		evs  []input.Event
		want []string
	}{
		{"q", tapSC(0x10, 0), []string{"press 24", "release 24"}},
		{"shift q", []input.Event{down(0x2A, 0), down(0x10, 0), up(0x10, 0), up(0x2A, 0)},
			[]string{"press 50", "press 24", "release 24", "release 50"}},
		{"enter", tapSC(0x1C, 0), []string{"press 36", "release 36"}},
		{"keypad enter", tapSC(0x1C, e0), []string{"press 104", "release 104"}},
		{"left ctrl", tapSC(0x1D, 0), []string{"press 37", "release 37"}},
		{"right ctrl", tapSC(0x1D, e0), []string{"press 105", "release 105"}},
		{"altgr", tapSC(0x38, e0), []string{"press 108", "release 108"}},
		{"arrows", append(tapSC(0x48, e0), tapSC(0x50, e0)...), []string{"press 111", "release 111", "press 116", "release 116"}},
		{"keypad 8", tapSC(0x48, 0), []string{"press 80", "release 80"}},
		{"windows", tapSC(0x5B, e0), []string{"press 133", "release 133"}},
		{"F12", tapSC(0x58, 0), []string{"press 96", "release 96"}},
		{"pause", []input.Event{down(0x1D, e1), down(0x45, 0), up(0x1D, e1), up(0x45, 0)},
			[]string{"press 127", "release 127"}},
		{"num lock after pause", append([]input.Event{down(0x1D, e1), up(0x1D, e1)}, tapSC(0x45, 0)...),
			[]string{"press 127", "release 127", "press 77", "release 77"}},
		{"ctrl break", tapSC(0x46, e0), []string{"press 127", "release 127"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o.t = t
			inject(t, in, tt.evs...)
			o.expect(in, nil, tt.want...)
		})
	}
	o.t = t
	// Num Lock was tapped once: set it back.
	inject(t, in, tapSC(0x45, 0)...)
	o.expect(in, nil, "press 77", "release 77")

	// What an application makes of them.
	if ks := o.keysym(24, 0); ks != 'q' {
		t.Errorf("keycode 24 has keysym %#x, want q", ks)
	}
	inject(t, in, down(0x2A, 0), down(0x10, 0), up(0x10, 0), up(0x2A, 0))
	evs := o.expect(in, nil, "press 50", "press 24", "release 24", "release 50")
	if len(evs) == 4 {
		if st := evs[1].(xproto.KeyPressEvent).State; st&xproto.ModMaskShift == 0 {
			t.Errorf("q pressed with state %#x, want Shift", st)
		}
		if ks := o.keysym(24, 1); ks != 'Q' {
			t.Errorf("keycode 24 shifted has keysym %#x, want Q", ks)
		}
	}
}

func TestInjectorRepeatsAndStrayReleases(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	var ledger shadow.KeyLedger
	t0 := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	in := openInjectorT(t, srv.Display, InjectorOptions{Ledger: &ledger, Now: func() time.Time { return t0 }})

	// A client's typematic repeats of a held key are not sent again.
	inject(t, in, down(0x1E, 0), down(0x1E, 0), down(0x1E, 0), up(0x1E, 0))
	o.expect(in, nil, "press 38", "release 38")
	if !ledger.Claim(38, t0) || ledger.Claim(38, t0) {
		t.Error("want exactly one ledger entry for one press sent")
	}
	// A release of a key not held is passed on, and the server drops it.
	inject(t, in, up(0x1E, 0), up(0x30, 0))
	o.expect(in, nil)
	// Mouse buttons likewise.
	inject(t, in, input.Mouse{X: 5, Y: 5, Button: input.ButtonLeft, Down: true},
		input.Mouse{X: 5, Y: 5, Button: input.ButtonLeft, Down: true},
		input.Mouse{X: 5, Y: 5, Button: input.ButtonLeft})
	o.expect(in, noMotion, "button 1", "unbutton 1")
	inject(t, in, input.Mouse{X: 5, Y: 5, Button: input.ButtonRight})
	o.expect(in, noMotion)
}

func TestInjectorUnknownKeys(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})
	for _, k := range []input.Key{
		{Scancode: 0},
		{Scancode: 0x7F},
		{Scancode: 0x55},
		{Scancode: 0x5E, Flags: e0}, // Power
		{Scancode: 0x5F, Flags: e0}, // Sleep
		{Scancode: 0x2A, Flags: e0}, // fake shift
		{Scancode: 0x45, Flags: e1},
		{Scancode: 0x10, Flags: e0 | e1},
		{Scancode: 0x110},
		{Scancode: 0x90, Flags: input.KeyRelease},
	} {
		if err := in.Inject(k); !errors.Is(err, ErrUnknownKey) {
			t.Errorf("Inject(%v) = %v, want ErrUnknownKey", k, err)
		}
	}
	if err := in.Inject(nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Inject(nil) = %v, want ErrUnsupported", err)
	}
	o.expect(in, nil)
	// The injector still works.
	inject(t, in, tapSC(0x10, 0)...)
	o.expect(in, nil, "press 24", "release 24")
}

func TestInjectorMouse(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})

	for _, tt := range []struct{ x, y, wantX, wantY int }{
		{100, 200, 100, 200},
		{0, 0, 0, 0},
		{639, 479, 639, 479},
		{640, 480, 639, 479},
		{65535, 300, 639, 300},
		{32768, 40000, 639, 479},
	} {
		inject(t, in, input.Mouse{X: uint16(tt.x), Y: uint16(tt.y), Move: true})
		o.expect(in, func(string) bool { return false }) // wait for the server
		if p := o.pointer(); int(p.RootX) != tt.wantX || int(p.RootY) != tt.wantY {
			t.Errorf("move to %d,%d: pointer at %d,%d, want %d,%d", tt.x, tt.y, p.RootX, p.RootY, tt.wantX, tt.wantY)
		}
	}
	inject(t, in, input.Mouse{X: 10, Y: 20, Move: true})
	o.expect(in, nil, "motion 10,20")

	// A button event moves the pointer to its position first.
	buttons := []struct {
		b    input.Button
		want int
	}{{input.ButtonLeft, 1}, {input.ButtonMiddle, 2}, {input.ButtonRight, 3}, {input.ButtonX1, 8}, {input.ButtonX2, 9}}
	for i, b := range buttons {
		x, y := uint16(30+i), uint16(40+i)
		inject(t, in, input.Mouse{X: x, Y: y, Button: b.b, Down: true}, input.Mouse{X: x, Y: y, Button: b.b})
		evs := o.expect(in, noMotion, fmt.Sprintf("button %d", b.want), fmt.Sprintf("unbutton %d", b.want))
		if len(evs) > 0 {
			if e := evs[0].(xproto.ButtonPressEvent); int(e.RootX) != int(x) || int(e.RootY) != int(y) {
				t.Errorf("button %d pressed at %d,%d, want %d,%d", b.want, e.RootX, e.RootY, x, y)
			}
		}
	}
	if err := in.Inject(input.Mouse{X: 1, Y: 1, Button: input.Button(9), Down: true}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("unknown button: err = %v, want ErrUnsupported", err)
	}
}

// TestInjectorFollowsResize: the clamping bounds follow RandR size changes.
func TestInjectorFollowsResize(t *testing.T) {
	srv := x11test.Start(t, 1280, 800)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})
	if w, h := in.rootSize(); w != 1280 || h != 800 {
		t.Fatalf("rootSize = %dx%d, want 1280x800", w, h)
	}
	if err := x11test.Resize(srv.Display, 640, 400); err != nil {
		if errors.Is(err, x11test.ErrCannotResize) {
			t.Skipf("Xvfb cannot resize here: %v", err)
		}
		t.Fatal(err)
	}
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if w, h := in.rootSize(); w == 640 && h == 400 {
			break
		}
		if time.Now().After(deadline) {
			w, h := in.rootSize()
			t.Fatalf("rootSize = %dx%d after resizing to 640x400", w, h)
		}
	}
	o.drain(nil) // the resize moved the pointer into the smaller screen
	inject(t, in, input.Mouse{X: 10, Y: 10, Move: true}, input.Mouse{X: 60000, Y: 60000, Move: true})
	o.expect(in, nil, "motion 10,10", "motion 639,399")
}

func TestInjectorWheel(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})
	inject(t, in, input.Mouse{X: 50, Y: 50, Move: true})
	click := func(b int) []string { return []string{fmt.Sprintf("button %d", b), fmt.Sprintf("unbutton %d", b)} }
	for _, tt := range []struct {
		name   string
		deltas []int16
		horiz  bool
		want   []string
	}{
		{"one notch up", []int16{120}, false, click(4)},
		{"two notches up", []int16{240}, false, append(click(4), click(4)...)},
		{"one notch down", []int16{-120}, false, click(5)},
		{"half and half", []int16{60, 60}, false, click(4)},
		{"high resolution", []int16{-30, -30, -30, -30, -30}, false, click(5)},
		{"turned back", []int16{60, -120}, false, click(5)},
		{"right", []int16{120}, true, click(7)},
		{"left", []int16{-120}, true, click(6)},
		{"axes apart", []int16{60}, true, nil},
		{"max", []int16{255}, false, append(click(4), click(4)...)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o.t = t
			// Start from no remainder.
			if err := in.ReleaseAll(); err != nil {
				t.Fatal(err)
			}
			for _, d := range tt.deltas {
				inject(t, in, input.Wheel{X: 50, Y: 50, Delta: d, Horizontal: tt.horiz})
			}
			if tt.name == "axes apart" {
				inject(t, in, input.Wheel{Delta: 60})
			}
			o.expect(in, noMotion, tt.want...)
		})
	}
}

func TestInjectorReleaseAll(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})

	inject(t, in, down(0x2A, 0), input.Mouse{X: 100, Y: 100, Button: input.ButtonLeft, Down: true},
		down(0x1E, 0), down(0x1D, e0), input.Mouse{X: 100, Y: 100, Button: input.ButtonX1, Down: true})
	o.expect(in, noMotion, "press 50", "button 1", "press 38", "press 105", "button 8")
	if p := o.pointer(); p.Mask&(xproto.KeyButMaskButton1|xproto.ModMaskShift|xproto.ModMaskControl) !=
		xproto.KeyButMaskButton1|xproto.ModMaskShift|xproto.ModMaskControl {
		t.Fatalf("before ReleaseAll: state %#x, want Button1, Shift and Control", p.Mask)
	}
	if err := in.ReleaseAll(); err != nil {
		t.Fatal(err)
	}
	o.expect(in, noMotion, "unbutton 8", "release 105", "release 38", "unbutton 1", "release 50")
	km, err := xproto.QueryKeymap(o.conn).Reply()
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range km.Keys {
		if b != 0 {
			t.Errorf("after ReleaseAll: keys %d-%d down: %08b", i*8, i*8+7, b)
		}
	}
	if p := o.pointer(); p.Mask != 0 {
		t.Errorf("after ReleaseAll: state %#x, want no button or modifier", p.Mask)
	}
	// Nothing is held any more.
	if err := in.ReleaseAll(); err != nil {
		t.Fatal(err)
	}
	o.expect(in, nil)
}

func TestInjectorLedger(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	var ledger shadow.KeyLedger
	t0 := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	in := openInjectorT(t, srv.Display, InjectorOptions{Ledger: &ledger, Now: func() time.Time { return t0 }})

	inject(t, in, tapSC(0x01, 0)...)
	o.expect(in, nil, "press 9", "release 9")
	if !ledger.Claim(9, t0.Add(time.Millisecond)) {
		t.Error("the injected ESC press (keycode 9) is not in the ledger")
	}
	if ledger.Claim(9, t0.Add(time.Millisecond)) {
		t.Error("the ESC release was recorded as a press")
	}
	// Every press is recorded, whatever sends it: Unicode input and
	// lock key taps too.
	inject(t, in, input.Unicode{Code: 0x1b}, input.Unicode{Code: 0x1b, Release: true})
	o.expect(in, nil, "press 9", "release 9")
	if !ledger.Claim(9, t0) {
		t.Error("the ESC typed as Unicode is not in the ledger")
	}
	inject(t, in, input.Sync{Toggles: input.CapsLock})
	o.expect(in, nil, "press 66", "release 66")
	if !ledger.Claim(66, t0) {
		t.Error("the Caps Lock tap is not in the ledger")
	}
}

func TestInjectorSync(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})

	const caps, num = xproto.ModMaskLock, xproto.ModMask2
	for _, tt := range []struct {
		toggles input.LockKeys
		taps    []string
		state   uint16
	}{
		{input.CapsLock | input.NumLock, []string{"press 66", "release 66", "press 77", "release 77"}, caps | num},
		{input.CapsLock | input.NumLock | input.ScrollLock, nil, caps | num},
		{input.CapsLock, []string{"press 77", "release 77"}, caps},
		{input.CapsLock | input.KanaLock, nil, caps},
		{0, []string{"press 66", "release 66"}, 0},
		{input.ScrollLock, nil, 0},
		{input.NumLock, []string{"press 77", "release 77"}, num},
		{0, []string{"press 77", "release 77"}, 0},
	} {
		inject(t, in, input.Sync{Toggles: tt.toggles})
		o.expect(in, nil, tt.taps...)
		if st := o.pointer().Mask & (caps | num); st != tt.state {
			t.Errorf("after Sync(%#x): lock state %#x, want %#x", tt.toggles, st, tt.state)
		}
	}
}

func TestInjectorUnicode(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in := openInjectorT(t, srv.Display, InjectorOptions{})
	typeRunes := func(s string) {
		t.Helper()
		for _, u := range utf16Units(s) {
			inject(t, in, input.Unicode{Code: u}, input.Unicode{Code: u, Release: true})
		}
	}

	// Characters on the keymap use their key, with Shift as needed.
	typeRunes("q")
	o.expect(in, nil, "press 24", "release 24")
	typeRunes("Q!")
	o.expect(in, nil, "press 50", "press 24", "release 24", "release 50", "press 50", "press 10", "release 10", "release 50")
	typeRunes("\r\t\b")
	o.expect(in, nil, "press 36", "release 36", "press 23", "release 23", "press 22", "release 22")
	// Under Caps Lock, letters take Shift the other way round.
	inject(t, in, input.Sync{Toggles: input.CapsLock})
	o.expect(in, nil, "press 66", "release 66")
	typeRunes("qQ1")
	o.expect(in, nil, "press 50", "press 24", "release 24", "release 50", "press 24", "release 24", "press 10", "release 10")
	inject(t, in, input.Sync{})
	o.expect(in, nil, "press 66", "release 66")

	// Characters the keymap lacks go through spare keycodes.
	spareOf := func(s string, ks xproto.Keysym) xproto.Keycode {
		t.Helper()
		typeRunes(s)
		if err := in.roundTrip(); err != nil {
			t.Fatal(err)
		}
		got, evs := o.drain(nil)
		if len(got) != 2 {
			t.Fatalf("typing %q: events %q, want one key press and release", s, got)
		}
		kc := evs[0].(xproto.KeyPressEvent).Detail
		if got[1] != fmt.Sprintf("release %d", kc) {
			t.Fatalf("typing %q: events %q", s, got)
		}
		if tableKeycodes[kc] {
			t.Errorf("typing %q used keycode %d, which a scan code maps to", s, kc)
		}
		if sym := o.keysym(kc, 0); sym != ks {
			t.Errorf("typing %q: keycode %d has keysym %#x, want %#x", s, kc, sym, ks)
		}
		return kc
	}
	e1 := spareOf("é", 0xe9)
	if again := spareOf("é", 0xe9); again != e1 {
		t.Errorf("é typed again with keycode %d, first with %d", again, e1)
	}
	euro := spareOf("€", 0x10020ac)
	smile := spareOf("😀", 0x101f600) // a surrogate pair
	zhe := spareOf("ж", 0x1000436)
	if len(map[xproto.Keycode]bool{e1: true, euro: true, smile: true, zhe: true}) != 4 {
		t.Errorf("four characters share keycodes: %d %d %d %d", e1, euro, smile, zhe)
	}
	// A fifth takes the least recently used one.
	if n := spareOf("ß", 0xdf); n != e1 {
		t.Errorf("ß took keycode %d, want the least recently used %d", n, e1)
	}
	// With Shift held, even q takes a spare key, so it stays q.
	inject(t, in, down(0x2A, 0))
	o.expect(in, nil, "press 50")
	q := spareOf("q", 'q')
	inject(t, in, up(0x2A, 0))
	o.expect(in, nil, "release 50")

	for _, bad := range []uint16{0x01, 0x9b, 0xdc00, 0xfffe} {
		if err := in.Inject(input.Unicode{Code: bad}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("Unicode %#04x: err = %v, want ErrUnsupported", bad, err)
		}
	}
	// A high surrogate followed by anything but a low one is dropped.
	inject(t, in, input.Unicode{Code: 0xd83d}, input.Unicode{Code: 'q'})
	o.expect(in, nil, "press 24", "release 24")

	// ReleaseAll empties the spare keycodes again.
	if err := in.ReleaseAll(); err != nil {
		t.Fatal(err)
	}
	for _, kc := range []xproto.Keycode{e1, euro, smile, zhe, q} {
		for col := range 2 {
			if ks := o.keysym(kc, col); ks != 0 {
				t.Errorf("after ReleaseAll keycode %d column %d has keysym %#x", kc, col, ks)
			}
		}
	}
}

func utf16Units(s string) []uint16 {
	var us []uint16
	for _, r := range s {
		if r > 0xffff {
			r -= 0x10000
			us = append(us, uint16(0xd800+(r>>10)), uint16(0xdc00+(r&0x3ff)))
			continue
		}
		us = append(us, uint16(r))
	}
	return us
}

func TestInjectorClose(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	o := newObserver(t, srv.Display)
	in, err := OpenInjector(srv.Display, InjectorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	inject(t, in, down(0x2A, 0), input.Mouse{X: 7, Y: 7, Button: input.ButtonRight, Down: true})
	inject(t, in, input.Unicode{Code: 'é'})
	if err := in.Close(); err != nil {
		t.Fatal(err)
	}
	got, evs := o.drain(noMotion)
	if len(got) < 4 || !slices.Equal(got[len(got)-2:], []string{"unbutton 3", "release 50"}) {
		t.Errorf("events %q, want Close to release the button and Shift", got)
	}
	if len(evs) >= 3 {
		if kc := evs[2].(xproto.KeyPressEvent).Detail; o.keysym(kc, 0) != 0 {
			t.Errorf("after Close the spare keycode %d still has a keysym", kc)
		}
	}
	if err := in.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := in.Inject(down(0x10, 0)); !errors.Is(err, shadow.ErrInjectorClosed) {
		t.Errorf("Inject after Close: %v, want ErrInjectorClosed", err)
	}
	if err := in.ReleaseAll(); err != nil {
		t.Errorf("ReleaseAll after Close: %v", err)
	}
	if p := o.pointer(); p.Mask != 0 {
		t.Errorf("after Close: state %#x", p.Mask)
	}
}

func TestInjectorConnectionLost(t *testing.T) {
	srv := x11test.Start(t, screenW, screenH)
	in, err := OpenInjector(srv.Display, InjectorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	inject(t, in, down(0x2A, 0))
	srv.Stop()
	deadline := time.Now().Add(5 * time.Second)
	for {
		err = in.Inject(input.Mouse{X: 1, Y: 1, Move: true})
		if err != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !errors.Is(err, io.EOF) || !strings.Contains(err.Error(), srv.Display) {
		t.Fatalf("Inject after the server died: %v, want an error wrapping io.EOF naming the display", err)
	}
	t.Logf("Inject: %v", err)
	for _, ev := range []input.Event{down(0x10, 0), input.Unicode{Code: 'é'}, input.Sync{Toggles: input.CapsLock}, input.Wheel{Delta: 120}} {
		if err := in.Inject(ev); !errors.Is(err, io.EOF) {
			t.Errorf("Inject(%v): %v, want io.EOF", ev, err)
		}
	}
	if err := in.ReleaseAll(); !errors.Is(err, io.EOF) {
		t.Errorf("ReleaseAll: %v, want io.EOF", err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Close() }()
	select {
	case err := <-done:
		t.Logf("Close: %v", err)
	case <-time.After(2*xconn.CloseTimeout + time.Second):
		t.Fatal("Close hangs on a dead connection")
	}
	if err := in.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestOpenInjectorErrors(t *testing.T) {
	t.Run("no display", func(t *testing.T) {
		t.Setenv("DISPLAY", "")
		if _, err := OpenInjector("", InjectorOptions{}); !errors.Is(err, ErrNoDisplay) {
			t.Errorf("err = %v, want ErrNoDisplay", err)
		}
	})
	t.Run("cannot connect", func(t *testing.T) {
		_, err := OpenInjector("/nonexistent/ranoviced-test-socket:0", InjectorOptions{})
		if err == nil || !strings.Contains(err.Error(), "cannot connect") {
			t.Errorf("err = %v, want a connection error", err)
		}
	})
	t.Run("no XTEST", func(t *testing.T) {
		// Prefix runs Xvfb through sh to append -extension XTEST.
		srv := x11test.StartConfig(t, x11test.Config{Width: 320, Height: 200,
			Prefix: []string{"sh", "-c", `exec "$0" "$@" -extension XTEST`}})
		_, err := OpenInjector(srv.Display, InjectorOptions{})
		if err == nil || !strings.Contains(err.Error(), "XTEST") || !strings.Contains(err.Error(), srv.Display) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("err = %v, want one line naming XTEST and the display", err)
		}
		t.Logf("%v", err)
	})
}

// BenchmarkInjectKeyPair measures a press and release of one key as
// Inject sends them (written to the socket, not waited for); the loop
// ends with a round trip, so the time includes the server handling them.
func BenchmarkInjectKeyPair(b *testing.B) {
	srv := x11test.Start(b, screenW, screenH)
	in := openInjectorT(b, srv.Display, InjectorOptions{Ledger: new(shadow.KeyLedger)})
	press, release := down(0x1E, 0), up(0x1E, 0)
	b.ResetTimer()
	for b.Loop() {
		if err := in.Inject(press); err != nil {
			b.Fatal(err)
		}
		if err := in.Inject(release); err != nil {
			b.Fatal(err)
		}
	}
	if err := in.roundTrip(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkInjectKeyPairRoundTrip waits for the server after each pair:
// the latency of one key stroke through the X server.
func BenchmarkInjectKeyPairRoundTrip(b *testing.B) {
	srv := x11test.Start(b, screenW, screenH)
	in := openInjectorT(b, srv.Display, InjectorOptions{})
	press, release := down(0x1E, 0), up(0x1E, 0)
	for b.Loop() {
		if err := in.Inject(press); err != nil {
			b.Fatal(err)
		}
		if err := in.Inject(release); err != nil {
			b.Fatal(err)
		}
		if err := in.roundTrip(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInjectMove measures one pointer motion.
func BenchmarkInjectMove(b *testing.B) {
	srv := x11test.Start(b, screenW, screenH)
	in := openInjectorT(b, srv.Display, InjectorOptions{})
	i := 0
	for b.Loop() {
		i++
		if err := in.Inject(input.Mouse{X: uint16(i % screenW), Y: uint16(i % screenH), Move: true}); err != nil {
			b.Fatal(err)
		}
	}
	if err := in.roundTrip(); err != nil {
		b.Fatal(err)
	}
}
