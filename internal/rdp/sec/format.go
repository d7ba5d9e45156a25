package sec

import (
	"fmt"
	"strings"
)

// flagName names one bit (or one multi-bit value) of a flags field.
type flagName struct {
	bit  uint32
	name string
}

// formatFlags prints v as NAME|NAME|0x…, naming the known bits in table
// order and printing the rest in hex; zero prints as "0".
func formatFlags(v uint32, names []flagName) string {
	if v == 0 {
		return "0"
	}
	var parts []string
	rest := v
	for _, n := range names {
		if n.bit != 0 && v&n.bit == n.bit && rest&n.bit != 0 {
			parts = append(parts, n.name)
			rest &^= n.bit
		}
	}
	if rest != 0 {
		parts = append(parts, fmt.Sprintf("%#x", rest))
	}
	return strings.Join(parts, "|")
}

// redacted is what String, GoString and Format print instead of a secret:
// whether the field is empty, never its length or contents.
func redacted(s string) string {
	if s == "" {
		return `""`
	}
	return "<redacted>"
}
