package pdu

import "testing"

func TestDeactivateAll(t *testing.T) {
	runGolden(t, []golden[*DeactivateAll]{{
		name: "appendix-a",
		raw: `ea 03 01 00 # shareID
		      01 00       # lengthSourceDescriptor: 1
		      00          # sourceDescriptor`,
		want: &DeactivateAll{ShareID: 0x000103EA, SourceDescriptor: []byte{0}},
	}}, func() *DeactivateAll { return new(DeactivateAll) })
}
