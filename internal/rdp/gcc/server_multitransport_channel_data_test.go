package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newServerMultitransportChannelData() *ServerMultitransportChannelData {
	return new(ServerMultitransportChannelData)
}

func TestServerMultitransportChannelData(t *testing.T) {
	raw := rdptest.Hex(`
		08 0c 08 00  # TS_UD_HEADER: SC_MULTITRANSPORT, length 8
		01 01 00 00  # flags: TRANSPORTTYPE_UDPFECR, TRANSPORTTYPE_UDP_PREFERRED
	`)
	want := ServerMultitransportChannelData{Flags: TransportTypeUDPFECR | TransportTypeUDPPreferred}
	rdptest.Golden(t, raw, &want, newServerMultitransportChannelData)
}

func FuzzServerMultitransportChannelData(f *testing.F) {
	f.Add(rdptest.Hex(`08 0c 08 00 01 01 00 00`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerMultitransportChannelData)
	})
}
