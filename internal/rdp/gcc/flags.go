package gcc

import (
	"fmt"
	"strings"
)

// flagName names one bit of a flag set, for String methods.
type flagName struct {
	bit  uint32
	name string
}

// formatFlags joins the names of the bits set in v with "|", and appends any
// bits without a name in hex. An empty set prints as "0".
func formatFlags(v uint32, names []flagName) string {
	if v == 0 {
		return "0"
	}
	var parts []string
	for _, n := range names {
		if v&n.bit != 0 {
			parts = append(parts, n.name)
			v &^= n.bit
		}
	}
	if v != 0 {
		parts = append(parts, fmt.Sprintf("0x%X", v))
	}
	return strings.Join(parts, "|")
}
