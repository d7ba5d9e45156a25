package caps

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestPointer(t *testing.T) {
	runGolden(t, []goldenCase[*Pointer]{{
		name: "bcgr-4.1.12-server",
		raw: `08 00 0a 00 # CAPSTYPE_POINTER, 10
		      01 00       # colorPointerFlag: TRUE
		      19 00       # colorPointerCacheSize: 25
		      19 00       # pointerCacheSize: 25`,
		want: &Pointer{ColorPointerCacheSize: 25, PointerCacheSize: new(uint16(25))},
	}, {
		name: "bcgr-4.1.13-client",
		raw:  "08 00 0a 00 01 00 14 00 15 00",
		want: &Pointer{ColorPointerCacheSize: 20, PointerCacheSize: new(uint16(21))},
	}, {
		// xfreerdp 2.11.7 without LargePointerFlag omits pointerCacheSize.
		name: "no-pointerCacheSize",
		raw:  "08 00 08 00 01 00 14 00",
		want: &Pointer{ColorPointerCacheSize: 20},
	}, {
		name: "colorPointerFlag-ignored", // "always assumed to be TRUE"
		raw:  "08 00 08 00 00 00 14 00",
		want: &Pointer{ColorPointerCacheSize: 20}, decodeOnly: true,
	}}, func() *Pointer { return new(Pointer) })

	runBad(t, []badCase{
		{"length-9", "08 00 09 00 01 00 14 00 00", wire.ErrInvalid},
		{"length-12", "08 00 0c 00 01 00 14 00 15 00 00 00", wire.ErrInvalid},
		{"length-6", "08 00 06 00 01 00", wire.ErrInvalid},
	}, func() *Pointer { return new(Pointer) })

	// Decoding into a reused value clears an absent pointerCacheSize.
	p := &Pointer{PointerCacheSize: new(uint16(7))}
	if err := p.UnmarshalBinary(rdptest.Hex("08 00 08 00 01 00 14 00")); err != nil || p.PointerCacheSize != nil {
		t.Errorf("reuse: %v, %v", err, p.PointerCacheSize)
	}
}
