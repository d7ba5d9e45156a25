//go:build interop

package e2e

import (
	"fmt"
	"image"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// TestShareControlRealClient: xfreerdp 2.11.7 with /auto-request-control
// asks for control as soon as it may view. Its typing reaches the novice's
// desktop only after `ranoviced answer ID yes` to that request: exactly the
// characters typed, shifted ones and extended keys included. An Escape the
// expert types reaches the desktop and does not take control back; an
// Escape pressed on the novice's display does (ESCRC), after which typing
// has no effect again.
func TestShareControlRealClient(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp", "xdotool")
	pic := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pic)
	target := startTypingTarget(t, novice.Display)
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, consentConfig)
	if !strings.Contains(d.log(), "share control ready") {
		t.Fatalf("the daemon cannot offer control on the test display:\n%s", d.log())
	}
	file, password, _ := d.newInvitation(t)

	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO", "/auto-request-control")
	view, _ := d.waitPrompt(t, cl)
	d.mustCtl(t, "answer", view, "yes")
	win := exp.waitPicture(t, pic, cl)
	at := win.Min.Add(image.Pt(200, 200))
	exp.xdotool(t, "mousemove", "--sync", strconv.Itoa(at.X), strconv.Itoa(at.Y))

	// xfreerdp asked for control; until the novice answers, typing does
	// nothing on the novice's desktop.
	ctl, text := d.waitPrompt(t, cl)
	if !strings.Contains(text, "wants to control your keyboard and mouse") {
		t.Fatalf("the second question is not about control:\n%s", text)
	}
	exp.xdotool(t, "type", "--delay", "20", "no")
	waitLogged(t, d, "input from a helper without control is dropped")
	// Input is handled in order: had "no" been injected, it would show
	// before what is typed after the grant. The pause only lets xfreerdp
	// send it before the answer; the exact text below is the assertion.
	time.Sleep(500 * time.Millisecond)
	if got := target.Text(); got != "" {
		t.Fatalf("typing reached the novice before control was granted: %q", got)
	}

	if out := d.mustCtl(t, "answer", ctl, "yes"); !strings.Contains(out, "controls your keyboard and mouse") {
		t.Fatalf("answer printed %q", out)
	}
	waitLogged(t, d, "the novice granted control")
	// Shifted characters and extended keys (arrows, Delete, Home, keypad
	// Enter are E0-prefixed scancodes).
	exp.xdotool(t, "type", "--delay", "20", "Hi, RA!")
	exp.xdotool(t, "key", "--delay", "20", "Left", "Delete", "Home", "KP_Enter", "Escape")
	want := "Hi, RA!<Left><Delete><Home><KP_Enter><Escape>"
	waitFor(t, eventTimeout, "the expert's typing on the novice's display", func() (bool, string) {
		got := target.Text()
		return got == want, "typed so far: " + got
	})
	if strings.Contains(d.log(), "ESCRC") || strings.Contains(d.log(), "panic key pressed") {
		t.Fatal("the Escape the expert typed was taken for the novice's panic key")
	}

	// Still in control after the expert's Escape.
	exp.xdotool(t, "type", "--delay", "20", "x")
	want += "x"
	waitFor(t, eventTimeout, "typing after the expert's Escape", func() (bool, string) {
		got := target.Text()
		return got == want, "typed so far: " + got
	})

	// The novice presses Escape on their own display: control ends.
	cmd := exec.Command("xdotool", "key", "Escape")
	cmd.Env = clientEnv(novice.Display, t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool on the novice's display: %v\n%s", err, out)
	}
	waitLogged(t, d, "the novice pressed the panic key: control revoked")
	// The expert was told it may interact, and then that it may only
	// view again: its control flags are cleared.
	waitFor(t, eventTimeout, "the levels sent to the expert", func() (bool, string) {
		levels := levelsLogged(d.log())
		return slices.Equal(levels, []string{"MAY_VIEW|IS_PARTICIPANT", "MAY_VIEW|MAY_INTERACT|IS_PARTICIPANT", "MAY_VIEW|IS_PARTICIPANT"}),
			fmt.Sprintf("levels sent: %v", levels)
	})
	want += "<Escape>" // the novice's own Escape reaches the focused window too
	waitFor(t, eventTimeout, "the novice's Escape", func() (bool, string) {
		got := target.Text()
		return got == want, "typed so far: " + got
	})
	dropped := strings.Count(d.log(), "the helper's control ended")
	if dropped != 1 {
		t.Errorf("control ended %d times, want once", dropped)
	}
	exp.xdotool(t, "type", "--delay", "20", "late")
	time.Sleep(500 * time.Millisecond) // nothing may arrive; give it the chance to
	if got := target.Text(); got != want {
		t.Fatalf("typing after the panic key reached the novice: %q, want %q", got, want)
	}
	select {
	case <-cl.exited:
		t.Fatalf("xfreerdp exited: %v", cl.waitErr)
	default:
	}
	log := cl.Log()
	cl.Kill()
	checkLog(t, log)
}

// waitLogged waits until the daemon's log contains s.
func waitLogged(t testing.TB, d *daemonProc, s string) {
	t.Helper()
	waitFor(t, eventTimeout, "the daemon to log "+strconv.Quote(s), func() (bool, string) {
		return strings.Contains(d.log(), s), "not yet"
	})
}

var levelLine = regexp.MustCompile(`told the helper its level.*"flags": "([^"]*)"`)

// levelsLogged returns the MS-RDPEMC levels the daemon sent, in order.
func levelsLogged(log string) []string {
	var out []string
	for _, m := range levelLine.FindAllStringSubmatch(log, -1) {
		out = append(out, m[1])
	}
	return out
}
