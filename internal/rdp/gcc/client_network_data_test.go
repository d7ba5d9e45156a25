package gcc

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newClientNetworkData() *ClientNetworkData { return new(ClientNetworkData) }

func TestClientNetworkData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ClientNetworkData
	}{{
		name: "bcgr-4.1.3",
		raw:  rdptest.Hex(bcgr413Net),
		want: bcgr413NetValue(),
	}, {
		name: "xfreerdp-2.11.7",
		raw:  rdptest.Hex(xfreerdpNet),
		want: xfreerdpNetValue(),
	}, {
		name: "no-channels",
		raw:  rdptest.Hex(`03 c0 08 00  00 00 00 00`),
	}, {
		name: "seven-character-name", // the longest a CHANNEL_DEF holds
		raw: rdptest.Hex(`
			03 c0 14 00              # TS_UD_HEADER: CS_NET, length 20
			01 00 00 00              # channelCount: 1
			65 6e 63 6f 6d 73 70 00  # "encomsp"
			00 00 00 80              # INITIALIZED
		`),
		want: ClientNetworkData{Channels: []ChannelDef{{Name: "encomsp", Options: ChannelOptionInitialized}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newClientNetworkData)
		})
	}
}

// netBlock builds a CS_NET block claiming count channels and holding n.
func netBlock(count uint32, n int) []byte {
	b := wire.AppendU16LE(nil, uint16(CSNet))
	b = wire.AppendU16LE(b, uint16(8+12*n))
	b = wire.AppendU32LE(b, count)
	for i := range n {
		b = append(b, fmt.Sprintf("ch%02d\x00\x00\x00\x00", i)...)
		b = wire.AppendU32LE(b, uint32(ChannelOptionInitialized))
	}
	return b
}

func TestClientNetworkDataLimits(t *testing.T) {
	var max ClientNetworkData
	if err := max.UnmarshalBinary(netBlock(31, 31)); err != nil || len(max.Channels) != 31 {
		t.Fatalf("31 channels: %v, %d", err, len(max.Channels))
	}
	noNUL := rdptest.Hex(bcgr413Net)
	copy(noNUL[8:16], "rdpdr123")
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"32-channels", netBlock(32, 32)},
		{"count-huge", netBlock(0xFFFFFFFF, 1)},
		{"count-above-array", netBlock(3, 2)},
		{"count-below-array", netBlock(1, 2)},
		{"name-without-NUL", noNUL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := new(ClientNetworkData).UnmarshalBinary(tt.raw)
			if !errors.Is(err, wire.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func TestClientNetworkDataEncodeErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    ClientNetworkData
	}{
		{"name-8-bytes", ClientNetworkData{Channels: []ChannelDef{{Name: "rdpsnd12"}}}},
		{"name-with-NUL", ClientNetworkData{Channels: []ChannelDef{{Name: "a\x00b"}}}},
		{"32-channels", ClientNetworkData{Channels: make([]ChannelDef, 32)}},
	} {
		if b, err := tt.c.AppendBinary(nil); err == nil {
			t.Errorf("%s: encoded %x", tt.name, b)
		}
	}
}

func TestChannelOptionsString(t *testing.T) {
	got := (ChannelOptionInitialized | ChannelOptionEncryptRDP | ChannelOptionCompressRDP | ChannelOptionShowProtocol).String()
	if want := "INITIALIZED|ENCRYPT_RDP|COMPRESS_RDP|SHOW_PROTOCOL"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := ChannelOptions(0x00000001).String(); !strings.HasPrefix(got, "0x1") {
		t.Errorf("unknown option prints %q", got)
	}
	if !ChannelOptions(0xC0A00000).Has(ChannelOptionShowProtocol | ChannelOptionInitialized) {
		t.Error("Has")
	}
}

func FuzzClientNetworkData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr413Net))
	f.Add(rdptest.Hex(xfreerdpNet))
	f.Add(netBlock(31, 31))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientNetworkData)
	})
}
