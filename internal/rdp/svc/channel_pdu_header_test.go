package svc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newHeader() *ChannelPDUHeader { return new(ChannelPDUHeader) }

func TestChannelPDUHeader(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ChannelPDUHeader
	}{{
		// [MS-RDPBCGR] 3.1.5.2.2.1's example: 2,062 bytes in chunks of
		// 1,000; the first PDU's header.
		name: "bcgr-3.1.5.2.2.1-first",
		raw: rdptest.Hex(`
			0e 08 00 00    # length: 2062
			01 00 00 00    # flags: CHANNEL_FLAG_FIRST
		`),
		want: ChannelPDUHeader{Length: 2062, Flags: FlagFirst},
	}, {
		name: "bcgr-3.1.5.2.2.1-middle",
		raw:  rdptest.Hex(`0e 08 00 00  00 00 00 00`),
		want: ChannelPDUHeader{Length: 2062},
	}, {
		name: "single-show-protocol",
		raw: rdptest.Hex(`
			10 00 00 00    # length: 16
			13 00 00 00    # flags: FIRST|LAST|SHOW_PROTOCOL
		`),
		want: ChannelPDUHeader{Length: 16, Flags: FlagFirst | FlagLast | FlagShowProtocol},
	}, {
		name: "compressed-8k-flushed",
		raw:  rdptest.Hex(`20 00 00 00  03 00 a0 00`), // FIRST|LAST|COMPRESSED|FLUSHED, type 0 (8K)
		want: ChannelPDUHeader{Length: 32, Flags: FlagFirst | FlagLast | FlagPacketCompressed | FlagPacketFlushed},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newHeader)
		})
	}
}

func TestChannelFlagsString(t *testing.T) {
	for f, want := range map[ChannelFlags]string{
		0:                                    "0",
		FlagFirst | FlagLast:                 "CHANNEL_FLAG_FIRST|CHANNEL_FLAG_LAST",
		FlagShowProtocol | FlagSuspend:       "CHANNEL_FLAG_SHOW_PROTOCOL|CHANNEL_FLAG_SUSPEND",
		FlagPacketCompressed | 0x00010000:    "CHANNEL_PACKET_COMPRESSED|COMPR_TYPE(1)",
		FlagLast | 0x100 | FlagPacketAtFront: "CHANNEL_FLAG_LAST|CHANNEL_PACKET_AT_FRONT|0x100",
	} {
		if got := f.String(); got != want {
			t.Errorf("%#x: %q, want %q", uint32(f), got, want)
		}
	}
}

func FuzzChannelPDUHeader(f *testing.F) {
	f.Add(rdptest.Hex("0e 08 00 00 01 00 00 00"))
	f.Add(rdptest.Hex("10 00 00 00 13 00 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newHeader)
	})
}
