//go:build linux

package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

const (
	// serverStartTimeout bounds a server's start until it listens
	// (FreeRDP's shadow server makes its TLS key first).
	serverStartTimeout = 30 * time.Second
	// connectTimeout bounds a client's connection until its first screen
	// update.
	connectTimeout = 45 * time.Second
	// gfxSettle replaces "first bitmap update" as the sign that an
	// xfreerdp using the graphics pipeline is connected: its updates
	// travel in a dynamic channel the relay does not decode.
	gfxSettle = 4 * time.Second
	// markerTimeout is how long one latency sample may take before it
	// counts as missed: far beyond any frame interval, short enough that
	// a lost update costs few samples.
	markerTimeout = time.Second
)

// variant is one column of the table: a server and the xfreerdp flags
// used with it (beyond the common ones in measureClient).
type variant struct {
	name       string
	server     string // "ranoviced" or "freerdp"
	clientArgs []string
	// gfx: the client uses the graphics pipeline, so the relay cannot
	// see frames and the Go expert (no pipeline) cannot measure latency.
	gfx bool
	// viewers is how many xfreerdp clients watch at once (0 means 1).
	// With more than one, bytes and frames are those of the first
	// client and no latency is measured.
	viewers int
}

// result is what one variant measured in one scenario.
type result struct {
	window  time.Duration // the measuring window of the xfreerdp phase
	cpu     time.Duration // server CPU time within the window
	bytes   int64         // server→client bytes within the window
	stream  streamStats   // server→client PDUs within the window
	peakRSS int64         // VmHWM after the window
	lat     []time.Duration
	missed  int      // latency samples that timed out
	errs    []error  // measurements that failed
	notes   []string // what may make a number less exact
}

// bench is one run of the harness: its settings, temporary directory,
// children and displays.
type bench struct {
	cfg    config
	procs  *procs
	dir    string
	clkTck int
	bin    string // the ranoviced binary
	cert   tls.Certificate
	novice string // the display the servers share
	expert string // the display xfreerdp shows on
	screen image.Rectangle
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchcompare: "+format+"\n", args...)
}

// displayEnv is the harness's environment for an X client of display,
// with HOME (where FreeRDP keeps its configuration, keys and known hosts)
// in home and nothing that could point it at another display.
func displayEnv(display, home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "DISPLAY", k == "HOME", k == "XAUTHORITY", k == "WAYLAND_DISPLAY",
			strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "WLOG_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "DISPLAY="+display, "HOME="+home)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// sleepCtx waits d unless ctx ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// server is a running RDP server under test.
type server struct {
	proc *child
	addr string
	// conf is ranoviced's configuration file: its helpers connect with
	// invitations (assist.go). Empty for FreeRDP.
	conf string
}

// startServer starts the server kind sharing the novice display, with
// its files in dir, and returns once it listens.
func (b *bench) startServer(kind, dir string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	var (
		s    spec
		conf string
	)
	switch kind {
	case "ranoviced":
		// As in the e2e tests: state and control socket in the run's
		// directory, capture of the novice display, and TLS like
		// FreeRDP's /sec:tls. xfreerdp connects with an invitation
		// (assist.go); --unsafe-no-auth lets the latency phase's Go
		// expert, a plain client, see the desktop.
		conf = filepath.Join(dir, "ranoviced.toml")
		text := fmt.Sprintf("[state]\ndir = %q\n\n[control]\nsocket = %q\n\n[capture]\ndisplay = %q\n\n[rdp]\nsecurity = \"tls\"\n",
			filepath.Join(dir, "state"), filepath.Join(dir, "control.sock"), b.novice) + consentConfig
		if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
			return nil, err
		}
		s = spec{dir: dir, name: "ranoviced", env: displayEnv(b.novice, dir),
			argv: []string{b.bin, "run", "--unsafe-no-auth", "--listen", addr, "--config", conf}}
		if b.cfg.cpuProfile != "" {
			// Written when the daemon stops, after both phases.
			s.argv = append(s.argv, "--cpuprofile", filepath.Join(b.cfg.cpuProfile, filepath.Base(dir)+".pprof"))
		}
	case "freerdp":
		// -auth: no authentication, any user name and password are
		// accepted. (2.11.7's /help says "+auth (default:off)", yet
		// without -auth it checks the password with PAM and drops the
		// client.) /sec:tls: TLS only, no NLA, so no SAM file is needed.
		s = spec{dir: dir, name: "freerdp-shadow", env: displayEnv(b.novice, dir),
			argv: []string{"freerdp-shadow-cli", "/port:" + strconv.Itoa(port), "/bind-address:127.0.0.1", "/sec:tls", "-auth"}}
	default:
		return nil, fmt.Errorf("unknown server %q", kind)
	}
	c, err := b.procs.start(s)
	if err != nil {
		return nil, err
	}
	for deadline := time.Now().Add(serverStartTimeout); !listening(port); {
		if !c.running() {
			return nil, c.exitError()
		}
		if time.Now().After(deadline) {
			c.stop()
			return nil, fmt.Errorf("%s does not listen on %s after %v:\n%s", s.name, addr, serverStartTimeout, c.logTail(10))
		}
		time.Sleep(20 * time.Millisecond)
	}
	return &server{proc: c, addr: addr, conf: conf}, nil
}

// runVariant measures one variant in the running scenario: a fresh
// server, the xfreerdp phase, then (on the same server) the latency
// phase.
func (b *bench) runVariant(ctx context.Context, sc scenario, v variant, mk *marker) result {
	var res result
	dir := filepath.Join(b.dir, sc.name+"-"+v.name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		res.errs = append(res.errs, err)
		return res
	}
	srv, err := b.startServer(v.server, dir)
	if err != nil {
		res.errs = append(res.errs, err)
		return res
	}
	defer srv.proc.stop()
	b.logf("%s / %s: xfreerdp %s for %v", sc.name, v.name, strings.Join(append([]string{"/sec:tls"}, v.clientArgs...), " "), b.cfg.duration)
	if err := b.measureClient(ctx, srv, v, dir, &res); err != nil {
		res.errs = append(res.errs, fmt.Errorf("xfreerdp phase: %w", err))
	}
	if res.window > 0 && !v.gfx && sc.name != "idle" && res.stream.Updates == 0 {
		// Not a harness failure, but no number of this row means much.
		res.notes = append(res.notes, "no graphics update in the measuring window although the screen kept changing: the server stalled")
	}
	if v.gfx || v.viewers > 1 || ctx.Err() != nil {
		return res
	}
	b.logf("%s / %s: latency for %v", sc.name, v.name, b.cfg.latencyDuration)
	if err := b.measureLatency(ctx, srv, mk, &res); err != nil {
		res.errs = append(res.errs, fmt.Errorf("latency phase: %w", err))
	}
	if res.missed > 0 {
		res.notes = append(res.notes, fmt.Sprintf("%d of %d marker changes never reached the Go expert within %v (a lost or stalled update)",
			res.missed, res.missed+len(res.lat), markerTimeout))
	}
	return res
}

// measureClient connects xfreerdp through the relay, waits for its first
// screen update and the warm-up, and then measures the server for the
// configured duration.
func (b *bench) measureClient(ctx context.Context, srv *server, v variant, dir string, res *result) error {
	var (
		relays []*relay
		xfs    []*child
	)
	defer func() {
		for _, xf := range xfs {
			xf.stop()
		}
		for _, rl := range relays {
			rl.close()
		}
	}()
	for i := range max(v.viewers, 1) {
		rl, err := newRelay(srv.addr, b.cert, b.cfg.frameGap)
		if err != nil {
			return err
		}
		relays = append(relays, rl)
		home := filepath.Join(dir, fmt.Sprintf("xfreerdp-home-%d", i))
		if err := os.MkdirAll(home, 0o700); err != nil {
			return err
		}
		target := []string{"/v:" + rl.addr(), "/u:bench", "/p:bench"}
		if srv.conf != "" {
			file, password, err := b.invitation(ctx, srv.conf, home, rl.addr())
			if err != nil {
				return err
			}
			target = assistanceArgs(file, password)
		}
		argv := append(append([]string{"xfreerdp"}, target...), "/cert:ignore", "/sec:tls",
			fmt.Sprintf("/size:%dx%d", b.screen.Dx(), b.screen.Dy()), "/log-level:WARN")
		argv = append(argv, v.clientArgs...)
		xf, err := b.procs.start(spec{dir: dir, name: fmt.Sprintf("xfreerdp-%d", i), env: displayEnv(b.expert, home), argv: argv, kill: true})
		if err != nil {
			return err
		}
		xfs = append(xfs, xf)
	}
	rl, xf := relays[0], xfs[0]
	alive := func() error {
		for i, xf := range xfs {
			if !xf.running() {
				return fmt.Errorf("xfreerdp %d: %w\nrelay: %v", i, xf.exitError(), errors.Join(relays[i].errors()...))
			}
		}
		if !srv.proc.running() {
			return srv.proc.exitError()
		}
		return ctx.Err()
	}
	// seen[i] is how many updates relay i had carried when its helper
	// was let in; the desktop is on once each has carried one more (for
	// ranoviced the first updates are the placeholder before consent).
	seen := make([]int, len(relays))
	connected := func() bool {
		for i, rl := range relays {
			if rl.snapshot().Updates <= seen[i] {
				return false
			}
		}
		return true
	}

	start := time.Now()
	answered, lastAsk := 0, time.Time{}
	for {
		if err := alive(); err != nil {
			return err
		}
		if srv.conf != "" && answered < len(xfs) && time.Since(lastAsk) >= consentPoll {
			// Each helper waits for the novice's yes.
			n, err := b.answerPending(ctx, srv.conf)
			if err != nil {
				return err
			}
			answered, lastAsk = answered+n, time.Now()
			if answered >= len(xfs) {
				for i, rl := range relays {
					seen[i] = rl.snapshot().Updates
				}
			}
		}
		if time.Since(start) > connectTimeout {
			return fmt.Errorf("no screen update within %v (%d of %d helpers let in); relay: %v\nxfreerdp:\n%s",
				connectTimeout, answered, len(xfs), errors.Join(rl.errors()...), xf.logTail(10))
		}
		inside := srv.conf == "" || answered >= len(xfs)
		if inside && (v.gfx && time.Since(start) >= gfxSettle || !v.gfx && connected()) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := sleepCtx(ctx, b.cfg.warmup); err != nil {
		return err
	}

	pid := srv.proc.pid()
	cpu0, err := cpuTime(pid, b.clkTck)
	if err != nil {
		return err
	}
	s0 := rl.snapshot()
	for end := time.Now().Add(b.cfg.duration); time.Now().Before(end); {
		if err := alive(); err != nil {
			return err
		}
		if err := sleepCtx(ctx, min(100*time.Millisecond, time.Until(end))); err != nil {
			return err
		}
	}
	cpu1, err := cpuTime(pid, b.clkTck)
	if err != nil {
		return err
	}
	s1 := rl.snapshot()
	if err := alive(); err != nil {
		return err
	}
	if res.peakRSS, err = peakRSS(pid); err != nil {
		return err
	}
	res.window = s1.at.Sub(s0.at)
	res.cpu = cpu1 - cpu0
	res.bytes = s1.bytes - s0.bytes
	res.stream = s1.sub(s0.streamStats)
	for _, err := range rl.errors() {
		res.notes = append(res.notes, err.Error())
	}
	return nil
}

// xfreerdpInfoFlags are the Info Packet flags xfreerdp 2.11.7 sends, RDP
// 6.1 bulk compression included, so that the latency is measured with the
// compression xfreerdp gets from both servers.
const xfreerdpInfoFlags sec.InfoFlags = 0x000B47F3

// markerColors cycle so that each sample's colour differs from the one
// before; their channels are 0 or 255, exact at any colour depth.
var markerColors = []color.RGBA{
	{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255},
	{255, 255, 0, 255}, {0, 255, 255, 255}, {255, 0, 255, 255},
}

// measureLatency connects the Go test expert straight to the server (no
// relay) and, every markerInterval, changes the marker's colour and times
// how long until the expert's framebuffer shows it.
func (b *bench) measureLatency(ctx context.Context, srv *server, mk *marker, res *result) error {
	dctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	c, err := expert.Dial(dctx, srv.addr, expert.Config{
		Security:   expert.SecurityTLS,
		UserName:   "bench",
		Password:   "bench",
		ClientName: "benchcompare",
		Width:      uint16(b.screen.Dx()),
		Height:     uint16(b.screen.Dy()),
		InfoFlags:  xfreerdpInfoFlags | sec.InfoAutologon,
	})
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.WaitUpdates(dctx, 1); err != nil {
		return err
	}
	if err := sleepCtx(ctx, b.cfg.warmup); err != nil {
		return err
	}
	p := mk.center()
	defer mk.set(markerIdle)
	for i, end := 0, time.Now().Add(b.cfg.latencyDuration); time.Now().Before(end); i++ {
		want := markerColors[i%len(markerColors)]
		t0 := time.Now()
		if err := mk.set(want); err != nil {
			return err
		}
		wctx, cancel := context.WithTimeout(ctx, markerTimeout)
		err := c.WaitFrame(wctx, func(f *shadow.Frame) bool {
			if !p.In(f.Rect()) {
				return false
			}
			got := f.At(p.X, p.Y)
			return near(got.R, want.R) && near(got.G, want.G) && near(got.B, want.B)
		})
		lat := time.Since(t0)
		cancel()
		switch {
		case err == nil:
			res.lat = append(res.lat, lat)
		case c.Err() != nil:
			return c.Err()
		case ctx.Err() != nil:
			return ctx.Err()
		default:
			res.missed++
		}
		if err := sleepCtx(ctx, time.Until(t0.Add(b.cfg.markerInterval))); err != nil {
			return err
		}
	}
	if !srv.proc.running() {
		return srv.proc.exitError()
	}
	return nil
}

// near compares colour channels with room for a lossy 16-bit session.
func near(a, b uint8) bool { return max(a, b)-min(a, b) <= 8 }

// percentile returns the p-quantile of latency samples (nearest rank).
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := int(math.Ceil(p * float64(len(s))))
	return s[min(max(rank-1, 0), len(s)-1)]
}
