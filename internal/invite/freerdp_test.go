package invite

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// freeRDP211View is what FreeRDP 2.11.7 takes from an invitation file.
type freeRDP211View struct {
	UserName, PassStub, RCTicket string
	ID, KH                       string
	Addrs                        []Listener
}

// readLikeFreeRDP211 reads a type-2 invitation file the way FreeRDP 2.11.7
// does (ra-protocol.md §1.2 and §2.2, written from that description): no
// XML parsing, every attribute is the text between the first `KEY="` in
// the whole file and the next `"`; L is found as ` L="`. The decrypted
// Connection String 2 needs the substrings <E> and <C>; KH and ID are the
// first `KH="` and `ID="` between <A and the next "/>"; then each `<L P="`
// gives a port up to `"`, and the next ` N="` a host up to `"`, kept only
// if longer than 8 characters.
func readLikeFreeRDP211(file []byte, password string) (*freeRDP211View, error) {
	buf := string(file)
	if i := strings.IndexByte(buf, 0); i >= 0 {
		buf = buf[:i] // C string
	}
	attr := func(s, key string) (string, bool, error) {
		i := strings.Index(s, key+`="`)
		if i < 0 {
			return "", false, nil
		}
		v := s[i+len(key)+2:]
		j := strings.IndexByte(v, '"')
		if j < 0 {
			return "", true, fmt.Errorf("unterminated %s", key)
		}
		return v[:j], true, nil
	}
	i := strings.Index(buf, "UPLOADINFO")
	if i < 0 || !strings.Contains(buf[i+len("UPLOADINFO"):], `TYPE="`) || !strings.Contains(buf, "UPLOADDATA") {
		return nil, errors.New("not an UPLOADINFO file")
	}
	v := &freeRDP211View{}
	var lh string
	for _, a := range []struct {
		key string
		dst *string
	}{{"USERNAME", &v.UserName}, {"LHTICKET", &lh}, {"RCTICKET", &v.RCTicket}, {"PassStub", &v.PassStub}} {
		if _, _, err := attr(buf, a.key); err != nil {
			return nil, err
		}
		*a.dst, _, _ = attr(buf, a.key)
	}
	for _, key := range []string{"RCTICKETENCRYPTED", "DtStart", "DtLength", " L"} {
		if _, _, err := attr(buf, key); err != nil {
			return nil, err
		}
	}
	if lh == "" {
		return nil, errors.New("type 1: the 2.11.7 address list parser is broken")
	}
	if v.PassStub == "" {
		return nil, errors.New("no PassStub")
	}
	ct, err := hex.DecodeString(lh)
	if err != nil {
		return nil, err
	}
	cs2, err := DecryptTicket(password, ct)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(cs2, "<E>") || !strings.Contains(cs2, "<C>") {
		return nil, errors.New("no <E> or <C>")
	}
	a := strings.Index(cs2, "<A")
	if a < 0 {
		return nil, errors.New("no <A")
	}
	end := strings.Index(cs2[a:], "/>")
	if end < 0 {
		return nil, errors.New("<A not closed by />")
	}
	span := cs2[a : a+end]
	if v.KH, _, err = attr(span, "KH"); err != nil {
		return nil, err
	}
	if v.ID, _, err = attr(span, "ID"); err != nil {
		return nil, err
	}
	rest := cs2
	for {
		i := strings.Index(rest, `<L P="`)
		if i < 0 {
			break
		}
		rest = rest[i+len(`<L P="`):]
		q := strings.IndexByte(rest, '"')
		if q < 0 {
			return nil, errors.New("unterminated P")
		}
		port := rest[:q]
		rest = rest[q+1:]
		n := strings.Index(rest, ` N="`)
		if n < 0 {
			return nil, errors.New("no N")
		}
		rest = rest[n+len(` N="`):]
		q = strings.IndexByte(rest, '"')
		if q < 0 {
			return nil, errors.New("unterminated N")
		}
		host := rest[:q]
		rest = rest[q+1:]
		if len(host) > 8 {
			p, err := strconv.ParseUint(port, 0, 32) // strtoul base 0
			if err != nil || p == 0 || p > 65535 {
				return nil, fmt.Errorf("bad port %q", port)
			}
			v.Addrs = append(v.Addrs, Listener{host, uint16(p)})
		}
	}
	if v.ID == "" || len(v.Addrs) == 0 {
		return nil, errors.New("no RASessionID or no address")
	}
	return v, nil
}

// TestReadLikeFreeRDP211Vector2 checks the emulation itself on the 2014
// Windows file: all four addresses are long enough for 2.11.7.
func TestReadLikeFreeRDP211Vector2(t *testing.T) {
	v, err := readLikeFreeRDP211([]byte(vector2File), vector2Password)
	if err != nil {
		t.Fatal(err)
	}
	if v.UserName != "awake" || v.PassStub != vector2PassStub || v.ID != testID || v.KH != testKH || len(v.Addrs) != 4 {
		t.Errorf("%+v", v)
	}
	if _, err := readLikeFreeRDP211([]byte(vector2File), vector3Password); !errors.Is(err, ErrTicket) {
		t.Errorf("wrong password: %v", err)
	}
}

// TestReadLikeFreeRDP211DropsShort reproduces the observation of
// ra-protocol.md §2.2: an <L> for "::1" alone gives no address.
func TestReadLikeFreeRDP211DropsShort(t *testing.T) {
	cs2 := `<E><A ID="i" KH="k"/><C><T ID="1" SID="0"><L P="33893" N="::1"/></T></C></E>`
	inc := &Incident{UserName: "u", LHTicket: TicketHex(EncryptTicket("pw", cs2)), PassStub: vector2PassStub, Start: 1, LengthMinutes: 1}
	b, err := inc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := readLikeFreeRDP211(b, "pw"); err == nil {
		t.Errorf("accepted: %+v", v)
	}
}
