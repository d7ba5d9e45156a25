package wire

import (
	"fmt"
	"strings"
)

// Flag names one bit, or one multi-bit value, of a flags field, for the
// String methods of flag types.
type Flag struct {
	Bits uint64
	Name string
}

// FormatFlags prints v as "NAME|NAME|0x…": the names of the entries whose
// bits are all set in v, in table order, then any bits left over in hex.
// Zero prints as "0".
func FormatFlags(v uint64, names []Flag) string {
	if v == 0 {
		return "0"
	}
	var parts []string
	rest := v
	for _, n := range names {
		if n.Bits != 0 && v&n.Bits == n.Bits && rest&n.Bits != 0 {
			parts = append(parts, n.Name)
			rest &^= n.Bits
		}
	}
	if rest != 0 {
		parts = append(parts, fmt.Sprintf("%#x", rest))
	}
	return strings.Join(parts, "|")
}
