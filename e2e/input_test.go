//go:build interop

package e2e

import (
	"fmt"
	"image"
	"strconv"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// TestInputEvents proves the "Done when" item: the expert's mouse and
// keyboard reach the server's Handler as typed input events, in order and
// with the right coordinates, buttons, wheel deltas and scancodes.
//
// xdotool drives the expert's display: the pointer into the xfreerdp
// window (under bare Xvfb the input focus is PointerRoot, so the keyboard
// follows the pointer), left and right clicks, a wheel notch up and one
// down, "ab1", Return and Up (an extended key). xfreerdp sends events of
// its own too (focus Tab, Sync, its own pointer moves), so the expected
// events are matched as an ordered subsequence.
func TestInputEvents(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp", "xdotool")
	pattern := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pattern)
	srv := startServer(t, novice, serverOptions{Security: acceptor.SecurityAuto})
	ex := startExpert(t)
	cl := startClient(t, ex.Display, srv.Addr, "/sec:tls")
	waitActive(t, srv, cl)
	// The picture is there: the window is mapped and xfreerdp is
	// processing events.
	win := ex.waitPicture(t, pattern, cl)

	at := win.Min.Add(image.Pt(100, 100))
	ex.xdotool(t,
		"mousemove", "--sync", strconv.Itoa(at.X), strconv.Itoa(at.Y),
		"click", "1", "click", "3", "click", "4", "click", "5",
		"type", "ab1") // type takes every argument after it as text
	ex.xdotool(t, "key", "Return", "key", "Up")

	const x, y = 100, 100 // desktop coordinates: the window shows the desktop 1:1
	want := []expectation{
		mouseMove(x, y),
		button(input.ButtonLeft, true, x, y), button(input.ButtonLeft, false, x, y),
		button(input.ButtonRight, true, x, y), button(input.ButtonRight, false, x, y),
		wheel(120), wheel(-120),
		key(0x1E, 0), key(0x1E, input.KeyRelease), // a
		key(0x30, 0), key(0x30, input.KeyRelease), // b
		key(0x02, 0), key(0x02, input.KeyRelease), // 1
		key(0x1C, 0), key(0x1C, input.KeyRelease), // Return
		key(0x48, input.KeyExtended), key(0x48, input.KeyExtended|input.KeyRelease), // Up: e0 48
	}
	var got []input.Event
	waitFor(t, eventTimeout, "input events", func() (bool, string) {
		got = srv.Rec.Inputs()
		n := matchSubsequence(want, got)
		if n == len(want) {
			return true, ""
		}
		return false, fmt.Sprintf("matched %d of %d expected events; next wanted: %s; received %d:\n%s",
			n, len(want), want[n].desc, len(got), formatEvents(got))
	})
	t.Logf("received %d events:\n%s", len(got), formatEvents(got))
	finish(t, srv, cl)
}

// expectation is one event the handler must receive.
type expectation struct {
	desc  string
	match func(input.Event) bool
}

// mouseMove expects the pointer to move to x,y with no button.
func mouseMove(x, y uint16) expectation {
	return expectation{fmt.Sprintf("mouse move to %d,%d", x, y), func(ev input.Event) bool {
		m, ok := ev.(input.Mouse)
		return ok && m.Move && m.Button == input.ButtonNone && m.X == x && m.Y == y
	}}
}

// button expects b to go down or up at x,y (with or without a move).
func button(b input.Button, down bool, x, y uint16) expectation {
	return expectation{fmt.Sprintf("%v %s at %d,%d", b, upDown(down), x, y), func(ev input.Event) bool {
		m, ok := ev.(input.Mouse)
		return ok && m.Button == b && m.Down == down && m.X == x && m.Y == y
	}}
}

// wheel expects a vertical wheel rotation of delta (120 per notch). Its
// position is not checked: xfreerdp 2.11 sends 0,0 with wheel events.
func wheel(delta int16) expectation {
	return expectation{fmt.Sprintf("wheel %+d", delta), func(ev input.Event) bool {
		w, ok := ev.(input.Wheel)
		return ok && !w.Horizontal && w.Delta == delta
	}}
}

// key expects scancode with exactly flags.
func key(scancode uint16, flags input.KeyFlags) expectation {
	k := input.Key{Scancode: scancode, Flags: flags}
	return expectation{k.String(), func(ev input.Event) bool { return ev == input.Event(k) }}
}

func upDown(down bool) string {
	if down {
		return "down"
	}
	return "up"
}

// matchSubsequence returns how many of want, from the start, appear in
// got in order (other events may come between them).
func matchSubsequence(want []expectation, got []input.Event) int {
	n := 0
	for _, ev := range got {
		if n < len(want) && want[n].match(ev) {
			n++
		}
	}
	return n
}

// formatEvents lists events one per line, for failure messages.
func formatEvents(evs []input.Event) string {
	var b strings.Builder
	for i, ev := range evs {
		fmt.Fprintf(&b, "\t%3d  %s\n", i, formatEvent(ev))
	}
	return b.String()
}

func formatEvent(ev input.Event) string {
	switch e := ev.(type) {
	case input.Key:
		return e.String()
	case input.Mouse:
		s := fmt.Sprintf("mouse %d,%d", e.X, e.Y)
		if e.Move {
			s += " move"
		}
		if e.Button != input.ButtonNone {
			s += fmt.Sprintf(" %v %s", e.Button, upDown(e.Down))
		}
		return s
	case input.Wheel:
		dir := "wheel"
		if e.Horizontal {
			dir = "hwheel"
		}
		return fmt.Sprintf("%s %+d at %d,%d", dir, e.Delta, e.X, e.Y)
	}
	return fmt.Sprintf("%T %+v", ev, ev)
}
