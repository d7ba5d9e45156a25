//go:build interop

// Package e2e is the interop suite: the in-process RDP server against the
// real xfreerdp 2.11.7 under Xvfb, on loopback.
//
// Each test starts two X servers: the novice's (1024×768), whose root
// window is painted with a known picture and captured by the server, and
// the expert's (1280×1024), on which xfreerdp runs. Without a window
// manager the xfreerdp window is mapped at the root's origin; the harness
// finds it and compares its contents with what the novice's root shows.
//
// Run it with
//
//	RANOVICED_REQUIRE_X=1 go test -tags interop -race -count=1 ./e2e/...
//
// Without RANOVICED_REQUIRE_X a missing Xvfb, xfreerdp or xdotool skips
// the tests; with it, they fail.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// Screen sizes. The novice's desktop is the session size, so the xfreerdp
// window is exactly noviceW×noviceH; the expert's screen is larger so the
// whole window fits.
const (
	noviceW, noviceH = 1024, 768
	expertW, expertH = 1280, 1024
)

// Deadlines. They bound waits for conditions that are polled, and are
// generous because a loaded 2-core CI machine running the race detector
// is slow; nothing asserts how fast anything is.
const (
	connectTimeout = 30 * time.Second // xfreerdp start to Handler.Active
	pictureTimeout = 30 * time.Second // until the expert's window shows the novice picture
	eventTimeout   = 20 * time.Second // until input or channel data arrives
	pollInterval   = 50 * time.Millisecond
)

// pictureTolerance is the largest difference allowed per colour component
// between the novice's picture and the expert's window: none. The server
// sends 32-bpp Planar bitmaps, which are lossless, xfreerdp decodes them
// into a 32-bit frame buffer and puts it on a depth-24 TrueColor visual,
// which keeps 8 bits per component, so every pixel must arrive exactly.
const pictureTolerance = 0

// requireTools skips the test when a program it needs is not installed,
// or fails it when RANOVICED_REQUIRE_X is set (as x11test.Start does for
// Xvfb).
func requireTools(t testing.TB, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv(x11test.RequireEnv) != "" {
				t.Fatalf("%s not found and %s is set: %v", name, x11test.RequireEnv, err)
			}
			t.Skipf("%s not found (set %s to fail instead): %v", name, x11test.RequireEnv, err)
		}
	}
}

// startNovice starts the novice's X server and paints pic on its root.
func startNovice(t testing.TB, pic *shadow.Frame) *x11test.Server {
	t.Helper()
	x := x11test.Start(t, noviceW, noviceH)
	paint(t, x, pic)
	return x
}

// paint makes pic the novice's desktop.
func paint(t testing.TB, x *x11test.Server, pic *shadow.Frame) {
	t.Helper()
	if err := x11test.SetRootImage(x.Display, pic); err != nil {
		t.Fatalf("paint the novice's root: %v", err)
	}
}

// ---------------------------------------------------------------------
// The server

// serverOptions are what a test chooses about the in-process server.
type serverOptions struct {
	Security acceptor.Security
	// Methods are the Standard RDP Security methods allowed; 0 means
	// 40, 56 and 128 bits.
	Methods gcc.EncryptionMethod
	// MaxBitsPerPixel caps the session's colour depth (0: none).
	MaxBitsPerPixel uint16

	// OnActive and OnDVC run on the connection's owner goroutine after
	// the recorder has noted the event.
	OnActive func(*server.Conn)
	OnDVC    func(*server.Conn, session.Event)
}

// testServer is a running in-process server with its recording handler.
type testServer struct {
	*server.Server
	Addr string
	Rec  *recorder
}

// startServer starts a server on 127.0.0.1:0 that shows the novice's
// display without authentication (Config.UnsafeNoAuth) and records what
// its connections do. It is stopped when the test ends.
func startServer(t testing.TB, novice *x11test.Server, opt serverOptions) *testServer {
	t.Helper()
	key, err := serverkey.LoadOrCreate(t.TempDir(), "ranoviced-e2e", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	scr, err := x11.Open(novice.Display)
	if err != nil {
		t.Fatalf("capture the novice's display: %v", err)
	}
	t.Cleanup(func() { scr.Close() })
	if opt.Methods == 0 {
		opt.Methods = gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit
	}
	rec := newRecorder(opt)
	srv, err := server.New(server.Config{
		Logger:            zaptest.NewLogger(t, zaptest.Level(zapcore.InfoLevel)),
		Key:               key,
		Security:          opt.Security,
		EncryptionMethods: opt.Methods,
		Screen:            scr,
		MaxBitsPerPixel:   opt.MaxBitsPerPixel,
		Compression:       true,
		Handler:           func(*server.Conn) server.Handler { return rec },
		UnsafeNoAuth:      true,
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		// Cancelling Serve's context closes the listener and ends every
		// connection; Shutdown then waits for them, so no server
		// goroutine logs after the test.
		cancel()
		if err := <-served; !errors.Is(err, server.ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		if err := srv.Shutdown(sctx); err != nil {
			t.Errorf("server shutdown: %v", err)
		}
	})
	return &testServer{Server: srv, Addr: ln.Addr().String(), Rec: rec}
}

// recorder is the test's server.Handler: it notes every event and never
// blocks. One recorder serves every connection of a server; the tests make
// one connection each.
type recorder struct {
	opt    serverOptions
	active chan *server.Conn // Active calls; buffered, never blocks

	mu     sync.Mutex // guards the fields below
	inputs []input.Event
	dvc    []session.Event
	closed []error
}

func newRecorder(opt serverOptions) *recorder {
	return &recorder{opt: opt, active: make(chan *server.Conn, 16)}
}

var _ server.Handler = (*recorder)(nil)

func (r *recorder) Active(c *server.Conn) {
	select {
	case r.active <- c:
	default:
	}
	if r.opt.OnActive != nil {
		r.opt.OnActive(c)
	}
}

func (r *recorder) Input(c *server.Conn, ev input.Event) {
	r.mu.Lock()
	r.inputs = append(r.inputs, ev)
	r.mu.Unlock()
}

func (r *recorder) ChannelMessage(*server.Conn, string, []byte) {}

func (r *recorder) DVC(c *server.Conn, ev session.Event) {
	r.mu.Lock()
	r.dvc = append(r.dvc, ev)
	r.mu.Unlock()
	if r.opt.OnDVC != nil {
		r.opt.OnDVC(c, ev)
	}
}

func (r *recorder) Closed(c *server.Conn, err error) {
	r.mu.Lock()
	r.closed = append(r.closed, err)
	r.mu.Unlock()
}

// Inputs returns a copy of the input events received so far.
func (r *recorder) Inputs() []input.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]input.Event(nil), r.inputs...)
}

// DVCEvents returns a copy of the DVC events received so far.
func (r *recorder) DVCEvents() []session.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]session.Event(nil), r.dvc...)
}

// ClosedErrs returns why the connections that ended so far ended.
func (r *recorder) ClosedErrs() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.closed...)
}

// waitActive waits for the first connection to complete the connection
// sequence, failing early if xfreerdp exits.
func waitActive(t testing.TB, srv *testServer, cl *client) *server.Conn {
	t.Helper()
	timer := time.NewTimer(connectTimeout)
	defer timer.Stop()
	select {
	case c := <-srv.Rec.active:
		return c
	case <-cl.exited:
		t.Fatalf("xfreerdp exited (%v) before the connection was active; log:\n%s", cl.waitErr, cl.Log())
	case <-timer.C:
		t.Fatalf("no active connection within %v; xfreerdp log:\n%s", connectTimeout, cl.Log())
	}
	return nil
}

// onOwner runs f on c's owner goroutine and waits for it, as Conn's
// methods other than Post require.
func onOwner(t testing.TB, c *server.Conn, f func(*server.Conn)) {
	t.Helper()
	done := make(chan struct{})
	if !c.Post(func(c *server.Conn) { f(c); close(done) }) {
		t.Fatal("the connection has ended")
	}
	select {
	case <-done:
	case <-time.After(eventTimeout):
		t.Fatalf("the connection's owner goroutine did not run a posted function within %v", eventTimeout)
	}
}

// stats reads c's counters on its owner goroutine.
func stats(t testing.TB, c *server.Conn) server.Stats {
	t.Helper()
	var st server.Stats
	onOwner(t, c, func(c *server.Conn) { st = c.Stats() })
	return st
}

// result reads what c's connection sequence established.
func result(t testing.TB, c *server.Conn) *acceptor.Result {
	t.Helper()
	var res *acceptor.Result
	onOwner(t, c, func(c *server.Conn) { res = c.Result() })
	if res == nil {
		t.Fatal("Conn.Result is nil on an active connection")
	}
	return res
}

// ---------------------------------------------------------------------
// The client

// client is a running xfreerdp, its standard output and error going to a
// log file.
type client struct {
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{} // closed when cmd.Wait has returned
	waitErr error         // cmd.Wait's error, read after exited
	once    sync.Once
}

// startClient runs `xfreerdp /v:addr /u:expert /p:x /cert:ignore
// /log-level:INFO extra...` on display (the password is a dummy so that
// xfreerdp does not prompt; with UnsafeNoAuth the server checks none). It
// is killed when the test ends; the log is printed if the test failed.
func startClient(t testing.TB, display, addr string, extra ...string) *client {
	t.Helper()
	return startXfreerdp(t, display, append([]string{"/v:" + addr, "/u:expert", "/p:x", "/cert:ignore", "/log-level:INFO"}, extra...)...)
}

// startXfreerdp runs xfreerdp with exactly args on display, as startClient
// does.
func startXfreerdp(t testing.TB, display string, args ...string) *client {
	t.Helper()
	dir := t.TempDir()
	c := &client{logPath: filepath.Join(dir, "xfreerdp.log"), exited: make(chan struct{})}
	logf, err := os.Create(c.logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	c.cmd = exec.Command("xfreerdp", args...)
	c.cmd.Env = clientEnv(display, dir)
	c.cmd.Stdout, c.cmd.Stderr = logf, logf
	// Do not leave an xfreerdp behind if the test binary dies.
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("start xfreerdp: %v", err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	t.Logf("xfreerdp %s on %s (pid %d)", strings.Join(args, " "), display, c.cmd.Process.Pid)
	t.Cleanup(func() {
		c.Kill()
		if t.Failed() {
			t.Logf("xfreerdp log:\n%s", c.Log())
		}
	})
	return c
}

// clientEnv is the environment for xfreerdp: this one with DISPLAY set to
// the expert's server and HOME (where FreeRDP keeps its configuration and
// known hosts) in the test's temporary directory.
func clientEnv(display, home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "DISPLAY", k == "HOME", k == "XAUTHORITY", k == "WAYLAND_DISPLAY", strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "WLOG_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "DISPLAY="+display, "HOME="+home)
}

// Log returns what xfreerdp has logged so far.
func (c *client) Log() string {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		return fmt.Sprintf("(cannot read the log: %v)", err)
	}
	return string(b)
}

// Kill stops xfreerdp with SIGKILL (SIGTERM would make it log "Caught
// signal" at ERROR level) and waits for it. It is safe to call again.
func (c *client) Kill() {
	c.once.Do(func() {
		c.cmd.Process.Kill()
		<-c.exited
	})
}

// badLogLine matches the client log lines that mean the server did
// something wrong: any ERROR, and the MAC warning FreeRDP logs (as a
// warning only, carrying on) when a Standard RDP Security signature does
// not verify.
var badLogLine = regexp.MustCompile(`ERROR|invalid packet signature`)

// checkLog fails the test if log (taken while xfreerdp still ran, before
// it was killed) has a line matching badLogLine.
func checkLog(t testing.TB, log string) {
	t.Helper()
	var bad []string
	for line := range strings.Lines(log) {
		if badLogLine.MatchString(line) {
			bad = append(bad, strings.TrimRight(line, "\n"))
		}
	}
	if len(bad) > 0 {
		t.Errorf("xfreerdp logged %d bad line(s):\n%s", len(bad), strings.Join(bad, "\n"))
	}
}

// ---------------------------------------------------------------------
// The expert's display

// expert is the expert's X server, with a capturer for screenshots and a
// connection for finding the xfreerdp window and faking pointer input.
type expert struct {
	*x11test.Server
	scr  *x11.Screen
	conn *xgb.Conn
	root xproto.Window

	full shadow.Frame // last capture of the whole screen
}

// startExpert starts the expert's X server.
func startExpert(t testing.TB) *expert {
	t.Helper()
	x := x11test.Start(t, expertW, expertH)
	scr, err := x11.Open(x.Display)
	if err != nil {
		t.Fatalf("capture the expert's display: %v", err)
	}
	t.Cleanup(func() { scr.Close() })
	conn, err := xgb.NewConnDisplay(x.Display)
	if err != nil {
		t.Fatalf("connect to the expert's display: %v", err)
	}
	t.Cleanup(func() { xconn.Close(conn) })
	if err := xtest.Init(conn); err != nil {
		t.Fatalf("XTEST on the expert's display: %v", err)
	}
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	return &expert{Server: x, scr: scr, conn: conn, root: root}
}

// window returns the area of the root that the xfreerdp window's inside
// covers: the viewable top-level InputOutput window of the session's size
// w×h. Without a window manager it is mapped at (0,0).
func (e *expert) window(w, h int) (image.Rectangle, error) {
	tree, err := xproto.QueryTree(e.conn, e.root).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("QueryTree: %w", err)
	}
	var seen []string
	for _, win := range tree.Children {
		attr, err := xproto.GetWindowAttributes(e.conn, win).Reply()
		if err != nil || attr.MapState != xproto.MapStateViewable || attr.Class != xproto.WindowClassInputOutput {
			continue // gone meanwhile, unmapped, or input-only
		}
		geo, err := xproto.GetGeometry(e.conn, xproto.Drawable(win)).Reply()
		if err != nil {
			continue
		}
		seen = append(seen, fmt.Sprintf("%#x %dx%d", win, geo.Width, geo.Height))
		if int(geo.Width) != w || int(geo.Height) != h {
			continue
		}
		pos, err := xproto.TranslateCoordinates(e.conn, win, e.root, 0, 0).Reply()
		if err != nil {
			continue
		}
		return image.Rect(int(pos.DstX), int(pos.DstY), int(pos.DstX)+w, int(pos.DstY)+h), nil
	}
	return image.Rectangle{}, fmt.Errorf("no viewable %dx%d window on the expert's screen (viewable: %v)", w, h, seen)
}

// capture returns what the xfreerdp window of size w×h shows, and the
// window's area.
func (e *expert) capture(w, h int) (*shadow.Frame, image.Rectangle, error) {
	win, err := e.window(w, h)
	if err != nil {
		return nil, win, err
	}
	if err := e.scr.Capture(&e.full); err != nil {
		return nil, win, fmt.Errorf("capture: %w", err)
	}
	got := shadow.NewFrame(win.Dx(), win.Dy())
	got.Draw(win.Min.Mul(-1), &e.full)
	return got, win, nil
}

// waitPicture waits until the xfreerdp window shows want within
// pictureTolerance. On timeout it saves the picture wanted, the window's
// contents and the whole expert screen as PNGs and fails with their path.
func (e *expert) waitPicture(t testing.TB, want *shadow.Frame, cl *client) image.Rectangle {
	t.Helper()
	return e.waitPictureWithin(t, want, cl, pictureTolerance)
}

// waitPictureWithin is waitPicture with a tolerance per colour channel,
// for sessions below 24 bpp.
func (e *expert) waitPictureWithin(t testing.TB, want *shadow.Frame, cl *client, tolerance int) image.Rectangle {
	t.Helper()
	deadline := time.Now().Add(pictureTimeout)
	var last error
	var got *shadow.Frame
	for {
		var win image.Rectangle
		var err error
		got, win, err = e.capture(want.Width, want.Height)
		if err == nil {
			err = shadow.Compare(want, got, tolerance)
			if err == nil {
				return win
			}
			err = fmt.Errorf("window at %v: %w", win, err)
		}
		last = err
		select {
		case <-cl.exited:
			t.Fatalf("xfreerdp exited (%v) before showing the picture (last check: %v); log:\n%s", cl.waitErr, last, cl.Log())
		default:
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(pollInterval)
	}
	dir := saveFrames(t, map[string]*shadow.Frame{"want.png": want, "window.png": got, "expert-screen.png": &e.full})
	t.Fatalf("the expert's window did not show the novice's picture within %v: %v\npictures in %s", pictureTimeout, last, dir)
	return image.Rectangle{}
}

// saveFrames writes the non-empty frames as PNGs for a failure message and
// returns the directory: the test's artifact directory when go test runs
// with -artifacts, else a new directory under the system's temporary
// directory that is kept (t.TempDir and a default ArtifactDir are
// removed when the test ends, failed or not).
func saveFrames(t testing.TB, frames map[string]*shadow.Frame) string {
	t.Helper()
	var dir string
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		dir = t.ArtifactDir()
	} else {
		var err error
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())
		if dir, err = os.MkdirTemp("", "ranoviced-e2e-"+name+"-"); err != nil {
			t.Errorf("save pictures: %v", err)
			return "(not saved)"
		}
	}
	for name, f := range frames {
		if f == nil || f.Width == 0 || f.Height == 0 {
			continue
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, f.RGBA()); err != nil {
			t.Errorf("save %s: %v", name, err)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Errorf("save %s: %v", name, err)
		}
	}
	return dir
}

// movePointer moves the expert's pointer to each point in turn with XTEST,
// as a user would, and returns once the X server has processed every move.
func (e *expert) movePointer(t testing.TB, pts []image.Point) {
	t.Helper()
	for _, p := range pts {
		xtest.FakeInput(e.conn, xproto.MotionNotify, 0 /* absolute */, 0, e.root, int16(p.X), int16(p.Y), 0)
	}
	// A round trip: the server handles requests in order.
	if _, err := xproto.GetInputFocus(e.conn).Reply(); err != nil {
		t.Fatalf("XTEST pointer moves: %v", err)
	}
}

// xdotool runs xdotool with args on the expert's display.
func (e *expert) xdotool(t testing.TB, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), eventTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = clientEnv(e.Display, t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// ---------------------------------------------------------------------
// Waiting

// waitFor polls cond until it reports true or timeout passes; then it
// fails the test with what cond last said.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not done within %v; %s", what, timeout, state)
		}
		time.Sleep(pollInterval)
	}
}

// finish ends a test's session: xfreerdp and the connection must both
// still be up; the client log is taken while xfreerdp still runs and then
// checked (see checkLog), and xfreerdp is killed.
func finish(t testing.TB, srv *testServer, cl *client) {
	t.Helper()
	select {
	case <-cl.exited:
		t.Errorf("xfreerdp exited early: %v", cl.waitErr)
	default:
	}
	if errs := srv.Rec.ClosedErrs(); len(errs) > 0 {
		t.Errorf("the server ended the connection early: %v", errs)
	}
	log := cl.Log()
	cl.Kill()
	checkLog(t, log)
}
