package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newServerCoreData() *ServerCoreData { return new(ServerCoreData) }

func TestServerCoreData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ServerCoreData
	}{{
		name: "bcgr-4.1.4", // 12 bytes: no earlyCapabilityFlags
		raw:  rdptest.Hex(bcgr414Core),
		want: bcgr414CoreValue(),
	}, {
		name: "ranoviced", // 16 bytes, as FreeRDP and xrdp send
		raw:  rdptest.Hex(ranovicedBlocks)[:16],
		want: *ranovicedData().Core,
	}, {
		name: "skip-channel-join",
		raw: rdptest.Hex(`
			01 0c 10 00  # TS_UD_HEADER: SC_CORE, length 16
			0c 00 08 00  # version: RDP 10.7
			0b 00 00 00  # clientRequestedProtocols: SSL, HYBRID, HYBRID_EX
			08 00 00 00  # earlyCapabilityFlags: RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED
		`),
		want: ServerCoreData{Version: RDPVersion10_7, ClientRequestedProtocols: ptr(uint32(0xb)),
			EarlyCapabilityFlags: ptr(SkipChannelJoinSupported)},
	}, {
		name: "rdp4", // 8 bytes: version only
		raw:  rdptest.Hex(`01 0c 08 00  01 00 08 00`),
		want: ServerCoreData{Version: RDPVersion4},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newServerCoreData)
		})
	}
}

func TestServerCoreDataErrors(t *testing.T) {
	for _, raw := range []string{
		`01 0c 0a 00  04 00 08 00 00 00`,                               // half a clientRequestedProtocols
		`01 0c 14 00  04 00 08 00 00 00 00 00 00 00 00 00 00 00 00 00`, // a field after earlyCapabilityFlags
		`01 0c 04 00`, // no version
	} {
		if err := new(ServerCoreData).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
			t.Errorf("%s decoded", raw)
		}
	}
	bad := ServerCoreData{Version: RDPVersion5Plus, EarlyCapabilityFlags: ptr(ServerEarlyCapabilityFlags(0))}
	if b, err := bad.AppendBinary(nil); err == nil {
		t.Errorf("earlyCapabilityFlags without clientRequestedProtocols encoded: %x", b)
	}
}

func TestVersionString(t *testing.T) {
	for v, want := range map[RDPVersion]string{
		RDPVersion4:     "RDP 4.0",
		RDPVersion5Plus: "RDP 5.0-8.1",
		RDPVersion10:    "RDP 10.0",
		RDPVersion10_7:  "RDP 10.7",
		RDPVersion10_12: "RDP 10.12",
		0x00080012:      "RDP version 0x00080012",
	} {
		if got := v.String(); got != want {
			t.Errorf("%#x: %q, want %q", uint32(v), got, want)
		}
	}
}

func FuzzServerCoreData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr414Core))
	f.Add(rdptest.Hex(ranovicedBlocks)[:16])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerCoreData)
	})
}
