package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os/user"
	"runtime/pprof"
	"strconv"

	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/ranoviced/ranoviced/internal/daemon"
	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/listener"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/registry"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/screenshot"
)

type runFlags struct {
	config       string
	listen       string
	unsafeNoAuth bool
	check        bool
	logLevel     string
	cpuProfile   string
}

func runServer(args []string) error {
	var f runFlags
	fs := newFlagSet("run")
	fs.StringVar(&f.config, "config", "", "TOML configuration `file` (default: built-in defaults)")
	fs.StringVar(&f.listen, "listen", "", "`host:port` to listen on, replacing the configured addresses")
	fs.BoolVar(&f.unsafeNoAuth, "unsafe-no-auth", false, "show the desktop to any client WITHOUT authentication or consent (tests and benchmarks only)")
	fs.BoolVar(&f.check, "check", false, "check the configuration and exit")
	fs.StringVar(&f.logLevel, "log-level", "info", "log `level`: debug, info, warn, error")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a Go CPU profile to `file` until the daemon stops (performance work)")
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	pol, err := loadPolicy(f.config)
	if err != nil {
		return err
	}
	if f.listen != "" {
		host, port, err := net.SplitHostPort(f.listen)
		n, perr := strconv.Atoi(port)
		if err != nil || perr != nil || n < 0 || n > 65535 {
			return fmt.Errorf("run: --listen %q: want an IP address and a port, like 127.0.0.1:3389 or [::1]:0", f.listen)
		}
		pol.Listen.Addresses, pol.Listen.Port = []string{host}, n
	}
	lcfg, err := listenConfig(pol.Listen)
	if err != nil {
		return err
	}
	if f.check {
		fmt.Println("configuration OK")
		return nil
	}
	log, err := newLogger(f.logLevel)
	if err != nil {
		return err
	}
	defer log.Sync()
	if f.cpuProfile != "" {
		pf, err := os.Create(f.cpuProfile)
		if err != nil {
			return fmt.Errorf("run: --cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(pf); err != nil {
			pf.Close()
			return fmt.Errorf("run: --cpuprofile: %w", err)
		}
		defer func() {
			pprof.StopCPUProfile()
			pf.Close()
		}()
	}

	key, err := loadKey(pol)
	if err != nil {
		return err
	}
	screen, err := openScreen(pol.Capture, log)
	if err != nil {
		return err
	}
	defer screen.Close()

	reg := registry.NewRegistry(registry.Config{
		MaxWaiting:  pol.Invitation.MaxWaiting,
		MaxLifetime: pol.Invitation.MaxLifetime.Duration,
		MaxFailures: pol.Invitation.MaxFailedAttempts,
	})
	var d *daemon.Daemon // set below; the server calls it only after Serve starts
	srvCfg := server.Config{
		Logger:               log,
		Key:                  key,
		Security:             securityOf(pol.RDP.Security),
		EncryptionMethods:    methodsOf(pol.RDP.EncryptionMethods),
		HandshakeTimeout:     pol.RDP.HandshakeTimeout.Duration,
		StepTimeout:          min(10*time.Second, pol.RDP.HandshakeTimeout.Duration),
		MaxPendingHandshakes: pol.RDP.MaxPendingHandshakes,
		Screen:               screen,
		MaxFrameRate:         pol.RDP.MaxFrameRate,
		MaxBitsPerPixel:      pol.Bandwidth.Level.MaxBitsPerPixel(),
		Compression:          true,
		UnsafeNoAuth:         f.unsafeNoAuth,
	}
	// Only an expert naming a live invitation gets past Client Info (with
	// --unsafe-no-auth, a client naming none may too, as a plain RDP
	// client); the daemon's handler runs the Remote Assistance session.
	srvCfg.CheckClientInfo = func(remote net.Addr, ci *sec.ClientInfo) error { return d.CheckClientInfo(remote, ci) }
	srvCfg.Handler = func(c *server.Conn) server.Handler { return d.Handler(c) }
	srv, err := server.New(srvCfg)
	if err != nil {
		return err
	}
	if lvl := pol.Bandwidth.Level; lvl != policy.BandwidthNone {
		log.Info("bandwidth optimization", zap.String("level", string(lvl)),
			zap.Uint16("max_bpp", lvl.MaxBitsPerPixel()),
			zap.String("note", "full-window drag and the desktop background are the novice's desktop settings, left unchanged"))
	}
	if f.unsafeNoAuth {
		log.Warn("UNSAFE: --unsafe-no-auth is on: anyone who connects sees this desktop without a password or consent")
	}
	kh, kh2 := srv.KeyHashes()
	log.Info("server key", zap.String("kh", kh), zap.String("kh2", kh2), zap.String("tls_sha256", key.TLSFingerprint()))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	set, err := listener.Listen(ctx, lcfg)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	defer set.Close()
	for _, sk := range set.Skipped {
		log.Warn("not listening on an address", zap.Error(&sk))
	}
	for _, a := range set.Addrs() {
		log.Info("listening", zap.Stringer("addr", a))
	}
	// Share control needs the injector and the panic-key watcher; without
	// them helpers only view.
	pk, _ := policy.LookupPanicKey(pol.Remote.PanicKey)
	inj, panicWatch, err := openInput(ctx, captureDisplay(pol.Capture), pk, log)
	if err != nil {
		log.Warn("helpers can only view: input injection is unavailable", zap.Error(err))
	} else {
		log.Info("share control ready", zap.String("panic_key", pol.Remote.PanicKey))
	}
	d = daemon.New(daemon.Config{
		Log: log, Policy: &pol.Invitation, Registry: reg, KeyHashes: srv.KeyHashes,
		Addrs: set.Addrs, Server: srv, UserName: noviceName(pol.Invitation.UserName),
		Consent: &pol.Consent, Display: captureDisplay(pol.Capture), UnsafeNoAuth: f.unsafeNoAuth,
		Remote: &pol.Remote, Injector: inj, PanicWatch: panicWatch,
		Rand: rand.Reader, Now: time.Now, Version: version,
	})
	sockPath := controlSocket(pol)
	ctl, err := localapi.Listen(sockPath, localapi.ListenOptions{})
	if err != nil {
		return fmt.Errorf("run: control socket: %w", err)
	}
	log.Info("control socket", zap.String("path", sockPath))

	var wg sync.WaitGroup
	wg.Go(func() {
		if err := (&localapi.Server{Backend: d, Log: log}).Serve(ctx, ctl); err != nil {
			log.Error("control socket failed", zap.Error(err))
		}
	})
	wg.Go(func() { d.Run(ctx) })
	wg.Go(func() {
		set.Serve(ctx, func(ctx context.Context, ln net.Listener) error { return srv.Serve(ctx, ln) })
	})
	<-ctx.Done()
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	wg.Wait()
	return err
}

// listenConfig maps the policy's [listen] section to the listener's.
func listenConfig(l policy.Listen) (listener.Config, error) {
	addrs, err := listener.Parse(l.Addresses)
	if err != nil {
		return listener.Config{}, fmt.Errorf("run: listen.addresses: %w", err)
	}
	return listener.Config{
		Port: l.Port, Addresses: addrs, IPv4: l.IPv4, IPv6: l.IPv6,
		Loopback: l.Loopback, LinkLocal: l.LinkLocal,
	}, nil
}

// noviceName is the name written into invitations: the configured one, or
// the login name, or a neutral word when neither suits an invitation.
func noviceName(configured string) string {
	name := configured
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	if invite.CheckUserName(name) != nil {
		return "Novice"
	}
	return name
}

func loadPolicy(path string) (*policy.Policy, error) {
	if path == "" {
		return policy.Default(), nil
	}
	return policy.Load(path)
}

func newLogger(level string) (*zap.Logger, error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil {
		return nil, fmt.Errorf("run: --log-level %q: want debug, info, warn or error", level)
	}
	cfg := zap.NewProductionConfig()
	cfg.Level = zap.NewAtomicLevelAt(lvl)
	cfg.Encoding = "console"
	cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	cfg.EncoderConfig.EncodeLevel = zapcore.CapitalLevelEncoder
	cfg.DisableStacktrace = lvl > zapcore.DebugLevel
	cfg.Sampling = nil
	return cfg.Build()
}

// stateDir returns where the server key lives.
func stateDir(pol *policy.Policy) (string, error) {
	if pol.State.Dir != "" {
		return pol.State.Dir, nil
	}
	if os.Geteuid() == 0 {
		return "/var/lib/ranoviced", nil
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "ranoviced"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("run: no state directory: set [state] dir: %w", err)
	}
	return filepath.Join(home, ".local", "state", "ranoviced"), nil
}

func loadKey(pol *policy.Policy) (*serverkey.Key, error) {
	dir, err := stateDir(pol)
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	return serverkey.LoadOrCreate(dir, host, time.Now())
}

func securityOf(s policy.Security) acceptor.Security {
	switch s {
	case policy.SecurityRDP:
		return acceptor.SecurityRDP
	case policy.SecurityTLS:
		return acceptor.SecurityTLS
	}
	return acceptor.SecurityAuto
}

func methodsOf(bits []int) gcc.EncryptionMethod {
	var m gcc.EncryptionMethod
	for _, b := range bits {
		switch b {
		case 40:
			m |= gcc.EncryptionMethod40Bit
		case 56:
			m |= gcc.EncryptionMethod56Bit
		case 128:
			m |= gcc.EncryptionMethod128Bit
		}
	}
	return m
}

// captureDisplay is the X display the daemon shares (and shows consent
// dialogs on).
func captureDisplay(c policy.Capture) string {
	if c.Display != "" {
		return c.Display
	}
	return os.Getenv("DISPLAY")
}

// openScreen opens the capture backend the policy names.
func openScreen(c policy.Capture, log *zap.Logger) (shadow.Screen, error) {
	display := captureDisplay(c)
	if c.Backend == "x11" || (c.Backend == "auto" && runtime.GOOS == "linux") {
		s, err := openX11(display, log)
		if err == nil || c.Backend == "x11" {
			if err != nil {
				return nil, fmt.Errorf("run: X11 capture: %w", err)
			}
			log.Info("capturing the X11 display", zap.String("display", display), zap.String("backend", "x11"))
			return s, nil
		}
		log.Warn("X11 capture unavailable; falling back to the screenshot backend", zap.Error(err))
	}
	s, err := screenshot.Open()
	if err != nil {
		return nil, fmt.Errorf("run: screen capture: %w", err)
	}
	log.Info("capturing the screen", zap.String("backend", "screenshot"))
	return s, nil
}
