package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newServerNetworkData() *ServerNetworkData { return new(ServerNetworkData) }

func TestServerNetworkData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ServerNetworkData
	}{{
		name: "bcgr-4.1.4", // odd count: Pad present
		raw:  rdptest.Hex(bcgr414Net),
		want: bcgr414NetValue(),
	}, {
		name: "even-count", // no Pad
		raw:  rdptest.Hex(ranovicedBlocks)[16:32],
		want: *ranovicedData().Network,
	}, {
		name: "no-channels",
		raw:  rdptest.Hex(`03 0c 08 00  eb 03  00 00`),
		want: ServerNetworkData{MCSChannelID: 1003},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newServerNetworkData)
		})
	}
}

func TestServerNetworkDataPadding(t *testing.T) {
	for _, raw := range []string{
		`03 0c 0e 00  eb 03 03 00  ec 03 ed 03 ee 03`,             // odd count without Pad
		`03 0c 10 00  eb 03 02 00  ec 03 ed 03 00 00`,             // even count with Pad
		`03 0c 0c 00  eb 03 ff ff  ec 03 ed 03`,                   // count beyond the block
		`03 0c 12 00  eb 03 03 00  ec 03 ed 03 ee 03 00 00 00 00`, // bytes after Pad
	} {
		if err := new(ServerNetworkData).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
			t.Errorf("%s decoded", raw)
		}
	}
}

func FuzzServerNetworkData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr414Net))
	f.Add(rdptest.Hex(ranovicedBlocks)[16:32])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerNetworkData)
	})
}
