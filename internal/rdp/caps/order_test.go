package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// bcgr4112Order is the server's Order set in [MS-RDPBCGR] 4.1.12: its padding
// and textFlags are uninitialised, so it decodes but is not what we write.
const bcgr4112Order = `
03 00 58 00 # CAPSTYPE_ORDER, 88
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # terminalDescriptor
40 42 0f 00 # pad4octetsA (garbage)
01 00 14 00 # desktopSaveXGranularity 1, desktopSaveYGranularity 20
00 00       # pad2octetsA
01 00 00 00 # maximumOrderLevel ORD_LEVEL_1_ORDERS, numberFonts 0
22 00       # orderFlags: COLORINDEXSUPPORT|NEGOTIATEORDERSUPPORT
01 01 01 01 01 00 00 01 01 01 01 01 00 00 00 01 # orderSupport[0x00…0x0F]
01 01 01 01 01 01 01 00 01 01 01 01 00 00 00 00 # orderSupport[0x10…0x1F]
a1 06       # textFlags
00 00       # orderSupportExFlags
40 42 0f 00 # pad4octetsB (garbage)
40 42 0f 00 # desktopSaveSize: 1000000
01 00 00 00 # pad2octetsC (garbage), pad2octetsD
00 00 00 00 # textANSICodePage, pad2octetsE
`

// bcgr4113Order is the client's Order set in [MS-RDPBCGR] 4.1.13 (textFlags
// 0x06a1, which we do not write).
const bcgr4113Order = `
03 00 58 00
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # terminalDescriptor
00 00 00 00 # pad4octetsA
01 00 14 00 00 00 01 00 00 00 # granularities, pad2octetsA, maximumOrderLevel, numberFonts
2a 00       # orderFlags: COLORINDEXSUPPORT|ZEROBOUNDSDELTASSUPPORT|NEGOTIATEORDERSUPPORT
01 01 01 01 01 00 00 01 01 01 00 01 00 00 00 01 # orderSupport[0x00…0x0F]
01 01 01 01 01 01 01 00 01 01 01 00 00 00 00 00 # orderSupport[0x10…0x1F]
a1 06       # textFlags
00 00       # orderSupportExFlags
00 00 00 00 # pad4octetsB
00 84 03 00 # desktopSaveSize: 230400
00 00 00 00 # pad2octetsC, pad2octetsD
e4 04 00 00 # textANSICodePage 1252, pad2octetsE
`

func TestOrder(t *testing.T) {
	server := &Order{
		OrderFlags:      ColorIndexSupport | NegotiateOrderSupport,
		OrderSupport:    [32]uint8{1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1},
		DesktopSaveSize: 1000000,
	}
	client := &Order{
		OrderFlags:       ColorIndexSupport | ZeroBoundsDeltasSupport | NegotiateOrderSupport,
		OrderSupport:     [32]uint8{1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1},
		DesktopSaveSize:  230400,
		TextANSICodePage: 1252,
	}
	rdptest.RunCases(t, []rdptest.Case[*Order]{{
		Name: "bcgr-4.1.12-server", Raw: bcgr4112Order, Want: server, DecodeOnly: true,
	}, {
		Name: "bcgr-4.1.13-client", Raw: bcgr4113Order, Want: client, DecodeOnly: true,
	}, {
		// What a server without drawing orders sends (rdp-server.md §3.1).
		Name: "server-no-orders",
		Raw: `03 00 58 00
		      00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # terminalDescriptor
		      00 00 00 00 01 00 14 00 00 00 01 00 00 00       # pad, granularities 1/20, pad, level 1, fonts 0
		      2a 00                                           # orderFlags
		      00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # orderSupport
		      00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
		      00 00 00 00 00 00 00 00                         # textFlags, orderSupportExFlags, pad4octetsB
		      00 84 03 00                                     # desktopSaveSize: 230400
		      00 00 00 00 00 00 00 00                         # pads, textANSICodePage, pad`,
		Want: &Order{OrderFlags: NegotiateOrderSupport | ZeroBoundsDeltasSupport | ColorIndexSupport, DesktopSaveSize: 230400},
	}}, func() *Order { return new(Order) })
}
