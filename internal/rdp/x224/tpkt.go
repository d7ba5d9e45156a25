package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

const (
	tpktVersion    = 3                                      // T.123 section 8: version 3
	tpktHeaderSize = 1 /* version */ + 1 /* reserved */ + 2 /* length */
	// MinTPKTLength is the shortest TPKT RDP sends: the header and an X.224
	// Data TPDU header with no payload.
	MinTPKTLength = tpktHeaderSize + 3 /* X.224 DT header */
	// MaxTPKTLength is the largest length a TPKT header can carry.
	MaxTPKTLength = 0xFFFF
)

// ParseTPKTHeader checks the 4-byte TPKT header at the start of b and returns
// the total packet length it announces (header included). b may hold more
// than the header.
func ParseTPKTHeader(b []byte) (length int, err error) {
	r := wire.NewReader(b)
	readTPKTHeader(r)
	if err := r.Err(); err != nil {
		return 0, fmt.Errorf("x224: TPKT: %w", err)
	}
	return int(b[2])<<8 | int(b[3]), nil
}

// readTPKTHeader reads and checks a TPKT header and returns the length of
// the TPDU that follows it.
func readTPKTHeader(r *wire.Reader) int {
	version, reserved, length := r.U8(), r.U8(), int(r.U16BE())
	switch {
	case r.Err() != nil:
		return 0
	// T.123 section 8: "vrsn ... 3"; the byte after it is reserved, 0.
	case version != tpktVersion:
		r.Failf("TPKT version", "%d, want 3", version)
	case reserved != 0:
		r.Failf("TPKT reserved", "%#02x, want 0", reserved)
	case length < MinTPKTLength:
		r.Failf("TPKT length", "%d below %d", length, MinTPKTLength)
	}
	return length - tpktHeaderSize
}

// readTPKT reads a TPKT header and returns a Reader over exactly the TPDU
// that follows it. The caller's Finish then checks that the TPKT length
// matched the input (3.3.5.3.1: the embedded length fields "MUST be
// examined for consistency with the received data").
func readTPKT(r *wire.Reader) *wire.Reader {
	n := readTPKTHeader(r)
	return r.Sub(n)
}

// appendTPKT appends a TPKT header announcing total bytes.
func appendTPKT(b []byte, total int) ([]byte, error) {
	if total < MinTPKTLength || total > MaxTPKTLength {
		return b, fmt.Errorf("x224: TPKT length %d out of range", total)
	}
	return wire.AppendU16BE(append(b, tpktVersion, 0), uint16(total)), nil
}
