package caps

import "testing"

func TestBrush(t *testing.T) {
	runGolden(t, []goldenCase[*Brush]{{
		name: "bcgr-4.1.13",
		raw: `0f 00 08 00 # CAPSTYPE_BRUSH, 8
		      01 00 00 00 # brushSupportLevel: BRUSH_COLOR_8x8`,
		want: &Brush{BrushSupportLevel: BrushColor8x8},
	}}, func() *Brush { return new(Brush) })
	if BrushColorFull.String() != "BRUSH_COLOR_FULL" {
		t.Error(BrushColorFull.String())
	}
}
