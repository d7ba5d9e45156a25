// Package per reads and writes the ALIGNED BASIC-PER subset ([ITU-T X.691])
// that T.124 GCC and the T.125 MCS domain PDUs use in RDP ([MS-RDPBCGR]
// 2.2.1.3, 2.2.1.4, 2.2.1.5–2.2.1.9).
//
// Readers record failures on the wire.Reader and return zero values, like
// the Reader's own methods; check r.Err() once after a sequence of reads.
package per

import (
	"encoding/binary"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// MaxLength is the largest length determinant this package encodes or
// accepts without fragmentation (X.691 10.9.3.8: 16K).
const MaxLength = 0x3FFF

// ReadLength reads an unconstrained length determinant: one byte below
// 0x80, or two bytes with the top bits 10. Fragmented lengths (11) are not
// used by RDP and are rejected.
func ReadLength(r *wire.Reader) int {
	b0 := r.U8()
	if r.Err() != nil {
		return 0
	}
	switch {
	case b0&0x80 == 0:
		return int(b0)
	case b0&0xC0 == 0x80:
		return int(b0&0x3F)<<8 | int(r.U8())
	default:
		r.Failf("per length", "fragmented length %#02x not supported", b0)
		return 0
	}
}

// AppendLength appends n in the shortest form.
func AppendLength(b []byte, n int) ([]byte, error) {
	switch {
	case n < 0 || n > MaxLength:
		return b, fmt.Errorf("per: length %d out of range", n)
	case n < 0x80:
		return append(b, byte(n)), nil
	default:
		return append(b, 0x80|byte(n>>8), byte(n)), nil
	}
}

// AppendLengthLong appends n in the two-byte form even when it is small, as
// some encoders do for fields they patch later.
func AppendLengthLong(b []byte, n int) ([]byte, error) {
	if n < 0 || n > MaxLength {
		return b, fmt.Errorf("per: length %d out of range", n)
	}
	return append(b, 0x80|byte(n>>8), byte(n)), nil
}

// LengthSize returns the encoded size of AppendLength(n).
func LengthSize(n int) int {
	if n < 0x80 {
		return 1
	}
	return 2
}

// ReadChoice reads a CHOICE index byte.
func ReadChoice(r *wire.Reader) uint8 { return r.U8() }

// ReadSelection reads an optional-field bitmap byte.
func ReadSelection(r *wire.Reader) uint8 { return r.U8() }

// ReadNumberOfSets reads a SET OF count byte.
func ReadNumberOfSets(r *wire.Reader) uint8 { return r.U8() }

// ReadPadding skips n padding bytes.
func ReadPadding(r *wire.Reader, n int) { r.Skip(n) }

// AppendPadding appends n zero bytes.
func AppendPadding(b []byte, n int) []byte { return wire.AppendZeros(b, n) }

// ReadInteger reads an unconstrained INTEGER: a length (1, 2 or 4) and that
// many big-endian bytes.
func ReadInteger(r *wire.Reader) uint32 {
	n := ReadLength(r)
	switch n {
	case 1:
		return uint32(r.U8())
	case 2:
		return uint32(r.U16BE())
	case 4:
		return r.U32BE()
	}
	if r.Err() == nil {
		r.Failf("per integer", "length %d", n)
	}
	return 0
}

// AppendInteger appends v as an unconstrained INTEGER in the shortest of the
// 1, 2 and 4 byte forms.
func AppendInteger(b []byte, v uint32) []byte {
	switch {
	case v <= 0xFF:
		return append(b, 1, byte(v))
	case v <= 0xFFFF:
		return binary.BigEndian.AppendUint16(append(b, 2), uint16(v))
	default:
		return binary.BigEndian.AppendUint32(append(b, 4), v)
	}
}

// ReadInteger16 reads an INTEGER constrained to min..min+65535: a big-endian
// uint16 offset from min.
func ReadInteger16(r *wire.Reader, min uint16) uint16 {
	v := r.U16BE()
	if r.Err() != nil {
		return 0
	}
	if uint32(v)+uint32(min) > 0xFFFF {
		r.Failf("per integer16", "%d + %d overflows", v, min)
		return 0
	}
	return v + min
}

// AppendInteger16 appends v as an INTEGER constrained to min..min+65535.
func AppendInteger16(b []byte, v, min uint16) ([]byte, error) {
	if v < min {
		return b, fmt.Errorf("per: integer16 %d below minimum %d", v, min)
	}
	return binary.BigEndian.AppendUint16(b, v-min), nil
}

// ReadEnumerated reads an ENUMERATED index and checks it is below count.
func ReadEnumerated(r *wire.Reader, count uint8) uint8 {
	v := r.U8()
	if r.Err() == nil && v >= count {
		r.Failf("per enumerated", "%d not below %d", v, count)
		return 0
	}
	return v
}

// OID is a T.124 object identifier as RDP encodes it: six arcs, the first
// two packed into one byte.
type OID [6]uint8

// T124OID is the T.124 identifier 0.0.20.124.0.1 (GCC "Key" of ConnectData).
func T124OID() OID { return OID{0, 0, 20, 124, 0, 1} }

// ReadObjectIdentifier reads an OBJECT IDENTIFIER of length 5 in the packed
// form T.124 uses.
func ReadObjectIdentifier(r *wire.Reader) OID {
	n := ReadLength(r)
	if r.Err() == nil && n != 5 {
		r.Failf("per object identifier", "length %d, want 5", n)
		return OID{}
	}
	b := r.Bytes(5)
	if b == nil {
		return OID{}
	}
	return OID{b[0] >> 4, b[0] & 0x0F, b[1], b[2], b[3], b[4]}
}

// AppendObjectIdentifier appends oid in the packed form.
func AppendObjectIdentifier(b []byte, oid OID) ([]byte, error) {
	if oid[0] > 0x0F || oid[1] > 0x0F {
		return b, fmt.Errorf("per: object identifier %v: first arcs do not fit a nibble", oid)
	}
	return append(b, 5, oid[0]<<4|oid[1], oid[2], oid[3], oid[4], oid[5]), nil
}

// ReadOctetString reads an OCTET STRING of at least min bytes (the length
// determinant counts bytes beyond min). The result aliases the input.
func ReadOctetString(r *wire.Reader, min int) []byte {
	n := ReadLength(r)
	if r.Err() != nil {
		return nil
	}
	return r.Bytes(n + min)
}

// AppendOctetString appends s as an OCTET STRING of at least min bytes.
func AppendOctetString(b []byte, s []byte, min int) ([]byte, error) {
	if len(s) < min {
		return b, fmt.Errorf("per: octet string of %d bytes, minimum %d", len(s), min)
	}
	b, err := AppendLength(b, len(s)-min)
	if err != nil {
		return b, err
	}
	return append(b, s...), nil
}

// ReadNumericString reads a NumericString of at least min characters, two
// digits per byte, and returns the digits as ASCII.
func ReadNumericString(r *wire.Reader, min int) string {
	n := ReadLength(r) + min
	if r.Err() != nil {
		return ""
	}
	packed := r.Bytes((n + 1) / 2)
	if packed == nil {
		return ""
	}
	digits := make([]byte, 0, n)
	for i := range n {
		d := packed[i/2]
		if i%2 == 0 {
			d >>= 4
		}
		d &= 0x0F
		if d > 9 {
			r.Failf("per numeric string", "nibble %#x is not a digit", d)
			return ""
		}
		digits = append(digits, '0'+d)
	}
	return string(digits)
}

// AppendNumericString appends s (ASCII digits) as a NumericString of at least
// min characters.
func AppendNumericString(b []byte, s string, min int) ([]byte, error) {
	if len(s) < min {
		return b, fmt.Errorf("per: numeric string %q shorter than %d", s, min)
	}
	b, err := AppendLength(b, len(s)-min)
	if err != nil {
		return b, err
	}
	for i := 0; i < len(s); i += 2 {
		hi := s[i] - '0'
		lo := byte(0)
		if i+1 < len(s) {
			lo = s[i+1] - '0'
		}
		if hi > 9 || lo > 9 {
			return b, fmt.Errorf("per: numeric string %q has a non-digit", s)
		}
		b = append(b, hi<<4|lo)
	}
	return b, nil
}
