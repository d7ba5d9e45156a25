package ctlchan

import (
	"encoding/xml"
	"net/netip"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// maxRCCommandBytes bounds the "71" frames this package looks into for
// EXPERTIP; share control proper belongs to another package.
const maxRCCommandBytes = 4 << 10

// maxExpertIPAddrs bounds the addresses accepted in one EXPERTIPDATA.
const maxExpertIPAddrs = 8

// expertIP reads data, the payload of a "71" frame, as the Session
// Control message <RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="…"/> of [MS-RA]
// 2.2.2, which "Notifies the novice of the IP address of the expert" and
// "could be used for maintaining a log of connecting experts" (3.4.5).
// The data is "transferred as a Unicode string" (2.2.1.2): UTF-16LE,
// perhaps NUL-terminated. isExpertIP reports whether data is an EXPERTIP
// command at all; addrs is the address (or ";"- or ","-separated list)
// re-formatted by net/netip, or "" if EXPERTIPDATA is not one, so that
// nothing but an address reaches the log.
func expertIP(data []byte) (addrs string, isExpertIP bool) {
	if len(data) > maxRCCommandBytes || len(data)%2 != 0 {
		return "", false
	}
	s := strings.TrimRight(wire.DecodeUTF16LE(data), "\x00")
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case xml.ProcInst, xml.Comment, xml.CharData:
			continue
		case xml.StartElement:
			if t.Name.Local != "RCCOMMAND" || attr(t, "NAME") != "EXPERTIP" {
				return "", false
			}
			return formatAddrs(attr(t, "EXPERTIPDATA")), true
		default:
			return "", false
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// formatAddrs returns v's addresses in canonical form, or "" if v is not
// a list of 1..maxExpertIPAddrs IP addresses.
func formatAddrs(v string) string {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' })
	if len(parts) == 0 || len(parts) > maxExpertIPAddrs {
		return ""
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		a, err := netip.ParseAddr(strings.TrimSpace(p))
		if err != nil {
			return ""
		}
		// A zone is free text and names an interface of the expert's
		// machine: it is dropped.
		out = append(out, a.WithZone("").String())
	}
	return strings.Join(out, ", ")
}
