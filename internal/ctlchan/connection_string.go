package ctlchan

import (
	"crypto/subtle"
	"strings"

	"github.com/ranoviced/ranoviced/internal/invite"
)

// MatchConnectionString reports whether sent, the raConnectionString of a
// version 1 AUTHENTICATE, is a connection string of this invitation.
//
// [MS-RA] 3.4.5: "The novice MUST authenticate whether or not the expert
// is connecting with the correct Remote Assistance Connection String, as
// specified in [MS-RAI] Appendix A" — the invitation file ([MS-RAI] 6),
// whose RCTICKET is Connection String 1 and whose LHTICKET encrypts
// Connection String 2. A version 1 expert sends whichever it read: FreeRDP
// the RCTICKET if the file has one, else the decrypted CS2 XML
// (ra-protocol.md §4.4); a Windows expert from a type-1 file the RCTICKET.
// So sent may be either form, and is compared by what identifies the
// invitation rather than byte for byte: it must parse strictly as CS1
// ([MS-RAI] 2.2.1) or CS2 (2.2.2), its RASessionID / <A ID> must equal
// inv.ID (constant time), and its protocolSpecificParms / <A KH> must
// equal the KH of the invitation's own connection string. Listener
// addresses are not compared: Connection String 1 holds only the IPv4 and
// host-name ones. Trailing NULs are ignored. The password is checked
// separately (the PASS proof).
func (inv Invitation) MatchConnectionString(sent string) bool {
	wantKH, ok := inv.keyHash()
	if !ok {
		return false
	}
	got, ok := parseConnectionString(strings.TrimRight(sent, "\x00"))
	if !ok {
		return false
	}
	idOK := subtle.ConstantTimeCompare([]byte(got.ID), []byte(inv.ID)) == 1
	return idOK && got.KH == wantKH
}

// keyHash returns the KH of the invitation: from its Connection String 2,
// or its Connection String 1 if it has no usable CS2. Either must carry
// inv.ID.
func (inv Invitation) keyHash() (string, bool) {
	if inv.ID == "" {
		return "", false
	}
	for _, s := range [...]string{inv.ConnectionString, inv.RCTicket} {
		if s == "" {
			continue
		}
		if cs, ok := parseConnectionString(s); ok && cs.ID == inv.ID && cs.KH != "" {
			return cs.KH, true
		}
	}
	return "", false
}

// parseConnectionString parses s as Connection String 2 if it looks like
// XML, else as Connection String 1.
func parseConnectionString(s string) (*invite.ConnectionString2, bool) {
	var cs *invite.ConnectionString2
	var err error
	if strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "<") {
		cs, err = invite.ParseConnectionString2(s)
	} else {
		cs, err = invite.ParseConnectionString1(s)
	}
	return cs, err == nil
}
