package ctlchan

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The [MS-RA] 2.2.1.11 example and vector 1's FreeRDP blob (ra-protocol.md
// §3.4: "20;NAME=Edgar Olougouna69;PASS=3C9CAE0B…0DED7C90").
const (
	specPass    = "D4B4277E9E9D06CFC19BB23FD869B5E0C99B0908280407A6E2EEC43F98035F7D"
	vector1Pass = "3C9CAE0BCE7AB15C8AAC01D676045EDF3FFAF092E2DE368A2017E68A0DED7C90"
)

func TestParseExpertBlob(t *testing.T) {
	for _, tc := range []struct {
		name string
		blob string
		want ExpertBlob
	}{
		{"ms-ra-2.2.1.4-example", "9;NAME=John", ExpertBlob{Name: "John"}},
		{"ms-ra-2.2.1.11-example", "9;NAME=John69;PASS=" + specPass, ExpertBlob{Name: "John", Pass: specPass}},
		{"freerdp-vector-1", "20;NAME=Edgar Olougouna69;PASS=" + vector1Pass, ExpertBlob{Name: "Edgar Olougouna", Pass: vector1Pass}},
		{"freerdp-2.11.7-vector-2", v2Blob, ExpertBlob{Name: "awake", Pass: v2ProofHex}},
		{"trailing-nuls", v2Blob + "\x00\x00", ExpertBlob{Name: "awake", Pass: v2ProofHex}},
		{"pass-only", "69;PASS=" + specPass, ExpertBlob{Pass: specPass}},
		{"pass-first", "69;PASS=" + specPass + "9;NAME=John", ExpertBlob{Name: "John", Pass: specPass}},
		{"empty", "", ExpertBlob{}},
		{"empty-values", "5;NAME=5;PASS=", ExpertBlob{}},
		{"unknown-key-skipped", "5;X=abc9;NAME=John", ExpertBlob{Name: "John"}},
		{"name-with-digits", "11;NAME=John6969;PASS=" + specPass, ExpertBlob{Name: "John69", Pass: specPass}},
		{"name-with-semicolon-pass", "15;NAME=a;PASS=b;c69;PASS=" + specPass, ExpertBlob{Name: "a;PASS=b;c", Pass: specPass}},
		// "the length of the characters": UTF-16 code units.
		{"utf16-length-umlaut", "11;NAME=Jürgen69;PASS=" + specPass, ExpertBlob{Name: "Jürgen", Pass: specPass}},
		{"utf16-length-emoji", "7;NAME=😀69;PASS=" + specPass, ExpertBlob{Name: "😀", Pass: specPass}},
		// FreeRDP counts UTF-8 bytes (freerdp_assistance_construct_expert_blob).
		{"utf8-length-umlaut", "12;NAME=Jürgen69;PASS=" + specPass, ExpertBlob{Name: "Jürgen", Pass: specPass}},
		{"utf8-length-emoji", "9;NAME=😀69;PASS=" + specPass, ExpertBlob{Name: "😀", Pass: specPass}},
		// Another unit (a double-byte code page: 2 per kanji) parses by
		// the fallback.
		{"fallback-dbcs", "9;NAME=日本69;PASS=" + specPass, ExpertBlob{Name: "日本", Pass: specPass}},
		{"fallback-dbcs-name-only", "9;NAME=日本", ExpertBlob{Name: "日本"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseExpertBlob(tc.blob)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v (Pass %q / %q)", got, tc.want, got.Pass, tc.want.Pass)
			}
		})
	}
}

func TestParseExpertBlobRejects(t *testing.T) {
	for _, tc := range []struct{ name, blob string }{
		{"length-too-long", "99;NAME=John"},
		{"length-too-short", "8;NAME=John"},
		{"length-cuts-key", "3;NAME=John"},
		{"trailing-text", "9;NAME=Johnxyz"},
		{"leading-zero", "09;NAME=John"},
		{"zero", "0;"},
		{"no-semicolon", "9NAME=John"},
		{"no-length", ";NAME=John"},
		{"no-equals", "4;NAME"},
		{"bad-key", "10;NA-ME=John"},
		{"empty-key", "5;=John"},
		{"name-twice", "9;NAME=John9;NAME=Paul"},
		{"pass-twice", "6;PASS=16;PASS=2"},
		{"pass-length-lies", "9;NAME=John70;PASS=" + specPass},
		{"fallback-name-too-short", "6;NAME=日本69;PASS=" + specPass},
		{"fallback-name-too-long", "12;NAME=日本69;PASS=" + specPass},
		{"fallback-pass-not-hex", "9;NAME=日本9;PASS=xyzw"},
		{"huge-length", "99999;NAME=John"},
		{"too-many-digits", "123456;NAME=John"},
		{"garbage", "hello"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ParseExpertBlob(tc.blob)
			if err == nil {
				t.Fatalf("parsed as %+v", b)
			}
			if !errors.Is(err, ErrExpertBlob) {
				t.Errorf("error %v does not wrap ErrExpertBlob", err)
			}
			if strings.Contains(err.Error(), specPass[:8]) || strings.Contains(err.Error(), "John") {
				t.Errorf("error quotes the blob: %v", err)
			}
		})
	}
	if _, err := ParseExpertBlob(strings.Repeat("x", MaxStringBytes+1)); err == nil {
		t.Error("oversized blob parsed")
	}
}

func TestExpertBlobRedacts(t *testing.T) {
	b := ExpertBlob{Name: "John", Pass: specPass}
	for _, s := range []string{b.String(), fmt.Sprint(b), fmt.Sprintf("%+v", b), fmt.Sprintf("%#v", b), fmt.Sprintf("%v", &b)} {
		if strings.Contains(s, specPass[:6]) {
			t.Errorf("formatting shows Pass: %s", s)
		}
		if !strings.Contains(s, "John") {
			t.Errorf("formatting hides Name: %s", s)
		}
	}
}

func TestExpertBlobMarshal(t *testing.T) {
	for _, tc := range []struct {
		b    ExpertBlob
		want string
	}{
		{ExpertBlob{Name: "John", Pass: specPass}, "9;NAME=John69;PASS=" + specPass},
		{ExpertBlob{Name: "awake", Pass: v2ProofHex}, v2Blob},
		{ExpertBlob{Name: "Jürgen"}, "11;NAME=Jürgen"},
		{ExpertBlob{Name: "😀"}, "7;NAME=😀"},
		{ExpertBlob{}, ""},
	} {
		if got := tc.b.Marshal(); got != tc.want {
			t.Errorf("Marshal(%+v) = %q, want %q", tc.b, got, tc.want)
		}
		if got, err := ParseExpertBlob(tc.want); err != nil || got != tc.b {
			t.Errorf("Parse(%q) = %+v, %v", tc.want, got, err)
		}
	}
}

// FuzzParseExpertBlob: parsing never panics, and a parsed blob survives
// Marshal and Parse.
func FuzzParseExpertBlob(f *testing.F) {
	for _, s := range []string{
		v2Blob, "9;NAME=John69;PASS=" + specPass, "12;NAME=Jürgen69;PASS=" + specPass,
		"9;NAME=日本69;PASS=" + specPass, "5;X=abc9;NAME=John", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseExpertBlob(s)
		if err != nil || strings.ContainsRune(b.Name+b.Pass, 0) {
			return
		}
		again, err := ParseExpertBlob(b.Marshal())
		if err != nil || again != b {
			t.Fatalf("%q parsed as %+v; its Marshal %q parses as %+v, %v", s, b, b.Marshal(), again, err)
		}
	})
}
