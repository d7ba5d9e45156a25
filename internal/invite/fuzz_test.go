package invite

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The fuzz targets check that the parsers never panic and that whatever
// they accept survives a round trip through the writer unchanged.

func FuzzParseIncident(f *testing.F) {
	for _, s := range []string{vector1File, vector2File, vector3File} {
		f.Add([]byte(s))
	}
	if inv, err := Build(BuildParams{
		Password: "P", PassStub: vector3PassStub, ID: "i", KH: "k", Listeners: []Listener{{"::1", 1}, {"h.example", 2}},
		UserName: "u", Start: 1, WriteRCTicket: true,
	}); err == nil {
		f.Add(inv.File)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		inc, err := ParseIncident(b)
		if err != nil {
			return
		}
		out, err := inc.Marshal()
		if err != nil {
			t.Fatalf("parsed but does not marshal: %v", err)
		}
		again, err := ParseIncident(out)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%s", err, out)
		}
		if d := cmp.Diff(inc, again); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}

func FuzzParseConnectionString2(f *testing.F) {
	for _, s := range []string{vector2CS2, vector3CS2, raiExampleCS2, `<E><A ID="i" KH="k"/><C><T ID="1" SID="0"><L P="1" N="n"/></T></C></E>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ParseConnectionString2(s)
		if err != nil {
			return
		}
		out, err := cs.Marshal()
		if err != nil {
			t.Fatalf("parsed but does not marshal: %v", err)
		}
		again, err := ParseConnectionString2(out)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%s", err, out)
		}
		if d := cmp.Diff(cs, again); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}

func FuzzParseConnectionString1(f *testing.F) {
	for _, s := range []string{vector1RCTicket, vector2RCTicket, raiExampleCS1, "65538,1,h:1,*,i,*,*,k"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ParseConnectionString1(s)
		if err != nil {
			return
		}
		out, ok := ConnectionString1(cs)
		if !ok || out != s {
			t.Fatalf("ConnectionString1 of the parsed value = %q, %v; want the input back", out, ok)
		}
	})
}

func FuzzDecryptTicket(f *testing.F) {
	ct, err := ParseTicketHex(vector2LHTicket)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(vector2Password, ct)
	f.Add("wrong", ct)
	f.Add("p", EncryptTicket("p", "x"))
	f.Add("p", []byte{})
	f.Fuzz(func(t *testing.T, password string, ct []byte) {
		plain, err := DecryptTicket(password, ct)
		if err != nil {
			return
		}
		// Decryption is strict, so re-encrypting gives the same bytes.
		if again := EncryptTicket(password, plain); !bytes.Equal(again, ct) {
			t.Fatalf("re-encryption differs:\n got %x\nwant %x", again, ct)
		}
	})
}
