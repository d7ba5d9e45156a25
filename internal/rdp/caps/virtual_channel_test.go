package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestVirtualChannel(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*VirtualChannel]{{
		Name: "bcgr-4.1.12-server",
		Raw: `14 00 08 00 # CAPSTYPE_VIRTUALCHANNEL, 8
		      02 00 00 00 # flags: VCCAPS_COMPR_CS_8K`,
		Want: &VirtualChannel{Flags: VCCapsComprCS8K},
	}, {
		Name: "bcgr-4.1.13-client",
		Raw:  "14 00 08 00 01 00 00 00 # flags: VCCAPS_COMPR_SC",
		Want: &VirtualChannel{Flags: VCCapsComprSC},
	}, {
		// xfreerdp 2.11.7 (rdp_write_virtual_channel_capability_set) and
		// the server set of rdp-server.md §3.1.
		Name: "with-VCChunkSize",
		Raw: `14 00 0c 00 # CAPSTYPE_VIRTUALCHANNEL, 12
		      00 00 00 00 # flags: VCCAPS_NO_COMPR
		      40 06 00 00 # VCChunkSize: 1600`,
		Want: &VirtualChannel{VCChunkSize: new(uint32(ChannelChunkLength))},
	}}, func() *VirtualChannel { return new(VirtualChannel) })
	rdptest.RunBad(t, []rdptest.BadCase{{Name: "length-10", Raw: "14 00 0a 00 00 00 00 00 40 06", Want: wire.ErrInvalid}}, func() *VirtualChannel { return new(VirtualChannel) })
	if VCCapsNoCompr.String() != "VCCAPS_NO_COMPR" || (VCCapsComprSC|VCCapsComprCS8K).String() != "VCCAPS_COMPR_SC|VCCAPS_COMPR_CS_8K" {
		t.Error("VCFlags.String")
	}
}
