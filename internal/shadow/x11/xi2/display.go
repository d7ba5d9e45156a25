package xi2

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// x11TCPPort is the TCP port of display 0; display N listens on 6000+N.
const x11TCPPort = 6000

// display is a parsed X display name.
type display struct {
	// number is the display number, which Xauthority entries are matched
	// against.
	number int
	// screen is the screen whose root window is watched.
	screen int
	// endpoints are the addresses to try, in order, until one connects.
	endpoints []endpoint
}

// endpoint is one address an X server may listen on.
type endpoint struct {
	network string // "unix", "tcp", "tcp6"
	address string
}

// parseDisplay parses an X display name as libxcb's xcb_parse_display does,
// for the forms a Linux desktop uses:
//
//	:N  :N.S  unix:N  unix/:N  host:N  tcp/host:N  [::1]:N  inet6/host:N
//	/path/to/socket  /path/to/socket:N[.S]
//
// A local display is tried on the abstract socket "@/tmp/.X11-unix/XN"
// first and then on the file of that name, as libxcb does on Linux. A name
// starting with '/' is the path of a socket: the launchd form "/path:N"
// (the socket file is named with the ":N") or, without a colon, any
// socket, display 0. DECnet ("host::N") is not supported.
func parseDisplay(name string) (display, error) {
	var d display
	if name == "" {
		return d, fmt.Errorf("xi2: empty display name")
	}
	bad := func(why string) (display, error) {
		return display{}, fmt.Errorf("xi2: display %q: %s", name, why)
	}

	if name[0] == '/' {
		path := name
		if colon := strings.LastIndexByte(name, ':'); colon > strings.LastIndexByte(name, '/') {
			n, s, ok := parseNumberScreen(name[colon+1:])
			if !ok {
				return bad("bad display number after the socket path")
			}
			d.number, d.screen = n, s
			// The launchd socket is named with its display number
			// but not the screen.
			path = name[:colon+1] + strconv.Itoa(n)
		}
		d.endpoints = []endpoint{{"unix", path}}
		return d, nil
	}

	colon := strings.LastIndexByte(name, ':')
	if colon < 0 {
		return bad("no ':' before the display number")
	}
	n, s, ok := parseNumberScreen(name[colon+1:])
	if !ok {
		return bad("bad display number")
	}
	d.number, d.screen = n, s

	protocol, host := "", name[:colon]
	if slash := strings.LastIndexByte(host, '/'); slash >= 0 {
		protocol, host = host[:slash], host[slash+1:]
	}
	if strings.HasSuffix(host, ":") && !strings.HasPrefix(host, "[") {
		return bad("DECnet display names are not supported")
	}
	if strings.HasPrefix(host, "[") {
		if !strings.HasSuffix(host, "]") || len(host) < 3 {
			return bad("unterminated IPv6 address")
		}
		host = host[1 : len(host)-1]
	}

	local := func() display {
		sock := "/tmp/.X11-unix/X" + strconv.Itoa(n)
		d.endpoints = []endpoint{{"unix", "@" + sock}, {"unix", sock}}
		return d
	}
	tcp := func(network string) (display, error) {
		port := x11TCPPort + n
		if port > 65535 {
			return bad("display number too large for TCP")
		}
		if host == "" {
			host = "localhost"
		}
		d.endpoints = []endpoint{{network, net.JoinHostPort(host, strconv.Itoa(port))}}
		return d, nil
	}
	switch protocol {
	case "":
		if host == "" || host == "unix" {
			return local(), nil
		}
		return tcp("tcp")
	case "unix":
		return local(), nil
	case "tcp", "inet":
		return tcp("tcp")
	case "inet6":
		return tcp("tcp6")
	default:
		return bad("unknown protocol " + strconv.Quote(protocol))
	}
}

// parseNumberScreen parses "N" or "N.S" (decimal digits only).
func parseNumberScreen(s string) (number, screen int, ok bool) {
	num, scr, hasScreen := strings.Cut(s, ".")
	number, ok = parseSmallUint(num)
	if !ok {
		return 0, 0, false
	}
	if hasScreen {
		if screen, ok = parseSmallUint(scr); !ok {
			return 0, 0, false
		}
	}
	return number, screen, true
}

// parseSmallUint accepts 1 to 5 decimal digits, so values stay far from
// overflow and a display number fits a TCP port offset check.
func parseSmallUint(s string) (int, bool) {
	if s == "" || len(s) > 5 {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}
