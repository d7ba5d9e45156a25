package invite

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Key hashes of a test certificate; any base64 works for FreeRDP.
const (
	testKH  = "BNRjdu97DyczQSRuMRrDWoue+HA="
	testKH2 = "sha256:ouBL64tmjIDg3kif5vSrcvMqWn1xkVehBGNcmnQ/iS4="
	testID  = "+ULZ6ifjoCa6cGPMLQiGHRPwkg6VyJqGwxMnO6GcelwUh9a6/FBq3It5ADSndmLL"
)

func TestConnectionString2MarshalGolden(t *testing.T) {
	cs := &ConnectionString2{
		ID: testID, KH: testKH, KH2: testKH2,
		Listeners: []Listener{{"192.168.1.200", 49230}, {"fe80::1032:53d9:5a01:909b%3", 49228}},
	}
	want := `<E><A ID="` + testID + `" KH="` + testKH + `" KH2="` + testKH2 + `"/>` +
		`<C><T ID="1" SID="0"><L P="49230" N="192.168.1.200"/><L P="49228" N="fe80::1032:53d9:5a01:909b%3"/></T></C></E>` + "\r\n"
	got, err := cs.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Marshal:\n got %q\nwant %q", got, want)
	}

	cs.KH2 = ""
	got, err = cs.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "KH2") || !strings.HasPrefix(got, `<E><A ID="`+testID+`" KH="`+testKH+`"/><C>`) {
		t.Errorf("without KH2: %q", got)
	}
}

func TestConnectionString2MarshalRejects(t *testing.T) {
	ok := func() *ConnectionString2 {
		return &ConnectionString2{ID: testID, KH: testKH, Listeners: []Listener{{"10.0.0.50", 3389}}}
	}
	cases := []struct {
		name   string
		modify func(*ConnectionString2)
		errHas string
	}{
		{"empty ID", func(c *ConnectionString2) { c.ID = "" }, "ID is empty"},
		{"empty KH", func(c *ConnectionString2) { c.KH = "" }, "KH is empty"},
		{"quote in ID", func(c *ConnectionString2) { c.ID = `a"b` }, "ID contains"},
		{"ampersand in KH", func(c *ConnectionString2) { c.KH = "a&b" }, "KH contains"},
		{"less-than in KH2", func(c *ConnectionString2) { c.KH2 = "sha256:<" }, "KH2 contains"},
		{"greater-than in ID", func(c *ConnectionString2) { c.ID = "a>" }, "ID contains"},
		{"space in ID", func(c *ConnectionString2) { c.ID = "a b" }, "ID contains"},
		{"non-ASCII in KH", func(c *ConnectionString2) { c.KH = "é" }, "KH contains"},
		{"no listener", func(c *ConnectionString2) { c.Listeners = nil }, "no listener"},
		{"port 0", func(c *ConnectionString2) { c.Listeners[0].Port = 0 }, "listener 0: port 0"},
		{"empty host", func(c *ConnectionString2) { c.Listeners[0].Host = "" }, "empty host"},
		{"quote in host", func(c *ConnectionString2) { c.Listeners = append(c.Listeners, Listener{`a"b`, 1}) }, "listener 1: host contains"},
		{"ampersand in host", func(c *ConnectionString2) { c.Listeners[0].Host = "a&b" }, "host contains"},
		{"angle bracket in host", func(c *ConnectionString2) { c.Listeners[0].Host = "a>b" }, "host contains"},
		{"space in host", func(c *ConnectionString2) { c.Listeners[0].Host = "a b" }, "host contains"},
		{"comma in host", func(c *ConnectionString2) { c.Listeners[0].Host = "a,b" }, "host contains"},
		{"host too long", func(c *ConnectionString2) { c.Listeners[0].Host = strings.Repeat("a", 256) }, "host longer"},
		{"too long", func(c *ConnectionString2) {
			for range 2000 {
				c.Listeners = append(c.Listeners, Listener{"host.example.com", 3389})
			}
		}, "longer than"},
		// FreeRDP would take these values' ends for the next attribute.
		{"ID ends in KH=", func(c *ConnectionString2) { c.ID = "abcKH=" }, "misread KH"},
		{"ID ends in KH2=", func(c *ConnectionString2) { c.ID = "abcKH2=" }, "misread KH2"},
		{"KH ends in KH2=", func(c *ConnectionString2) { c.KH = "abcKH2=" }, "misread KH2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cs := ok()
			c.modify(cs)
			s, err := cs.Marshal()
			if err == nil {
				t.Fatalf("accepted: %q", s)
			}
			if !strings.Contains(err.Error(), c.errHas) || !strings.HasPrefix(err.Error(), "invite: ") {
				t.Errorf("error %q, want it to contain %q", err, c.errHas)
			}
		})
	}
}

// TestConnectionString2IDFirstProtects shows why ID comes first: a KH
// ending in "ID=" (impossible for a real SHA-1 base64, possible for any
// other value) would be read as the ID by FreeRDP 2.11.7 in Windows' order,
// but not in ours.
func TestConnectionString2IDFirstProtects(t *testing.T) {
	cs := &ConnectionString2{ID: testID, KH: "xID=", Listeners: []Listener{{"10.0.0.50", 1}}}
	s, err := cs.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := firstAttr(s[:strings.Index(s, "/>")], "ID"); id != testID {
		t.Errorf("FreeRDP-style lookup finds ID %q", id)
	}
	windowsOrder := `<E><A KH="xID=" ID="` + testID + `"/>`
	if id, _ := firstAttr(windowsOrder, "ID"); id == testID {
		t.Errorf("in Windows' order the lookup should be fooled, got %q", id)
	}
}

func TestParseConnectionString2Samples(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want *ConnectionString2
	}{
		{"vector 2 (Windows 2014)", vector2CS2, &ConnectionString2{
			ID: testID, KH: testKH,
			Listeners: []Listener{
				{"fe80::1032:53d9:5a01:909b%3", 49228}, {"fe80::3d8f:9b2d:6b4e:6aa%6", 49229},
				{"192.168.1.200", 49230}, {"169.254.6.170", 49231},
			},
		}},
		{"vector 3 (Windows 2024, KH2 and CE)", vector3CS2, &ConnectionString2{
			ID:  "x71Z31da9Vbtnu13p0YHxoi99oE4bC0OHyoNLpLDGsEo7pJJJPDkhFUVlCGquycl",
			KH:  "0Xc54LdpNOVklt8sOsnDJ+uVuJY=",
			KH2: "sha256:ouBL64tmjIDg3kif5vSrcvMqWn1xkVehBGNcmnQ/iS4=",
			Listeners: []Listener{
				{"fe80::b31a:3308:6b91:8831%3", 64730}, {"fe80::28e3:b9b:c19c:4d04%9", 64731},
				{"2001:0:284a:364:28e3:b9b:c19c:4d04", 64732}, {"10.0.1.174", 64733},
			},
		}},
		{"[MS-RAI] 2.2.2 example", raiExampleCS2, &ConnectionString2{
			ID:  "8rYm30RBW8/4dAWoUsWbFCF5jno/7jr5tNpHQc2goLbw4uuBBJvLsU02YYLlBMg5",
			KH:  "YiKwWUY8Ioq5NB3wAQHSbs5kwrM=",
			KH2: "sha256:wKSAkAV3sBfa9WpuRFJcP9q1twJc6wOBuoJ9tsyXwpk=",
			Listeners: []Listener{
				{"2001:4898:1a:5:79e2:3356:9b22:3470", 49749}, {"172.31.250.64", 49751},
			},
		}},
		{"[MS-RAI] 2.2.2 grammar layout", `<E> <A KH="k" KH2="sha256:h" ID="i" /> <C> <T ID="1" SID="0"> <L P="1" N="n" /> </T> </C> </E>`,
			&ConnectionString2{ID: "i", KH: "k", KH2: "sha256:h", Listeners: []Listener{{"n", 1}}}},
		{"two transports", `<E><A ID="i" KH="k"/><C><T ID="1" SID="0"><L P="1" N="a"/></T><T ID="2" SID="0"><L P="2" N="b"/></T></C></E>`,
			&ConnectionString2{ID: "i", KH: "k", Listeners: []Listener{{"a", 1}, {"b", 2}}}},
		{"without CR LF", strings.TrimSuffix(vector2CS2, "\r\n"), nil}, // want: same as vector 2
	}
	cases[len(cases)-1].want = cases[0].want
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseConnectionString2(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			// And it comes back from our own form.
			s, err := got.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			again, err := ParseConnectionString2(s)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(got, again); d != "" {
				t.Errorf("after Marshal (-first +second):\n%s", d)
			}
		})
	}
}

func TestParseConnectionString2Rejects(t *testing.T) {
	const a = `<A ID="i" KH="k"/>`
	const c = `<C><T ID="1" SID="0"><L P="1" N="n"/></T></C>`
	cases := []struct{ name, in string }{
		{"empty", ""},
		{"not XML", "hello"},
		{"unclosed", `<E>` + a + c},
		{"text", `<E>x` + a + c + `</E>`},
		{"text after root", `<E>` + a + c + `</E>x`},
		{"two roots", `<E>` + a + c + `</E><E/>`},
		{"XML declaration", `<?xml version="1.0"?><E>` + a + c + `</E>`},
		{"comment", `<E><!-- x -->` + a + c + `</E>`},
		{"DOCTYPE with an entity", `<!DOCTYPE E [<!ENTITY x "y">]><E>` + a + c + `</E>`},
		{"undefined entity", `<E><A ID="&x;" KH="k"/>` + c + `</E>`},
		{"namespace", `<E xmlns="urn:x">` + a + c + `</E>`},
		{"prefixed element", `<x:E xmlns:x="urn:x">` + a + c + `</x:E>`},
		{"root not E", `<F>` + a + c + `</F>`},
		{"attribute on E", `<E X="1">` + a + c + `</E>`},
		{"C before A", `<E>` + c + a + `</E>`},
		{"no C", `<E>` + a + `</E>`},
		{"two A", `<E>` + a + a + c + `</E>`},
		{"missing ID", `<E><A KH="k"/>` + c + `</E>`},
		{"missing KH", `<E><A ID="i"/>` + c + `</E>`},
		{"empty ID", `<E><A ID="" KH="k"/>` + c + `</E>`},
		{"duplicate ID", `<E><A ID="i" ID="j" KH="k"/>` + c + `</E>`},
		{"unknown attribute on A", `<E><A ID="i" KH="k" X="1"/>` + c + `</E>`},
		{"child in A", `<E><A ID="i" KH="k"><B/></A>` + c + `</E>`},
		{"ampersand in ID", `<E><A ID="a&amp;b" KH="k"/>` + c + `</E>`},
		{"ID ends in KH=", `<E><A KH="k" ID="iKH="/>` + c + `</E>`},
		{"empty C", `<E>` + a + `<C></C></E>`},
		{"attribute on C", `<E>` + a + `<C X="1"><T ID="1" SID="0"><L P="1" N="n"/></T></C></E>`},
		{"namespace declaration", `<E xmlns:x="urn:x">` + a + c + `</E>`},
		{"prefixed attribute", `<E><A ID="i" KH="k" x:y="1" xmlns:x="urn:x"/>` + c + `</E>`},
		{"B in C", `<E>` + a + `<C><B/></C></E>`},
		{"T without SID", `<E>` + a + `<C><T ID="1"><L P="1" N="n"/></T></C></E>`},
		{"T SID not a number", `<E>` + a + `<C><T ID="1" SID="x"><L P="1" N="n"/></T></C></E>`},
		{"T SID too big", `<E>` + a + `<C><T ID="1" SID="4294967296"><L P="1" N="n"/></T></C></E>`},
		{"empty T", `<E>` + a + `<C><T ID="1" SID="0"></T></C></E>`},
		{"X in T", `<E>` + a + `<C><T ID="1" SID="0"><X/></T></C></E>`},
		{"L without N", `<E>` + a + `<C><T ID="1" SID="0"><L P="1"/></T></C></E>`},
		{"L without P", `<E>` + a + `<C><T ID="1" SID="0"><L N="n"/></T></C></E>`},
		{"L with U", `<E>` + a + `<C><T ID="1" SID="0"><L P="1" N="n" U="wss://n/"/></T></C></E>`},
		{"port 0", `<E>` + a + `<C><T ID="1" SID="0"><L P="0" N="n"/></T></C></E>`},
		{"port 65536", `<E>` + a + `<C><T ID="1" SID="0"><L P="65536" N="n"/></T></C></E>`},
		{"port with a leading zero", `<E>` + a + `<C><T ID="1" SID="0"><L P="03389" N="n"/></T></C></E>`},
		{"port in hex", `<E>` + a + `<C><T ID="1" SID="0"><L P="0x1" N="n"/></T></C></E>`},
		{"signed port", `<E>` + a + `<C><T ID="1" SID="0"><L P="+1" N="n"/></T></C></E>`},
		{"empty host", `<E>` + a + `<C><T ID="1" SID="0"><L P="1" N=""/></T></C></E>`},
		{"space in host", `<E>` + a + `<C><T ID="1" SID="0"><L P="1" N="a b"/></T></C></E>`},
		{"child in L", `<E>` + a + `<C><T ID="1" SID="0"><L P="1" N="n"><X/></L></T></C></E>`},
		{"too deep", strings.Repeat("<E>", 20) + strings.Repeat("</E>", 20)},
		{"too long", `<E>` + a + `<C><T ID="1" SID="0">` + strings.Repeat(`<L P="1" N="n"/>`, MaxConnectionString2Size/16) + `</T></C></E>`},
		{"UTF-8 BOM", "\ufeff<E>" + a + c + "</E>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseConnectionString2(c.in)
			if err == nil {
				t.Fatalf("accepted: %+v", got)
			}
			if !strings.HasPrefix(err.Error(), "invite: connection string 2: ") {
				t.Errorf("error %q lacks the prefix", err)
			}
		})
	}
}
