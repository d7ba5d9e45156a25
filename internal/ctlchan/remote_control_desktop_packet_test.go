package ctlchan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newRemoteControlDesktopPacket() *RemoteControlDesktopPacket {
	return new(RemoteControlDesktopPacket)
}

func TestRemoteControlDesktopPacket(t *testing.T) {
	n := len(v2RCTicket)
	rdptest.RunCases(t, []rdptest.Case[*RemoteControlDesktopPacket]{{
		// FreeRDP 2.x: raConnectionString (the RCTICKET) NUL-terminated.
		Name: "freerdp-2.x",
		Raw: "0e000000" + fmt.Sprintf("%02x%02x0000", (4+2*n+2)&0xff, (4+2*n+2)>>8) + rcctlHex + "01000000" +
			utf16Hex(v2RCTicket) + "0000",
		Want: &RemoteControlDesktopPacket{ConnectionString: v2RCTicket},
	}, {
		// FreeRDP 3.x: no NUL.
		Name:       "freerdp-3.x",
		Raw:        "0e000000" + fmt.Sprintf("%02x%02x0000", (4+2*n)&0xff, (4+2*n)>>8) + rcctlHex + "01000000" + utf16Hex(v2RCTicket),
		Want:       &RemoteControlDesktopPacket{ConnectionString: v2RCTicket},
		DecodeOnly: true,
	}}, newRemoteControlDesktopPacket)
	p := RemoteControlDesktopPacket{ConnectionString: v2RCTicket}
	if s := fmt.Sprintf("%v %#v", p, p); strings.Contains(s, v2ID[:10]) {
		t.Errorf("formatting shows the connection string: %s", s)
	}
}

func FuzzRemoteControlDesktopPacket(f *testing.F) {
	f.Add(pdu(f, &RemoteControlDesktopPacket{ConnectionString: v2RCTicket}))
	f.Add(pdu(f, &RemoteControlDesktopPacket{ConnectionString: v2CS2}))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newRemoteControlDesktopPacket) })
}
