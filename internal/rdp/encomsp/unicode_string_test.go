package encomsp

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newUnicodeString() *UnicodeString { return new(UnicodeString) }

func us(s string) *UnicodeString { v := UnicodeString(s); return &v }

var unicodeStringCases = []rdptest.Case[*UnicodeString]{{
	// The Name of [MS-RDPEMC] 4.1.5.
	Name: "rdpemc-4.1.5-name",
	Raw: `
		04 00                      # cchString: 4
		63 00 61 00 6c 00 63 00    # String: "calc"
	`,
	Want: us("calc"),
}, {
	// By hand: 2.2.2, "If cchString is set to 0, then the String field
	// MUST NOT be present."
	Name: "empty",
	Raw:  "00 00",
	Want: us(""),
}, {
	// By hand: U+1D11E is one rune, two code units.
	Name: "surrogate-pair",
	Raw:  "02 00 34 d8 1e dd",
	Want: us("\U0001D11E"),
}, {
	// By hand: the longest string, 1,024 code units.
	Name: "max-length",
	Raw:  "00 04" + strings.Repeat("61 00 ", MaxStringLength),
	Want: us(long(MaxStringLength)),
}, {
	// By hand: 2.2.2, n is "the lesser of the value of the cchString field
	// and the number of characters preceding the first null".
	Name:       "cut-at-nul",
	Raw:        "03 00 61 00 00 00 62 00",
	Want:       us("a"),
	DecodeOnly: true,
}, {
	Name:       "nul-first",
	Raw:        "02 00 00 00 62 00",
	Want:       us(""),
	DecodeOnly: true,
}, {
	// By hand: an unpaired surrogate decodes as U+FFFD.
	Name:       "lone-surrogate",
	Raw:        "01 00 34 d8",
	Want:       us("\uFFFD"),
	DecodeOnly: true,
}}

func TestUnicodeString(t *testing.T) {
	rdptest.RunCases(t, unicodeStringCases, newUnicodeString)
	rdptest.RunBad(t, []rdptest.BadCase{
		// 2.2.2: "The value of cchString MUST NOT exceed 1,024."
		{Name: "cch-1025", Raw: "01 04" + strings.Repeat("61 00 ", MaxStringLength+1), Want: wire.ErrInvalid},
		{Name: "cch-ffff", Raw: "ff ff", Want: wire.ErrInvalid},
		// 3.1.5.2: 2·cchString bytes must be there.
		{Name: "cch-beyond-data", Raw: "04 00 63 00 61 00 6c 00", Want: wire.ErrShort},
		{Name: "odd-byte-left", Raw: "01 00 63 00 00", Want: wire.ErrTrailing},
		{Name: "no-cch", Raw: "04", Want: wire.ErrShort},
	}, newUnicodeString)
}

func TestUnicodeStringEncodeErrors(t *testing.T) {
	for name, s := range map[string]string{
		"1025-units":          long(MaxStringLength + 1),
		"pair-past-the-limit": long(MaxStringLength-1) + "\U0001D11E",
		"nul":                 "a\x00b",
	} {
		b, err := us(s).AppendBinary([]byte{0xee})
		if !errors.Is(err, wire.ErrInvalid) || string(b) != "\xee" {
			t.Errorf("%s: AppendBinary = %x, %v; want the input back and ErrInvalid", name, b, err)
		}
	}
}

func TestFitString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"dave@HELPDESK-7", "dave@HELPDESK-7"},
		{long(MaxStringLength), long(MaxStringLength)},
		{long(MaxStringLength + 5), long(MaxStringLength)},
		// A surrogate pair that would end at unit 1,025 is dropped whole.
		{long(MaxStringLength-1) + "\U0001D11E", long(MaxStringLength - 1)},
		{long(MaxStringLength-2) + "\U0001D11E" + "b", long(MaxStringLength-2) + "\U0001D11E"},
		{"ab\x00cd", "ab"},
		{"\xff", "\uFFFD"},
	} {
		got := FitString(tt.in)
		if got != tt.want {
			t.Errorf("FitString(%.20q… len %d) = %.20q… len %d", tt.in, len(tt.in), got, len(got))
		}
		if err := checkString(got); err != nil {
			t.Errorf("FitString(%.20q…) does not encode: %v", tt.in, err)
		}
	}
}

func FuzzUnicodeString(f *testing.F) {
	seed(f, unicodeStringCases)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newUnicodeString)
		// FitString on arbitrary text always gives something that encodes;
		// on valid UTF-8 it is a prefix, and the whole string when that
		// already fits.
		s := string(b)
		fit := FitString(s)
		if err := checkString(fit); err != nil {
			t.Fatalf("FitString(%q) = %q does not encode: %v", s, fit, err)
		}
		if utf8.ValidString(s) && !strings.HasPrefix(s, fit) {
			t.Fatalf("FitString(%q) = %q is not a prefix", s, fit)
		}
		if utf8.ValidString(s) && checkString(s) == nil && fit != s {
			t.Fatalf("FitString(%q) = %q changed a string that fits", s, fit)
		}
	})
}
