package listener

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests bind addresses of this machine but connect only to loopback
// addresses.

var (
	lo4 = netip.MustParseAddr("127.0.0.1")
	lo6 = netip.MustParseAddr("::1")
)

// requireIPv6Loopback skips the (sub)test when ::1 cannot be bound here.
func requireIPv6Loopback(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback on this machine (%v): skipping the IPv6 part", err)
	}
	ln.Close()
}

func listen(t *testing.T, cfg Config) *Set {
	t.Helper()
	s, err := Listen(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// readBack returns what the set's listeners report, in order.
func readBack(t *testing.T, s *Set) []netip.AddrPort {
	t.Helper()
	var out []netip.AddrPort
	for _, ln := range s.Listeners() {
		ap := ln.Addr().(*net.TCPAddr).AddrPort()
		out = append(out, netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()))
	}
	return out
}

// checkReadBack checks that Addrs is what the listeners report. The kernel
// may report a link-local address without its zone.
func checkReadBack(t *testing.T, s *Set) {
	t.Helper()
	got, reported := s.Addrs(), readBack(t, s)
	same := func(a, r netip.AddrPort) bool {
		if r.Addr().Zone() == "" && a.Addr().IsLinkLocalUnicast() {
			a = netip.AddrPortFrom(a.Addr().WithZone(""), a.Port())
		}
		return a == r
	}
	if !slices.EqualFunc(got, reported, same) {
		t.Fatalf("Addrs() = %v, listeners report %v", got, reported)
	}
}

// roundTrip connects to ap (a loopback address), accepts on ln and checks
// that a byte goes through.
func roundTrip(t *testing.T, ln net.Listener, ap netip.AddrPort) {
	t.Helper()
	if !ap.Addr().IsLoopback() {
		t.Fatalf("test bug: connecting to non-loopback %s", ap)
	}
	c, err := net.Dial("tcp", ap.String())
	if err != nil {
		t.Fatalf("dial %s: %v", ap, err)
	}
	defer c.Close()
	sc, err := ln.Accept() // the connection is in the backlog already
	if err != nil {
		t.Fatalf("accept on %s: %v", ap, err)
	}
	defer sc.Close()
	if _, err := c.Write([]byte{0x42}); err != nil {
		t.Fatal(err)
	}
	var b [1]byte
	if _, err := io.ReadFull(sc, b[:]); err != nil || b[0] != 0x42 {
		t.Fatalf("read on %s: %v %x", ap, err, b)
	}
}

func TestListenExplicitDynamicPorts(t *testing.T) {
	tests := []struct {
		name  string
		addrs []netip.Addr
		v6    bool
	}{
		{"127.0.0.1", []netip.Addr{lo4}, false},
		{"::1", []netip.Addr{lo6}, true},
		{"::1 and 127.0.0.1 bound in order", []netip.Addr{lo6, lo4}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.v6 {
				requireIPv6Loopback(t)
			}
			s := listen(t, Config{Addresses: tt.addrs})
			if len(s.Skipped) != 0 {
				t.Fatalf("skipped %v", s.Skipped)
			}
			checkReadBack(t, s)
			got := s.Addrs()
			var gotAddrs []netip.Addr
			for _, ap := range got {
				if ap.Port() == 0 {
					t.Errorf("%v: port 0, want the real dynamic port", ap)
				}
				gotAddrs = append(gotAddrs, ap.Addr())
			}
			if want := Order(tt.addrs); !slices.Equal(gotAddrs, want) {
				t.Errorf("addresses %v, want %v", gotAddrs, want)
			}
			for i, ln := range s.Listeners() {
				roundTrip(t, ln, got[i])
			}
		})
	}
}

// freePort finds a port free on 127.0.0.1 (and ::1 when v6).
func freePort(t *testing.T, v6 bool) int {
	t.Helper()
	for range 10 {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		if !v6 {
			return port
		}
		ln6, err := net.Listen("tcp6", fmt.Sprintf("[::1]:%d", port))
		if err == nil {
			ln6.Close()
			return port
		}
	}
	t.Fatal("no port free on both 127.0.0.1 and ::1")
	return 0
}

func TestListenFixedPort(t *testing.T) {
	for _, v6 := range []bool{false, true} {
		addrs := []netip.Addr{lo4}
		if v6 {
			addrs = append(addrs, lo6)
		}
		t.Run(fmt.Sprint(addrs), func(t *testing.T) {
			if v6 {
				requireIPv6Loopback(t)
			}
			var s *Set
			var port int
			for range 5 { // another process may take the port meanwhile
				port = freePort(t, v6)
				var err error
				s, err = Listen(context.Background(), Config{Port: port, Addresses: addrs})
				if err == nil && len(s.Skipped) == 0 {
					break
				}
				if err == nil {
					s.Close()
				}
				s = nil
			}
			if s == nil {
				t.Fatalf("could not bind a fixed port on %v", addrs)
			}
			defer s.Close()
			var want []netip.AddrPort
			for _, a := range addrs {
				want = append(want, netip.AddrPortFrom(a, uint16(port)))
			}
			if got := s.Addrs(); !slices.Equal(got, want) {
				t.Fatalf("Addrs() = %v, want %v", got, want)
			}
			if got := readBack(t, s); !slices.Equal(got, want) {
				t.Fatalf("listeners report %v, want %v", got, want)
			}
			for i, ln := range s.Listeners() {
				roundTrip(t, ln, want[i])
			}
		})
	}
}

func TestListenPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	t.Run("only address: error names the port", func(t *testing.T) {
		s, err := Listen(context.Background(), Config{Port: port, Addresses: []netip.Addr{lo4}})
		if err == nil {
			s.Close()
			t.Fatal("Listen succeeded on a port in use")
		}
		want := fmt.Sprintf("listener: no address could be bound: 127.0.0.1:%d: port %d is already in use", port, port)
		if err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			t.Errorf("err = %v, want it to wrap EADDRINUSE", err)
		}
		var be *BindError
		if !errors.As(err, &be) || be.Addr != netip.AddrPortFrom(lo4, uint16(port)) {
			t.Errorf("err = %#v, want a *BindError for 127.0.0.1:%d", err, port)
		}
	})
	t.Run("the other address still binds", func(t *testing.T) {
		requireIPv6Loopback(t)
		s, err := Listen(context.Background(), Config{Port: port, Addresses: []netip.Addr{lo4, lo6}})
		if err != nil {
			t.Skipf("port %d is in use on ::1 as well: %v", port, err)
		}
		defer s.Close()
		if want := []netip.AddrPort{netip.AddrPortFrom(lo6, uint16(port))}; !slices.Equal(s.Addrs(), want) {
			t.Errorf("Addrs() = %v, want %v", s.Addrs(), want)
		}
		if len(s.Skipped) != 1 || s.Skipped[0].Addr != netip.AddrPortFrom(lo4, uint16(port)) ||
			!errors.Is(&s.Skipped[0], syscall.EADDRINUSE) {
			t.Errorf("Skipped = %v, want 127.0.0.1:%d in use", s.Skipped, port)
		}
	})
}

// requireNoNonlocalBind skips when this host lets any address be bound or
// owns the TEST-NET-1 address the tests use as "not on this host".
func requireNoNonlocalBind(t *testing.T, foreign ...netip.Addr) {
	t.Helper()
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_nonlocal_bind"); err == nil && strings.TrimSpace(string(b)) != "0" {
		t.Skip("net.ipv4.ip_nonlocal_bind is on: any address can be bound here")
	}
	local, err := LocalAddresses(Config{IPv4: true, Loopback: true, LinkLocal: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range foreign {
		if slices.Contains(local, a) {
			t.Skipf("%v is an address of this host", a)
		}
	}
}

func TestListenSkipsUnbindable(t *testing.T) {
	foreign := netip.MustParseAddr("192.0.2.123")   // TEST-NET-1, RFC 5737
	foreign2 := netip.MustParseAddr("198.51.100.7") // TEST-NET-2
	requireNoNonlocalBind(t, foreign, foreign2)

	t.Run("skipped and reported, the rest bound", func(t *testing.T) {
		s := listen(t, Config{Addresses: []netip.Addr{foreign, lo4}})
		got := s.Addrs()
		if len(got) != 1 || got[0].Addr() != lo4 || got[0].Port() == 0 {
			t.Fatalf("Addrs() = %v, want 127.0.0.1 on a dynamic port", got)
		}
		if len(s.Skipped) != 1 || s.Skipped[0].Addr != netip.AddrPortFrom(foreign, 0) ||
			!errors.Is(&s.Skipped[0], syscall.EADDRNOTAVAIL) {
			t.Fatalf("Skipped = %v, want %v with EADDRNOTAVAIL", s.Skipped, foreign)
		}
		if msg := s.Skipped[0].Error(); msg != "192.0.2.123: not an address of this host (or not usable yet)" {
			t.Errorf("Skipped[0].Error() = %q", msg)
		}
		roundTrip(t, s.Listeners()[0], got[0])
	})
	t.Run("nothing bound: error lists every address", func(t *testing.T) {
		s, err := Listen(context.Background(), Config{Port: 3389, Addresses: []netip.Addr{foreign, foreign2}})
		if err == nil {
			s.Close()
			t.Fatal("Listen succeeded with no address of this host")
		}
		want := "listener: no address could be bound: " +
			"192.0.2.123:3389: not an address of this host (or not usable yet); " +
			"198.51.100.7:3389: not an address of this host (or not usable yet)"
		if err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
	})
}

func TestListenConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"nothing to enumerate", Config{Loopback: true},
			"listener: no usable local address (IPv4 off, IPv6 off, loopback on, link-local off)"},
		{"negative port", Config{Port: -1, Addresses: []netip.Addr{lo4}}, "listener: port -1: want 0..65535"},
		{"port too big", Config{Port: 65536, Addresses: []netip.Addr{lo4}}, "listener: port 65536: want 0..65535"},
		{"unspecified", Config{Addresses: []netip.Addr{netip.IPv4Unspecified()}}, "listener: 0.0.0.0: the unspecified address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Listen(context.Background(), tt.cfg)
			if err == nil {
				s.Close()
				t.Fatal("Listen succeeded")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestListenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := Listen(ctx, Config{Addresses: []netip.Addr{lo4}})
	if err == nil {
		s.Close()
		t.Fatal("Listen succeeded with a cancelled context")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// checkEnumerated checks what must hold for any LocalAddresses result on
// any machine.
func checkEnumerated(t *testing.T, cfg Config, got []netip.Addr) {
	t.Helper()
	if !slices.Equal(got, Order(got)) {
		t.Errorf("%v is not in Order", got)
	}
	ifaces, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range got {
		switch {
		case slices.Contains(got[:i], a):
			t.Errorf("%v listed twice", a)
		case !a.IsValid() || a.IsUnspecified() || a.IsMulticast() || a.Is4In6():
			t.Errorf("%v: not a unicast address", a)
		case a.Is4() && !cfg.IPv4, a.Is6() && !cfg.IPv6:
			t.Errorf("%v: family not enabled", a)
		case a.IsLoopback() && !cfg.Loopback:
			t.Errorf("%v: loopback not enabled", a)
		case a.IsLinkLocalUnicast() && !cfg.LinkLocal:
			t.Errorf("%v: link-local not enabled", a)
		case a.Is6() && a.IsLinkLocalUnicast():
			if !slices.ContainsFunc(ifaces, func(i net.Interface) bool { return i.Name == a.Zone() }) {
				t.Errorf("%v: zone is not an interface name", a)
			}
		case a.Zone() != "":
			t.Errorf("%v: zone on a non-link-local address", a)
		}
	}
}

func TestLocalAddresses(t *testing.T) {
	for bits := range 16 {
		cfg := Config{IPv4: bits&1 != 0, IPv6: bits&2 != 0, Loopback: bits&4 != 0, LinkLocal: bits&8 != 0}
		t.Run(describe(cfg), func(t *testing.T) {
			got, err := LocalAddresses(cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v", got)
			checkEnumerated(t, cfg, got)
			if has, want := slices.Contains(got, lo4), cfg.IPv4 && cfg.Loopback; has != want {
				t.Errorf("127.0.0.1 listed: %v, want %v", has, want)
			}
			t.Run("::1", func(t *testing.T) {
				requireIPv6Loopback(t)
				if has, want := slices.Contains(got, lo6), cfg.IPv6 && cfg.Loopback; has != want {
					t.Errorf("::1 listed: %v, want %v", has, want)
				}
			})
		})
	}
}

func TestListenEnumerated(t *testing.T) {
	cfg := Config{IPv4: true, IPv6: true, Loopback: true, LinkLocal: true}
	chosen, err := LocalAddresses(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := listen(t, cfg)
	got := s.Addrs()
	t.Logf("bound %v, skipped %v", got, s.Skipped)
	checkReadBack(t, s)
	// Every chosen address is either bound (with its zone read back) or
	// skipped with a reason, in the chosen order.
	var accounted []netip.Addr
	for _, ap := range got {
		if ap.Port() == 0 {
			t.Errorf("%v: port 0", ap)
		}
		accounted = append(accounted, ap.Addr())
	}
	for _, sk := range s.Skipped {
		if sk.Err == nil {
			t.Errorf("%v skipped without a reason", sk.Addr)
		}
		accounted = append(accounted, sk.Addr.Addr())
	}
	if slices.SortFunc(accounted, netip.Addr.Compare); !slices.Equal(accounted, slices.SortedFunc(slices.Values(chosen), netip.Addr.Compare)) {
		t.Errorf("bound+skipped = %v, chosen %v", accounted, chosen)
	}
	var boundAddrs []netip.Addr
	for _, ap := range got {
		boundAddrs = append(boundAddrs, ap.Addr())
	}
	if !slices.Equal(boundAddrs, Order(boundAddrs)) {
		t.Errorf("Addrs() %v not in Order", got)
	}
	i := slices.IndexFunc(got, func(ap netip.AddrPort) bool { return ap.Addr() == lo4 })
	if i < 0 {
		t.Fatalf("127.0.0.1 not bound: %v (skipped %v)", got, s.Skipped)
	}
	roundTrip(t, s.Listeners()[i], got[i])
}

// serveGoroutines returns the stacks of the goroutines Serve started.
func serveGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		if strings.Contains(g, "listener.(*Set).Serve.func") {
			out = append(out, g)
		}
	}
	return out
}

// checkNoServeGoroutines waits for goroutines that have signalled they are
// done to exit; it fails if any of Serve's goroutines remains.
func checkNoServeGoroutines(t *testing.T) {
	t.Helper()
	var left []string
	for range 500 {
		if left = serveGoroutines(); len(left) == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("goroutines left behind by Serve:\n%s", strings.Join(left, "\n\n"))
}

// acceptLoop is a serve function that answers every connection with "x".
func acceptLoop(_ context.Context, ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		c.Write([]byte("x"))
		c.Close()
	}
}

func loopbackSet(t *testing.T) *Set {
	t.Helper()
	addrs := []netip.Addr{lo4, netip.MustParseAddr("127.0.0.2")}
	s := listen(t, Config{Addresses: addrs})
	if len(s.Listeners()) < 2 {
		t.Skipf("need two loopback listeners, got %v (skipped %v)", s.Addrs(), s.Skipped)
	}
	return s
}

func TestServeStopsOnCancel(t *testing.T) {
	s := loopbackSet(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, acceptLoop) }()

	for _, ap := range s.Addrs() {
		c, err := net.Dial("tcp", ap.String())
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(c)
		c.Close()
		if err != nil || string(b) != "x" {
			t.Fatalf("%v answered %q, %v", ap, b, err)
		}
	}
	if n := len(serveGoroutines()); n != len(s.Listeners()) {
		t.Errorf("%d goroutines in Serve, want one per listener (%d)", n, len(s.Listeners()))
	}
	cancel()
	if err := <-done; !errors.Is(err, net.ErrClosed) {
		t.Errorf("Serve = %v, want the listeners' ErrClosed", err)
	}
	for _, ln := range s.Listeners() {
		if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
			t.Errorf("%v still open after Serve: %v", ln.Addr(), err)
		}
	}
	checkNoServeGoroutines(t)
}

func TestServeOneStopsAll(t *testing.T) {
	s := loopbackSet(t)
	errFirst := errors.New("first listener failed")
	first := s.Listeners()[0]
	err := s.Serve(context.Background(), func(ctx context.Context, ln net.Listener) error {
		if ln == first {
			return errFirst
		}
		err := acceptLoop(ctx, ln)
		if ctx.Err() == nil {
			t.Errorf("%v: serve context not cancelled when its listener closed", ln.Addr())
		}
		return err
	})
	if !errors.Is(err, errFirst) {
		t.Errorf("Serve = %v, want %v", err, errFirst)
	}
	checkNoServeGoroutines(t)
}

func TestServeCancelledBeforehand(t *testing.T) {
	s := loopbackSet(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Serve(ctx, acceptLoop); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Serve = %v, want ErrClosed", err)
	}
	checkNoServeGoroutines(t)
}

func TestClose(t *testing.T) {
	s := listen(t, Config{Addresses: []netip.Addr{lo4}})
	addrs := s.Addrs()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	if _, err := s.Listeners()[0].Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close = %v", err)
	}
	if !slices.Equal(s.Addrs(), addrs) {
		t.Errorf("Addrs changed after Close: %v", s.Addrs())
	}
}
