package invite

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxIncidentSize bounds an invitation file in bytes: room for the longest
// LHTICKET (2 × MaxTicketSize hex digits), an RCTICKET and the rest.
const MaxIncidentSize = 256 << 10

// maxDtStart is the largest DtStart FreeRDP reads (it parses a UINT32).
const maxDtStart = math.MaxUint32

// maxDtLength is the largest DtLength accepted: FreeRDP reads a UINT32, and
// an int must hold it on every platform. Windows allows up to 99 days
// (142560 minutes).
const maxDtLength = math.MaxInt32

// Incident is the invitation file, a "Remote Assistance Ticket" saved as
// .msrcIncident ([MS-RAI] 6): the attributes of its UPLOADDATA element.
// RCTICKETENCRYPTED (always "1": the ticket is password-protected) and L
// (always "0") are implied.
type Incident struct {
	// UserName is USERNAME, the novice's name. FreeRDP uses it as the
	// Client Info UserName and the X.224 cookie (see CheckUserName).
	UserName string
	// LHTicket is LHTICKET: the encrypted Connection String 2 as upper-case
	// hex (TicketHex(EncryptTicket(…))). Empty only in a type-1
	// invitation, which FreeRDP 2.11.7 cannot use (ra-protocol.md §0 item 6).
	LHTicket string
	// RCTicket is RCTICKET, Connection String 1. Optional when LHTicket is
	// set; Windows has left it out since about 2024.
	RCTicket string
	// PassStub is the novice's password stub ([MS-RAI] 8 <17>), the
	// plaintext of the password proof.
	PassStub string
	// Start is DtStart, the creation time in seconds since 1970 UTC.
	Start int64
	// LengthMinutes is DtLength, the validity in minutes.
	LengthMinutes int
}

// Expiry returns when the invitation stops being valid, in Unix seconds:
// DtStart + 60·DtLength. FreeRDP does not check it; the novice must.
func (inc *Incident) Expiry() int64 {
	return inc.Start + 60*int64(inc.LengthMinutes)
}

// check reports why inc cannot be written, naming the attribute.
func (inc *Incident) check() error {
	bad := func(attr string, err error) error {
		return fmt.Errorf("invite: incident: %s %w", attr, err)
	}
	if inc.UserName == "" {
		return bad("USERNAME", errors.New("is empty"))
	}
	if err := checkText(inc.UserName); err != nil {
		return bad("USERNAME", err)
	}
	if inc.LHTicket == "" && inc.RCTicket == "" {
		return errors.New("invite: incident: neither LHTICKET nor RCTICKET")
	}
	if inc.LHTicket != "" {
		if err := checkTicketHex(inc.LHTicket); err != nil {
			return bad("LHTICKET", err)
		}
	}
	if inc.RCTicket != "" {
		if _, err := ParseConnectionString1(inc.RCTicket); err != nil {
			return bad("RCTICKET", fmt.Errorf("is not a valid connection string 1: %w", err))
		}
	}
	if err := checkToken(inc.PassStub); err != nil {
		return bad("PassStub", err)
	}
	if inc.Start < 0 || inc.Start > maxDtStart {
		return bad("DtStart", fmt.Errorf("is out of range 0..%d", uint64(maxDtStart)))
	}
	if inc.LengthMinutes < 1 || inc.LengthMinutes > maxDtLength {
		return bad("DtLength", fmt.Errorf("is out of range 1..%d", maxDtLength))
	}
	return nil
}

// Marshal writes the invitation file, one line of 8-bit text with no BOM,
// no NUL and no line break (ra-protocol.md §1.4):
//
//	<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="…" LHTICKET="…" RCTICKET="…" PassStub="…" RCTICKETENCRYPTED="1" DtStart="…" DtLength="…" L="0"/></UPLOADINFO>
//
// LHTICKET and RCTICKET are left out when empty. FreeRDP 2.11.7 finds each
// attribute as the first `KEY="` anywhere in the file (and L as ` L="`,
// with the space); FreeRDP 3.x as the first `KEY="` inside UPLOADDATA and
// needs a space after the element names. Single spaces and KEY="value"
// satisfy both, and Marshal checks that no value ends in something that
// would be found instead of the real attribute.
//
// Every value must be free of `"`, `&`, `<`, `>` and control characters;
// USERNAME and PassStub non-empty (PassStub printable ASCII without
// spaces); LHTICKET upper-case hex of whole AES blocks; RCTICKET a valid
// Connection String 1; DtStart 0..2³²-1; DtLength at least 1. The error
// names the attribute and never quotes its value.
func (inc *Incident) Marshal() ([]byte, error) {
	if err := inc.check(); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="`)
	b.WriteString(inc.UserName)
	if inc.LHTicket != "" {
		b.WriteString(`" LHTICKET="`)
		b.WriteString(inc.LHTicket)
	}
	if inc.RCTicket != "" {
		b.WriteString(`" RCTICKET="`)
		b.WriteString(inc.RCTicket)
	}
	b.WriteString(`" PassStub="`)
	b.WriteString(inc.PassStub)
	b.WriteString(`" RCTICKETENCRYPTED="1" DtStart="`)
	b.WriteString(strconv.FormatInt(inc.Start, 10))
	b.WriteString(`" DtLength="`)
	b.WriteString(strconv.Itoa(inc.LengthMinutes))
	b.WriteString(`" L="0"/></UPLOADINFO>`)
	s := b.String()
	if len(s) > MaxIncidentSize {
		return nil, fmt.Errorf("invite: incident: longer than %d bytes", MaxIncidentSize)
	}
	if err := inc.checkLookups(s); err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// checkLookups re-reads s the way both FreeRDP versions look attributes
// up and fails if any lookup would not find the attribute Marshal wrote
// (or would find one it left out).
func (inc *Incident) checkLookups(s string) error {
	want := []struct{ key, val string }{
		{"USERNAME", inc.UserName},
		{"LHTICKET", inc.LHTicket},
		{"RCTICKET", inc.RCTicket},
		{"PassStub", inc.PassStub},
		{"RCTICKETENCRYPTED", "1"},
		{"DtStart", strconv.FormatInt(inc.Start, 10)},
		{"DtLength", strconv.Itoa(inc.LengthMinutes)},
		{" L", "0"}, // FreeRDP 2.11.7
		{"L", "0"},  // FreeRDP 3.x
		{"TYPE", "Escalated"},
	}
	for _, w := range want {
		got, ok := firstAttr(s, w.key)
		if ok != (w.val != "") || got != w.val {
			k := strings.TrimSpace(w.key)
			return fmt.Errorf("invite: incident: FreeRDP would misread %s (a value ends in %q)", k, k+"=")
		}
	}
	return nil
}

// ParseIncident parses an invitation file strictly, as XML: an optional
// <?xml?> declaration (version 1.0, UTF-8 if an encoding is named), then
// <UPLOADINFO TYPE="Escalated"> holding one empty <UPLOADDATA> with exactly
// these attributes, in any order: USERNAME, PassStub,
// RCTICKETENCRYPTED="1", DtStart, DtLength, L ("0" or "1", ignored) and at
// least one of LHTICKET and RCTICKET. Whitespace between elements is
// allowed. Refused: more than MaxIncidentSize bytes, NUL bytes (a UTF-16
// file, which no FreeRDP version reads), a byte-order mark, any `&` (an
// entity that FreeRDP 2.11.7 would not decode), unknown elements or
// attributes, and any value Marshal would refuse, so a parsed Incident
// always marshals.
//
// It accepts what Marshal writes and the Windows files of 2014 and 2024
// (ra-protocol.md, Appendix). It does not decrypt LHTICKET: see
// ParseTicketHex and DecryptTicket.
func ParseIncident(b []byte) (*Incident, error) {
	if len(b) > MaxIncidentSize {
		return nil, fmt.Errorf("invite: incident: longer than %d bytes", MaxIncidentSize)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, errors.New("invite: incident: NUL bytes (UTF-16?): invitation files are 8-bit text")
	}
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		return nil, errors.New("invite: incident: byte-order mark")
	}
	if bytes.IndexByte(b, '&') >= 0 {
		return nil, errors.New("invite: incident: '&': FreeRDP 2.11.7 decodes no XML entity")
	}
	root, err := parseTree(string(b), true)
	if err != nil {
		return nil, fmt.Errorf("invite: incident: %w", err)
	}
	inc, err := incidentFromTree(root)
	if err != nil {
		return nil, fmt.Errorf("invite: incident: %w", err)
	}
	if _, err := inc.Marshal(); err != nil {
		return nil, err
	}
	return inc, nil
}

func incidentFromTree(root *element) (*Incident, error) {
	if root.name != "UPLOADINFO" {
		return nil, fmt.Errorf("root element <%s>, want <UPLOADINFO>", root.name)
	}
	if err := root.checkAttrs([]string{"TYPE"}, nil); err != nil {
		return nil, err
	}
	if t, _ := root.attr("TYPE"); t != "Escalated" {
		return nil, errors.New(`<UPLOADINFO TYPE> is not "Escalated"`)
	}
	if len(root.children) != 1 || root.children[0].name != "UPLOADDATA" {
		return nil, errors.New("<UPLOADINFO> must contain exactly one <UPLOADDATA>")
	}
	d := root.children[0]
	if len(d.children) != 0 {
		return nil, errors.New("<UPLOADDATA> must be empty")
	}
	required := []string{"USERNAME", "PassStub", "RCTICKETENCRYPTED", "DtStart", "DtLength", "L"}
	if err := d.checkAttrs(required, []string{"LHTICKET", "RCTICKET"}); err != nil {
		return nil, err
	}
	if v, _ := d.attr("RCTICKETENCRYPTED"); v != "1" {
		return nil, errors.New(`RCTICKETENCRYPTED is not "1": only password-protected invitations are supported`)
	}
	if v, _ := d.attr("L"); v != "0" && v != "1" {
		return nil, errors.New(`L is not "0" or "1"`)
	}
	inc := &Incident{}
	inc.UserName, _ = d.attr("USERNAME")
	inc.LHTicket, _ = d.attr("LHTICKET")
	inc.RCTicket, _ = d.attr("RCTICKET")
	inc.PassStub, _ = d.attr("PassStub")
	if _, ok := d.attr("LHTICKET"); ok && inc.LHTicket == "" {
		return nil, errors.New("LHTICKET is empty")
	}
	if _, ok := d.attr("RCTICKET"); ok && inc.RCTicket == "" {
		return nil, errors.New("RCTICKET is empty")
	}
	v, _ := d.attr("DtStart")
	start, err := parseDecimal(v, maxDtStart)
	if err != nil {
		return nil, fmt.Errorf("DtStart %w", err)
	}
	v, _ = d.attr("DtLength")
	length, err := parseDecimal(v, maxDtLength)
	if err != nil {
		return nil, fmt.Errorf("DtLength %w", err)
	}
	inc.Start = int64(start)
	inc.LengthMinutes = int(length)
	return inc, nil
}
