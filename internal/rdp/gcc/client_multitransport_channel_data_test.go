package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newClientMultitransportChannelData() *ClientMultitransportChannelData {
	return new(ClientMultitransportChannelData)
}

func TestClientMultitransportChannelData(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
		want ClientMultitransportChannelData
	}{{
		name: "xfreerdp-2.11.7",
		raw:  rdptest.Hex(`0a c0 08 00  00 00 00 00`),
	}, {
		name: "udp",
		raw: rdptest.Hex(`
			0a c0 08 00  # TS_UD_HEADER: CS_MULTITRANSPORT, length 8
			05 03 00 00  # flags: UDPFECR, UDPFECL, UDP_PREFERRED, SOFTSYNC_TCP_TO_UDP
		`),
		want: ClientMultitransportChannelData{Flags: TransportTypeUDPFECR | TransportTypeUDPFECL | TransportTypeUDPPreferred | SoftSyncTCPToUDP},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newClientMultitransportChannelData)
		})
	}
	if got, want := MultitransportFlags(0x305).String(), "TRANSPORTTYPE_UDPFECR|TRANSPORTTYPE_UDPFECL|TRANSPORTTYPE_UDP_PREFERRED|SOFTSYNC_TCP_TO_UDP"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func FuzzClientMultitransportChannelData(f *testing.F) {
	f.Add(rdptest.Hex(`0a c0 08 00 05 03 00 00`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientMultitransportChannelData)
	})
}
