//go:build interop

package e2e

import (
	"image/color"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// The tests in this file run Remote Assistance version 2 as FreeRDP
// 2.11.7 speaks it (EXPERT_ON_VISTA, then VERIFY_PASSWORD on remdesk)
// against the real daemon, with the novice answering through the CLI.

// consentConfig keeps the consent dialog off the novice's screen (it would
// spoil the picture) and makes the timeout short enough to wait for.
const consentConfig = "[consent]\ndialog = false\ntimeout = \"5s\"\n"

// placeholder is the neutral frame the expert sees before the novice said
// yes (internal/rdp/server's placeholderColor).
func placeholder() *shadow.Frame {
	f := shadow.NewFrame(noviceW, noviceH)
	f.Fill(f.Rect(), color.RGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xFF})
	return f
}

var (
	promptLine = regexp.MustCompile(`(?m)^\[(\d+)\] (.*)$`)
	closedLine = regexp.MustCompile(`(?m)^.*connection closed.*$`)
	desktopNum = regexp.MustCompile(`"desktop_frames": (\d+)`)
)

// waitPrompt waits until `ranoviced pending` lists a question and returns
// its ID and text.
func (d *daemonProc) waitPrompt(t testing.TB, cl *client) (id, text string) {
	t.Helper()
	waitFor(t, 30*time.Second, "the novice asked for consent", func() (bool, string) {
		select {
		case <-cl.exited:
			t.Fatalf("xfreerdp exited before the novice was asked: %v\n%s", cl.waitErr, cl.Log())
		default:
		}
		out, _ := d.ctl("pending")
		if m := promptLine.FindStringSubmatch(out); m != nil {
			id, text = m[1], out
			return true, out
		}
		return false, out
	})
	return id, text
}

// waitRefused waits until the daemon ended xfreerdp's connection, and
// checks that the daemon logged why and that no frame of that connection
// carried desktop pixels.
func (d *daemonProc) waitRefused(t testing.TB, cl *client, closedBefore int, why ...string) {
	t.Helper()
	select {
	case <-cl.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("the daemon did not disconnect the helper; xfreerdp log:\n%s", cl.Log())
	}
	var lines []string
	waitFor(t, 10*time.Second, "the daemon logged the connection's end", func() (bool, string) {
		lines = closedLine.FindAllString(d.log(), -1)
		return len(lines) > closedBefore, "no new \"connection closed\" line"
	})
	log := d.log()
	for _, w := range why {
		if !strings.Contains(log, w) {
			t.Errorf("the daemon log does not say %q", w)
		}
	}
	for _, line := range lines[closedBefore:] {
		m := desktopNum.FindStringSubmatch(line)
		if m == nil || m[1] != "0" {
			t.Errorf("a refused helper's connection sent desktop frames: %s", line)
		}
	}
}

func (d *daemonProc) closedCount() int { return len(closedLine.FindAllString(d.log(), -1)) }

// TestConsentYes: with the right password the expert sees only the
// neutral placeholder until the novice answers yes with `ranoviced answer`;
// then the novice's screen appears in xfreerdp's window, pixel-exact. The
// question names where the helper comes from and the invitation.
func TestConsentYes(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	pic := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pic)
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, consentConfig)
	file, password, inv := d.newInvitation(t)

	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	id, text := d.waitPrompt(t, cl)
	for _, want := range []string{"from 127.0.0.1", "invitation " + inv, "ranoviced answer " + id + " yes"} {
		if !strings.Contains(text, want) {
			t.Errorf("pending does not say %q:\n%s", want, text)
		}
	}
	exp.waitPicture(t, placeholder(), cl)
	if !strings.Contains(d.log(), "connection active") || strings.Contains(d.log(), "the helper can now see the desktop") {
		t.Fatal("the view opened before the novice answered")
	}

	if out := d.mustCtl(t, "answer", id, "yes"); strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("answer printed %q", out)
	}
	exp.waitPicture(t, pic, cl)
	if out := d.mustCtl(t, "pending"); !strings.Contains(out, "No helper is waiting") {
		t.Errorf("an answered question is still pending:\n%s", out)
	}
	if _, err := d.ctl("answer", id, "no"); err == nil {
		t.Error("a second answer to the same question was accepted")
	}
	log := cl.Log()
	cl.Kill()
	checkLog(t, log)
}

// TestConsentRefused: the novice answering no, or not answering before the
// timeout, ends the helper's connection with HELPEESAIDNO; the helper
// never got a frame of the desktop.
func TestConsentRefused(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	novice := startNovice(t, shadow.Pattern(noviceW, noviceH))
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, consentConfig)
	file, password, _ := d.newInvitation(t)

	t.Run("no", func(t *testing.T) {
		before := d.closedCount()
		cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
		id, _ := d.waitPrompt(t, cl)
		d.mustCtl(t, "answer", id, "no")
		d.waitRefused(t, cl, before, "SAFERROR_HELPEESAIDNO")
	})
	t.Run("timeout", func(t *testing.T) {
		before := d.closedCount()
		cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
		d.waitPrompt(t, cl)
		d.waitRefused(t, cl, before, "consent timed out")
		if n := strings.Count(d.log(), "SAFERROR_HELPEESAIDNO"); n != 2 {
			t.Errorf("HELPEESAIDNO logged %d times, want 2 (no, timeout)", n)
		}
	})
}

// passStubAttr is the PassStub attribute of an invitation file.
var passStubAttr = regexp.MustCompile(`PassStub="([^"]*)"`)

// TestWrongPasswordProof: xfreerdp cannot open a file without its password,
// so the file's PassStub is changed and its LHTICKET kept: the client then
// proves the password against the wrong stub. The novice answers
// PASSWORDS_DONT_MATCH, disconnects, is never asked, and no frame of the
// desktop is sent.
func TestWrongPasswordProof(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	novice := startNovice(t, shadow.Pattern(noviceW, noviceH))
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, consentConfig)
	file, password, _ := d.newInvitation(t)

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := passStubAttr.FindSubmatch(data)
	if m == nil {
		t.Fatalf("no PassStub in the file:\n%s", data)
	}
	wrong := []byte(strings.Repeat("A", len(m[1])))
	if string(m[1]) == string(wrong) {
		wrong[0] = 'B'
	}
	forged := passStubAttr.ReplaceAll(data, []byte(`PassStub="`+string(wrong)+`"`))
	if err := os.WriteFile(file, forged, 0o600); err != nil {
		t.Fatal(err)
	}

	before := d.closedCount()
	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	d.waitRefused(t, cl, before, "wrong password", "PASSWORDS_DONT_MATCH")
	if strings.Contains(d.log(), "asking the novice") {
		t.Error("the novice was asked about a helper with a wrong password")
	}
	if strings.Contains(d.log(), password) {
		t.Error("the daemon logged the password")
	}
}
