package ctlchan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Property names of the expertBlob: "NAME and PASS are the only two
// properties used in expertBlob" ([MS-RA] 2.2.1.4).
const (
	blobName = "NAME"
	blobPass = "PASS"
)

// maxBlobLengthDigits bounds the decimal length before each entry: an
// entry cannot be longer than MaxStringBytes.
const maxBlobLengthDigits = 5

// ExpertBlob is the parsed expertBlob of AUTHENTICATE ([MS-RA] 2.2.1.4)
// and VERIFY_PASSWORD (2.2.1.11): "A … semicolon-delimited, Unicode-based
// set of PropertyName, PropertyValue pairs. Each pair is also prefixed
// with the length of the characters in the pair, including the equal (=)
// sign. For example … "9;NAME=John"."
//
//	9;NAME=John69;PASS=D4B4277E9E9D06CFC19BB23FD869B5E0C99B0908280407A6E2EEC43F98035F7D
//
// There is no separator between one value and the next length.
type ExpertBlob struct {
	// Name is the NAME property, the name the expert gives; "" if absent.
	// FreeRDP sends the invitation's USERNAME (the novice's own name)
	// unless the expert passed /u:, or "Expert".
	Name string
	// Pass is the PASS property: the upper-case hex of the PassStub
	// password proof ([MS-RAI] 6; invite.PassStubProof); "" if absent. It
	// stands in for the password: never log it. String and GoString
	// redact it, and no error of this package quotes it.
	Pass string
}

// String prints the name and only the length of Pass.
func (b ExpertBlob) String() string {
	return fmt.Sprintf("ExpertBlob{Name: %q, Pass: [%d characters redacted]}", b.Name, len(b.Pass))
}

// GoString is String, so that %#v does not print Pass either.
func (b ExpertBlob) GoString() string { return b.String() }

// Marshal returns the blob as the spec writes it: NAME (if not empty),
// then PASS (if not empty), each length counting UTF-16 code units
// ("the length of the characters in the pair"). FreeRDP counts UTF-8
// bytes instead; for ASCII the two agree.
func (b ExpertBlob) Marshal() string {
	var sb strings.Builder
	for _, e := range [...]struct{ key, val string }{{blobName, b.Name}, {blobPass, b.Pass}} {
		if e.val == "" {
			continue
		}
		pair := e.key + "=" + e.val
		sb.WriteString(strconv.Itoa(utf16Units(pair)))
		sb.WriteByte(';')
		sb.WriteString(pair)
	}
	return sb.String()
}

// blobUnit is what an entry's length counts.
type blobUnit uint8

const (
	unitUTF16 blobUnit = iota // UTF-16 code units: "the length of the characters" ([MS-RA] 2.2.1.4)
	unitUTF8                  // UTF-8 bytes: what FreeRDP writes (freerdp_assistance_construct_expert_blob)
)

// ParseExpertBlob parses an expertBlob (ra-protocol.md §3.3):
//
//  1. Trailing U+0000 are dropped.
//  2. Each entry is a decimal length without a leading zero, ";", and
//     that many units of "KEY=value"; the next entry, if any, starts
//     right after. The length is read as UTF-16 code units (the spec's
//     "characters") and, if the whole blob does not parse that way, as
//     UTF-8 bytes (FreeRDP). Both agree for ASCII.
//  3. If neither reading parses, the fallback reads the blob as
//     "<n>;NAME=<name><m>;PASS=<hex>" (or just the NAME entry) by
//     splitting at the last ";PASS=": m must be the exact length of
//     "PASS=<hex>", and n must lie between the UTF-16 and the UTF-8
//     length of "NAME=<name>" — any character encoding (a Windows ANSI
//     code page, say) counts within those bounds. So a name whose length
//     an expert counted in yet another unit still parses.
//
// A length that fits no reading ("lying") is an error, and so are an
// entry without "=", a key that is empty or not letters, digits and "_",
// and NAME or PASS twice. Other keys are skipped. An empty blob has
// neither property. Errors wrap ErrExpertBlob and never quote the blob.
func ParseExpertBlob(s string) (ExpertBlob, error) {
	s = strings.TrimRight(s, "\x00")
	if len(s) > MaxStringBytes {
		return ExpertBlob{}, fmt.Errorf("%w: longer than %d bytes", ErrExpertBlob, MaxStringBytes)
	}
	b, err := parseBlobAs(s, unitUTF16)
	if err == nil {
		return b, nil
	}
	if b, err8 := parseBlobAs(s, unitUTF8); err8 == nil {
		return b, nil
	}
	if b, ok := parseBlobFallback(s); ok {
		return b, nil
	}
	return ExpertBlob{}, err
}

// parseBlobAs parses s strictly, reading every length in unit u.
func parseBlobAs(s string, u blobUnit) (ExpertBlob, error) {
	var b ExpertBlob
	var haveName, havePass bool
	for i := 1; s != ""; i++ {
		n, rest, ok := cutBlobLength(s)
		if !ok {
			return ExpertBlob{}, fmt.Errorf("%w: entry %d: want a decimal length and \";\"", ErrExpertBlob, i)
		}
		entry, ok := takeUnits(rest, n, u)
		if !ok {
			return ExpertBlob{}, fmt.Errorf("%w: entry %d: length %d runs past the end or splits a character", ErrExpertBlob, i, n)
		}
		key, val, ok := strings.Cut(entry, "=")
		if !ok || !validBlobKey(key) {
			return ExpertBlob{}, fmt.Errorf("%w: entry %d: want KEY=value within its length", ErrExpertBlob, i)
		}
		switch key {
		case blobName:
			if haveName {
				return ExpertBlob{}, fmt.Errorf("%w: entry %d: NAME twice", ErrExpertBlob, i)
			}
			haveName, b.Name = true, val
		case blobPass:
			if havePass {
				return ExpertBlob{}, fmt.Errorf("%w: entry %d: PASS twice", ErrExpertBlob, i)
			}
			havePass, b.Pass = true, val
		}
		s = rest[len(entry):]
	}
	return b, nil
}

// parseBlobFallback reads s as "<n>;NAME=<name><m>;PASS=<hex>" or
// "<n>;NAME=<name>" (ParseExpertBlob step 3).
func parseBlobFallback(s string) (ExpertBlob, bool) {
	var b ExpertBlob
	head := s
	if i := strings.LastIndex(s, ";"+blobPass+"="); i >= 0 {
		hex := s[i+len(";"+blobPass+"="):]
		for j := 0; j < len(hex); j++ {
			if !isHexDigit(hex[j]) {
				return ExpertBlob{}, false
			}
		}
		want := strconv.Itoa(len(blobPass + "=" + hex))
		if !strings.HasSuffix(s[:i], want) {
			return ExpertBlob{}, false
		}
		head, b.Pass = s[:i-len(want)], hex
		if head == "" {
			return b, true
		}
	}
	n, rest, ok := cutBlobLength(head)
	if !ok || !strings.HasPrefix(rest, blobName+"=") {
		return ExpertBlob{}, false
	}
	pair := rest
	if n < utf16Units(pair) || n > len(pair) {
		return ExpertBlob{}, false // no character encoding counts pair as n units
	}
	b.Name = rest[len(blobName+"="):]
	return b, true
}

// cutBlobLength reads a decimal length (1..5 digits, no leading zero)
// and the ";" after it.
func cutBlobLength(s string) (n int, rest string, ok bool) {
	d := 0
	for d < len(s) && d <= maxBlobLengthDigits && '0' <= s[d] && s[d] <= '9' {
		d++
	}
	if d == 0 || d > maxBlobLengthDigits || d >= len(s) || s[d] != ';' || (s[0] == '0' && d > 1) {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[:d])
	if err != nil {
		return 0, "", false
	}
	return n, s[d+1:], true
}

// takeUnits returns the prefix of s that is n units long, or false if s
// is shorter or unit n falls inside a character.
func takeUnits(s string, n int, u blobUnit) (string, bool) {
	if u == unitUTF8 {
		if n > len(s) || (n < len(s) && !utf8.RuneStart(s[n])) {
			return "", false
		}
		return s[:n], true
	}
	count := 0
	for i, r := range s {
		if count == n {
			return s[:i], true
		}
		if count > n {
			return "", false
		}
		count += utf16RuneLen(r)
	}
	if count == n {
		return s, true
	}
	return "", false
}

func validBlobKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// utf16Units returns the number of UTF-16 code units of s.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16RuneLen(r)
	}
	return n
}

func utf16RuneLen(r rune) int {
	if l := utf16.RuneLen(r); l > 0 {
		return l
	}
	return 1 // invalid: encoded as U+FFFD
}
