package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestUnknown(t *testing.T) {
	runGolden(t, []goldenCase[*Unknown]{{
		name: "type-0x0042",
		raw: `42 00 07 00 # capabilitySetType 0x42, lengthCapability 7
		      01 02 03    # capabilityData`,
		want: &Unknown{SetType: 0x42, Data: []byte{1, 2, 3}},
	}, {
		name: "empty",
		raw:  "0b 00 04 00 # capabilitySetType 11 (unassigned), no data",
		want: &Unknown{SetType: 0x0b},
	}}, func() *Unknown { return new(Unknown) })
	runBad(t, []badCase{
		{"length-3", "42 00 03 00", wire.ErrInvalid},
		{"one-byte", "42", wire.ErrShort},
	}, func() *Unknown { return new(Unknown) })
	if _, err := (&Unknown{Data: make([]byte, 0xFFFC)}).AppendBinary(nil); err == nil {
		t.Error("encoded a 65536-byte set")
	}
}
