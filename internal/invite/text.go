package invite

import (
	"errors"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// checkText reports why s cannot be written as an attribute value: it must
// be valid UTF-8 without control characters and without `"`, `&`, `<`, `>`.
// Those four would need XML escaping, and FreeRDP 2.11.7 reads values raw
// up to the next `"`, decoding no entity (ra-protocol.md §0 item 8). The
// error never quotes s.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8")
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '&' || r == '<' || r == '>':
			return errors.New(`contains one of " & < >`)
		case unicode.IsControl(r):
			return errors.New("contains a control character")
		}
	}
	return nil
}

// checkToken reports why s cannot be a token attribute (ID, KH, KH2): it
// must be non-empty printable ASCII without spaces and without `"`, `&`,
// `<`, `>`. Windows writes base64 there (KH2 with an "alg:" prefix).
func checkToken(s string) error {
	if s == "" {
		return errors.New("is empty")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ' || c >= 0x7f:
			return errors.New("contains a character other than printable ASCII without spaces")
		case c == '"' || c == '&' || c == '<' || c == '>':
			return errors.New(`contains one of " & < >`)
		}
	}
	return nil
}

// parseDecimal parses a strict unsigned decimal: digits only, no sign, no
// leading zero (FreeRDP reads these numbers with strtoul base 0, which
// would take "010" as octal 8), at most max.
func parseDecimal(s string, max uint64) (uint64, error) {
	if s == "" {
		return 0, errors.New("is empty")
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, errors.New("has a leading zero")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errors.New("is not a decimal number")
		}
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v > max {
		return 0, errors.New("is out of range")
	}
	return v, nil
}
