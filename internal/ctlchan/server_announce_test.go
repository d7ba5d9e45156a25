package ctlchan

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newServerAnnounce() *ServerAnnounce { return new(ServerAnnounce) }

func TestServerAnnounce(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ServerAnnounce]{{
		// ra-protocol.md §4.7 step 2 (26 bytes).
		Name: "ra-protocol-4.7",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			04000000                        # DataLen: 4
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			04000000                        # msgType: SERVER_ANNOUNCE
		`,
		Want: &ServerAnnounce{},
	}, {
		// [MS-RA] 2.2.1.2 names the static channel "remdesk" too.
		Name:       "remdesk-name",
		Raw:        "10000000 04000000" + utf16Hex("remdesk") + "0000 04000000",
		Want:       &ServerAnnounce{},
		DecodeOnly: true,
	}}, newServerAnnounce)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "wrong-msgtype", Raw: "0e000000 04000000" + rcctlHex + "05000000", Want: wire.ErrInvalid},
		{Name: "other-channel", Raw: "06000000 04000000 37003100 0000 04000000", Want: ErrNotRCControl},
		{Name: "trailing-field", Raw: "0e000000 08000000" + rcctlHex + "04000000 00000000", Want: wire.ErrTrailing},
		{Name: "no-msgtype", Raw: "0e000000 00000000" + rcctlHex, Want: wire.ErrShort},
	}, newServerAnnounce)
}

func FuzzServerAnnounce(f *testing.F) {
	f.Add(hexOf("0e000000 04000000", rcctlHex, "04000000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newServerAnnounce) })
}
