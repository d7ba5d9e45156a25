package sharectl

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// acceptRC is the data of the "71" frame carrying ACCEPTRC, from the frame
// reproduced in ra-protocol.md §6.4 (after its 14-byte header and name):
// <RCCOMMAND NAME="ACCEPTRC"/> in UTF-16LE with its NUL, 58 bytes.
var acceptRC = rdptest.Hex(`
3c00 52004300 43004f00 4d004d00 41004e00 44002000 4e004100 4d004500 3d002200
41004300 43004500 50005400 52004300 22002f00 3e000000`)

func utf16z(s string) []byte { return wire.AppendUTF16LE(nil, s+"\x00") }

func TestRCCommandGolden(t *testing.T) {
	if len(acceptRC) != 58 {
		t.Fatalf("golden vector is %d bytes, want 58", len(acceptRC))
	}
	if got := Command(AcceptRC); !bytes.Equal(got, acceptRC) {
		t.Fatalf("Command(ACCEPTRC) =\n%x\nwant\n%x", got, acceptRC)
	}
	c, err := ParseRCCommand(acceptRC)
	if err != nil || c.Name != AcceptRC || len(c.Attrs) != 0 {
		t.Fatalf("ParseRCCommand(ACCEPTRC) = %+v, %v", c, err)
	}
}

// TestRCCommandRoundTrip: every NAME of the spec, and a FILEXFER with
// attributes that need escaping, survive Marshal and ParseRCCommand;
// Command and Marshal agree.
func TestRCCommandRoundTrip(t *testing.T) {
	for n := range knownNames {
		b, err := (&RCCommand{Name: n}).Marshal()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if !bytes.Equal(b, Command(n)) {
			t.Errorf("%s: Marshal and Command differ", n)
		}
		c, err := ParseRCCommand(b)
		if err != nil || c.Name != n {
			t.Errorf("%s: parsed %+v, %v", n, c, err)
		}
	}
	in := &RCCommand{Name: FileXfer, Attrs: map[string]string{
		"FILENAME": `a&b "c" <d>.txt`, "FILESIZE": "1024", "CHANNELID": "RA_FX", "INTERNALDATA": "0",
	}}
	b, err := in.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `<RCCOMMAND NAME="FILEXFER" FILENAME="a&amp;b &#34;c&#34; &lt;d&gt;.txt" FILESIZE="1024" CHANNELID="RA_FX" INTERNALDATA="0"/>`
	if got := strings.TrimSuffix(wire.DecodeUTF16LE(b), "\x00"); got != want {
		t.Fatalf("Marshal =\n%s\nwant\n%s", got, want)
	}
	out, err := ParseRCCommand(b)
	if err != nil {
		t.Fatal(err)
	}
	if out.Name != in.Name || len(out.Attrs) != len(in.Attrs) {
		t.Fatalf("round trip %+v", out)
	}
	for k, v := range in.Attrs {
		if out.Attr(k) != v {
			t.Errorf("%s = %q, want %q", k, out.Attr(k), v)
		}
	}
}

// TestRCCommandLenient: what the spec allows and peers may send.
func TestRCCommandLenient(t *testing.T) {
	for _, s := range []string{
		`<RCCOMMAND NAME="REMOTECTRLSTART"/>`,                      // no NUL
		"<RCCOMMAND NAME=\"REMOTECTRLEND\"/>\x00",                  // NUL
		`  <RCCOMMAND NAME="REMOTECTRLEND" ></RCCOMMAND>  `,        // empty, not self-closed, white space
		`<RCCOMMAND NAME='EXPERTIP' EXPERTIPDATA='10.0.0.1'/>`,     // single quotes
		`<RCCOMMAND NAME="VOIPGO" VOIPILIST="10.0.0.1,10.0.0.2"/>`, // the Usage block's spelling
	} {
		if _, err := ParseRCCommand(wire.AppendUTF16LE(nil, s)); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	c, _ := ParseRCCommand(wire.AppendUTF16LE(nil, `<RCCOMMAND NAME="VOIPGO" VOIPILIST="x"/>`))
	if c.Attr("VOIPIPLIST") != "x" {
		t.Errorf("VOIPILIST not read as VOIPIPLIST: %+v", c)
	}
}

// TestRCCommandBad: each malformed command is refused with ErrRCCommand
// (or ErrUnknownName for a well-formed command of an unknown NAME).
func TestRCCommandBad(t *testing.T) {
	big := `<RCCOMMAND NAME="FILEXFER" FILENAME="` + strings.Repeat("x", MaxRCCommandBytes) + `"/>`
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrRCCommand},
		{"odd length", append(utf16z(`<RCCOMMAND NAME="ACCEPTRC"/>`), 0), ErrRCCommand},
		{"oversized", utf16z(big), ErrRCCommand},
		{"long attribute", utf16z(`<RCCOMMAND NAME="FILEXFER" FILENAME="` + strings.Repeat("x", maxAttrRunes+1) + `"/>`), ErrRCCommand},
		{"broken XML", utf16z(`<RCCOMMAND NAME="ACCEPTRC"`), ErrRCCommand},
		{"unclosed", utf16z(`<RCCOMMAND NAME="ACCEPTRC">`), ErrRCCommand},
		{"other element", utf16z(`<RCCMD NAME="ACCEPTRC"/>`), ErrRCCommand},
		{"namespaced", utf16z(`<x:RCCOMMAND xmlns:x="u" NAME="ACCEPTRC"/>`), ErrRCCommand},
		{"two elements", utf16z(`<RCCOMMAND NAME="ACCEPTRC"/><RCCOMMAND NAME="ACCEPTRC"/>`), ErrRCCommand},
		{"child", utf16z(`<RCCOMMAND NAME="ACCEPTRC"><X/></RCCOMMAND>`), ErrRCCommand},
		{"text", utf16z(`<RCCOMMAND NAME="ACCEPTRC">hi</RCCOMMAND>`), ErrRCCommand},
		{"DOCTYPE with an entity", utf16z(`<!DOCTYPE r [<!ENTITY e "REMOTECTRLSTART">]><RCCOMMAND NAME="&e;"/>`), ErrRCCommand},
		{"undefined entity", utf16z(`<RCCOMMAND NAME="&e;"/>`), ErrRCCommand},
		{"comment", utf16z(`<!-- x --><RCCOMMAND NAME="ACCEPTRC"/>`), ErrRCCommand},
		{"processing instruction", utf16z(`<?xml version="1.0"?><RCCOMMAND NAME="ACCEPTRC"/>`), ErrRCCommand},
		{"no NAME", utf16z(`<RCCOMMAND FILENAME="a"/>`), ErrRCCommand},
		{"unknown attribute", utf16z(`<RCCOMMAND NAME="ACCEPTRC" EVIL="1"/>`), ErrRCCommand},
		{"duplicate attribute", utf16z(`<RCCOMMAND NAME="ACCEPTRC" NAME="REJECTRC"/>`), ErrRCCommand},
		{"lower-case attribute", utf16z(`<RCCOMMAND name="ACCEPTRC"/>`), ErrRCCommand},
		{"NUL inside", wire.AppendUTF16LE(nil, "<RCCOMMAND NAME=\"ACC\x00EPTRC\"/>\x00"), ErrRCCommand},
		{"two NULs", wire.AppendUTF16LE(nil, "<RCCOMMAND NAME=\"ACCEPTRC\"/>\x00\x00"), ErrRCCommand},
		{"lone surrogate", append(utf16z(`<RCCOMMAND NAME="ACCEPTRC"/>`)[:56], 0x00, 0xd8, 0, 0), ErrRCCommand},
		{"unknown NAME", utf16z(`<RCCOMMAND NAME="FORMAT_C"/>`), ErrUnknownName},
		{"NAME with a space", utf16z(`<RCCOMMAND NAME="DENIEDRC "/>`), ErrUnknownName},
	} {
		if _, err := ParseRCCommand(tc.data); !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := (&RCCommand{Name: "NOPE"}).Marshal(); !errors.Is(err, ErrUnknownName) {
		t.Errorf("Marshal of an unknown NAME: %v", err)
	}
	if _, err := (&RCCommand{Name: AcceptRC, Attrs: map[string]string{"EVIL": "1"}}).Marshal(); !errors.Is(err, ErrRCCommand) {
		t.Errorf("Marshal of an unknown attribute: %v", err)
	}
}

func FuzzParseRCCommand(f *testing.F) {
	f.Add(acceptRC)
	f.Add(utf16z(`<RCCOMMAND NAME="FILEXFER" FILENAME="a.txt" FILESIZE="3" CHANNELID="RA_FX"/>`))
	f.Add(utf16z(`<RCCOMMAND NAME="REMOTECTRLSTART"/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseRCCommand(data)
		if err != nil {
			return
		}
		// Whatever parses re-encodes, and the encoding parses to the same.
		b, err := c.Marshal()
		if err != nil {
			t.Fatalf("parsed %+v but cannot marshal it: %v", c, err)
		}
		c2, err := ParseRCCommand(b)
		if err != nil || c2.Name != c.Name || len(c2.Attrs) > len(c.Attrs) {
			t.Fatalf("re-parse of %+v: %+v, %v", c, c2, err)
		}
		for k, v := range c2.Attrs {
			if c.Attrs[k] != v {
				t.Fatalf("attribute %s changed: %q → %q", k, c.Attrs[k], v)
			}
		}
	})
}
