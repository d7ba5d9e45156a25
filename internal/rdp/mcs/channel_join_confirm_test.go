package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newChannelJoinConfirm() *ChannelJoinConfirm { return new(ChannelJoinConfirm) }

func TestChannelJoinConfirm(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ChannelJoinConfirm
	}{{
		name: "bcgr-4.1.8.1.2-user-channel",
		raw: mcsPayload(t, `
			03 00 00 0f # TPKT
			02 f0 80    # X.224 Data
			3e          # CHOICE channelJoinConfirm (15); channelId present; result bit 3
			00          # result bits 2-0 (rt-successful), 5 bits padding
			00 06       # initiator: 1001 + 6 = 1007
			03 ef       # requested: 1007
			03 ef       # channelId: 1007`),
		want: ChannelJoinConfirm{Initiator: 1007, Requested: 1007, ChannelID: 1007, HasChannelID: true},
	}, {
		name: "bcgr-4.1.8.5.2-rdpsnd",
		raw:  mcsPayload(t, "03 00 00 0f 02 f0 80 3e 00 00 06 03 ee 03 ee"),
		want: ChannelJoinConfirm{Initiator: 1007, Requested: 1006, ChannelID: 1006, HasChannelID: true},
	}, {
		name: "rdp-server-appendix-a-io-channel",
		raw:  mcsPayload(t, "03 00 00 0F 02 F0 80 3E 00 00 06 03 EB 03 EB"),
		want: ChannelJoinConfirm{Initiator: 1007, Requested: IOChannel, ChannelID: IOChannel, HasChannelID: true},
	}, {
		// rt-no-such-channel (3 = 0011): 0x3c|0, 011 00000; no channelId.
		name: "no-such-channel",
		raw:  rdptest.Hex("3c 60 00 06 03 f0"),
		want: ChannelJoinConfirm{Result: ResultNoSuchChannel, Initiator: 1007, Requested: 1008},
	}, {
		// rt-user-rejected (15 = 1111) with the channelId.
		name: "user-rejected",
		raw:  rdptest.Hex("3f e0 00 06 03 f0 03 f0"),
		want: ChannelJoinConfirm{Result: ResultUserRejected, Initiator: 1007, Requested: 1008, ChannelID: 1008, HasChannelID: true},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newChannelJoinConfirm)
		})
	}
}

func TestChannelJoinConfirmRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("3e 10 00 06 03 ef 03 ef"), // padding
		rdptest.Hex("3e 00 fc 17 03 ef 03 ef"), // initiator above 65535
		rdptest.Hex("3e 00 00 06 03 ef"),       // channelId missing
		rdptest.Hex("2e 00 00 06 03 ef 03 ef"), // attachUserConfirm choice
	} {
		if err := newChannelJoinConfirm().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
	for _, p := range []ChannelJoinConfirm{
		{Initiator: 0, Requested: 1003, ChannelID: 1003, HasChannelID: true},
		{Initiator: 1007, Requested: 1003, ChannelID: 1003},
		{Result: 16, Initiator: 1007},
	} {
		if b, err := p.AppendBinary(nil); err == nil {
			t.Errorf("encoded %+v as %x", p, b)
		}
	}
}

func FuzzChannelJoinConfirm(f *testing.F) {
	f.Add(rdptest.Hex("3e 00 00 06 03 ef 03 ef"))
	f.Add(rdptest.Hex("3c 60 00 06 03 f0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newChannelJoinConfirm)
	})
}
