package xi2

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// Xauthority address families (X11/Xauth.h; 0 and 6 are the X protocol's
// Internet and InternetV6 host families).
const (
	familyInternet  = 0
	familyInternet6 = 6
	familyLocal     = 256   // address is the host name, for local connections
	familyWild      = 65535 // matches any address
)

// cookieName is the only authorization protocol this client speaks.
const cookieName = "MIT-MAGIC-COOKIE-1"

// errXauthority reports a truncated Xauthority file.
var errXauthority = errors.New("xi2: truncated Xauthority entry")

// authEntry is one record of an Xauthority file (libXau's Xauth).
type authEntry struct {
	family  uint16
	address []byte
	number  string // display number in decimal; empty matches any
	name    string // authorization protocol
	data    []byte
}

// parseXauthority decodes an Xauthority file: a sequence of records, each
// a big-endian CARD16 family followed by four counted strings (address,
// display number, protocol name, data), each a big-endian CARD16 length
// and that many bytes. It returns the records before the first truncated
// one along with errXauthority, so a caller can use them as libXau does.
func parseXauthority(b []byte) ([]authEntry, error) {
	var entries []authEntry
	for len(b) > 0 {
		var e authEntry
		var ok bool
		var address, number, name, data []byte
		if len(b) < 2 {
			return entries, errXauthority
		}
		e.family = binary.BigEndian.Uint16(b)
		rest := b[2:]
		if address, rest, ok = counted(rest); !ok {
			return entries, errXauthority
		}
		if number, rest, ok = counted(rest); !ok {
			return entries, errXauthority
		}
		if name, rest, ok = counted(rest); !ok {
			return entries, errXauthority
		}
		if data, rest, ok = counted(rest); !ok {
			return entries, errXauthority
		}
		e.address, e.number, e.name, e.data = address, string(number), string(name), data
		entries = append(entries, e)
		b = rest
	}
	return entries, nil
}

// counted splits a CARD16-length-prefixed string off b.
func counted(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 2 {
		return nil, nil, false
	}
	n := int(binary.BigEndian.Uint16(b))
	if len(b)-2 < n {
		return nil, nil, false
	}
	return b[2 : 2+n], b[2+n:], true
}

// findCookie returns the data of the first MIT-MAGIC-COOKIE-1 entry for a
// connection from family/address to display number, matching as libXau's
// XauGetBestAuthByAddr does: the entry's family is FamilyWild or equals
// family with the same address, and its number is empty or equals number.
func findCookie(entries []authEntry, family uint16, address []byte, number string) ([]byte, bool) {
	for _, e := range entries {
		if e.name != cookieName {
			continue
		}
		if e.family != familyWild && (e.family != family || !bytes.Equal(e.address, address)) {
			continue
		}
		if e.number != "" && e.number != number {
			continue
		}
		return e.data, true
	}
	return nil, false
}
