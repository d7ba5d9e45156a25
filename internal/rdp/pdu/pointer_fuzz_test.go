package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// FuzzPointer covers the pointer update structures; kind selects the
// type.
func FuzzPointer(f *testing.F) {
	for kind, hex := range []string{
		"08 00 00 00 " + newPointerVector, // PointerUpdate
		colorPointerVector,                // ColorPointer
		newPointerVector,                  // NewPointer
		largePointerVector,                // LargePointer
		"00 7f 00 00",                     // SystemPointer
		"0a 00 14 00",                     // PointerPosition
		"05 00",                           // CachedPointer
	} {
		f.Add(uint8(kind), rdptest.Hex(hex))
	}
	f.Add(uint8(2), rdptest.Hex(newPointer1bppVector))
	f.Add(uint8(0), rdptest.Hex("09 00 00 00 "+largePointerVector+" 00"))
	f.Fuzz(func(t *testing.T, kind uint8, b []byte) {
		switch kind % 7 {
		case 0:
			rdptest.FuzzRoundTrip(t, b, func() *PointerUpdate { return new(PointerUpdate) })
		case 1:
			rdptest.FuzzRoundTrip(t, b, func() *ColorPointer { return new(ColorPointer) })
		case 2:
			rdptest.FuzzRoundTrip(t, b, func() *NewPointer { return new(NewPointer) })
		case 3:
			rdptest.FuzzRoundTrip(t, b, func() *LargePointer { return new(LargePointer) })
		case 4:
			rdptest.FuzzRoundTrip(t, b, func() *SystemPointer { return new(SystemPointer) })
		case 5:
			rdptest.FuzzRoundTrip(t, b, func() *PointerPosition { return new(PointerPosition) })
		case 6:
			rdptest.FuzzRoundTrip(t, b, func() *CachedPointer { return new(CachedPointer) })
		}
	})
}
