package listener

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"syscall"
)

// Config says where to listen.
type Config struct {
	// Port is the TCP port bound on every address; 0 gives each address a
	// dynamic port of its own, as Windows does.
	Port int
	// Addresses is an explicit list to bind (see [Parse]); it is bound in
	// [Order], whatever the flags below say. Empty means every usable local
	// address, as [LocalAddresses] selects them.
	Addresses []netip.Addr
	// IPv4 and IPv6 select the address families when enumerating.
	IPv4, IPv6 bool
	// Loopback includes loopback addresses when enumerating.
	Loopback bool
	// LinkLocal includes link-local addresses when enumerating: IPv6
	// fe80::/10 (with their zone) and IPv4 169.254/16.
	LinkLocal bool
}

// BindError says why one address could not be bound.
type BindError struct {
	// Addr is the address and the port asked for (0: a dynamic port).
	Addr netip.AddrPort
	Err  error
}

func (e *BindError) Error() string {
	where := e.Addr.String()
	if e.Addr.Port() == 0 {
		where = e.Addr.Addr().String()
	}
	var errno syscall.Errno
	switch {
	case errors.Is(e.Err, syscall.EADDRINUSE) && e.Addr.Port() == 0:
		return where + ": no dynamic port free"
	case errors.Is(e.Err, syscall.EADDRINUSE):
		return fmt.Sprintf("%s: port %d is already in use", where, e.Addr.Port())
	case errors.Is(e.Err, syscall.EADDRNOTAVAIL):
		return where + ": not an address of this host (or not usable yet)"
	case errors.Is(e.Err, syscall.EINVAL) && e.Addr.Addr().Zone() != "":
		return where + ": invalid argument (is " + e.Addr.Addr().Zone() + " an interface of this host?)"
	case errors.As(e.Err, &errno):
		return where + ": " + errno.Error()
	}
	return where + ": " + e.Err.Error()
}

func (e *BindError) Unwrap() error { return e.Err }

// Set is the listeners bound by [Listen], one per address.
type Set struct {
	// Skipped lists the addresses that could not be bound, in order, with
	// why; the others are bound. Read-only.
	Skipped []BindError

	lns   []net.Listener   // immutable after Listen
	addrs []netip.AddrPort // immutable after Listen; read back from lns[i]

	mu     sync.Mutex // guards closed
	closed bool
}

// Listen binds cfg.Addresses, or when there are none every address
// [LocalAddresses] chooses, each on its own socket ("[addr%zone]:port") and
// on cfg.Port or a dynamic port of its own, most reachable first. An address that cannot be
// bound (a tentative IPv6 address, one removed meanwhile, a port in use on
// it) is skipped and reported in Set.Skipped; Listen fails only when no
// address could be bound, saying which addresses failed and why.
func Listen(ctx context.Context, cfg Config) (*Set, error) {
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("listener: port %d: want 0..65535", cfg.Port)
	}
	var (
		addrs []netip.Addr
		err   error
	)
	if len(cfg.Addresses) > 0 {
		addrs, err = explicit(cfg.Addresses)
	} else {
		addrs, err = LocalAddresses(cfg)
		if err == nil && len(addrs) == 0 {
			err = fmt.Errorf("listener: no usable local address (%s)", describe(cfg))
		}
	}
	if err != nil {
		return nil, err
	}
	s := &Set{}
	var lc net.ListenConfig
	for _, a := range addrs {
		if err := ctx.Err(); err != nil {
			s.Close()
			return nil, fmt.Errorf("listener: %w", err)
		}
		want := netip.AddrPortFrom(a, uint16(cfg.Port))
		network := "tcp4"
		if a.Is6() {
			network = "tcp6"
		}
		ln, err := lc.Listen(ctx, network, want.String())
		if err != nil {
			s.Skipped = append(s.Skipped, BindError{Addr: want, Err: err})
			continue
		}
		got, err := boundAddr(ln, a)
		if err != nil {
			ln.Close()
			s.Skipped = append(s.Skipped, BindError{Addr: want, Err: err})
			continue
		}
		s.lns = append(s.lns, ln)
		s.addrs = append(s.addrs, got)
	}
	if len(s.lns) == 0 {
		errs := make([]any, len(s.Skipped))
		for i := range s.Skipped {
			errs[i] = &s.Skipped[i]
		}
		format := "listener: no address could be bound: " + strings.TrimPrefix(strings.Repeat("; %w", len(errs)), "; ")
		return nil, fmt.Errorf(format, errs...)
	}
	return s, nil
}

// boundAddr reads back the address ln, bound to asked, really listens on.
func boundAddr(ln net.Listener, asked netip.Addr) (netip.AddrPort, error) {
	ta, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return netip.AddrPort{}, fmt.Errorf("not a TCP address: %s", ln.Addr())
	}
	ap := ta.AddrPort()
	got := ap.Addr().Unmap()
	// Linux's getsockname gives a zero sin6_scope_id back for a listener
	// bound to a link-local address (seen on 6.18); the bind with the zone
	// succeeded, so the socket is on that interface.
	if got.Zone() == "" && got == asked.WithZone("") {
		got = asked
	}
	return netip.AddrPortFrom(got, ap.Port()), nil
}

// describe names the enumeration flags of cfg for an error message.
func describe(cfg Config) string {
	onOff := func(name string, on bool) string {
		if on {
			return name + " on"
		}
		return name + " off"
	}
	return strings.Join([]string{
		onOff("IPv4", cfg.IPv4), onOff("IPv6", cfg.IPv6),
		onOff("loopback", cfg.Loopback), onOff("link-local", cfg.LinkLocal),
	}, ", ")
}

// Addrs returns the address/port pairs the set listens on, read back from
// the listeners (so dynamic ports are the real ones), most reachable first.
// This is the list for the connection string.
func (s *Set) Addrs() []netip.AddrPort {
	return append([]netip.AddrPort(nil), s.addrs...)
}

// Listeners returns the listeners, in the order of Addrs. Prefer Addrs
// for their addresses: a listener's own Addr may lack the zone of a
// link-local address.
func (s *Set) Listeners() []net.Listener {
	return append([]net.Listener(nil), s.lns...)
}

// Serve runs serve on every listener concurrently and returns when all of
// them have returned, with the first error a serve call returned. When ctx
// is cancelled or any serve call returns, the context given to the others
// is cancelled and every listener is closed, so that the set stops as a
// whole; the set is closed when Serve returns. Call Serve once.
func (s *Set) Serve(ctx context.Context, serve func(context.Context, net.Listener) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	closed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		s.Close()
		close(closed)
	})

	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, ln := range s.lns {
		wg.Go(func() {
			err := serve(ctx, ln)
			once.Do(func() { first = err })
			cancel()
		})
	}
	wg.Wait()
	if !stop() {
		<-closed // the AfterFunc has started: wait for it, leaving no goroutine behind
	}
	s.Close()
	return first
}

// Close closes every listener. It is safe to call more than once and
// concurrently with Serve.
func (s *Set) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	for _, ln := range s.lns {
		if err := ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			errs = append(errs, fmt.Errorf("listener: close %s: %w", ln.Addr(), err))
		}
	}
	return errors.Join(errs...)
}
