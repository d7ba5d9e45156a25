package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestRefreshRect(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*RefreshRect]{{
		Name: "two-areas",
		Raw: `02       # numberOfAreas
		      00 00 00 # pad3Octects
		      00 00 00 00 3f 00 3f 00 # 0,0–63,63
		      40 00 40 00 ff 04 ff 03 # 64,64–1279,1023`,
		Want: &RefreshRect{Areas: []Rectangle16{{0, 0, 63, 63}, {64, 64, 1279, 1023}}},
	}, {
		Name: "none", Raw: "00 00 00 00", Want: &RefreshRect{},
	}}, func() *RefreshRect { return new(RefreshRect) })
	rdptest.RunBad(t, []rdptest.BadCase{{Name: "count-beyond-data", Raw: "02 00 00 00 00 00 00 00 3f 00 3f 00", Want: wire.ErrShort}},
		func() *RefreshRect { return new(RefreshRect) })
	if _, err := (&RefreshRect{Areas: make([]Rectangle16, 256)}).AppendBinary(nil); err == nil {
		t.Error("encoded 256 areas")
	}
}
