//go:build linux

package xi2

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// startWatch runs Watch on display until the test ends.
func startWatch(t *testing.T, opt Options) *Watcher {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	w, err := Watch(ctx, opt)
	if err != nil {
		cancel()
		t.Fatalf("Watch(%q): %v", opt.Display, err)
	}
	t.Cleanup(func() {
		cancel()
		for range w.Presses() {
		}
	})
	return w
}

// nextPress waits for the watcher's next press.
func nextPress(t *testing.T, w *Watcher) Press {
	t.Helper()
	select {
	case p, ok := <-w.Presses():
		if !ok {
			t.Fatalf("watcher stopped: %v", w.Err())
		}
		return p
	case <-time.After(waitTimeout):
		t.Fatalf("no press within %v", waitTimeout)
	}
	panic("unreachable")
}

// xdotool runs xdotool on display; without xdotool the test is skipped,
// unless x11test.RequireEnv is set.
func xdotool(t *testing.T, display string, args ...string) {
	t.Helper()
	path, err := exec.LookPath("xdotool")
	if err != nil {
		if os.Getenv(x11test.RequireEnv) != "" {
			t.Fatalf("xdotool not found and %s is set: %v", x11test.RequireEnv, err)
		}
		t.Skipf("xdotool not found: %v", err)
	}
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// claimRecorder passes claims to a real ledger and reports each result,
// so a test knows when the watcher has decided about an XTEST press.
type claimRecorder struct {
	ledger  *shadow.KeyLedger
	results chan bool
}

func (c claimRecorder) Claim(keycode uint8, now time.Time) bool {
	ok := c.ledger.Claim(keycode, now)
	c.results <- ok
	return ok
}

func waitClaim(t *testing.T, c claimRecorder) bool {
	t.Helper()
	select {
	case ok := <-c.results:
		return ok
	case <-time.After(waitTimeout):
		t.Fatalf("the watcher consulted no ledger within %v", waitTimeout)
	}
	panic("unreachable")
}

// phaseClock is a clock the test moves forward in steps, so a press's Time
// tells which step the watcher saw it in.
type phaseClock struct {
	base  time.Time
	phase atomic.Int64
}

func (c *phaseClock) now() time.Time {
	return c.base.Add(time.Duration(c.phase.Load()) * time.Millisecond)
}

func TestWatchXdotoolEscape(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	w := startWatch(t, Options{Display: srv.Display, Keycode: esc, Ledger: new(shadow.KeyLedger)})

	xdotool(t, srv.Display, "key", "Escape")
	first := nextPress(t, w)
	if !first.XTest || first.DeviceName != "Virtual core XTEST keyboard" || first.Keycode != esc {
		t.Errorf("xdotool's press = %+v, want keycode 9 from the Virtual core XTEST keyboard, XTest set", first)
	}
	t.Logf("press: %+v", first)
	// The server sends each raw press twice (slave and master copy);
	// exactly one is reported: the next press is the next xdotool run,
	// a later server time.
	xdotool(t, srv.Display, "key", "Escape")
	if second := nextPress(t, w); second.ServerTime <= first.ServerTime {
		t.Errorf("second press at server time %d, first at %d: one press reported twice", second.ServerTime, first.ServerTime)
	}
}

func TestWatchIgnoresOwnInjection(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	rec := claimRecorder{ledger: new(shadow.KeyLedger), results: make(chan bool, 8)}
	clock := &phaseClock{base: time.Now()}
	w := startWatch(t, Options{Display: srv.Display, Keycode: esc, Ledger: rec, Now: clock.now})

	// What the injector does for the expert's ESC: record, then XTest.
	rec.ledger.Injected(esc, clock.now())
	conn, err := xgb.NewConnDisplay(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	defer xconn.Close(conn)
	if err := xtest.Init(conn); err != nil {
		t.Fatal(err)
	}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	for _, typ := range []byte{xproto.KeyPress, xproto.KeyRelease} {
		if err := xtest.FakeInputChecked(conn, typ, esc, 0, root, 0, 0, 0).Check(); err != nil {
			t.Fatalf("XTest FakeInput: %v", err)
		}
	}
	if !waitClaim(t, rec) {
		t.Fatal("the ledger did not claim the injected ESC")
	}

	// Phase 1: a press reported from now on carries Time base+1ms; one
	// reported for the injection would carry base+0.
	clock.phase.Store(1)
	xdotool(t, srv.Display, "key", "Escape")
	p := nextPress(t, w)
	if want := clock.base.Add(time.Millisecond); !p.Time.Equal(want) || !p.XTest {
		t.Errorf("first press reported = %+v; want xdotool's (Time %v, XTest set), the injection must not be reported", p, want)
	}
	if waitClaim(t, rec) {
		t.Error("xdotool's press claimed a ledger entry")
	}
}

func TestWatchOtherKeys(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	w := startWatch(t, Options{Display: srv.Display, Keycode: esc})

	xdotool(t, srv.Display, "key", "a", "Return", "shift+Escape", "Escape")
	// Only ESC counts, with or without modifiers; the events arrive in
	// order, so anything reported for the other keys would come first.
	for range 2 {
		if p := nextPress(t, w); p.Keycode != esc || !p.XTest {
			t.Errorf("press = %+v, want keycode 9 from XTest", p)
		}
	}
	xdotool(t, srv.Display, "key", "a")
	xdotool(t, srv.Display, "key", "Escape")
	if p := nextPress(t, w); p.Keycode != esc {
		t.Errorf("press = %+v, want keycode 9", p)
	}
}

func TestWatchCancel(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	w, err := Watch(ctx, Options{Display: srv.Display, Keycode: esc})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Err(); err != nil {
		t.Errorf("Err while running = %v, want nil", err)
	}
	cancel()
	select {
	case _, ok := <-w.Presses():
		if ok {
			t.Error("press reported after cancel")
		}
	case <-time.After(waitTimeout):
		t.Fatalf("channel not closed within %v of cancel", waitTimeout)
	}
	if err := w.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err = %v, want context.Canceled", err)
	}
	// Every goroutine Watch started has exited (the reader closes the
	// channel last; context.AfterFunc's goroutine may finish just after).
	deadline := time.Now().Add(waitTimeout)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, %d before Watch:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestWatchServerGone(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	w := startWatch(t, Options{Display: srv.Display, Keycode: esc})
	srv.Stop()
	select {
	case _, ok := <-w.Presses():
		if ok {
			t.Error("press reported from a dying server")
		}
	case <-time.After(waitTimeout):
		t.Fatalf("channel not closed within %v of the server's exit", waitTimeout)
	}
	if err := w.Err(); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("Err = %v, want the connection's error", err)
	}
}

func TestWatchErrors(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	ctx := context.Background()
	if _, err := Watch(ctx, Options{Display: srv.Display}); err == nil {
		t.Error("Watch with keycode 0 succeeded")
	}
	if _, err := Watch(ctx, Options{Display: srv.Display + ".1", Keycode: esc}); err == nil || !strings.Contains(err.Error(), "no screen 1") {
		t.Errorf("Watch on screen 1 of a one-screen display: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-socket")
	if _, err := Watch(ctx, Options{Display: missing, Keycode: esc}); err == nil {
		t.Error("Watch on a missing socket succeeded")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Watch(canceled, Options{Display: srv.Display, Keycode: esc}); !errors.Is(err, context.Canceled) {
		t.Errorf("Watch with a canceled context: %v, want context.Canceled", err)
	}
	t.Setenv("DISPLAY", srv.Display)
	w := startWatch(t, Options{Keycode: esc})
	if w.Err() != nil {
		t.Errorf("Watch on $DISPLAY: %v", w.Err())
	}
}

// TestWatchCookie runs an Xvfb that demands MIT-MAGIC-COOKIE-1 and
// connects with the cookie from $XAUTHORITY, then without it.
func TestWatchCookie(t *testing.T) {
	dir := t.TempDir()
	serverAuth := filepath.Join(dir, "server")
	cookie := []byte("0123456789abcdef")
	// The server loads every entry's cookie, whatever its address.
	if err := os.WriteFile(serverAuth, appendAuthEntry(nil, authEntry{family: familyWild, name: cookieName, data: cookie}), 0o600); err != nil {
		t.Fatal(err)
	}
	// x11test has no option for extra arguments; a shell in front of the
	// command adds -auth and execs the server (keeping fd 3, the -displayfd
	// pipe).
	srv := x11test.StartConfig(t, x11test.Config{Width: 64, Height: 64,
		Prefix: []string{"sh", "-c", `exec "$0" "$@" -auth "` + serverAuth + `"`}})
	number := strings.TrimPrefix(srv.Display, ":")

	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	clientAuth := filepath.Join(dir, "client")
	file := appendAuthEntry(nil, authEntry{family: familyLocal, address: []byte(host), number: number + "0", name: cookieName, data: []byte("wrong display...")})
	file = appendAuthEntry(file, authEntry{family: familyLocal, address: []byte(host), number: number, name: cookieName, data: cookie})
	if err := os.WriteFile(clientAuth, file, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XAUTHORITY", clientAuth)
	startWatch(t, Options{Display: srv.Display, Keycode: esc})

	t.Setenv("XAUTHORITY", filepath.Join(dir, "missing"))
	if _, err := Watch(context.Background(), Options{Display: srv.Display, Keycode: esc}); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("Watch without the cookie: %v, want a refusal", err)
	}
}

// TestWatchNewMaster adds a master device pair while the watcher runs and
// injects ESC through the new master's XTEST keyboard: the watcher must
// have refreshed its device list on the hierarchy change to name it.
func TestWatchNewMaster(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	w := startWatch(t, Options{Display: srv.Display, Keycode: esc})

	// A client of our own for the XI2 requests xgb lacks.
	d, err := parseDisplay(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	c, err := dial(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if _, err := c.setup(d.number); err != nil {
		t.Fatal(err)
	}
	reply, err := c.roundTrip(encodeQueryExtension("XInputExtension"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ext, err := parseQueryExtensionReply(reply)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.roundTrip(encodeXIQueryVersion(ext.major, 2, 2), nil); err != nil {
		t.Fatal(err)
	}
	// XIChangeHierarchy with one AddMaster "second" (send_core, enable).
	name := "second"
	req := make([]byte, 8+8+pad4(len(name)))
	req[0], req[1] = ext.major, 43
	put16(req[2:], uint16(len(req)/4))
	req[4] = 1
	put16(req[8:], 1) // XIAddMaster
	put16(req[10:], uint16((8+pad4(len(name)))/4))
	put16(req[12:], uint16(len(name)))
	req[14], req[15] = 1, 1
	copy(req[16:], name)
	if _, err := c.send(req); err != nil {
		t.Fatal(err)
	}
	reply, err = c.roundTrip(encodeXIQueryDevice(ext.major, xiAllDevices), nil)
	if err != nil {
		t.Fatalf("XIChangeHierarchy or XIQueryDevice: %v", err)
	}
	devs, err := parseXIQueryDeviceReply(reply)
	if err != nil {
		t.Fatal(err)
	}
	var pointer uint16
	for _, dev := range devs {
		t.Logf("device %d %q use %d attachment %d", dev.id, dev.name, dev.use, dev.attachment)
		if dev.name == "second pointer" {
			pointer = dev.id
		}
	}
	if pointer == 0 {
		t.Fatal("no \"second pointer\" after AddMaster")
	}

	// XTest injects through the XTEST devices of the client's
	// ClientPointer's master: point the xgb client at the new master (by
	// a window it owns) with XISetClientPointer.
	conn, err := xgb.NewConnDisplay(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	defer xconn.Close(conn)
	if err := xtest.Init(conn); err != nil {
		t.Fatal(err)
	}
	scr := xproto.Setup(conn).DefaultScreen(conn)
	win, err := xproto.NewWindowId(conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(conn, 0, win, scr.Root, 0, 0, 1, 1, 0, xproto.WindowClassInputOnly, scr.RootVisual, 0, nil).Check(); err != nil {
		t.Fatal(err)
	}
	setCP := make([]byte, 12)
	setCP[0], setCP[1] = ext.major, 44
	put16(setCP[2:], 3)
	put32(setCP[4:], uint32(win))
	put16(setCP[8:], pointer)
	if _, err := c.send(setCP); err != nil {
		t.Fatal(err)
	}
	if _, err := c.roundTrip(encodeXIQueryVersion(ext.major, 2, 2), nil); err != nil {
		t.Fatalf("XISetClientPointer: %v", err)
	}
	for _, typ := range []byte{xproto.KeyPress, xproto.KeyRelease} {
		if err := xtest.FakeInputChecked(conn, typ, esc, 0, scr.Root, 0, 0, 0).Check(); err != nil {
			t.Fatalf("XTest FakeInput: %v", err)
		}
	}
	if p := nextPress(t, w); p.DeviceName != "second XTEST keyboard" || !p.XTest {
		t.Errorf("press = %+v, want one from the \"second XTEST keyboard\"", p)
	}
}
