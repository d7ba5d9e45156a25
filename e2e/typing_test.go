//go:build interop

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// typingTarget stands in for a text window on the novice's display: it
// focuses the root window and records every key press there as the
// character or key name the novice's keymap gives it (with Shift), the
// way an editor would see it.
type typingTarget struct {
	conn    *xgb.Conn
	keysyms [][]xproto.Keysym // by keycode - minKeycode

	mu    sync.Mutex
	typed []string
}

// keyNames names the keysyms that are not characters.
var keyNames = map[xproto.Keysym]string{
	0xff08: "BackSpace", 0xff09: "Tab", 0xff0d: "Return", 0xff1b: "Escape", 0xff50: "Home", 0xff51: "Left",
	0xff52: "Up", 0xff53: "Right", 0xff54: "Down", 0xff55: "Prior", 0xff56: "Next", 0xff57: "End",
	0xff63: "Insert", 0xffff: "Delete", 0xff8d: "KP_Enter", 0xffaf: "KP_Divide", 0xffe1: "Shift_L",
	0xffe2: "Shift_R", 0xffe3: "Control_L", 0xffe4: "Control_R", 0xffe9: "Alt_L", 0xffea: "Alt_R",
	0xfe03: "ISO_Level3_Shift", 0xffeb: "Super_L", 0xffec: "Super_R",
}

func startTypingTarget(t testing.TB, display string) *typingTarget {
	t.Helper()
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("typing target: %v", err)
	}
	t.Cleanup(func() { xconn.Close(conn) })
	setup := xproto.Setup(conn)
	root := setup.DefaultScreen(conn).Root
	n := byte(setup.MaxKeycode - setup.MinKeycode + 1)
	km, err := xproto.GetKeyboardMapping(conn, setup.MinKeycode, n).Reply()
	if err != nil {
		t.Fatalf("typing target: GetKeyboardMapping: %v", err)
	}
	tt := &typingTarget{conn: conn}
	per := int(km.KeysymsPerKeycode)
	for i := range int(n) {
		tt.keysyms = append(tt.keysyms, km.Keysyms[i*per:(i+1)*per])
	}
	if err := xproto.ChangeWindowAttributesChecked(conn, root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskKeyPress}).Check(); err != nil {
		t.Fatalf("typing target: select key presses: %v", err)
	}
	if err := xproto.SetInputFocusChecked(conn, xproto.InputFocusPointerRoot, root, xproto.TimeCurrentTime).Check(); err != nil {
		t.Fatalf("typing target: focus: %v", err)
	}
	go func() {
		for {
			ev, err := conn.WaitForEvent()
			if ev == nil && err == nil {
				return
			}
			if kp, ok := ev.(xproto.KeyPressEvent); ok {
				tt.record(setup.MinKeycode, kp)
			}
		}
	}()
	return tt
}

func (tt *typingTarget) record(min xproto.Keycode, kp xproto.KeyPressEvent) {
	i := int(kp.Detail - min)
	name := fmt.Sprintf("keycode%d", kp.Detail)
	if i >= 0 && i < len(tt.keysyms) {
		syms := tt.keysyms[i]
		ks := syms[0]
		if kp.State&xproto.ModMaskShift != 0 && len(syms) > 1 && syms[1] != 0 {
			ks = syms[1]
		}
		switch {
		case keyNames[ks] != "":
			name = keyNames[ks]
		case ks >= 0x20 && ks <= 0x7e:
			name = string(rune(ks))
		default:
			name = fmt.Sprintf("keysym%#x", uint32(ks))
		}
	}
	tt.mu.Lock()
	tt.typed = append(tt.typed, name)
	tt.mu.Unlock()
}

// Typed returns what was typed so far.
func (tt *typingTarget) Typed() []string {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return slices.Clone(tt.typed)
}

// Text returns what was typed so far, characters joined and named keys in
// angle brackets, modifiers left out.
func (tt *typingTarget) Text() string {
	var b strings.Builder
	for _, k := range tt.Typed() {
		switch {
		case len(k) == 1:
			b.WriteString(k)
		case strings.HasPrefix(k, "Shift"), strings.HasPrefix(k, "Control"), strings.HasPrefix(k, "Alt"):
		default:
			b.WriteString("<" + k + ">")
		}
	}
	return b.String()
}
