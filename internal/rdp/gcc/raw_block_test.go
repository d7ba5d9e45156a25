package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newRawBlock() *RawBlock { return new(RawBlock) }

func TestRawBlock(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
		want RawBlock
	}{{
		name: "cs-unused1",
		raw: rdptest.Hex(`
			0c c0 06 00  # TS_UD_HEADER: CS_UNUSED1, length 6
			00 00        # pad2Octets
		`),
		want: RawBlock{Type: CSUnused1, Data: []byte{0, 0}},
	}, {
		name: "empty-future-block",
		raw:  rdptest.Hex(`0e c0 04 00`),
		want: RawBlock{Type: 0xC00E},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newRawBlock)
		})
	}
	if _, err := (&RawBlock{Type: 0xC0FF, Data: make([]byte, 0xFFFC)}).AppendBinary(nil); err == nil {
		t.Error("a block longer than 65535 bytes encoded")
	}
}

func FuzzRawBlock(f *testing.F) {
	f.Add(rdptest.Hex(`0c c0 06 00 00 00`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newRawBlock)
	})
}
