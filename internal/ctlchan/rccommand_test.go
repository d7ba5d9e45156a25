package ctlchan

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestExpertIP(t *testing.T) {
	for _, tc := range []struct {
		name, xml, want string
		isExpertIP      bool
	}{
		{"ipv4", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.168.1.20"/>`, "192.168.1.20", true},
		{"nul-terminated", "<RCCOMMAND NAME=\"EXPERTIP\" EXPERTIPDATA=\"10.0.0.1\"/>\x00", "10.0.0.1", true},
		{"list", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="10.0.0.1;2001:db8::1"/>`, "10.0.0.1, 2001:db8::1", true},
		{"zone-dropped", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="fe80::1%evil&#10;line"/>`, "fe80::1", true},
		{"xml-declaration", `<?xml version="1.0"?><RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="10.0.0.1"/>`, "10.0.0.1", true},
		{"not-an-address", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="evil.example&#10;x"/>`, "", true},
		{"empty-data", `<RCCOMMAND NAME="EXPERTIP"/>`, "", true},
		{"other-command", `<RCCOMMAND NAME="REMOTECTRLSTART"/>`, "", false},
		{"other-element", `<X NAME="EXPERTIP" EXPERTIPDATA="10.0.0.1"/>`, "", false},
		{"not-xml", `hello`, "", false},
		{"empty", ``, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := expertIP(wire.AppendUTF16LE(nil, tc.xml))
			if got != tc.want || ok != tc.isExpertIP {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tc.want, tc.isExpertIP)
			}
		})
	}
	if _, ok := expertIP([]byte{'<', 0, 'R'}); ok {
		t.Error("odd length accepted")
	}
}

func FuzzExpertIP(f *testing.F) {
	f.Add(wire.AppendUTF16LE(nil, `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.168.1.20"/>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		addrs, _ := expertIP(b)
		for _, r := range addrs {
			if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r == '.' || r == ':' || r == ',' || r == ' ') {
				t.Fatalf("address text %q has %q", addrs, r)
			}
		}
	})
}
