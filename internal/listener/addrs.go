package listener

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
)

// Interface is what address selection looks at in one network interface.
type Interface struct {
	// Name is the interface name; it becomes the zone of the interface's
	// IPv6 link-local addresses.
	Name  string
	Flags net.Flags
	Addrs []netip.Addr
}

// LocalAddresses returns the usable addresses of this machine's interfaces,
// as [Filter] selects them for cfg, in [Order]. cfg.Addresses and cfg.Port
// are ignored. No usable address is not an error here; [Listen] reports it.
func LocalAddresses(cfg Config) ([]netip.Addr, error) {
	nifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("listener: list interfaces: %w", err)
	}
	ifaces := make([]Interface, 0, len(nifs))
	for _, nif := range nifs {
		nas, err := nif.Addrs()
		if err != nil {
			return nil, fmt.Errorf("listener: addresses of %s: %w", nif.Name, err)
		}
		iface := Interface{Name: nif.Name, Flags: nif.Flags}
		for _, na := range nas {
			var ip net.IP
			switch a := na.(type) {
			case *net.IPNet:
				ip = a.IP
			case *net.IPAddr:
				ip = a.IP
			}
			if a, ok := netip.AddrFromSlice(ip); ok {
				iface.Addrs = append(iface.Addrs, a)
			}
		}
		ifaces = append(ifaces, iface)
	}
	return Order(Filter(cfg, ifaces)), nil
}

// Filter selects the usable addresses of ifaces for cfg, in the order they
// come, without duplicates:
//
//   - only interfaces that are up and running (an interface without carrier
//     cannot carry the expert's SYN, and listing its address first would cost
//     the expert a connect timeout);
//   - only the families cfg enables (IPv4-mapped IPv6 addresses count as
//     IPv4);
//   - never multicast or unspecified addresses;
//   - loopback addresses only when cfg.Loopback;
//   - link-local addresses (169.254/16, fe80::/10) only when cfg.LinkLocal;
//     an IPv6 one gets its interface's name as its zone.
//
// cfg.Addresses and cfg.Port are ignored.
func Filter(cfg Config, ifaces []Interface) []netip.Addr {
	var out []netip.Addr
	for _, iface := range ifaces {
		if iface.Flags&net.FlagUp == 0 || iface.Flags&net.FlagRunning == 0 {
			continue
		}
		for _, a := range iface.Addrs {
			a = a.Unmap().WithZone("")
			switch {
			case !a.IsValid(), a.IsUnspecified(), a.IsMulticast():
				continue
			case a.Is4() && !cfg.IPv4, a.Is6() && !cfg.IPv6:
				continue
			case a.IsLoopback() && !cfg.Loopback:
				continue
			case a.IsLinkLocalUnicast():
				if !cfg.LinkLocal {
					continue
				}
				if a.Is6() {
					a = a.WithZone(iface.Name)
				}
			}
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// Order returns addrs (a new slice) with the most reachable first:
//
//  1. IPv4 global and private addresses,
//  2. IPv6 global addresses, including ULA (fc00::/7),
//  3. IPv4 loopback, then IPv6 loopback,
//  4. IPv4 link-local (169.254/16), then IPv6 link-local.
//
// Within a class the order of addrs is kept (interface order when
// enumerating, the administrator's order for an explicit list), so the
// result is deterministic.
func Order(addrs []netip.Addr) []netip.Addr {
	out := slices.Clone(addrs)
	slices.SortStableFunc(out, func(a, b netip.Addr) int { return rank(a) - rank(b) })
	return out
}

// rank is an address's class in [Order]; lower is more reachable.
func rank(a netip.Addr) int {
	a = a.Unmap()
	r := 0
	switch {
	case a.IsLoopback():
		r = 2
	case a.IsLinkLocalUnicast():
		r = 4
	}
	if a.Is6() {
		r++
	}
	return r
}

// Parse parses configured listen addresses: IP addresses without a port,
// an IPv6 link-local one with its zone ("fe80::1%eth0"). Host names are not
// resolved. IPv4-mapped IPv6 addresses become IPv4. An empty list gives nil
// (listen on every usable local address).
func Parse(hosts []string) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, h := range hosts {
		a, err := netip.ParseAddr(h)
		if err != nil {
			return nil, parseError(h)
		}
		a, err = normalize(a)
		if err != nil {
			return nil, fmt.Errorf("listener: %q: %v", h, err)
		}
		if slices.Contains(out, a) {
			return nil, fmt.Errorf("listener: %q: listed twice", h)
		}
		out = append(out, a)
	}
	return out, nil
}

// parseError explains why h is not an address.
func parseError(h string) error {
	if _, err := netip.ParseAddrPort(h); err == nil {
		return fmt.Errorf("listener: %q: write the address without a port", h)
	}
	if host, _, ok := strings.Cut(h, "%"); ok {
		if a, err := netip.ParseAddr(host); err == nil && a.Is4() {
			return fmt.Errorf("listener: %q: a zone is only meaningful on an IPv6 link-local address", h)
		}
	}
	return fmt.Errorf("listener: %q: not an IP address (host names are not resolved)", h)
}

// normalize checks that a can be bound on its own and reported to an
// expert, and unmaps an IPv4-mapped address.
func normalize(a netip.Addr) (netip.Addr, error) {
	switch {
	case !a.IsValid():
		return a, errors.New("invalid address")
	case a.Zone() != "" && (a.Is4In6() || !a.IsLinkLocalUnicast()):
		return a, errors.New("a zone is only meaningful on an IPv6 link-local address")
	}
	a = a.Unmap()
	switch {
	case a.IsUnspecified():
		return a, errors.New("the unspecified address; list no address to listen on every local address")
	case a.IsMulticast():
		return a, errors.New("a multicast address")
	case a.Is6() && a.IsLinkLocalUnicast() && a.Zone() == "":
		return a, fmt.Errorf("an IPv6 link-local address needs its zone, as in %s%%eth0", a)
	}
	return a, nil
}

// explicit normalizes a configured list for binding: checked, unmapped,
// without duplicates, in [Order].
func explicit(addrs []netip.Addr) ([]netip.Addr, error) {
	var out []netip.Addr
	for _, a := range addrs {
		n, err := normalize(a)
		if err != nil {
			return nil, fmt.Errorf("listener: %v: %v", a, err)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return Order(out), nil
}
