package invite

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxConnectionString2Size bounds a Connection String 2 in bytes, both
// written and parsed. The Windows samples have 301 and 1450 characters.
const MaxConnectionString2Size = 32 << 10

// ConnectionString2 is the Remote Assistance Connection String 2, [MS-RAI]
// 2.2.2: the XML that the LHTICKET of a type-2 invitation encrypts.
//
//	<E><A ID="…" KH="…" KH2="…"/><C><T ID="1" SID="0"><L P="…" N="…"/>…</T></C></E>
type ConnectionString2 struct {
	// ID is the <A ID> "Authorization String Identifier" (RASessionID):
	// FreeRDP sends it back as the Client Info WorkingDir. Windows uses
	// 64 base64 characters ([NewID]). Required.
	ID string
	// KH "is a base64-encoded string of the SHA1 hash of the
	// PublicKeyBlob field of the server certificate received in
	// TS_UD_SC_SEC1" ([MS-RAI] 2.2.2; stdsec.KeyHashes). A Windows expert
	// checks it under Standard RDP Security; FreeRDP never does. Required.
	KH string
	// KH2 is "sha256:" (or sha384:, sha512:) plus the base64 hash of the
	// same blob; optional ([MS-RAI] 2.2.2: the novice "SHOULD generate the
	// KH2 attribute").
	KH2 string
	// Listeners are the <L> nodes in order; experts try them in this order.
	Listeners []Listener
}

// check reports why cs cannot be written.
func (cs *ConnectionString2) check() error {
	if err := checkToken(cs.ID); err != nil {
		return fmt.Errorf("invite: connection string 2: ID %w", err)
	}
	if err := checkToken(cs.KH); err != nil {
		return fmt.Errorf("invite: connection string 2: KH %w", err)
	}
	if cs.KH2 != "" {
		if err := checkToken(cs.KH2); err != nil {
			return fmt.Errorf("invite: connection string 2: KH2 %w", err)
		}
	}
	if len(cs.Listeners) == 0 {
		return errors.New("invite: connection string 2: no listener")
	}
	for i, l := range cs.Listeners {
		if err := l.check(); err != nil {
			return fmt.Errorf("invite: connection string 2: listener %d: %w", i, err)
		}
	}
	return nil
}

// Marshal returns cs in the one form FreeRDP 2.11.7 reads correctly, which
// Windows and FreeRDP 3.x also read:
//
//	<E><A ID="…" KH="…" KH2="…"/><C><T ID="1" SID="0"><L P="port" N="host"/>…</T></C></E>\r\n
//
// Why this form (ra-protocol.md §2.2):
//   - FreeRDP 2.11.7 needs the literal substrings <E> and <C>, finds <A,
//     cuts at the next "/>" (so <A> must be self-closing) and takes the
//     first `KH="` and the first `ID="` in that span. Base64 values may
//     end in "=", and a value ending in "ID=" followed by its closing
//     quote reads as `ID="`. A real 20-byte KH cannot end in "ID=", but a
//     KH2 or a future attribute is not bound by that; with ID first in
//     <A>, the first `ID="` is always the real one whatever follows.
//     Marshal checks the KH and KH2 lookups on its output.
//   - 2.11.7 then scans for `<L P="`, the port up to `"`, then ` N="` and
//     the host up to `"`, so every <L> is written exactly `<L P="…" N="…"/>`.
//   - KH2 is left out when empty. T's ID and SID are "1" and "0" as in both
//     Windows samples; no FreeRDP version uses them.
//   - Both Windows samples end in CR LF after </E>, so this does too: it is
//     the only form Windows experts are known to have decrypted, XML allows
//     whitespace after the root element, and both FreeRDP versions stop at
//     </E>. [ParseConnectionString2] accepts it with or without.
//
// Marshal fails if a field is empty where required, contains `"&<>`,
// spaces or non-ASCII (ID, KH, KH2), or characters other than letters,
// digits and `.-_:%@` (hosts); if a port is 0; if there is no listener; or
// if the result exceeds MaxConnectionString2Size.
func (cs *ConnectionString2) Marshal() (string, error) {
	if err := cs.check(); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<E><A ID="`)
	b.WriteString(cs.ID)
	b.WriteString(`" KH="`)
	b.WriteString(cs.KH)
	if cs.KH2 != "" {
		b.WriteString(`" KH2="`)
		b.WriteString(cs.KH2)
	}
	b.WriteString(`"/><C><T ID="1" SID="0">`)
	for _, l := range cs.Listeners {
		b.WriteString(`<L P="`)
		b.WriteString(strconv.Itoa(int(l.Port)))
		b.WriteString(`" N="`)
		b.WriteString(l.Host)
		b.WriteString(`"/>`)
	}
	b.WriteString("</T></C></E>\r\n")
	s := b.String()
	if len(s) > MaxConnectionString2Size {
		return "", fmt.Errorf("invite: connection string 2: longer than %d bytes", MaxConnectionString2Size)
	}
	if err := checkConnectionString2Lookups(s, cs); err != nil {
		return "", err
	}
	return s, nil
}

// checkConnectionString2Lookups re-reads the <A> span of s as FreeRDP
// does, the first `KEY="` in it (2.11.7: KH and ID; 3.x also KH2), and
// fails if that is not the attribute Marshal wrote.
func checkConnectionString2Lookups(s string, cs *ConnectionString2) error {
	end := strings.Index(s, "/>")
	span := s[:end] // "<E><A ID=… KH=… KH2=…": Marshal wrote no "/>" before it
	for _, a := range []struct{ key, val string }{{"ID", cs.ID}, {"KH", cs.KH}, {"KH2", cs.KH2}} {
		got, ok := firstAttr(span, a.key)
		if ok != (a.val != "") || got != a.val {
			return fmt.Errorf("invite: connection string 2: FreeRDP would misread %s (another value ends in %q)", a.key, a.key+"=")
		}
	}
	return nil
}

// firstAttr looks an attribute up the way FreeRDP does: the text after the
// first `key="` in s, up to the next `"` (or to the end of s if there is
// none, which FreeRDP treats as an error). found reports whether `key="`
// occurs at all.
func firstAttr(s, key string) (val string, found bool) {
	pat := key + `="`
	i := strings.Index(s, pat)
	if i < 0 {
		return "", false
	}
	v := s[i+len(pat):]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		v = v[:j]
	}
	return v, true
}

// ParseConnectionString2 parses a Connection String 2 strictly, as XML
// (encoding/xml, no DTD, no entity beyond XML's own), whatever the
// attribute order, whitespace between elements (the [MS-RAI] 2.2.2
// example has line breaks) and a trailing CR LF (Windows). The structure
// must be E containing one A and then one C; C one or more T; T one or
// more L. Attributes:
//
//   - A: ID and KH required, KH2 optional, CE accepted and ignored (not in
//     [MS-RAI]; Windows has written a base64 certificate there since about
//     2024, and neither FreeRDP version reads it);
//   - T: ID and SID required, decimal, ignored;
//   - L: P (1..65535) and N required. U (a websocket URI) is refused: a
//     Listener cannot carry it and no novice here offers one.
//
// Any other element or attribute is an error, and so is anything Marshal
// would refuse to write, so a parsed value always marshals. s may be at
// most MaxConnectionString2Size bytes.
func ParseConnectionString2(s string) (*ConnectionString2, error) {
	if len(s) > MaxConnectionString2Size {
		return nil, fmt.Errorf("invite: connection string 2: longer than %d bytes", MaxConnectionString2Size)
	}
	root, err := parseTree(s, false)
	if err != nil {
		return nil, fmt.Errorf("invite: connection string 2: %w", err)
	}
	cs, err := connectionString2FromTree(root)
	if err != nil {
		return nil, fmt.Errorf("invite: connection string 2: %w", err)
	}
	if _, err := cs.Marshal(); err != nil {
		return nil, err
	}
	return cs, nil
}

func connectionString2FromTree(e *element) (*ConnectionString2, error) {
	if e.name != "E" {
		return nil, fmt.Errorf("root element <%s>, want <E>", e.name)
	}
	if err := e.checkAttrs(nil, nil); err != nil {
		return nil, err
	}
	if len(e.children) != 2 || e.children[0].name != "A" || e.children[1].name != "C" {
		return nil, errors.New("<E> must contain <A> and then <C>")
	}
	a, c := e.children[0], e.children[1]
	if err := a.checkAttrs([]string{"ID", "KH"}, []string{"KH2", "CE"}); err != nil {
		return nil, err
	}
	if len(a.children) != 0 {
		return nil, errors.New("<A> must be empty")
	}
	cs := &ConnectionString2{}
	cs.ID, _ = a.attr("ID")
	cs.KH, _ = a.attr("KH")
	cs.KH2, _ = a.attr("KH2")
	if err := c.checkAttrs(nil, nil); err != nil {
		return nil, err
	}
	if len(c.children) == 0 {
		return nil, errors.New("<C> has no <T>")
	}
	for _, t := range c.children {
		if t.name != "T" {
			return nil, fmt.Errorf("<C> contains <%s>, want <T>", t.name)
		}
		if err := t.checkAttrs([]string{"ID", "SID"}, nil); err != nil {
			return nil, err
		}
		for _, name := range []string{"ID", "SID"} {
			v, _ := t.attr(name)
			if _, err := parseDecimal(v, 1<<32-1); err != nil {
				return nil, fmt.Errorf("<T %s> %w", name, err)
			}
		}
		if len(t.children) == 0 {
			return nil, errors.New("<T> has no <L>")
		}
		for _, l := range t.children {
			if l.name != "L" {
				return nil, fmt.Errorf("<T> contains <%s>, want <L>", l.name)
			}
			if _, ok := l.attr("U"); ok {
				return nil, errors.New("<L U>: websocket listeners are not supported")
			}
			if err := l.checkAttrs([]string{"P", "N"}, nil); err != nil {
				return nil, err
			}
			if len(l.children) != 0 {
				return nil, errors.New("<L> must be empty")
			}
			p, _ := l.attr("P")
			port, err := parseDecimal(p, 65535)
			if err != nil || port == 0 {
				return nil, errors.New("<L P>: want a port number 1..65535")
			}
			n, _ := l.attr("N")
			cs.Listeners = append(cs.Listeners, Listener{Host: n, Port: uint16(port)})
		}
	}
	return cs, nil
}
