package sec

import (
	"fmt"
	"io"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientInfo is the Info Packet (TS_INFO_PACKET), [MS-RDPBCGR]
// 2.2.1.11.1.1: the data of the Client Info PDU after its security header.
// Server processing: 3.3.5.3.11.
//
// The five character fields are Go strings without their null terminators;
// see info_string.go for the character set (UTF-16LE with INFO_UNICODE,
// otherwise the bytes as sent).
//
// In Remote Assistance the expert puts the ticket data here instead of
// credentials ([MS-RA] 2.2.7.2): Password is "*", AlternateShell is the
// assistance password (or "*" when a PassStub is used; FreeRDP 2.11 sends
// the password here only for raw <E> invitations), WorkingDir is the
// invitation's session ID. Password and AlternateShell are therefore
// secrets: String, GoString and Format (every fmt verb) print them
// redacted.
type ClientInfo struct {
	CodePage uint32    // CodePage: ANSI code page, or with INFO_UNICODE the active language identifier in the low word
	Flags    InfoFlags // flags
	Domain   string    // Domain
	UserName string    // UserName
	Password string    // Password: secret, never printed
	// AlternateShell is AlternateShell. Secret in Remote Assistance, never printed.
	AlternateShell string
	WorkingDir     string // WorkingDir: the Remote Assistance session ID
	// Extended is extraInfo, nil when absent ("used in all RDP versions,
	// except for RDP 4.0").
	Extended *ExtendedInfo
}

var _ wire.PDU = (*ClientInfo)(nil)

// infoStringMax is the largest character field a server other than RDP 4.0
// and 5.0 allows, null terminator included (2.2.1.11.1.1: "a maximum length
// of 512 bytes (including the mandatory null terminator)"). RDP 4.0/5.0
// limits are smaller; this server has no reason to apply them.
const infoStringMax = 512

// infoFields returns the five character fields with their spec names.
func (p *ClientInfo) infoFields() [5]struct {
	name string
	s    string
} {
	return [5]struct {
		name string
		s    string
	}{
		{"Domain", p.Domain},
		{"UserName", p.UserName},
		{"Password", p.Password},
		{"AlternateShell", p.AlternateShell},
		{"WorkingDir", p.WorkingDir},
	}
}

func (p *ClientInfo) unicode() bool { return p.Flags.Has(InfoUnicode) }

// Size returns the encoded length in bytes.
func (p *ClientInfo) Size() int {
	u := p.unicode()
	n := 4 /* CodePage */ + 4 /* flags */ + 5*2 /* cbDomain … cbWorkingDir */
	for _, f := range p.infoFields() {
		n += infoStringLen(f.s, u) + terminatorSize(u)
	}
	if p.Extended != nil {
		n += p.Extended.size(u)
	}
	return n
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ClientInfo) AppendBinary(b []byte) ([]byte, error) {
	u := p.unicode()
	fields := p.infoFields()
	var cb [5]int
	for i, f := range fields {
		n, err := encodeLen(f.name, f.s, infoStringMax, u)
		if err != nil {
			return b, fmt.Errorf("sec: TS_INFO_PACKET: %w", err)
		}
		cb[i] = n
	}
	b = wire.AppendU32LE(b, p.CodePage)
	b = wire.AppendU32LE(b, uint32(p.Flags))
	for _, n := range cb {
		b = wire.AppendU16LE(b, uint16(n))
	}
	for _, f := range fields {
		b = appendInfoString(b, f.s, u)
		b = wire.AppendZeros(b, terminatorSize(u))
	}
	if p.Extended == nil {
		return b, nil
	}
	b, err := p.Extended.appendBinary(b, u)
	if err != nil {
		return b, fmt.Errorf("sec: TS_INFO_PACKET: %w", err)
	}
	return b, nil
}

// Decode reads one TS_INFO_PACKET from r. The optional extended part runs
// to the end of r, so r must hold exactly the Info Packet.
func (p *ClientInfo) Decode(r *wire.Reader) error {
	codePage, flags := r.U32LE(), InfoFlags(r.U32LE())
	var cb [5]int
	for i := range cb {
		cb[i] = int(r.U16LE())
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("sec: TS_INFO_PACKET: %w", err)
	}
	u := flags.Has(InfoUnicode)
	var s [5]string
	for i, name := range [5]string{"cbDomain", "cbUserName", "cbPassword", "cbAlternateShell", "cbWorkingDir"} {
		// 2.2.1.11.1.1: cbX is "the size in bytes of the character data in
		// the X field. This size excludes the length of the mandatory null
		// terminator"; the field "MUST contain at least a null terminator".
		if err := checkInfoLen(r, name, cb[i], infoStringMax, u); err != nil {
			return fmt.Errorf("sec: TS_INFO_PACKET: %w", err)
		}
		s[i] = readInfoString(r, cb[i], u)
		if err := readTerminator(r, name[2:], u); err != nil {
			return fmt.Errorf("sec: TS_INFO_PACKET: %w", err)
		}
	}
	var ext *ExtendedInfo
	if r.Len() > 0 {
		ext = new(ExtendedInfo)
		if err := ext.decode(r, u); err != nil {
			return fmt.Errorf("sec: TS_INFO_PACKET: %w", err)
		}
	}
	*p = ClientInfo{
		CodePage:       codePage,
		Flags:          flags,
		Domain:         s[0],
		UserName:       s[1],
		Password:       s[2],
		AlternateShell: s[3],
		WorkingDir:     s[4],
		Extended:       ext,
	}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *ClientInfo) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String prints the Info Packet with Password and AlternateShell redacted.
func (p ClientInfo) String() string {
	ext := "<nil>"
	if p.Extended != nil {
		ext = p.Extended.String()
	}
	return fmt.Sprintf("ClientInfo{CodePage: %#x, Flags: %v, Domain: %q, UserName: %q, Password: %s, AlternateShell: %s, WorkingDir: %q, Extended: %s}",
		p.CodePage, p.Flags, p.Domain, p.UserName, redacted(p.Password), redacted(p.AlternateShell), p.WorkingDir, ext)
}

// GoString implements [fmt.GoStringer] with Password and AlternateShell redacted.
func (p ClientInfo) GoString() string {
	ext := "nil"
	if p.Extended != nil {
		ext = "&" + p.Extended.GoString()
	}
	return fmt.Sprintf("sec.ClientInfo{CodePage:%#x, Flags:%#x, Domain:%q, UserName:%q, Password:%s, AlternateShell:%s, WorkingDir:%q, Extended:%s}",
		p.CodePage, uint32(p.Flags), p.Domain, p.UserName, redacted(p.Password), redacted(p.AlternateShell), p.WorkingDir, ext)
}

// Format implements [fmt.Formatter] so that every verb, not only %v and
// %s, prints the redacted form: %#v prints GoString, anything else String.
func (p ClientInfo) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, p.GoString())
		return
	}
	io.WriteString(f, p.String())
}
