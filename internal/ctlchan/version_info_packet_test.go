package ctlchan

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newVersionInfoPacket() *VersionInfoPacket { return new(VersionInfoPacket) }

func TestVersionInfoPacket(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*VersionInfoPacket]{{
		// ra-protocol.md §4.7 step 2 (34 bytes); [MS-RA] 3.4.5 "MAJOR
		// VERSION = 1, MINOR VERSION = 2".
		Name: "ra-protocol-4.7",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			0c000000                        # DataLen: 12
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			06000000                        # msgType: VERSIONINFO
			01000000                        # versionMajor: 1
			02000000                        # versionMinor: 2
		`,
		Want: &VersionInfoPacket{Major: 1, Minor: 2},
	}, {
		// FreeRDP's version 1 path: versionMinor 1.
		Name: "version-1.1",
		Raw:  "0e000000 0c000000" + rcctlHex + "06000000 01000000 01000000",
		Want: &VersionInfoPacket{Major: 1, Minor: 1},
	}}, newVersionInfoPacket)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "no-minor", Raw: "0e000000 08000000" + rcctlHex + "06000000 01000000", Want: wire.ErrShort},
		{Name: "extra", Raw: "0e000000 0d000000" + rcctlHex + "06000000 01000000 02000000 00", Want: wire.ErrTrailing},
	}, newVersionInfoPacket)
	if !(&VersionInfoPacket{1, 2}).Is12() || (&VersionInfoPacket{1, 1}).Is12() || (&VersionInfoPacket{2, 2}).Is12() {
		t.Error("Is12")
	}
}

func FuzzVersionInfoPacket(f *testing.F) {
	f.Add(hexOf("0e000000 0c000000", rcctlHex, "06000000 01000000 02000000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newVersionInfoPacket) })
}
