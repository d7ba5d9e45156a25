package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newChannelJoinRequest() *ChannelJoinRequest { return new(ChannelJoinRequest) }

func TestChannelJoinRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ChannelJoinRequest
	}{{
		name: "bcgr-4.1.8.1.1-user-channel",
		raw: mcsPayload(t, `
			03 00 00 0c # TPKT
			02 f0 80    # X.224 Data
			38          # CHOICE channelJoinRequest (14), 2 bits padding
			00 06       # initiator: 1001 + 6 = 1007
			03 ef       # channelId: 1007`),
		want: ChannelJoinRequest{Initiator: 1007, ChannelID: 1007},
	}, {
		name: "bcgr-4.1.8.2.1-io-channel",
		raw:  mcsPayload(t, "03 00 00 0c 02 f0 80 38 00 06 03 eb"),
		want: ChannelJoinRequest{Initiator: 1007, ChannelID: IOChannel},
	}, {
		name: "bcgr-4.1.8.5.1-rdpsnd",
		raw:  mcsPayload(t, "03 00 00 0c 02 f0 80 38 00 06 03 ee"),
		want: ChannelJoinRequest{Initiator: 1007, ChannelID: 1006},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newChannelJoinRequest)
		})
	}
}

func TestChannelJoinRequestRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("39 00 06 03 eb"), // padding
		rdptest.Hex("38 fc 17 03 eb"), // initiator above 65535
		rdptest.Hex("3c 00 06 03 eb"), // channelJoinConfirm choice
	} {
		if err := newChannelJoinRequest().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
	if b, err := (&ChannelJoinRequest{Initiator: 3, ChannelID: 1003}).AppendBinary(nil); err == nil {
		t.Errorf("encoded initiator 3 as %x", b)
	}
}

func FuzzChannelJoinRequest(f *testing.F) {
	f.Add(rdptest.Hex("38 00 06 03 eb"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newChannelJoinRequest)
	})
}
