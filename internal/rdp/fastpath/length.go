package fastpath

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// The fast-path length (length1, optional length2) of 2.2.8.1.2 and
// 2.2.9.1.2 is the whole PDU's length: one byte when its top bit is clear
// (1 to 127), else the low 7 bits of length1 and length2 in big-endian
// order (15 bits). Both directions share it.

// MaxPDULength is the largest length the 15-bit length field can hold.
const MaxPDULength = 0x7FFF

// readLength reads length1 and, when its top bit is set, length2. It
// reports how many bytes it consumed. Both forms are accepted for any
// value: xfreerdp 2.11 always uses the two-byte form, even below 0x80
// (fastpath.c fastpath_send_multiple_input_pdu; rdp-server.md §1.0).
func readLength(r *wire.Reader) (length, size int) {
	l1 := r.U8()
	if l1&0x80 == 0 {
		return int(l1), 1
	}
	l2 := r.U8()
	return int(l1&0x7F)<<8 | int(l2), 2
}

// pduLength returns the total length of a PDU with a one-byte header and
// rest bytes after the length field, and the size of the length field in
// its shortest form. ok is false when the total does not fit in 15 bits.
func pduLength(rest int) (total, lengthSize int, ok bool) {
	if 1+1+rest < 0x80 { // fpHeader + length1 + rest
		return 2 + rest, 1, true
	}
	total = 1 + 2 + rest // fpHeader + length1 + length2 + rest
	return total, 2, total <= MaxPDULength
}

// appendLength appends total in lengthSize bytes.
func appendLength(b []byte, total, lengthSize int) []byte {
	if lengthSize == 1 {
		return append(b, byte(total))
	}
	return append(b, 0x80|byte(total>>8), byte(total))
}
