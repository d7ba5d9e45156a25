package invite

import (
	"encoding/binary"
	"unicode/utf16"
)

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
