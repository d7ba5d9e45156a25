package ctlchan

import (
	"strings"
	"testing"
)

func TestMatchConnectionString(t *testing.T) {
	inv := v2Invitation()
	noTicket := v2Invitation()
	noTicket.RCTicket = ""
	// The same CS2 written differently: attribute order, whitespace, no
	// CR LF, as a real XML reader sees it.
	reformatted := `<E>
  <A ID="` + v2ID + `" KH="` + v2KH + `"/>
  <C><T SID="0" ID="1"><L N="192.168.1.200" P="49230"/></T></C>
</E>`
	for _, tc := range []struct {
		name string
		inv  Invitation
		sent string
		want bool
	}{
		{"cs2-exact", inv, v2CS2, true},
		{"cs2-trailing-nul", inv, v2CS2 + "\x00", true},
		{"cs2-without-crlf", inv, strings.TrimSuffix(v2CS2, "\r\n"), true},
		{"cs2-reformatted", inv, reformatted, true},
		{"cs1-rcticket", inv, v2RCTicket, true},
		// FreeRDP sends CS2 when the file has no RCTICKET, but a CS1 built
		// from the same ID and KH identifies the invitation just as well.
		{"cs1-when-invitation-has-none", noTicket, v2RCTicket, true},
		{"cs1-other-addresses", inv, "65538,1,10.0.0.99:3389,*," + v2ID + ",*,*," + v2KH, true},
		{"cs2-wrong-id", inv, strings.Replace(v2CS2, v2ID, "x"+v2ID[1:], 1), false},
		{"cs2-wrong-kh", inv, strings.Replace(v2CS2, v2KH, "AAAAu97DyczQSRuMRrDWoue+HA=", 1), false},
		{"cs1-wrong-id", inv, strings.Replace(v2RCTicket, v2ID, "other", 1), false},
		{"cs1-wrong-kh", inv, strings.Replace(v2RCTicket, v2KH, "other", 1), false},
		{"cs1-bad-version", inv, strings.Replace(v2RCTicket, "65538", "65537", 1), false},
		// [MS-RAI] 2.2.1's example: another invitation.
		{"ms-rai-2.2.1-example", inv, "65538,1,172.31.243.138:3389;MIKE_HOME:3389,*,Uj7RpOlU80SibpRwRZ9+z1vbh7nIgVn89X1AiKp15Vc=,*,*,RcfwecK8dpcT1fjZ6iQ5M0+q7iU=", false},
		{"id-only", inv, v2ID, false},
		{"empty", inv, "", false},
		{"garbage-xml", inv, "<E>", false},
		{"invitation-without-id", Invitation{ConnectionString: v2CS2}, v2CS2, false},
		{"invitation-id-not-in-its-cs", Invitation{ID: "other", ConnectionString: v2CS2}, v2CS2, false},
		{"invitation-cs1-only", Invitation{ID: v2ID, RCTicket: v2RCTicket}, v2CS2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.inv.MatchConnectionString(tc.sent); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func FuzzMatchConnectionString(f *testing.F) {
	f.Add(v2CS2)
	f.Add(v2RCTicket)
	inv := v2Invitation()
	f.Fuzz(func(t *testing.T, s string) {
		if inv.MatchConnectionString(s) && !strings.Contains(s, v2ID) {
			t.Fatalf("%q matched without the invitation's ID", s)
		}
	})
}
