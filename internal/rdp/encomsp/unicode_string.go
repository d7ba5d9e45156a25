package encomsp

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// MaxStringLength is the most UTF-16 code units a UNICODE_STRING holds:
// "The value of cchString MUST NOT exceed 1,024" ([MS-RDPEMC] 2.2.2).
const MaxStringLength = 1024

// UnicodeString is the Unicode String (UNICODE_STRING), [MS-RDPEMC] 2.2.2:
// cchString, then that many UTF-16LE code units ("If cchString is set to
// 0, then the String field MUST NOT be present"). Orders hold their names
// as plain strings; this type is their wire form.
//
// Decoding cuts the string at its first NUL, as 2.2.2 defines its value,
// and turns unpaired surrogates into U+FFFD. Encoding fails for a string
// holding a NUL or longer than MaxStringLength code units.
type UnicodeString string

var _ wire.PDU = (*UnicodeString)(nil)

// Size returns the encoded length in bytes.
func (s *UnicodeString) Size() int { return stringSize(string(*s)) }

// AppendBinary appends cchString and String.
func (s *UnicodeString) AppendBinary(b []byte) ([]byte, error) {
	if err := checkString(string(*s)); err != nil {
		return b, fmt.Errorf("encomsp: UNICODE_STRING: %w", err)
	}
	return appendString(b, string(*s)), nil
}

// Decode reads one UNICODE_STRING from r.
func (s *UnicodeString) Decode(r *wire.Reader) error {
	v := decodeString(r, "")
	if err := r.Err(); err != nil {
		return fmt.Errorf("encomsp: UNICODE_STRING: %w", err)
	}
	*s = UnicodeString(v)
	return nil
}

// UnmarshalBinary decodes b as exactly one UNICODE_STRING.
func (s *UnicodeString) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }

// FitString returns the longest prefix of s that a UNICODE_STRING can
// carry: up to the first NUL, and at most MaxStringLength UTF-16 code
// units without splitting a surrogate pair. Invalid UTF-8 becomes U+FFFD,
// as it does on the wire. Callers shortening a name (a FriendlyName, a
// window title) use it, so that the name sent and any copy kept elsewhere
// agree.
func FitString(s string) string {
	s, _, _ = strings.Cut(s, "\x00")
	var sb strings.Builder
	n := 0
	for _, r := range s { // invalid UTF-8 ranges as U+FFFD
		w := utf16.RuneLen(r)
		if w < 0 { // not a scalar value; range never yields one, but be total
			r, w = '\uFFFD', 1
		}
		if n+w > MaxStringLength {
			break
		}
		n += w
		sb.WriteRune(r)
	}
	return sb.String()
}

// stringSize returns the encoded size of a UNICODE_STRING holding s.
func stringSize(s string) int { return 2 /* cchString */ + wire.UTF16Len(s) /* String */ }

// checkString reports why s cannot be encoded as a UNICODE_STRING.
func checkString(s string) error {
	if strings.ContainsRune(s, 0) {
		return fmt.Errorf("%w: string contains NUL", wire.ErrInvalid)
	}
	if n := wire.UTF16Len(s) / 2; n > MaxStringLength {
		return fmt.Errorf("%w: %d UTF-16 code units (at most %d)", wire.ErrInvalid, n, MaxStringLength)
	}
	return nil
}

// appendString appends s, already checked, as a UNICODE_STRING.
func appendString(b []byte, s string) []byte {
	b = wire.AppendU16LE(b, uint16(wire.UTF16Len(s)/2)) // cchString
	return wire.AppendUTF16LE(b, s)                     // String: no terminator
}

// decodeString reads a UNICODE_STRING from r; field names it in errors
// (the order's field name, or "" for a bare UNICODE_STRING).
func decodeString(r *wire.Reader, field string) string {
	cch := r.U16LE() // cchString
	if r.Err() != nil {
		return ""
	}
	// 2.2.2: "The value of cchString MUST NOT exceed 1,024."
	if cch > MaxStringLength {
		r.Failf(join(field, "cchString"), "%d (at most %d)", cch, MaxStringLength)
		return ""
	}
	// 3.1.5.2: "the receiver MUST validate the string by doubling the value
	// of the cchString field to convert to bytes and then check whether
	// there are sufficient bytes left in the message".
	raw := r.Bytes(2 * int(cch)) // String
	if r.Err() != nil {
		return ""
	}
	// 2.2.2: the string is "the first n Unicode characters …, where n is
	// the lesser of the value of the cchString field and the number of
	// characters preceding the first null".
	for i := 0; i+1 < len(raw); i += 2 {
		if raw[i] == 0 && raw[i+1] == 0 {
			raw = raw[:i]
			break
		}
	}
	return wire.DecodeUTF16LE(raw)
}

// join names a field inside a structure field: "Name.cchString".
func join(field, sub string) string {
	if field == "" {
		return sub
	}
	return field + "." + sub
}
