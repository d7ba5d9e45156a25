package ctlchan

import (
	"fmt"
	"strings"
	"testing"
)

func TestActionStrings(t *testing.T) {
	tok := pdu(t, &TokenPacket{Token: v3Tokens()[RoleNovice]})
	for _, tc := range []struct {
		a    Action
		want string
	}{
		{Send{PDU: tok}, "Send{TOKEN, 46 bytes}"},
		{Send{PDU: []byte{1, 2}}, "Send{2 bytes}"},
		{SubChannel{Name: "70", Data: []byte("secret chat")}, `SubChannel{Name: "70", 11 bytes}`},
		{Disconnect{Result: 61}, "Disconnect{PASSWORDS_DONT_MATCH}"},
	} {
		for _, s := range []string{fmt.Sprint(tc.a), fmt.Sprintf("%+v", tc.a), fmt.Sprintf("%#v", tc.a)} {
			if strings.Contains(s, "secret") || strings.Contains(s, v2NoviceTokenHex[:8]) || strings.Contains(s, "37, 74") {
				t.Errorf("%T formats as %q", tc.a, s)
			}
		}
		if got := fmt.Sprint(tc.a); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
