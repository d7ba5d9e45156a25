package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newClientMessageChannelData() *ClientMessageChannelData { return new(ClientMessageChannelData) }

func TestClientMessageChannelData(t *testing.T) {
	raw := rdptest.Hex(`
		06 c0 08 00  # TS_UD_HEADER: CS_MCS_MSGCHANNEL, length 8
		00 00 00 00  # flags
	`)
	rdptest.Golden(t, raw, &ClientMessageChannelData{}, newClientMessageChannelData)
	if err := new(ClientMessageChannelData).UnmarshalBinary(rdptest.Hex(`06 c0 06 00 00 00`)); err == nil {
		t.Error("a 6-byte block decoded")
	}
}

func FuzzClientMessageChannelData(f *testing.F) {
	f.Add(rdptest.Hex(`06 c0 08 00 00 00 00 00`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientMessageChannelData)
	})
}
