package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Source descriptors: T.128 byte strings. Windows servers send "RDP",
// mstsc "MSTSC", xfreerdp "FREERDP", each with a terminating NUL counted in
// lengthSourceDescriptor.
//
// decodeSourceDescriptor reads n bytes and drops one terminating NUL, if
// present; appendSourceDescriptor writes s and a NUL. A descriptor sent
// without a NUL therefore decodes, and re-encodes with one.
func decodeSourceDescriptor(r *wire.Reader, n int) string {
	b := r.Bytes(n)
	if len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return string(b)
}

func sourceDescriptorLen(s string) int { return len(s) + 1 /* NUL */ }

func appendSourceDescriptor(b []byte, s string) []byte {
	return append(append(b, s...), 0)
}

// readCombinedCapabilities reads numberCapabilities, pad2Octets and the
// capability sets from exactly n bytes (lengthCombinedCapabilities).
func readCombinedCapabilities(r *wire.Reader, n int, decode func(*wire.Reader, int) error) {
	// lengthCombinedCapabilities: "The combined size in bytes of the
	// numberCapabilities, pad2Octets, and capabilitySets fields."
	if n < 2+2 {
		r.Failf("lengthCombinedCapabilities", "%d is shorter than numberCapabilities and pad2Octets", n)
		return
	}
	c := r.Sub(n)
	count := c.U16LE()
	c.Skip(2) // pad2Octets: "Values in this field MUST be ignored."
	if c.Err() != nil {
		return
	}
	if err := decode(c, int(count)); err != nil {
		r.Fail("capabilitySets", err)
		return
	}
	if err := c.Finish(); err != nil {
		r.Fail("lengthCombinedCapabilities", fmt.Errorf("capability sets do not fill it: %w", err))
	}
}
