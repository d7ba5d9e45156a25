package invite

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func testParams(t *testing.T) BuildParams {
	t.Helper()
	rng := rand.NewChaCha8([32]byte{'b', 'u', 'i', 'l', 'd'})
	pw, err := NewPassword(rng)
	if err != nil {
		t.Fatal(err)
	}
	stub, err := NewPassStub(rng)
	if err != nil {
		t.Fatal(err)
	}
	id, err := NewID(rng)
	if err != nil {
		t.Fatal(err)
	}
	return BuildParams{
		Password: pw, PassStub: stub, ID: id, KH: testKH, KH2: testKH2,
		Listeners: []Listener{
			{"192.168.1.20", 49230},
			{"10.0.0.5", 49231},
			{"::1", 49232},
			{"fe80::1%eth0", 49233},
			{"pc1", 49234},
		},
		UserName: "awake",
		Start:    1704288424,
	}
}

func TestBuildRoundTrip(t *testing.T) {
	p := testParams(t)
	inv, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	wantListeners := []Listener{
		{"192.168.1.20", 49230},
		{"10.0.0.5", 49231}, {"::ffff:10.0.0.5", 49231},
		{"::1", 49232}, {"0:0:0:0:0:0:0:1", 49232},
		{"fe80::1%eth0", 49233},
		{"pc1", 49234},
	}
	if d := cmp.Diff(wantListeners, inv.ConnectionString2.Listeners); d != "" {
		t.Errorf("listeners (-want +got):\n%s", d)
	}
	if !inv.ReadableByFreeRDP211 {
		t.Error("ReadableByFreeRDP211 = false")
	}
	if inv.Incident.LengthMinutes != DefaultLifetimeMinutes || inv.Incident.Expiry() != p.Start+6*3600 {
		t.Errorf("lifetime %d, expiry %d", inv.Incident.LengthMinutes, inv.Incident.Expiry())
	}
	if inv.ConnectionString1 != "65538,1,192.168.1.20:49230;10.0.0.5:49231;pc1:49234,*,"+p.ID+",*,*,"+testKH {
		t.Errorf("ConnectionString1 = %q", inv.ConnectionString1)
	}
	if inv.Incident.RCTicket != "" || bytes.Contains(inv.File, []byte("RCTICKET=")) {
		t.Error("RCTICKET written without WriteRCTicket")
	}

	// File → Incident → LHTICKET → Connection String 2.
	inc, err := ParseIncident(inv.File)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(inv.Incident, inc); d != "" {
		t.Errorf("incident (-built +parsed):\n%s", d)
	}
	ct, err := ParseTicketHex(inc.LHTicket)
	if err != nil {
		t.Fatal(err)
	}
	text, err := DecryptTicket(p.Password, ct)
	if err != nil {
		t.Fatal(err)
	}
	if text != inv.ConnectionString2Text {
		t.Errorf("decrypted %q, want %q", text, inv.ConnectionString2Text)
	}
	cs2, err := ParseConnectionString2(text)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(inv.ConnectionString2, cs2); d != "" {
		t.Errorf("connection string 2 (-built +parsed):\n%s", d)
	}
	if _, err := DecryptTicket(p.Password+"x", ct); !errors.Is(err, ErrTicket) {
		t.Errorf("wrong password: %v", err)
	}

	// The expert's proof for this invitation checks.
	if !CheckPassStubProof(p.Password, inc.PassStub, PassStubProof(p.Password, p.PassStub)) {
		t.Error("proof rejected")
	}
}

// TestBuildFreeRDP211 reads Build's output the way FreeRDP 2.11.7 does and
// checks that it finds our values and every address it can keep, in order.
func TestBuildFreeRDP211(t *testing.T) {
	p := testParams(t)
	inv, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	v, err := readLikeFreeRDP211(inv.File, p.Password)
	if err != nil {
		t.Fatal(err)
	}
	want := &freeRDP211View{
		UserName: p.UserName, PassStub: p.PassStub, ID: p.ID, KH: p.KH,
		Addrs: []Listener{
			{"192.168.1.20", 49230}, {"::ffff:10.0.0.5", 49231}, {"0:0:0:0:0:0:0:1", 49232}, {"fe80::1%eth0", 49233},
		},
	}
	if d := cmp.Diff(want, v); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestBuildSubstrings checks the literal substrings both FreeRDP versions
// look for (ra-protocol.md §1.2, §1.3, §2.2).
func TestBuildSubstrings(t *testing.T) {
	p := testParams(t)
	p.WriteRCTicket = true
	inv, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	file := string(inv.File)
	for _, sub := range []string{
		`<?xml version="1.0"?><UPLOADINFO TYPE="Escalated"><UPLOADDATA USERNAME="`,
		` L="0"/></UPLOADINFO>`,
		` RCTICKETENCRYPTED="1" `,
		` PassStub="` + p.PassStub + `" `,
		` RCTICKET="` + inv.ConnectionString1 + `" `,
	} {
		if !strings.Contains(file, sub) {
			t.Errorf("file lacks %q", sub)
		}
	}
	if strings.ContainsAny(file, "&\r\n\t\x00") || strings.HasPrefix(file, "\ufeff") || strings.Contains(file, "  ") {
		t.Errorf("file has &, a line break, a tab, NUL, a BOM or a double space: %q", file)
	}
	if strings.Contains(file, ` ="`) || strings.Contains(file, `= "`) {
		t.Error("space around =")
	}

	cs := inv.ConnectionString2Text
	for _, sub := range []string{"<E>", "<C>", `<E><A ID="` + p.ID + `" KH="`, "</E>\r\n"} {
		if !strings.Contains(cs, sub) {
			t.Errorf("connection string 2 lacks %q", sub)
		}
	}
	a := strings.Index(cs, "<A")
	if e := strings.Index(cs[a:], "/>"); e < 0 || strings.Contains(cs[a:a+e], "<C>") {
		t.Error("<A is not closed by the first />")
	}
	if n := strings.Count(cs, `<L P="`); n != len(inv.ConnectionString2.Listeners) {
		t.Errorf("%d <L P=\" for %d listeners", n, len(inv.ConnectionString2.Listeners))
	}
	for _, l := range inv.ConnectionString2.Listeners {
		if !strings.Contains(cs, `<L P="`+strconv.Itoa(int(l.Port))+`" N="`+l.Host+`"/>`) {
			t.Errorf("no <L P=… N=…/> for %v", l)
		}
	}
	if strings.Contains(cs, "&") {
		t.Error("& in connection string 2")
	}
}

// TestBuildLikeWindows2014 builds from the inputs of the 2014 Windows file:
// the RCTICKET comes out identical, and the file works for its password.
func TestBuildLikeWindows2014(t *testing.T) {
	win, err := ParseConnectionString2(vector2CS2)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := Build(BuildParams{
		Password: vector2Password, PassStub: vector2PassStub, ID: win.ID, KH: win.KH,
		Listeners: win.Listeners, UserName: "awake", Start: 1403972263, LifetimeMinutes: 14400,
		WriteRCTicket: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if inv.Incident.RCTicket != vector2RCTicket {
		t.Errorf("RCTICKET = %q", inv.Incident.RCTicket)
	}
	if d := cmp.Diff(win.Listeners, inv.ConnectionString2.Listeners); d != "" {
		t.Errorf("long addresses changed:\n%s", d)
	}
	v, err := readLikeFreeRDP211(inv.File, vector2Password)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != win.ID || len(v.Addrs) != 4 || v.RCTicket != vector2RCTicket {
		t.Errorf("%+v", v)
	}
}

func TestBuildReadableByFreeRDP211(t *testing.T) {
	p := testParams(t)
	p.Listeners = []Listener{{"pc1", 3389}, {"novice", 3390}}
	inv, err := Build(p)
	if err != nil {
		t.Fatal(err)
	}
	if inv.ReadableByFreeRDP211 {
		t.Error("only short host names, yet ReadableByFreeRDP211")
	}
	if _, err := readLikeFreeRDP211(inv.File, p.Password); err == nil {
		t.Error("the emulation found an address")
	}
	p.Listeners = []Listener{{"10.0.0.5", 3389}}
	if inv, err := Build(p); err != nil || !inv.ReadableByFreeRDP211 {
		t.Errorf("short IPv4: %v, %v", inv.ReadableByFreeRDP211, err)
	}
}

func TestBuildDeterministic(t *testing.T) {
	a, err := Build(testParams(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(testParams(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.File, b.File) {
		t.Error("two builds from the same parameters differ")
	}
}

func TestBuildRejects(t *testing.T) {
	cases := []struct {
		name   string
		modify func(*BuildParams)
		errHas string
	}{
		{"empty password", func(p *BuildParams) { p.Password = "" }, "password is empty"},
		{"control character in password", func(p *BuildParams) { p.Password = "secret\npassword" }, "printable"},
		{"short PassStub", func(p *BuildParams) { p.PassStub = p.PassStub[:13] }, "PassStub must have 14"},
		{"ampersand in PassStub", func(p *BuildParams) { p.PassStub = "ab&cdefghijklm" }, "PassStub must contain only"},
		{"quote in PassStub", func(p *BuildParams) { p.PassStub = `ab"cdefghijklm` }, "PassStub must contain only"},
		{"empty user name", func(p *BuildParams) { p.UserName = "" }, "user name is empty"},
		{"user name with a line break", func(p *BuildParams) { p.UserName = "a\r\nb" }, "user name"},
		{"empty ID", func(p *BuildParams) { p.ID = "" }, "ID is empty"},
		{"empty KH", func(p *BuildParams) { p.KH = "" }, "KH is empty"},
		{"no listener", func(p *BuildParams) { p.Listeners = nil }, "no listener"},
		{"port 0", func(p *BuildParams) { p.Listeners = []Listener{{"host.example", 0}} }, "port 0"},
		{"negative lifetime", func(p *BuildParams) { p.LifetimeMinutes = -1 }, "lifetime"},
		{"negative start", func(p *BuildParams) { p.Start = -1 }, "DtStart"},
		{"user name misread by FreeRDP", func(p *BuildParams) { p.UserName = "me L=" }, "misread L"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := testParams(t)
			c.modify(&p)
			inv, err := Build(p)
			if err == nil {
				t.Fatalf("accepted: %s", inv.File)
			}
			if !strings.Contains(err.Error(), c.errHas) || !strings.HasPrefix(err.Error(), "invite: ") {
				t.Errorf("error %q, want it to contain %q", err, c.errHas)
			}
			if p.Password != "" && strings.Contains(err.Error(), p.Password) {
				t.Errorf("error %q contains the password", err)
			}
		})
	}
}

func TestBuildParamsPrintsNoPassword(t *testing.T) {
	p := testParams(t)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(verb, p); strings.Contains(out, p.Password) || !strings.Contains(out, "redacted") {
			t.Errorf("%s: %s", verb, out)
		}
		if out := fmt.Sprintf(verb, &p); strings.Contains(out, p.Password) {
			t.Errorf("%s of a pointer: %s", verb, out)
		}
	}
}
