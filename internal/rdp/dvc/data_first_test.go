package dvc

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newDataFirst() *DataFirst { return new(DataFirst) }

func TestDataFirst(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want DataFirst
		opts []rdptest.GoldenOption
	}{{
		// IronRDP's testsuite (tests/dvc/data_first.rs).
		name: "2-byte-length",
		raw: rdptest.Hex(`
			24                                       # cbId 0, Len 1 (2 bytes), Cmd 2 (DataFirst)
			03                                       # ChannelId: 3
			7b 0c                                    # Length: 0x0c7b
			71 71 71 71 71 71 71 71 71 71 71 71      # Data (12 bytes)
		`),
		want: DataFirst{ChannelID: 3, Length: 0xc7b, Data: bytes.Repeat([]byte{0x71}, 12)},
	}, {
		name: "4-byte-length-2-byte-id",
		raw: rdptest.Hex(`
			29             # cbId 1, Len 2 (4 bytes), Cmd 2
			00 01          # ChannelId: 0x100
			00 00 01 00    # Length: 0x10000
			aa bb
		`),
		want: DataFirst{ChannelID: 0x100, Length: 0x10000, Data: []byte{0xaa, 0xbb}},
	}, {
		// The whole message in the first block: FreeRDP's client accepts it.
		name: "length-equals-data",
		raw:  rdptest.Hex(`20 05 02 aa bb`),
		want: DataFirst{ChannelID: 5, Length: 2, Data: []byte{0xaa, 0xbb}},
	}, {
		name: "non-minimal-length-width",
		raw:  rdptest.Hex(`28 05 02 00 00 00 aa bb`),
		want: DataFirst{ChannelID: 5, Length: 2, Data: []byte{0xaa, 0xbb}},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newDataFirst, append(tt.opts,
				// Data runs to the end, so a longer input is a longer block;
				// prefixes that cut only Data decode too.
				rdptest.ExtraByteOK(), rdptest.PrefixesFrom(len(tt.raw)-len(tt.want.Data)))...)
		})
	}
}

func TestDataFirstErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"len-3":               `2c 03 00 00 00 00 aa`,
		"cbId-3":              `23 03 00 00 00 10 aa`,
		"length-below-data":   `20 03 01 aa bb`,
		"truncated-length":    `28 03 00 01`,
		"truncated-channelid": `22 03 00`,
		"wrong-cmd":           `30 03 02 aa bb`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := new(DataFirst).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
	if _, err := (&DataFirst{ChannelID: 1, Length: 1, Data: []byte{1, 2}}).AppendBinary(nil); err == nil {
		t.Fatal("Length below len(Data) encoded")
	}
}

func FuzzDataFirst(f *testing.F) {
	f.Add(rdptest.Hex("24 03 7b 0c 71 71 71 71"))
	f.Add(rdptest.Hex("29 00 01 00 00 01 00 aa bb"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newDataFirst)
	})
}
