package caps

import "testing"

func TestLargePointer(t *testing.T) {
	runGolden(t, []goldenCase[*LargePointer]{{
		name: "freerdp-client-default",
		raw: `1b 00 06 00 # CAPSETTYPE_LARGE_POINTER, 6
		      03 00       # largePointerSupportFlags: LARGE_POINTER_FLAG_96x96|LARGE_POINTER_FLAG_384x384`,
		want: &LargePointer{LargePointerSupportFlags: LargePointerFlag96x96 | LargePointerFlag384x384},
	}}, func() *LargePointer { return new(LargePointer) })
}
