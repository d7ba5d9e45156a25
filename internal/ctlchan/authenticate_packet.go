package ctlchan

import (
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// AuthenticatePacket is REMOTEDESKTOP_CTL_AUTHENTICATE_PACKET, [MS-RA]
// 2.2.1.4: "the expert authentication response packet … used only when
// the novice or expert is using version 1". The novice checks the
// connection string ([MS-RAI] Appendix A; Invitation.MatchConnectionString)
// and the PASS proof in the blob, and answers RESULT (3.4.5).
type AuthenticatePacket struct {
	// ConnectionString is raConnectionString, "A NULL-terminated,
	// variable-length Unicode string containing the Remote Assistance
	// connection string": FreeRDP sends the invitation's RCTICKET (CS1) if
	// it has one, else the decrypted CS2 XML. Never log it.
	ConnectionString string
	// ExpertBlob is expertBlob, "A NULL-terminated … set of PropertyName,
	// PropertyValue pairs" (see ParseExpertBlob). It holds the password
	// proof: never log it.
	ExpertBlob string
}

var _ Message = (*AuthenticatePacket)(nil)

// MsgType returns MsgAuthenticate.
func (*AuthenticatePacket) MsgType() MsgType { return MsgAuthenticate }

// Size returns the encoded length in bytes.
func (p *AuthenticatePacket) Size() int {
	return packetSize(textSize(p.ConnectionString) /* raConnectionString */ + textSize(p.ExpertBlob) /* expertBlob */)
}

// AppendBinary appends the packet with both strings NUL-terminated, as the
// spec says and FreeRDP 2.x writes.
func (p *AuthenticatePacket) AppendBinary(b []byte) ([]byte, error) {
	if err := checkText("AUTHENTICATE: raConnectionString", p.ConnectionString); err != nil {
		return b, err
	}
	if err := checkText("AUTHENTICATE: expertBlob", p.ExpertBlob); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), textSize(p.ConnectionString)+textSize(p.ExpertBlob))
	b = appendText(b, p.ConnectionString)
	return appendText(b, p.ExpertBlob), nil
}

// Decode reads one packet from r.
//
// FreeRDP 2.x NUL-terminates both strings; FreeRDP 3.x writes them back
// to back with no NUL at all (ra-protocol.md §4.4, §9.9). With a NUL
// between them the split is exact. Without one, the blob is taken to
// start at the length digits before the first ";NAME=" or ";PASS=" — a
// connection string holds neither (CS2 has no ";", CS1 has ";" only
// between host:port pairs) — using as many of those digits as give an
// entry whose length is exact, else all of them (a CS1 whose last field
// ends in a digit would otherwise lend it to the blob). A wrong split can
// only make the expert's own connection string or proof fail to verify.
// FreeRDP takes this path only after a VERSIONINFO with versionMinor 1,
// which the novice never sends.
func (p *AuthenticatePacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *AuthenticatePacket) decodeBody(r *wire.Reader) error {
	raw := r.Rest()
	if len(raw) > 2*MaxStringBytes {
		return r.Failf("raConnectionString", "%d bytes of strings (at most %d)", len(raw), 2*MaxStringBytes)
	}
	if len(raw)%2 != 0 {
		return r.Failf("raConnectionString", "odd UTF-16 byte count %d", len(raw))
	}
	s := strings.TrimSuffix(wire.DecodeUTF16LE(raw), "\x00")
	var cs, blob string
	if i := strings.IndexByte(s, 0); i >= 0 {
		cs, blob = s[:i], s[i+1:]
		if strings.ContainsRune(blob, 0) {
			return r.Failf("expertBlob", "NUL inside the string")
		}
	} else {
		var ok bool
		if cs, blob, ok = splitAuthenticate(s); !ok {
			return r.Failf("expertBlob", "no expertBlob after an unterminated raConnectionString")
		}
	}
	if n := wire.UTF16Len(cs) + 2; n > MaxStringBytes {
		return r.Failf("raConnectionString", "%d bytes (at most %d)", n, MaxStringBytes)
	}
	if n := wire.UTF16Len(blob) + 2; n > MaxStringBytes {
		return r.Failf("expertBlob", "%d bytes (at most %d)", n, MaxStringBytes)
	}
	p.ConnectionString, p.ExpertBlob = cs, blob
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *AuthenticatePacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// splitAuthenticate splits FreeRDP 3.x's unterminated
// raConnectionString‖expertBlob (see Decode).
func splitAuthenticate(s string) (cs, blob string, ok bool) {
	i := -1
	for _, key := range [...]string{";" + blobName + "=", ";" + blobPass + "="} {
		if j := strings.Index(s, key); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i < 0 {
		return "", "", false
	}
	start := i
	for start > 0 && '0' <= s[start-1] && s[start-1] <= '9' {
		start--
	}
	if start == i {
		return "", "", false
	}
	for p := start; p < i; p++ {
		if _, err := parseBlobAs(s[p:], unitUTF16); err == nil {
			return s[:p], s[p:], true
		}
		if _, err := parseBlobAs(s[p:], unitUTF8); err == nil {
			return s[:p], s[p:], true
		}
	}
	return s[:start], s[start:], true
}

// String describes the packet without its secrets.
func (p AuthenticatePacket) String() string {
	return fmt.Sprintf("AuthenticatePacket{ConnectionString: [%d characters], ExpertBlob: [%d characters]}",
		len([]rune(p.ConnectionString)), len([]rune(p.ExpertBlob)))
}

// GoString is String, so that %#v does not print the secrets.
func (p AuthenticatePacket) GoString() string { return p.String() }
