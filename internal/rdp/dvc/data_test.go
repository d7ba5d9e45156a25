package dvc

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newData() *Data { return new(Data) }

func TestData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want Data
		opts []rdptest.GoldenOption
	}{{
		// IronRDP's testsuite (tests/dvc/data.rs).
		name: "ironrdp",
		raw: rdptest.Hex(`
			30                                       # cbId 0, Sp 0, Cmd 3 (Data)
			03                                       # ChannelId: 3
			71 71 71 71 71 71 71 71 71 71 71 71      # Data
		`),
		want: Data{ChannelID: 3, Data: bytes.Repeat([]byte{0x71}, 12)},
	}, {
		// The header of the annotated sample in [MS-RDPEDYC] 4.3.2 has
		// Sp = 1 ("SHOULD be initialized to 0x00"), which is ignored; the
		// sample's data is shortened here.
		name: "edyc-4.3.2-header",
		raw:  rdptest.Hex(`34 03  71 71 71 71`),
		want: Data{ChannelID: 3, Data: bytes.Repeat([]byte{0x71}, 4)},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "4-byte-id",
		raw:  rdptest.Hex(`32  78 56 34 12  00`),
		want: Data{ChannelID: 0x12345678, Data: []byte{0}},
	}, {
		name: "empty",
		raw:  rdptest.Hex(`30 07`),
		want: Data{ChannelID: 7},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newData, append(tt.opts,
				rdptest.ExtraByteOK(), rdptest.PrefixesFrom(len(tt.raw)-len(tt.want.Data)))...)
		})
	}
	for _, raw := range []string{`33 01 00 00 00`, `31 01`, `30`, `40 01`} {
		if err := new(Data).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
			t.Errorf("%s decoded", raw)
		}
	}
}

func FuzzData(f *testing.F) {
	f.Add(rdptest.Hex("30 03 71 71 71"))
	f.Add(rdptest.Hex("34 03 71"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newData)
	})
}
