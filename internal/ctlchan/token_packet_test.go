package ctlchan

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newTokenPacket() *TokenPacket { return new(TokenPacket) }

// v2NoviceTokenHex is Token(v2Password, "NOVICE", v2CS2), computed with
// Python's hashlib (see token_test.go).
const v2NoviceTokenHex = "254a27b88439619c0aa763b09215168d65200059"

func TestTokenPacket(t *testing.T) {
	tok, _ := hex.DecodeString(v2NoviceTokenHex)
	rdptest.RunCases(t, []rdptest.Case[*TokenPacket]{{
		Name: "bare-token",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			18000000                        # DataLen: 24
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			0c000000                        # msgType: TOKEN
			` + v2NoviceTokenHex + ` # token: 20 bytes
		`,
		Want: &TokenPacket{Token: tok},
	}, {
		Name:       "length-prefixed",
		Raw:        "0e000000 1c000000" + rcctlHex + "0c000000 14000000" + v2NoviceTokenHex,
		Want:       &TokenPacket{Token: tok},
		DecodeOnly: true,
	}}, newTokenPacket)
	if s := fmt.Sprintf("%v %#v", TokenPacket{tok}, TokenPacket{tok}); strings.Contains(s, "37") || strings.Contains(s, "254a") {
		t.Errorf("formatting shows the token: %s", s)
	}
}

func FuzzTokenPacket(f *testing.F) {
	f.Add(hexOf("0e000000 18000000", rcctlHex, "0c000000", v2NoviceTokenHex))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newTokenPacket) })
}
