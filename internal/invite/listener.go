package invite

import (
	"errors"
	"fmt"
)

// Listener is one address/port pair the novice listens on: an <L> node of
// Connection String 2 ([MS-RAI] 2.2.2: `<L P="Port" N="Server Name" />`)
// and an entry of Connection String 1's machineAddressList ([MS-RAI]
// 2.2.1: "IPAddress(or computer name):PortID string pairs").
type Listener struct {
	// Host is a host name, an IPv4 literal or an IPv6 literal (with an
	// optional %zone), written without brackets.
	Host string
	Port uint16
}

// maxHostLen bounds Host: a DNS name has at most 253 characters; an IPv6
// literal with a zone is far shorter.
const maxHostLen = 255

// check reports why l cannot be written into a connection string. Host
// may hold only ASCII letters, digits and `.-_:%@`: enough for host names,
// IP literals and interface names used as IPv6 zones, and nothing that
// XML, FreeRDP's substring search or Connection String 1's `,;` syntax
// would read differently.
func (l Listener) check() error {
	if l.Port == 0 {
		return errors.New("port 0 (want 1..65535)")
	}
	if l.Host == "" {
		return errors.New("empty host")
	}
	if len(l.Host) > maxHostLen {
		return fmt.Errorf("host longer than %d characters", maxHostLen)
	}
	for i := 0; i < len(l.Host); i++ {
		if !hostChar(l.Host[i]) {
			return fmt.Errorf("host contains %q (want letters, digits and .-_:%%@)", l.Host[i])
		}
	}
	return nil
}

func hostChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '.', '-', '_', ':', '%', '@':
		return true
	}
	return false
}
