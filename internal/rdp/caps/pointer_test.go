package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestPointer(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Pointer]{{
		Name: "bcgr-4.1.12-server",
		Raw: `08 00 0a 00 # CAPSTYPE_POINTER, 10
		      01 00       # colorPointerFlag: TRUE
		      19 00       # colorPointerCacheSize: 25
		      19 00       # pointerCacheSize: 25`,
		Want: &Pointer{ColorPointerCacheSize: 25, PointerCacheSize: new(uint16(25))},
	}, {
		Name: "bcgr-4.1.13-client",
		Raw:  "08 00 0a 00 01 00 14 00 15 00",
		Want: &Pointer{ColorPointerCacheSize: 20, PointerCacheSize: new(uint16(21))},
	}, {
		// xfreerdp 2.11.7 without LargePointerFlag omits pointerCacheSize.
		Name: "no-pointerCacheSize",
		Raw:  "08 00 08 00 01 00 14 00",
		Want: &Pointer{ColorPointerCacheSize: 20},
	}, {
		Name: "colorPointerFlag-ignored", // "always assumed to be TRUE"
		Raw:  "08 00 08 00 00 00 14 00",
		Want: &Pointer{ColorPointerCacheSize: 20}, DecodeOnly: true,
	}}, func() *Pointer { return new(Pointer) })

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "length-9", Raw: "08 00 09 00 01 00 14 00 00", Want: wire.ErrInvalid},
		{Name: "length-12", Raw: "08 00 0c 00 01 00 14 00 15 00 00 00", Want: wire.ErrInvalid},
		{Name: "length-6", Raw: "08 00 06 00 01 00", Want: wire.ErrInvalid},
	}, func() *Pointer { return new(Pointer) })

	// Decoding into a reused value clears an absent pointerCacheSize.
	p := &Pointer{PointerCacheSize: new(uint16(7))}
	if err := p.UnmarshalBinary(rdptest.Hex("08 00 08 00 01 00 14 00")); err != nil || p.PointerCacheSize != nil {
		t.Errorf("reuse: %v, %v", err, p.PointerCacheSize)
	}
}
