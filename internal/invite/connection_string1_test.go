package invite

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestConnectionString1FromVector2 derives the RCTICKET of the 2014
// Windows file from its own Connection String 2: the IPv4 listeners, <A
// ID> and <A KH>, exactly as Windows wrote it (ra-protocol.md §2.3).
func TestConnectionString1FromVector2(t *testing.T) {
	cs, err := ParseConnectionString2(vector2CS2)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := ConnectionString1(cs)
	if !ok || got != vector2RCTicket {
		t.Errorf("ConnectionString1 = %q, %v\n                 want %q", got, ok, vector2RCTicket)
	}
}

func TestConnectionString1(t *testing.T) {
	cases := []struct {
		name string
		cs   *ConnectionString2
		want string // "" = false
	}{
		{"host names and IPv4", &ConnectionString2{ID: "i", KH: "k", KH2: "sha256:x", Listeners: []Listener{{"a.example", 1}, {"10.0.0.5", 2}}},
			"65538,1,a.example:1;10.0.0.5:2,*,i,*,*,k"},
		{"IPv6 left out", &ConnectionString2{ID: "i", KH: "k", Listeners: []Listener{{"::1", 1}, {"10.0.0.5", 2}, {"::ffff:10.0.0.5", 2}}},
			"65538,1,10.0.0.5:2,*,i,*,*,k"},
		{"only IPv6", &ConnectionString2{ID: "i", KH: "k", Listeners: []Listener{{"::1", 1}}}, ""},
		{"comma in ID", &ConnectionString2{ID: "i,j", KH: "k", Listeners: []Listener{{"h", 1}}}, ""},
		{"comma in KH", &ConnectionString2{ID: "i", KH: "k,", Listeners: []Listener{{"h", 1}}}, ""},
		{"invalid", &ConnectionString2{ID: "", KH: "k", Listeners: []Listener{{"h", 1}}}, ""},
		{"nil", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ConnectionString1(c.cs)
			if got != c.want || ok != (c.want != "") {
				t.Errorf("got %q, %v; want %q", got, ok, c.want)
			}
		})
	}
}

func TestParseConnectionString1(t *testing.T) {
	cases := []struct {
		name, in string
		want     *ConnectionString2
	}{
		{"vector 1", vector1RCTicket, &ConnectionString2{
			ID: "rb+v0oPmEISmi8N2zK/vuhgul/ABqlDt6wW0VxMyxK8=", KH: "IuaRySSbPDNna4+2mKcsKxsbJFI=",
			Listeners: []Listener{{"10.0.3.105", 3389}, {"winxpsp3.contoso3.com", 3389}},
		}},
		{"vector 2", vector2RCTicket, &ConnectionString2{
			ID: testID, KH: testKH, Listeners: []Listener{{"192.168.1.200", 49230}, {"169.254.6.170", 49231}},
		}},
		{"[MS-RAI] 2.2.1 example", raiExampleCS1, &ConnectionString2{
			ID: "Uj7RpOlU80SibpRwRZ9+z1vbh7nIgVn89X1AiKp15Vc=", KH: "RcfwecK8dpcT1fjZ6iQ5M0+q7iU=",
			Listeners: []Listener{{"172.31.243.138", 3389}, {"MIKE_HOME", 3389}},
		}},
		{"one address", "65538,1,h:1,*,i,*,*,k", &ConnectionString2{ID: "i", KH: "k", Listeners: []Listener{{"h", 1}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseConnectionString1(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if s, ok := ConnectionString1(got); !ok || s != c.in {
				t.Errorf("ConnectionString1 gives %q, %v back", s, ok)
			}
		})
	}
}

func TestParseConnectionString1Rejects(t *testing.T) {
	cases := []struct{ name, in string }{
		{"empty", ""},
		{"7 fields", "65538,1,h:1,*,i,*,*"},
		{"9 fields", "65538,1,h:1,*,i,*,*,k,x"},
		{"version", "65537,1,h:1,*,i,*,*,k"},
		{"type", "65538,2,h:1,*,i,*,*,k"},
		{"assistantAccountPwd", "65538,1,h:1,x,i,*,*,k"},
		{"RASessionName", "65538,1,h:1,*,i,x,*,k"},
		{"RASessionPwd", "65538,1,h:1,*,i,*,x,k"},
		{"empty ID", "65538,1,h:1,*,,*,*,k"},
		{"empty KH", "65538,1,h:1,*,i,*,*,"},
		{"quote in ID", `65538,1,h:1,*,i",*,*,k`},
		{"space in KH", "65538,1,h:1,*,i,*,*,k k"},
		{"no address", "65538,1,,*,i,*,*,k"},
		{"empty address", "65538,1,h:1;,*,i,*,*,k"},
		{"no port", "65538,1,h,*,i,*,*,k"},
		{"empty port", "65538,1,h:,*,i,*,*,k"},
		{"empty host", "65538,1,:1,*,i,*,*,k"},
		{"port 0", "65538,1,h:0,*,i,*,*,k"},
		{"port 65536", "65538,1,h:65536,*,i,*,*,k"},
		{"port leading zero", "65538,1,h:01,*,i,*,*,k"},
		{"IPv6", "65538,1,::1:3389,*,i,*,*,k"},
		{"bad host", "65538,1,a b:1,*,i,*,*,k"},
		{"too long", "65538,1," + strings.Repeat("h:1;", MaxConnectionString2Size/4) + "h:1,*,i,*,*,k"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, err := ParseConnectionString1(c.in); err == nil {
				t.Errorf("accepted: %+v", got)
			} else if !strings.HasPrefix(err.Error(), "invite: connection string 1: ") {
				t.Errorf("error %q lacks the prefix", err)
			}
		})
	}
}
