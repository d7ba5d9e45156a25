package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestDeactivateAll(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*DeactivateAll]{{
		Name: "appendix-a",
		Raw: `ea 03 01 00 # shareID
		      01 00       # lengthSourceDescriptor: 1
		      00          # sourceDescriptor`,
		Want: &DeactivateAll{ShareID: 0x000103EA, SourceDescriptor: []byte{0}},
	}}, func() *DeactivateAll { return new(DeactivateAll) })
}
