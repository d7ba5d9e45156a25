//go:build linux

// Command benchcompare serves the same scripted scenarios on a virtual
// novice display once with ranoviced and once with FreeRDP's shadow server
// (freerdp-shadow-cli -auth /sec:tls), with the same client, and prints
// per scenario the server's CPU time, the bytes it sent, the frames it
// delivered, the update latency and its peak memory, with the ratio
// ranoviced / FreeRDP. `make bench` runs it after the Go benchmarks.
//
// Everything runs on this machine: a 1280x800 Xvfb for the novice, a
// second Xvfb for xfreerdp's window, the servers on loopback. For each
// scenario and server there are two phases on one server process:
//
//  1. xfreerdp (-gfx: bitmap updates, FreeRDP's bitmap path) connects
//     through a relay that terminates TLS on both sides; the server's
//     CPU time (utime+stime from /proc/PID/stat), the bytes it wrote
//     (counted under TLS) and its PDUs (counted on the plaintext) are
//     taken over the measuring window, VmHWM after it.
//  2. The Go test expert (internal/rdp/rdptest/expert) connects directly
//     and times marker colour changes on the novice display until they
//     show in its framebuffer.
//
// The phases are apart because a second viewer would double the server's
// work in the first one. Both servers use TLS (ranoviced with security =
// "tls"), and both clients accept any certificate.
//
// Usage, from the module root:
//
//	go run ./scripts/benchcompare [-smoke] [-scenarios ico,scroll,images,idle]
//	    [-duration 20s] [-latency-duration 10s] [-freerdp-default] [-keep]
//
// The targets of the issue are reported, not asserted: the exit status is
// non-zero only when the harness could not measure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb"
)

// config holds the command-line settings.
type config struct {
	duration        time.Duration // the xfreerdp measuring window
	latencyDuration time.Duration // how long markers are timed
	warmup          time.Duration // after the first update, before measuring
	markerInterval  time.Duration
	frameGap        time.Duration // see streamStats.Frames
	scenarios       []string
	ranoviced       string // binary; empty: build ./cmd/ranoviced
	freerdpDefault  bool   // also measure FreeRDP with xfreerdp's default graphics pipeline
	keep            bool   // keep the temporary directory (logs)
	cpuProfile      string // directory for ranoviced's CPU profiles; empty: none
	viewers         int    // xfreerdp clients of the many-viewers measurement (ico); below 2: none
}

func parseFlags(args []string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("benchcompare", flag.ContinueOnError)
	fs.DurationVar(&cfg.duration, "duration", 20*time.Second, "measuring `time` per scenario and server with xfreerdp")
	fs.DurationVar(&cfg.latencyDuration, "latency-duration", 10*time.Second, "`time` per scenario and server spent timing markers with the Go expert")
	fs.DurationVar(&cfg.warmup, "warmup", time.Second, "`time` after the client's first update before measuring")
	fs.DurationVar(&cfg.markerInterval, "marker-interval", 250*time.Millisecond, "`time` between latency markers")
	fs.DurationVar(&cfg.frameGap, "frame-gap", 5*time.Millisecond, "graphics updates further apart than this `time` count as separate frames")
	smoke := fs.Bool("smoke", false, "quick run: 2 s per scenario and phase, 0.5 s warm-up")
	list := fs.String("scenarios", "ico,scroll,images,idle", "comma-separated `list` of scenarios to run")
	fs.StringVar(&cfg.ranoviced, "ranoviced", "", "ranoviced `binary` to measure (default: build ./cmd/ranoviced)")
	fs.BoolVar(&cfg.freerdpDefault, "freerdp-default", false, "also measure FreeRDP shadow with xfreerdp's default graphics pipeline (H.264; CPU, bytes and memory only)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory with every process's log")
	fs.IntVar(&cfg.viewers, "viewers", 4, "also measure ranoviced with `n` xfreerdp clients at once on the ico scenario (below 2: skip)")
	fs.StringVar(&cfg.cpuProfile, "cpuprofile", "", "write ranoviced's CPU profile per scenario to `dir`/SCENARIO-ranoviced.pprof (for go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *smoke {
		cfg.duration, cfg.latencyDuration, cfg.warmup = 2*time.Second, 2*time.Second, 500*time.Millisecond
	}
	known := map[string]bool{}
	for _, sc := range scenarios() {
		known[sc.name] = true
	}
	for _, name := range strings.Split(*list, ",") {
		name = strings.TrimSpace(name)
		if !known[name] {
			return cfg, fmt.Errorf("unknown scenario %q (have ico, scroll, images, idle)", name)
		}
		cfg.scenarios = append(cfg.scenarios, name)
	}
	if cfg.duration <= 0 || cfg.latencyDuration <= 0 || cfg.markerInterval <= 0 {
		return cfg, errors.New("durations must be positive")
	}
	if cfg.cpuProfile != "" {
		// The daemon runs in another directory: make the path absolute.
		dir, err := filepath.Abs(cfg.cpuProfile)
		if err != nil {
			return cfg, fmt.Errorf("-cpuprofile: %w", err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return cfg, fmt.Errorf("-cpuprofile: %w", err)
		}
		cfg.cpuProfile = dir
	}
	return cfg, nil
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		os.Exit(2)
	}
	// Ctrl-C or SIGTERM cancels the run; the deferred cleanup in run then
	// stops every child (Pdeathsig covers a SIGKILL of the harness).
	// xgb logs connection chatter ("Could not get authority info": Xvfb
	// runs without authorization) through its package logger. Set once,
	// before any connection, as cmd/ranoviced does.
	xgb.Logger = log.New(io.Discard, "", 0)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code := run(ctx, cfg)
	stop()
	os.Exit(code)
}

// run measures and prints; it returns the exit status.
func run(ctx context.Context, cfg config) int {
	started := time.Now()
	b := &bench{cfg: cfg, procs: &procs{}, clkTck: clockTicks(), screen: image.Rect(0, 0, 1280, 800)}
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		return 1
	}
	tools := []string{"Xvfb", "xfreerdp", "freerdp-shadow-cli"}
	if slices.Contains(cfg.scenarios, "ico") {
		tools = append(tools, "ico")
	}
	var missing []string
	for _, t := range tools {
		if _, err := exec.LookPath(t); err != nil {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return fail(fmt.Errorf("not installed: %s; run `make setup` (scripts/setup.sh installs xvfb, freerdp2-x11, freerdp2-shadow-x11 and x11-apps)",
			strings.Join(missing, ", ")))
	}

	dir, err := os.MkdirTemp("", "benchcompare-")
	if err != nil {
		return fail(err)
	}
	b.dir = dir
	defer func() {
		b.procs.stopAll()
		if cfg.keep {
			fmt.Fprintf(os.Stderr, "benchcompare: logs kept in %s\n", dir)
		} else {
			os.RemoveAll(dir)
		}
	}()

	if b.bin = cfg.ranoviced; b.bin == "" {
		b.bin = filepath.Join(dir, "ranoviced")
		b.logf("building ./cmd/ranoviced")
		out, err := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", b.bin, "./cmd/ranoviced").CombinedOutput()
		if err != nil {
			return fail(fmt.Errorf("go build ./cmd/ranoviced (run from the module root): %v\n%s", err, out))
		}
	} else if b.bin, err = filepath.Abs(b.bin); err != nil {
		return fail(err)
	}
	if b.cert, err = selfSignedCert(); err != nil {
		return fail(err)
	}
	if b.novice, _, err = startXvfb(b.procs, dir, "xvfb-novice", b.screen.Dx(), b.screen.Dy()); err != nil {
		return fail(err)
	}
	if b.expert, _, err = startXvfb(b.procs, dir, "xvfb-expert", b.screen.Dx(), b.screen.Dy()); err != nil {
		return fail(err)
	}

	variants := []variant{
		{name: "ranoviced", server: "ranoviced", clientArgs: []string{"-gfx"}},
		{name: "freerdp", server: "freerdp", clientArgs: []string{"-gfx"}},
	}
	if cfg.freerdpDefault {
		variants = append(variants, variant{name: "freerdp-gfx", server: "freerdp", gfx: true})
	}
	rep := report{cfg: cfg, variants: variants, machine: machine(), versions: versions(b.expert)}
	for _, sc := range scenarios() {
		if !slices.Contains(cfg.scenarios, sc.name) || ctx.Err() != nil {
			continue
		}
		row, err := b.runScenario(ctx, sc, variants)
		if err != nil {
			return fail(fmt.Errorf("scenario %s: %w", sc.name, err))
		}
		rep.rows = append(rep.rows, row)
	}
	if ctx.Err() != nil {
		return fail(ctx.Err())
	}
	rep.elapsed = time.Since(started)
	rep.print(os.Stdout)
	if rep.failed() {
		return 1
	}
	return 0
}

// runScenario sets up the novice display, starts the scenario and
// measures every variant on it in turn.
func (b *bench) runScenario(ctx context.Context, sc scenario, variants []variant) (scenarioRow, error) {
	row := scenarioRow{sc: sc}
	if err := prepareNovice(b.novice, b.screen); err != nil {
		return row, err
	}
	mk, err := newMarker(b.novice, b.screen)
	if err != nil {
		return row, err
	}
	defer mk.close()
	stop, err := sc.start(b)
	if err != nil {
		return row, err
	}
	defer stop()
	for _, v := range variants {
		if ctx.Err() != nil {
			break
		}
		res := b.runVariant(ctx, sc, v, mk)
		for _, err := range res.errs {
			b.logf("%s / %s: %v", sc.name, v.name, err)
		}
		row.results = append(row.results, res)
	}
	if sc.name == "ico" && b.cfg.viewers > 1 && ctx.Err() == nil {
		// Capture and encoding are shared: more viewers should cost
		// little more than one (issue 6: under 1.5 times).
		v := variants[0]
		v.name, v.viewers = fmt.Sprintf("ranoviced-%d-viewers", b.cfg.viewers), b.cfg.viewers
		res := b.runVariant(ctx, sc, v, mk)
		for _, err := range res.errs {
			b.logf("%s / %s: %v", sc.name, v.name, err)
		}
		row.viewers = &res
	}
	return row, nil
}
