package invite

import (
	"strings"
	"testing"
)

func TestCheckUserPassword(t *testing.T) {
	cases := []struct {
		name, pw string
		minLen   int
		errHas   string // "" = accepted
	}{
		{"generated", "48BJQ853X3B4", 12, ""},
		{"exactly the minimum", "abcdefgh", 8, ""},
		{"spaces and punctuation", "correct horse, battery!", 8, ""},
		{"non-ASCII counts characters", "pässwörd", 8, ""},
		{"emoji", "😀😀😀😀😀😀😀😀", 8, ""},
		{"quote and ampersand are fine in a password", `a"b&c<d>`, 8, ""},
		{"minimum 0 still needs one character", "", 0, "empty"},
		{"too short", "abcdefg", 8, "at least 8 characters"},
		{"too long", strings.Repeat("a", MaxPasswordLength+1), 8, "at most 256 characters"},
		{"tab", "abcd\tefgh", 8, "printable"},
		{"line break", "abcdefgh\n", 8, "printable"},
		{"NUL", "abcd\x00efgh", 8, "printable"},
		{"DEL", "abcd\x7fefgh", 8, "printable"},
		{"no-break space", "abcd\u00a0efgh", 8, "printable"},
		{"invalid UTF-8", "abcd\xffefgh", 8, "UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckUserPassword(c.pw, c.minLen)
			switch {
			case c.errHas == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case c.errHas != "" && err == nil:
				t.Error("accepted")
			case err != nil:
				if !strings.Contains(err.Error(), c.errHas) {
					t.Errorf("error %q, want it to name %q", err, c.errHas)
				}
				if c.pw != "" && strings.Contains(err.Error(), c.pw) {
					t.Errorf("error %q echoes the password", err)
				}
			}
		})
	}
}

func TestCheckUserName(t *testing.T) {
	cases := []struct {
		name, in string
		errHas   string
	}{
		{"login name", "awake", ""},
		{"Windows sample", "Administrator", ""},
		{"display name", "Jane Doe (desk 4)", ""},
		{"64 characters", strings.Repeat("a", 64), ""},
		{"empty", "", "empty"},
		{"65 characters", strings.Repeat("a", 65), "at most 64"},
		{"quote", `a"b`, `" & < >`},
		{"ampersand", "a&b", `" & < >`},
		{"less-than", "a<b", `" & < >`},
		{"greater-than", "a>b", `" & < >`},
		{"CR", "a\rb", "printable ASCII"},
		{"LF", "a\nb", "printable ASCII"},
		{"tab", "a\tb", "printable ASCII"},
		{"DEL", "a\x7f", "printable ASCII"},
		{"non-ASCII", "José", "printable ASCII"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckUserName(c.in)
			switch {
			case c.errHas == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case c.errHas != "" && err == nil:
				t.Error("accepted")
			case err != nil && !strings.Contains(err.Error(), c.errHas):
				t.Errorf("error %q, want it to name %q", err, c.errHas)
			}
		})
	}
}
