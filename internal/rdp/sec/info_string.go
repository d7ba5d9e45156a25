package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// The character fields of the Info Packet and the Extended Info Packet are
// UTF-16LE when the Info Packet flags have INFO_UNICODE, otherwise "the ANSI
// character set that is specified by the ANSI code page descriptor in the
// CodePage field" ([MS-RDPBCGR] 2.2.1.11.1.1). This package does not convert
// code pages: without INFO_UNICODE a field's Go string holds the bytes as
// sent (and is encoded back unchanged), so it need not be valid UTF-8. Every
// client in use (mstsc, FreeRDP, rdesktop) sets INFO_UNICODE.
//
// A UTF-16 field decodes with unpaired surrogates replaced by U+FFFD, so
// only well-formed UTF-16 re-encodes byte for byte.

// terminatorSize is the size of a character field's null terminator: one
// UTF-16 code unit, or one byte of an ANSI code page (FreeRDP 2.11 reads
// and writes one byte too).
func terminatorSize(unicode bool) int {
	if unicode {
		return 2
	}
	return 1
}

// infoStringLen returns the encoded size of s without its terminator.
func infoStringLen(s string, unicode bool) int {
	if unicode {
		return wire.UTF16Len(s)
	}
	return len(s)
}

// appendInfoString appends s without its terminator.
func appendInfoString(b []byte, s string, unicode bool) []byte {
	if unicode {
		return wire.AppendUTF16LE(b, s)
	}
	return append(b, s...)
}

// readInfoString reads n bytes of character data. For UTF-16 n must be
// even; the caller has checked it.
func readInfoString(r *wire.Reader, n int, unicode bool) string {
	if unicode {
		return r.UTF16LE(n)
	}
	return string(r.Bytes(n))
}

// checkInfoLen checks a character count field (without terminator) against
// the field's maximum size (with terminator) and, for UTF-16, its parity.
func checkInfoLen(r *wire.Reader, field string, cb, maxWithTerminator int, unicode bool) error {
	if unicode && cb%2 != 0 {
		return r.Failf(field, "odd UTF-16 byte count %d", cb)
	}
	if cb+terminatorSize(unicode) > maxWithTerminator {
		return r.Failf(field, "%d bytes with terminator, maximum %d", cb+terminatorSize(unicode), maxWithTerminator)
	}
	return nil
}

// readTerminator reads a null terminator and fails unless it is zero.
func readTerminator(r *wire.Reader, field string, unicode bool) error {
	t := r.Bytes(terminatorSize(unicode))
	if r.Err() != nil {
		return r.Err()
	}
	for _, c := range t {
		if c != 0 {
			return r.Failf(field, "missing null terminator")
		}
	}
	return nil
}

// encodeLen returns the size of s for a length field, or an error naming
// field if s plus its terminator exceeds maxWithTerminator bytes.
func encodeLen(field string, s string, maxWithTerminator int, unicode bool) (int, error) {
	n := infoStringLen(s, unicode)
	if n+terminatorSize(unicode) > maxWithTerminator {
		return 0, fmt.Errorf("%s: %d bytes with terminator, maximum %d", field, n+terminatorSize(unicode), maxWithTerminator)
	}
	return n, nil
}
