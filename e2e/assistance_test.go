//go:build interop

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// The tests in this file run the real ranoviced binary (run, invite,
// revoke, status) and the real xfreerdp in assistance mode.

var (
	buildOnce sync.Once
	binPath   string
	binErr    error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// daemonBinary builds cmd/ranoviced once per test binary, into a directory
// every user may read (the refusal test runs it as another user).
func daemonBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ranoviced-e2e-bin-")
		if err != nil {
			binErr = err
			return
		}
		os.Chmod(dir, 0o755)
		binPath = filepath.Join(dir, "ranoviced")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/ranoviced").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type daemonProc struct {
	bin, config, socket, logPath, dir string
}

// startDaemon runs `ranoviced run` sharing the novice's display and
// listening on addrs (dynamic ports), with its state, control socket and
// log in a temporary directory; extra is appended to its configuration.
// It returns once the control socket answers.
func startDaemon(t testing.TB, novice string, addrs []string, extra ...string) *daemonProc {
	t.Helper()
	bin := daemonBinary(t)
	dir := t.TempDir()
	d := &daemonProc{
		bin: bin, dir: dir, config: filepath.Join(dir, "ranoviced.toml"),
		socket: filepath.Join(dir, "ctl", "control.sock"), logPath: filepath.Join(dir, "daemon.log"),
	}
	quoted := make([]string, len(addrs))
	for i, a := range addrs {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	cfg := fmt.Sprintf("[listen]\naddresses = [%s]\n\n[state]\ndir = %q\n\n[control]\nsocket = %q\n\n[capture]\ndisplay = %q\n",
		strings.Join(quoted, ", "), filepath.Join(dir, "state"), d.socket, novice)
	cfg += "\n" + strings.Join(extra, "\n")
	if err := os.WriteFile(d.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(d.logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "--config", d.config, "--log-level", "debug")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logf.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("daemon log:\n%s", d.log())
		}
	})
	waitFor(t, 20*time.Second, "the daemon's control socket", func() (bool, string) {
		select {
		case <-exited:
			t.Fatalf("ranoviced run exited:\n%s", d.log())
		default:
		}
		out, err := d.ctl("status")
		return err == nil, out
	})
	return d
}

func (d *daemonProc) log() string {
	b, _ := os.ReadFile(d.logPath)
	return string(b)
}

// ctl runs a control command against the daemon and returns its output.
func (d *daemonProc) ctl(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	full := append([]string{args[0], "--config", d.config}, args[1:]...)
	out, err := exec.CommandContext(ctx, d.bin, full...).CombinedOutput()
	return string(out), err
}

func (d *daemonProc) mustCtl(t testing.TB, args ...string) string {
	t.Helper()
	out, err := d.ctl(args...)
	if err != nil {
		t.Fatalf("ranoviced %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

var (
	passwordLine = regexp.MustCompile(`Password:\s+(\S+)`)
	idLine       = regexp.MustCompile(`Invitation (\S+) created`)
)

// newInvitation runs `ranoviced invite` and returns the file, the password
// and the short ID it printed.
func (d *daemonProc) newInvitation(t testing.TB, extra ...string) (file, password, id string) {
	t.Helper()
	file = filepath.Join(t.TempDir(), "Invitation.msrcIncident")
	out := d.mustCtl(t, append([]string{"invite", "--out", file}, extra...)...)
	pm, im := passwordLine.FindStringSubmatch(out), idLine.FindStringSubmatch(out)
	if pm == nil || im == nil {
		t.Fatalf("ranoviced invite printed:\n%s", out)
	}
	return file, pm[1], im[1]
}

// waitConnection waits until `ranoviced status` lists a helper connected
// with invitation id: the expert presented that ID as its Client Info
// WorkingDir and the daemon accepted it.
func (d *daemonProc) waitConnection(t testing.TB, id string, cl *client) {
	t.Helper()
	waitFor(t, 30*time.Second, "a helper connected with invitation "+id, func() (bool, string) {
		select {
		case <-cl.exited:
			t.Fatalf("xfreerdp exited: %v\n%s", cl.waitErr, cl.Log())
		default:
		}
		out, _ := d.ctl("status")
		for line := range strings.Lines(out) {
			if f := strings.Fields(line); len(f) >= 3 && f[2] == id && strings.Contains(f[1], ":") {
				return true, out
			}
		}
		return false, out
	})
}

// TestAssistanceInvitation covers the invitation's life with the real
// client and the real CLI: `xfreerdp <file> /assistance:<password>` reads
// the generated file, connects to a listed address and presents the
// invitation's ID (the daemon's status shows it under that invitation); a
// wrong password makes xfreerdp refuse the file without opening a
// connection; `ranoviced revoke` disconnects the helper and the revoked ID
// is refused at the RDP layer; `ranoviced status` shows it all; and a user
// other than the daemon's is refused by the control socket.
func TestAssistanceInvitation(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	novice := startNovice(t, shadow.Pattern(noviceW, noviceH))
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"127.0.0.1", "::1"})
	file, password, id := d.newInvitation(t, "--expires", "2h")

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := invite.ParseIncident(data); err != nil {
		t.Fatalf("the written file does not parse: %v", err)
	}

	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	d.waitConnection(t, id, cl)
	cl.Kill()

	accepted := strings.Count(d.log(), "connection accepted")
	wrong := startXfreerdp(t, exp.Display, file, "/assistance:"+strings.Repeat("X", len(password)), "/cert:ignore", "/log-level:INFO")
	select {
	case <-wrong.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("xfreerdp with a wrong password did not give up")
	}
	if wrong.waitErr == nil {
		t.Error("xfreerdp accepted a wrong password")
	}
	if n := strings.Count(d.log(), "connection accepted"); n != accepted {
		t.Fatalf("a wrong password still opened %d connection(s)", n-accepted)
	}

	// Revoke while a helper is connected: it is disconnected, and the ID
	// is refused from then on.
	cl2 := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	d.waitConnection(t, id, cl2)
	if out := d.mustCtl(t, "revoke", id); !strings.Contains(out, "Revoked "+id) {
		t.Fatalf("revoke printed %q", out)
	}
	select {
	case <-cl2.exited:
	case <-time.After(20 * time.Second):
		t.Fatal("the helper of a revoked invitation is still connected")
	}
	refused := strings.Count(d.log(), "the invitation was revoked")
	cl3 := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	waitFor(t, 30*time.Second, "the revoked invitation refused at the RDP layer", func() (bool, string) {
		return strings.Count(d.log(), "the invitation was revoked") > refused, "daemon log has no refusal yet"
	})
	cl3.Kill()
	if st := d.mustCtl(t, "status"); !regexp.MustCompile(regexp.QuoteMeta(id) + `\s+revoked`).MatchString(st) {
		t.Errorf("status does not show the invitation revoked:\n%s", st)
	}

	// Another user may not use the control socket.
	if os.Getuid() == 0 {
		cmd := exec.Command(d.bin, "status", "--socket", d.socket)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err == nil || !bytes.Contains(out, []byte("refused")) {
			t.Fatalf("uid 65534 ran status: %v\n%s", err, out)
		}
	}
}

// TestAssistanceShortAddress: FreeRDP 2.11.7 silently drops connection
// string addresses of 8 characters or fewer; the daemon lists such an
// address again in a long form, so a daemon listening only on ::1 is still
// reachable from the real client.
func TestAssistanceShortAddress(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	novice := startNovice(t, shadow.Pattern(noviceW, noviceH))
	exp := startExpert(t)
	d := startDaemon(t, novice.Display, []string{"::1"})
	file, password, id := d.newInvitation(t)
	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	d.waitConnection(t, id, cl)
	cl.Kill()
}

// TestInviteBadInput: mistakes in `ranoviced invite` get a one-line
// message naming what to change, and the daemon keeps running with no
// invitation created.
func TestInviteBadInput(t *testing.T) {
	requireTools(t, "Xvfb")
	novice := startNovice(t, shadow.Pattern(noviceW, noviceH))
	d := startDaemon(t, novice.Display, []string{"127.0.0.1"})
	existing := filepath.Join(t.TempDir(), "Taken.msrcIncident")
	os.WriteFile(existing, []byte("keep me"), 0o600)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unwritable path", []string{"--out", "/nonexistent/dir/Invitation.msrcIncident"}, "cannot write the invitation file"},
		{"existing file", []string{"--out", existing}, "exists; choose another --out or add --force"},
		{"wrong extension", []string{"--out", filepath.Join(t.TempDir(), "invite.txt")}, "must end in .msrcIncident"},
		{"expiry out of range", []string{"--out", filepath.Join(t.TempDir(), "a.msrcIncident"), "--expires", "48h"}, "longer than the policy allows"},
		{"password not allowed", []string{"--out", filepath.Join(t.TempDir(), "b.msrcIncident"), "--password", "my own secret"}, "not allowed by policy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := d.ctl(append([]string{"invite"}, tc.args...)...)
			if err == nil || !strings.Contains(out, tc.want) || strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Fatalf("err %v, output %q; want one line containing %q", err, out, tc.want)
			}
			if strings.Contains(out, "my own secret") {
				t.Fatal("the error repeats the password")
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Error("an existing file was overwritten")
	}
	if st := d.mustCtl(t, "status"); !strings.Contains(st, "No invitations") {
		t.Fatalf("a refused invite left state behind:\n%s", st)
	}
	// The daemon still works: one invitation, then a second is refused.
	d.newInvitation(t)
	out, err := d.ctl("invite", "--out", filepath.Join(t.TempDir(), "c.msrcIncident"))
	if err == nil || !strings.Contains(out, "revoke one first") {
		t.Fatalf("second invitation: %v %q", err, out)
	}
}
