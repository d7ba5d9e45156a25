package ctlchan

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newIsConnectedPacket() *IsConnectedPacket { return new(IsConnectedPacket) }

func TestIsConnectedPacket(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*IsConnectedPacket]{{
		Name: "ms-ra-2.2.1.6",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			04000000                        # DataLen: 4
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			07000000                        # msgType: ISCONNECTED
		`,
		Want: &IsConnectedPacket{},
	}}, newIsConnectedPacket)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "additional-data", Raw: "0e000000 06000000" + rcctlHex + "07000000 0000", Want: wire.ErrTrailing},
	}, newIsConnectedPacket)
}

func FuzzIsConnectedPacket(f *testing.F) {
	f.Add(hexOf("0e000000 04000000", rcctlHex, "07000000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newIsConnectedPacket) })
}
