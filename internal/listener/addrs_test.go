package listener

import (
	"errors"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func addrs(ss ...string) []netip.Addr {
	out := make([]netip.Addr, 0, len(ss))
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

func TestOrder(t *testing.T) {
	tests := []struct {
		name    string
		in, out []netip.Addr
	}{
		{"empty", nil, []netip.Addr{}},
		{
			"classes: IPv4, IPv6 global, loopback, link-local",
			addrs("fe80::1%eth0", "::1", "169.254.6.170", "fd00::2", "127.0.0.1", "2001:db8::5", "192.0.2.2"),
			addrs("192.0.2.2", "fd00::2", "2001:db8::5", "127.0.0.1", "::1", "169.254.6.170", "fe80::1%eth0"),
		},
		{
			// Windows lists link-local first (ra-protocol.md §2.3); FreeRDP
			// would then stall on them before reaching the reachable one.
			"Windows 2014 sample order is reversed",
			addrs("fe80::1032:53d9:5a01:909b%3", "fe80::3d8f:9b2d:6b4e:6aa%6", "192.168.1.200", "169.254.6.170"),
			addrs("192.168.1.200", "169.254.6.170", "fe80::1032:53d9:5a01:909b%3", "fe80::3d8f:9b2d:6b4e:6aa%6"),
		},
		{
			"stable within IPv4: input order kept, not sorted",
			addrs("192.168.1.5", "10.0.0.7", "203.0.113.9"),
			addrs("192.168.1.5", "10.0.0.7", "203.0.113.9"),
		},
		{
			"stable within IPv6: ULA and global are one class",
			addrs("fd00::2", "2001:db8::1", "fc00::9"),
			addrs("fd00::2", "2001:db8::1", "fc00::9"),
		},
		{
			"IPv4 loopback before IPv6 loopback, whole 127/8",
			addrs("::1", "127.0.0.2", "127.0.0.1"),
			addrs("127.0.0.2", "127.0.0.1", "::1"),
		},
		{
			"IPv4-mapped ranks as IPv4",
			addrs("fd00::2", "::ffff:10.0.0.1"),
			addrs("::ffff:10.0.0.1", "fd00::2"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := Order(in)
			if !slices.Equal(got, tt.out) {
				t.Errorf("Order(%v) = %v, want %v", tt.in, got, tt.out)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("Order modified its input: %v", in)
			}
		})
	}
}

// host mirrors this machine's layout (lo, eth0) plus interfaces that must
// never contribute.
var host = []Interface{
	{Name: "lo", Flags: net.FlagUp | net.FlagLoopback | net.FlagRunning, Addrs: addrs("127.0.0.1", "::1")},
	{Name: "eth0", Flags: net.FlagUp | net.FlagBroadcast | net.FlagMulticast | net.FlagRunning,
		Addrs: addrs("192.0.2.2", "fd00::2", "fe80::fc:ff:fe00:1")},
	{Name: "docker0", Flags: net.FlagUp | net.FlagBroadcast | net.FlagMulticast, // up, no carrier
		Addrs: addrs("172.17.0.1", "fe80::42:1")},
	{Name: "wlan0", Flags: net.FlagBroadcast | net.FlagMulticast, Addrs: addrs("10.0.0.5")}, // down
	{Name: "odd", Flags: net.FlagUp | net.FlagRunning,
		Addrs: addrs("0.0.0.0", "::", "ff02::1", "224.0.0.1", "::ffff:10.1.2.3", "169.254.1.1", "192.0.2.2", "fd00::3%odd")},
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want []netip.Addr
	}{
		{"nothing enabled", Config{}, nil},
		{"loopback but no family", Config{Loopback: true, LinkLocal: true}, nil},
		{"IPv4 and IPv6", Config{IPv4: true, IPv6: true},
			addrs("192.0.2.2", "fd00::2", "10.1.2.3", "fd00::3")},
		{"IPv4 only", Config{IPv4: true}, addrs("192.0.2.2", "10.1.2.3")},
		{"IPv6 only", Config{IPv6: true}, addrs("fd00::2", "fd00::3")},
		{"with loopback", Config{IPv4: true, IPv6: true, Loopback: true},
			addrs("127.0.0.1", "::1", "192.0.2.2", "fd00::2", "10.1.2.3", "fd00::3")},
		{"IPv4 loopback only", Config{IPv4: true, Loopback: true}, addrs("127.0.0.1", "192.0.2.2", "10.1.2.3")},
		{"with link-local: IPv6 gets the interface as zone", Config{IPv4: true, IPv6: true, LinkLocal: true},
			addrs("192.0.2.2", "fd00::2", "fe80::fc:ff:fe00:1%eth0", "10.1.2.3", "169.254.1.1", "fd00::3")},
		{"IPv6 link-local only", Config{IPv6: true, LinkLocal: true},
			addrs("fd00::2", "fe80::fc:ff:fe00:1%eth0", "fd00::3")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Filter(tt.cfg, host)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Filter = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFilterThenOrder(t *testing.T) {
	got := Order(Filter(Config{IPv4: true, IPv6: true, Loopback: true, LinkLocal: true}, host))
	want := addrs("192.0.2.2", "10.1.2.3", "fd00::2", "fd00::3", "127.0.0.1", "::1", "169.254.1.1", "fe80::fc:ff:fe00:1%eth0")
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestFilterSameLinkLocalOnTwoInterfaces(t *testing.T) {
	up := net.FlagUp | net.FlagRunning
	got := Filter(Config{IPv6: true, LinkLocal: true}, []Interface{
		{Name: "eth0", Flags: up, Addrs: addrs("fe80::1")},
		{Name: "eth1", Flags: up, Addrs: addrs("fe80::1")},
	})
	if want := addrs("fe80::1%eth0", "fe80::1%eth1"); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v (distinct zones are distinct addresses)", got, want)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		hosts []string
		want  []netip.Addr
	}{
		{"empty: enumerate", nil, nil},
		{"IPv4 and IPv6", []string{"192.0.2.2", "fd00::2", "127.0.0.1", "::1"},
			addrs("192.0.2.2", "fd00::2", "127.0.0.1", "::1")},
		{"order kept", []string{"::1", "127.0.0.1"}, addrs("::1", "127.0.0.1")},
		{"link-local with zone name", []string{"fe80::1%eth0"}, addrs("fe80::1%eth0")},
		{"link-local with zone index", []string{"fe80::1%3"}, addrs("fe80::1%3")},
		{"IPv4 link-local", []string{"169.254.6.170"}, addrs("169.254.6.170")},
		{"IPv4-mapped becomes IPv4", []string{"::ffff:192.0.2.2"}, addrs("192.0.2.2")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.hosts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.hosts, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		hosts []string
		want  string
	}{
		{"empty entry", []string{""}, `listener: "": not an IP address`},
		{"host name", []string{"localhost"}, `listener: "localhost": not an IP address (host names are not resolved)`},
		{"bad octet", []string{"127.0.0.1", "10.0.0.300"}, `listener: "10.0.0.300": not an IP address`},
		{"spaces", []string{" 10.0.0.1"}, `listener: " 10.0.0.1": not an IP address`},
		{"with port", []string{"127.0.0.1:3389"}, `listener: "127.0.0.1:3389": write the address without a port`},
		{"IPv6 with port", []string{"[::1]:3389"}, `listener: "[::1]:3389": write the address without a port`},
		{"brackets", []string{"[::1]"}, `listener: "[::1]": not an IP address`},
		{"unspecified IPv4", []string{"0.0.0.0"}, `listener: "0.0.0.0": the unspecified address; list no address to listen on every local address`},
		{"unspecified IPv6", []string{"::"}, `listener: "::": the unspecified address`},
		{"multicast", []string{"ff02::1"}, `listener: "ff02::1": a multicast address`},
		{"link-local without zone", []string{"fe80::1"}, `listener: "fe80::1": an IPv6 link-local address needs its zone, as in fe80::1%eth0`},
		{"zone on global IPv6", []string{"fd00::2%eth0"}, `listener: "fd00::2%eth0": a zone is only meaningful on an IPv6 link-local address`},
		{"zone on IPv4", []string{"192.0.2.2%eth0"}, `listener: "192.0.2.2%eth0": a zone is only meaningful on an IPv6 link-local address`},
		{"zone on IPv4-mapped", []string{"::ffff:169.254.1.1%eth0"}, `a zone is only meaningful`},
		{"duplicate", []string{"127.0.0.1", "::1", "127.0.0.1"}, `listener: "127.0.0.1": listed twice`},
		{"duplicate through mapping", []string{"127.0.0.1", "::ffff:127.0.0.1"}, `listener: "::ffff:127.0.0.1": listed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.hosts)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.hosts, got)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line", err)
			}
		})
	}
}

func TestExplicit(t *testing.T) {
	tests := []struct {
		name    string
		in      []netip.Addr
		want    []netip.Addr
		wantErr string
	}{
		{"ordered", addrs("fe80::1%eth0", "::1", "127.0.0.1", "192.0.2.2"),
			addrs("192.0.2.2", "127.0.0.1", "::1", "fe80::1%eth0"), ""},
		{"duplicates dropped", addrs("127.0.0.1", "::ffff:127.0.0.1", "127.0.0.1"), addrs("127.0.0.1"), ""},
		{"invalid", []netip.Addr{{}}, nil, "listener: invalid IP: invalid address"},
		{"unspecified", addrs("::"), nil, "listener: ::: the unspecified address"},
		{"link-local without zone", addrs("fe80::1"), nil, "listener: fe80::1: an IPv6 link-local address needs its zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := explicit(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("explicit(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestBindErrorMessages(t *testing.T) {
	op := func(errno syscall.Errno) error {
		return &net.OpError{Op: "listen", Net: "tcp4", Err: os.NewSyscallError("bind", errno)}
	}
	tests := []struct {
		name string
		e    BindError
		want string
	}{
		{"port in use names the port", BindError{netip.MustParseAddrPort("127.0.0.1:3389"), op(syscall.EADDRINUSE)},
			"127.0.0.1:3389: port 3389 is already in use"},
		{"dynamic ports exhausted", BindError{netip.MustParseAddrPort("127.0.0.1:0"), op(syscall.EADDRINUSE)},
			"127.0.0.1: no dynamic port free"},
		{"not on this host, dynamic port", BindError{netip.MustParseAddrPort("192.0.2.123:0"), op(syscall.EADDRNOTAVAIL)},
			"192.0.2.123: not an address of this host (or not usable yet)"},
		{"unknown zone", BindError{netip.MustParseAddrPort("[fe80::1%eth7]:0"), op(syscall.EINVAL)},
			"fe80::1%eth7: invalid argument (is eth7 an interface of this host?)"},
		{"other errno", BindError{netip.MustParseAddrPort("[fe80::1%eth9]:0"), op(syscall.ENODEV)},
			"fe80::1%eth9: " + syscall.ENODEV.Error()},
		{"not an errno", BindError{netip.MustParseAddrPort("[::1]:3389"), errors.New("boom")},
			"[::1]:3389: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(&tt.e, tt.e.Err) {
				t.Error("BindError does not unwrap to its cause")
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	got := describe(Config{IPv4: true, Loopback: true})
	if want := "IPv4 on, IPv6 off, loopback on, link-local off"; got != want {
		t.Errorf("describe = %q, want %q", got, want)
	}
}
