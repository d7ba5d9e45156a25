package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newServerMessageChannelData() *ServerMessageChannelData { return new(ServerMessageChannelData) }

func TestServerMessageChannelData(t *testing.T) {
	raw := rdptest.Hex(`
		04 0c 06 00  # TS_UD_HEADER: SC_MCS_MSGCHANNEL, length 6
		f0 03        # MCSChannelID: 1008
	`)
	rdptest.Golden(t, raw, &ServerMessageChannelData{MCSChannelID: 1008}, newServerMessageChannelData)
	if err := new(ServerMessageChannelData).UnmarshalBinary(rdptest.Hex(`04 0c 08 00 f0 03 00 00`)); err == nil {
		t.Error("an 8-byte block decoded")
	}
}

func FuzzServerMessageChannelData(f *testing.F) {
	f.Add(rdptest.Hex(`04 0c 06 00 f0 03`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerMessageChannelData)
	})
}
