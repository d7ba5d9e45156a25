package wire

import "testing"

func TestFormatFlags(t *testing.T) {
	names := []Flag{{Bits: 0x1, Name: "A"}, {Bits: 0x2, Name: "B"}, {Bits: 0x30, Name: "MASK"}}
	for v, want := range map[uint64]string{
		0:     "0",
		0x1:   "A",
		0x3:   "A|B",
		0x30:  "MASK",
		0x10:  "0x10", // part of a multi-bit value is not that value
		0x105: "A|0x104",
	} {
		if got := FormatFlags(v, names); got != want {
			t.Errorf("FormatFlags(%#x) = %q, want %q", v, got, want)
		}
	}
}
