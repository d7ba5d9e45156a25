package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestUnknown(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Unknown]{{
		Name: "type-0x0042",
		Raw: `42 00 07 00 # capabilitySetType 0x42, lengthCapability 7
		      01 02 03    # capabilityData`,
		Want: &Unknown{SetType: 0x42, Data: []byte{1, 2, 3}},
	}, {
		Name: "empty",
		Raw:  "0b 00 04 00 # capabilitySetType 11 (unassigned), no data",
		Want: &Unknown{SetType: 0x0b},
	}}, func() *Unknown { return new(Unknown) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-3", Raw: "42 00 03 00", Want: wire.ErrInvalid},
		{Name: "one-byte", Raw: "42", Want: wire.ErrShort},
	}, func() *Unknown { return new(Unknown) })
	if _, err := (&Unknown{Data: make([]byte, 0xFFFC)}).AppendBinary(nil); err == nil {
		t.Error("encoded a 65536-byte set")
	}
}
