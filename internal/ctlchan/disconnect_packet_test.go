package ctlchan

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newDisconnectPacket() *DisconnectPacket { return new(DisconnectPacket) }

func TestDisconnectPacket(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*DisconnectPacket]{{
		Name: "ms-ra-2.2.1.5",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			04000000                        # DataLen: 4
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			05000000                        # msgType: DISCONNECT
		`,
		Want: &DisconnectPacket{},
	}}, newDisconnectPacket)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "additional-data", Raw: "0e000000 05000000" + rcctlHex + "05000000 00", Want: wire.ErrTrailing},
	}, newDisconnectPacket)
}

func FuzzDisconnectPacket(f *testing.F) {
	f.Add(hexOf("0e000000 04000000", rcctlHex, "05000000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newDisconnectPacket) })
}
