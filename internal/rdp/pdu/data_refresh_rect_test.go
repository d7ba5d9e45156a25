package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestRefreshRect(t *testing.T) {
	runGolden(t, []golden[*RefreshRect]{{
		name: "two-areas",
		raw: `02       # numberOfAreas
		      00 00 00 # pad3Octects
		      00 00 00 00 3f 00 3f 00 # 0,0–63,63
		      40 00 40 00 ff 04 ff 03 # 64,64–1279,1023`,
		want: &RefreshRect{Areas: []Rectangle16{{0, 0, 63, 63}, {64, 64, 1279, 1023}}},
	}, {
		name: "none", raw: "00 00 00 00", want: &RefreshRect{},
	}}, func() *RefreshRect { return new(RefreshRect) })
	runBad(t, []bad{{"count-beyond-data", "02 00 00 00 00 00 00 00 3f 00 3f 00", wire.ErrShort}},
		func() *RefreshRect { return new(RefreshRect) })
	if _, err := (&RefreshRect{Areas: make([]Rectangle16, 256)}).AppendBinary(nil); err == nil {
		t.Error("encoded 256 areas")
	}
}
