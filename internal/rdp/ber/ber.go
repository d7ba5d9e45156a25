// Package ber reads and writes the subset of the Basic Encoding Rules
// ([ITU-T X.690]) that T.125 uses for the MCS Connect-Initial and
// Connect-Response PDUs ([MS-RDPBCGR] 2.2.1.3, 2.2.1.4; [T125] section 7,
// part 2): application and universal tags, definite lengths, INTEGER,
// ENUMERATED, BOOLEAN, OCTET STRING and the SEQUENCE header.
//
// Readers record failures on the wire.Reader and return zero values, like
// the Reader's own methods and package per; check r.Err() once after a
// sequence of reads. Every length read is checked against the bytes that
// remain before anything is sliced.
//
// What is accepted:
//
//   - lengths in the short form and the long forms 0x81 nn and 0x82 nnnn,
//     minimal or not (X.690 8.1.3.5 lets the sender choose); the
//     indefinite form 0x80 and longer long forms are rejected, as no MCS
//     connect PDU exceeds a TPKT's 65535 bytes;
//   - INTEGER and ENUMERATED contents of one to four octets, read as an
//     unsigned big-endian number, or five octets of which the first is
//     zero. MCS integers are all non-negative; Windows nevertheless sends
//     65535 as 02 02 FF FF ([MS-RDPBCGR] 4.1.3), which read as two's
//     complement is -1 with a redundant octet. We read it as 65535.
//
// What is written: the shortest length form and the minimal two's-complement
// encoding of each non-negative integer (65535 is 02 03 00 FF FF).
//
// [ITU-T X.690]: https://www.itu.int/rec/T-REC-X.690
// [T125]: https://www.itu.int/rec/T-REC-T.125
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
package ber

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Identifier octets of the universal types T.125 uses (X.690 8.1.2, 8.1.2.5).
const (
	TagBoolean     = 0x01 // BOOLEAN, primitive
	TagInteger     = 0x02 // INTEGER, primitive
	TagOctetString = 0x04 // OCTET STRING, primitive
	TagEnumerated  = 0x0A // ENUMERATED, primitive
	TagSequence    = 0x30 // SEQUENCE, constructed
)

const (
	classApplication = 0x40 // bits 8-7 = 01 (X.690 Table 1)
	formConstructed  = 0x20 // bit 6
	tagNumberLong    = 0x1F // bits 5-1 all ones: the tag number follows (X.690 8.1.2.4)
	maxShortTag      = 30   // largest tag number of the single-octet form
	maxTwoOctetTag   = 127  // largest tag number of the two-octet form
)

// MaxLength is the largest definite length this package reads or writes:
// the 0x82 long form.
const MaxLength = 0xFFFF

// ReadLength reads a definite length and checks that that many bytes remain
// in r.
func ReadLength(r *wire.Reader) int {
	b0 := r.U8()
	if r.Err() != nil {
		return 0
	}
	var n int
	switch {
	case b0 < 0x80: // short form (X.690 8.1.3.4)
		n = int(b0)
	case b0 == 0x81:
		n = int(r.U8())
	case b0 == 0x82:
		n = int(r.U16BE())
	case b0 == 0x80:
		// X.690 8.1.3.6: the indefinite form; T.125 connect PDUs use
		// definite lengths only.
		r.Failf("ber length", "indefinite form")
		return 0
	default:
		r.Failf("ber length", "%d-octet long form not supported", b0&0x7F)
		return 0
	}
	if r.Err() != nil {
		return 0
	}
	if n > r.Len() {
		r.Fail("ber length", fmt.Errorf("%w: length %d, %d bytes remain", wire.ErrShort, n, r.Len()))
		return 0
	}
	return n
}

// AppendLength appends n in the shortest definite form.
func AppendLength(b []byte, n int) ([]byte, error) {
	switch {
	case n < 0 || n > MaxLength:
		return b, fmt.Errorf("ber: length %d out of range", n)
	case n < 0x80:
		return append(b, byte(n)), nil
	case n <= 0xFF:
		return append(b, 0x81, byte(n)), nil
	default:
		return append(b, 0x82, byte(n>>8), byte(n)), nil
	}
}

// LengthSize returns the encoded size of AppendLength(n).
func LengthSize(n int) int {
	switch {
	case n < 0x80:
		return 1
	case n <= 0xFF:
		return 2
	default:
		return 3
	}
}

// ReadTag reads the single identifier octet tag (one of the Tag constants)
// and the length that follows, and returns the length.
func ReadTag(r *wire.Reader, tag byte) int {
	got := r.U8()
	if r.Err() != nil {
		return 0
	}
	if got != tag {
		r.Failf("ber tag", "%#02x, want %#02x", got, tag)
		return 0
	}
	return ReadLength(r)
}

// AppendTag appends the identifier octet tag and length.
func AppendTag(b []byte, tag byte, length int) ([]byte, error) {
	return AppendLength(append(b, tag), length)
}

// TagSize returns the encoded size of AppendTag for a single-octet tag.
func TagSize(length int) int { return 1 + LengthSize(length) }

// ReadApplicationTag reads the identifier of the constructed
// [APPLICATION number] tag (7F 65 for 101, 7F 66 for 102) and its length,
// and returns the length.
func ReadApplicationTag(r *wire.Reader, number uint8) int {
	want, err := appendApplicationIdentifier(nil, number)
	if err != nil {
		r.Failf("ber application tag", "%v", err)
		return 0
	}
	got := r.Bytes(len(want))
	if r.Err() != nil {
		return 0
	}
	if string(got) != string(want) {
		r.Failf("ber application tag", "% x, want % x", got, want)
		return 0
	}
	return ReadLength(r)
}

// AppendApplicationTag appends the identifier of the constructed
// [APPLICATION number] tag and length.
func AppendApplicationTag(b []byte, number uint8, length int) ([]byte, error) {
	b, err := appendApplicationIdentifier(b, number)
	if err != nil {
		return b, err
	}
	return AppendLength(b, length)
}

// ApplicationTagSize returns the encoded size of AppendApplicationTag.
func ApplicationTagSize(number uint8, length int) int {
	if number <= maxShortTag {
		return 1 + LengthSize(length)
	}
	return 2 + LengthSize(length)
}

func appendApplicationIdentifier(b []byte, number uint8) ([]byte, error) {
	const id = classApplication | formConstructed
	switch {
	case number <= maxShortTag: // X.690 8.1.2.3
		return append(b, id|number), nil
	case number <= maxTwoOctetTag: // X.690 8.1.2.4: one subsequent octet, bit 8 zero
		return append(b, id|tagNumberLong, number), nil
	default:
		return b, fmt.Errorf("ber: application tag %d needs more than two identifier octets", number)
	}
}

// ReadSequence reads a SEQUENCE header and returns the length of its
// contents.
func ReadSequence(r *wire.Reader) int { return ReadTag(r, TagSequence) }

// AppendSequence appends a SEQUENCE header for contents of length bytes.
func AppendSequence(b []byte, length int) ([]byte, error) {
	return AppendTag(b, TagSequence, length)
}

// ReadInteger reads an INTEGER as an unsigned number (see the package
// documentation for the forms accepted).
func ReadInteger(r *wire.Reader) uint32 {
	return readUnsigned(r, ReadTag(r, TagInteger), "ber integer")
}

// AppendInteger appends v as an INTEGER in its minimal two's-complement
// form: one to five contents octets, the first below 0x80.
func AppendInteger(b []byte, v uint32) []byte { return appendUnsigned(b, TagInteger, v) }

// IntegerSize returns the encoded size of AppendInteger(v).
func IntegerSize(v uint32) int { return 2 + unsignedLen(v) }

// ReadEnumerated reads an ENUMERATED value and checks it is below count.
func ReadEnumerated(r *wire.Reader, count uint8) uint8 {
	v := readUnsigned(r, ReadTag(r, TagEnumerated), "ber enumerated")
	if r.Err() != nil {
		return 0
	}
	if v >= uint32(count) {
		r.Failf("ber enumerated", "%d not below %d", v, count)
		return 0
	}
	return uint8(v)
}

// AppendEnumerated appends v as an ENUMERATED value.
func AppendEnumerated(b []byte, v uint8) []byte { return appendUnsigned(b, TagEnumerated, uint32(v)) }

// EnumeratedSize returns the encoded size of AppendEnumerated(v).
func EnumeratedSize(v uint8) int { return 2 + unsignedLen(uint32(v)) }

// readUnsigned reads n contents octets of an INTEGER or ENUMERATED.
func readUnsigned(r *wire.Reader, n int, field string) uint32 {
	if r.Err() != nil {
		return 0
	}
	switch {
	case n == 0:
		// X.690 8.3.1: "The contents octets shall consist of one or more octets."
		r.Failf(field, "no contents octets")
		return 0
	case n > 5:
		r.Failf(field, "%d contents octets do not fit 32 bits", n)
		return 0
	}
	c := r.Bytes(n)
	if r.Err() != nil {
		return 0
	}
	if n == 5 {
		if c[0] != 0 {
			r.Failf(field, "5 contents octets do not fit 32 bits")
			return 0
		}
		c = c[1:] // the sign octet of a value of 2^31 or more
	}
	var v uint32
	for _, x := range c {
		v = v<<8 | uint32(x)
	}
	return v
}

func appendUnsigned(b []byte, tag byte, v uint32) []byte {
	n := unsignedLen(v)
	b = append(b, tag, byte(n))
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(uint64(v)>>(8*i)))
	}
	return b
}

// unsignedLen is the number of octets of the minimal two's-complement
// encoding of the non-negative v (X.690 8.3.2).
func unsignedLen(v uint32) int {
	n := 1
	for ; v > 0x7F; v >>= 8 {
		n++
	}
	return n
}

// BooleanSize is the encoded size of a BOOLEAN.
const BooleanSize = 1 /* tag */ + 1 /* length */ + 1 /* contents */

// ReadBoolean reads a BOOLEAN. X.690 8.2.2: any non-zero contents octet is
// TRUE.
func ReadBoolean(r *wire.Reader) bool {
	n := ReadTag(r, TagBoolean)
	if r.Err() != nil {
		return false
	}
	// X.690 8.2.1: "The contents octets shall consist of a single octet."
	if n != 1 {
		r.Failf("ber boolean", "length %d, want 1", n)
		return false
	}
	return r.U8() != 0
}

// AppendBoolean appends v as a BOOLEAN, TRUE as 0xFF (the DER value, which
// Windows sends).
func AppendBoolean(b []byte, v bool) []byte {
	c := byte(0x00)
	if v {
		c = 0xFF
	}
	return append(b, TagBoolean, 1, c)
}

// ReadOctetString reads a primitive OCTET STRING. The result aliases the
// input.
func ReadOctetString(r *wire.Reader) []byte {
	n := ReadTag(r, TagOctetString)
	if r.Err() != nil {
		return nil
	}
	return r.Bytes(n)
}

// AppendOctetString appends s as a primitive OCTET STRING.
func AppendOctetString(b, s []byte) ([]byte, error) {
	b, err := AppendTag(b, TagOctetString, len(s))
	if err != nil {
		return b, err
	}
	return append(b, s...), nil
}

// OctetStringSize returns the encoded size of an OCTET STRING of n bytes.
func OctetStringSize(n int) int { return TagSize(n) + n }
