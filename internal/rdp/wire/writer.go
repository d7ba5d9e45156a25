package wire

import (
	"encoding/binary"
	"unicode/utf16"
)

// Append helpers. They exist so PDU encoders read as a list of fields; they
// are thin wrappers over encoding/binary.

// AppendU16LE appends v little-endian.
func AppendU16LE(b []byte, v uint16) []byte { return binary.LittleEndian.AppendUint16(b, v) }

// AppendU16BE appends v big-endian.
func AppendU16BE(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }

// AppendU32LE appends v little-endian.
func AppendU32LE(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }

// AppendU32BE appends v big-endian.
func AppendU32BE(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }

// AppendU64LE appends v little-endian.
func AppendU64LE(b []byte, v uint64) []byte { return binary.LittleEndian.AppendUint64(b, v) }

// AppendZeros appends n zero bytes.
func AppendZeros(b []byte, n int) []byte {
	for range n {
		b = append(b, 0)
	}
	return b
}

// AppendUTF16LE appends s as UTF-16LE without a terminator.
func AppendUTF16LE(b []byte, s string) []byte {
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// UTF16Len returns the UTF-16LE byte length of s, without a terminator.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if l := utf16.RuneLen(r); l > 0 {
			n += 2 * l
		} else { // invalid rune: encoded as U+FFFD
			n += 2
		}
	}
	return n
}

// PutU16LE overwrites b[off:off+2] with v little-endian; it is for length
// fields that are known only after the body is appended.
func PutU16LE(b []byte, off int, v uint16) { binary.LittleEndian.PutUint16(b[off:], v) }

// PutU16BE overwrites b[off:off+2] with v big-endian.
func PutU16BE(b []byte, off int, v uint16) { binary.BigEndian.PutUint16(b[off:], v) }

// PutU32LE overwrites b[off:off+4] with v little-endian.
func PutU32LE(b []byte, off int, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }
