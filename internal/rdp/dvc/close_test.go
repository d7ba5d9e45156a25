package dvc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newClose() *Close { return new(Close) }

func TestClose(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want Close
		opts []rdptest.GoldenOption
	}{{
		name: "1-byte-id",
		raw: rdptest.Hex(`
			40    # cbId 0, Sp 0, Cmd 4 (Close)
			03    # ChannelId: 3
		`),
		want: Close{ChannelID: 3},
	}, {
		// IronRDP's testsuite (tests/dvc/close.rs).
		name: "2-byte-id",
		raw:  rdptest.Hex(`41 03 03`),
		want: Close{ChannelID: 0x0303},
	}, {
		// FreeRDP 2.11's client always closes with a 4-byte ChannelId
		// (drdynvc_main.c dvcman_close_channel).
		name: "freerdp-2.11-client",
		raw:  rdptest.Hex(`42 01 00 00 00`),
		want: Close{ChannelID: 1},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newClose, tt.opts...)
		})
	}
	for _, raw := range []string{`43 01 00 00 00`, `41 01`, `40`, `50 01`} {
		if err := new(Close).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
			t.Errorf("%s decoded", raw)
		}
	}
}

func FuzzClose(f *testing.F) {
	f.Add(rdptest.Hex("40 03"))
	f.Add(rdptest.Hex("42 01 00 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClose)
	})
}
