//go:build interop

package e2e

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
)

// TestResizeFollows: the novice changes the screen resolution (RandR, as
// xrandr does) in the middle of a Remote Assistance session; the daemon
// reactivates the session ([MS-RDPBCGR] 1.3.1.3) and xfreerdp's window
// takes the new size and shows the new desktop pixel-exact, smaller and
// then larger again.
func TestResizeFollows(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	pic := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pic)
	// RandR's first use in this process writes xgb's shared tables; do it
	// before the expert's capture connection receives events.
	if err := x11test.Resize(novice.Display, noviceW, noviceH); err != nil {
		if errors.Is(err, x11test.ErrCannotResize) {
			t.Skipf("Xvfb cannot resize here: %v", err)
		}
		t.Fatal(err)
	}
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, consentConfig)
	file, password, _ := d.newInvitation(t)
	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	id, _ := d.waitPrompt(t, cl)
	d.mustCtl(t, "answer", id, "yes")
	exp.waitPicture(t, pic, cl)

	for _, size := range [][2]int{{800, 600}, {noviceW, noviceH}} {
		if err := x11test.Resize(novice.Display, size[0], size[1]); err != nil {
			t.Fatalf("resize the novice's screen to %dx%d: %v", size[0], size[1], err)
		}
		next := shadow.Pattern(size[0], size[1])
		// A different picture than before at the same place, so the
		// window cannot show it by chance.
		next.Draw(next.Rect().Min.Add(next.Rect().Size().Div(4)), shadow.Pattern(size[0]/2, size[1]/2))
		paint(t, novice, next)
		exp.waitPicture(t, next, cl)
	}
	if n := strings.Count(d.log(), "reactivating so the expert follows"); n != 2 {
		t.Errorf("the daemon logged %d reactivations, want 2", n)
	}
	log := cl.Log()
	cl.Kill()
	checkLog(t, log)
}
