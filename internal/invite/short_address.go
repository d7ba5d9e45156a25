package invite

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// freeRDP211MinHost is the shortest N that FreeRDP 2.11.7 keeps: its
// Connection String 2 parser appends an address only "if (length > 8)"
// (libfreerdp/common/assistance.c at tag 2.11.7; confirmed against xfreerdp
// 2.11.7, ra-protocol.md §2.2).
const freeRDP211MinHost = 9

// ForFreeRDP211 returns the listener list to write into Connection String 2
// so that FreeRDP 2.11.7 finds the same addresses as Windows and FreeRDP
// 3.x. Every entry of ls is kept, in order; right after each entry whose
// host has 8 characters or fewer (which 2.11.7 silently skips) comes a
// longer spelling of the same address, if there is one:
//
//   - an IPv6 literal fully expanded to eight groups, zone kept
//     ("::1" → "0:0:0:0:0:0:0:1");
//   - an IPv4 literal as an IPv4-mapped IPv6 literal
//     ("10.0.0.5" → "::ffff:10.0.0.5"); the expert's IPv6 socket sends
//     plain IPv4 to it, so it reaches the same listener. This needs IPv6
//     enabled on the expert's machine; it has not been tried against a
//     real xfreerdp 2.11.7 yet (ra-protocol.md §9 item 8);
//   - a host name has none: "pc1." would change how the name resolves,
//     so a short host name stays alone and 2.11.7 does not see it.
//
// Windows and FreeRDP 3.x try the addresses in order, so they use the
// original entry first and reach the long form only if it failed (a second
// connect to the same place); 2.11.7 never sees the short entry and uses
// the long form. A long form already in the list is not added again. ls is
// not modified.
func ForFreeRDP211(ls []Listener) []Listener {
	out := make([]Listener, 0, len(ls))
	for _, l := range ls {
		out = append(out, l)
		if len(l.Host) >= freeRDP211MinHost {
			continue
		}
		long, ok := longHost(l.Host)
		if !ok {
			continue
		}
		ll := Listener{Host: long, Port: l.Port}
		if !slices.Contains(ls, ll) && !slices.Contains(out, ll) {
			out = append(out, ll)
		}
	}
	return out
}

// longHost returns a spelling of host's IP address that FreeRDP 2.11.7
// keeps (at least 9 characters), or false for a host name.
func longHost(host string) (string, bool) {
	a, err := netip.ParseAddr(host)
	if err != nil {
		return "", false
	}
	if a.Is4() {
		return "::ffff:" + a.String(), true // at least 14 characters
	}
	// Eight groups in hex without leading zeros: at least 15 characters.
	b := a.As16()
	var sb strings.Builder
	for i := 0; i < 16; i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(strconv.FormatUint(uint64(b[i])<<8|uint64(b[i+1]), 16))
	}
	if z := a.Zone(); z != "" {
		sb.WriteByte('%')
		sb.WriteString(z)
	}
	return sb.String(), true
}
