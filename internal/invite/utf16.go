package invite

import (
	"encoding/binary"
	"unicode/utf16"
)

// appendUTF16LE appends s as UTF-16LE with no BOM and no terminator, as
// Windows and FreeRDP convert passwords, PassStubs and Connection String 2.
// Invalid UTF-8 bytes become U+FFFD.
func appendUTF16LE(b []byte, s string) []byte {
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// decodeUTF16LE decodes UTF-16LE strictly: an even length, no unpaired
// surrogate and no U+0000 (Connection String 2 carries no terminator).
func decodeUTF16LE(b []byte) (string, bool) {
	if len(b)%2 != 0 {
		return "", false
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == 0:
			return "", false
		case utf16.IsSurrogate(rune(c)):
			if c >= 0xdc00 || i+1 == len(u) || u[i+1] < 0xdc00 || u[i+1] > 0xdfff {
				return "", false
			}
			i++
		}
	}
	return string(utf16.Decode(u)), true
}
