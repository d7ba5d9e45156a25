package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestBrush(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Brush]{{
		Name: "bcgr-4.1.13",
		Raw: `0f 00 08 00 # CAPSTYPE_BRUSH, 8
		      01 00 00 00 # brushSupportLevel: BRUSH_COLOR_8x8`,
		Want: &Brush{BrushSupportLevel: BrushColor8x8},
	}}, func() *Brush { return new(Brush) })
	if BrushColorFull.String() != "BRUSH_COLOR_FULL" {
		t.Error(BrushColorFull.String())
	}
}
