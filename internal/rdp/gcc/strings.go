package gcc

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// readFixedUTF16 reads a fixed-size UTF-16LE field of n bytes (n even) and
// returns the text before the first NUL character. A field with no NUL is
// taken whole. Bytes after the terminator are not kept: the encoder writes
// zeros there.
func readFixedUTF16(r *wire.Reader, n int) string {
	b := r.Bytes(n)
	if b == nil {
		return ""
	}
	end := len(b) &^ 1
	for i := 0; i+1 < len(b); i += 2 {
		if binary.LittleEndian.Uint16(b[i:]) == 0 {
			end = i
			break
		}
	}
	return wire.DecodeUTF16LE(b[:end])
}

// appendFixedUTF16 appends s as UTF-16LE in a field of n bytes, padded with
// NUL characters. s must not contain NUL (it would end the text early for the
// reader) and must fit in n bytes; a text that fills the field exactly has
// no terminator, which readFixedUTF16 accepts.
func appendFixedUTF16(b []byte, field, s string, n int) ([]byte, error) {
	if strings.ContainsRune(s, 0) {
		return b, fmt.Errorf("gcc: %s %q contains a NUL character", field, s)
	}
	if l := wire.UTF16Len(s); l > n {
		return b, fmt.Errorf("gcc: %s %q is %d bytes of UTF-16, the field holds %d", field, s, l, n)
	}
	start := len(b)
	b = wire.AppendUTF16LE(b, s)
	return wire.AppendZeros(b, n-(len(b)-start)), nil
}

// readFixedANSI reads an n-byte NUL-terminated 8-bit string and returns the
// bytes before the NUL. It fails if the field has no NUL.
func readFixedANSI(r *wire.Reader, field string, n int) string {
	b := r.Bytes(n)
	if b == nil {
		return ""
	}
	i := strings.IndexByte(string(b), 0)
	if i < 0 {
		r.Failf(field, "%q is not NUL-terminated", b)
		return ""
	}
	return string(b[:i])
}

// appendFixedANSI appends s in an n-byte field, NUL-padded, keeping at least
// one NUL.
func appendFixedANSI(b []byte, field, s string, n int) ([]byte, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return b, fmt.Errorf("gcc: %s %q contains a NUL byte", field, s)
	}
	if len(s) >= n {
		return b, fmt.Errorf("gcc: %s %q is longer than %d bytes", field, s, n-1)
	}
	b = append(b, s...)
	return wire.AppendZeros(b, n-len(s)), nil
}
