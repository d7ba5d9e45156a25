package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestLargePointer(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*LargePointer]{{
		Name: "freerdp-client-default",
		Raw: `1b 00 06 00 # CAPSETTYPE_LARGE_POINTER, 6
		      03 00       # largePointerSupportFlags: LARGE_POINTER_FLAG_96x96|LARGE_POINTER_FLAG_384x384`,
		Want: &LargePointer{LargePointerSupportFlags: LargePointerFlag96x96 | LargePointerFlag384x384},
	}}, func() *LargePointer { return new(LargePointer) })
}
