package invite

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// counter is a deterministic reader returning 0, 1, …, 255, 0, 1, …: over
// whole cycles every byte value comes equally often, so an unbiased
// sampler must return every character of its set equally often.
type counter struct{ n int }

func (c *counter) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c.n)
		c.n++
	}
	return len(p), nil
}

// stuck returns the same byte forever.
type stuck byte

func (s stuck) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(s)
	}
	return len(p), nil
}

func TestPasswordAlphabet(t *testing.T) {
	if len(PasswordAlphabet) != 30 {
		t.Errorf("%d characters", len(PasswordAlphabet))
	}
	for _, c := range "I1O0S5" {
		if strings.ContainsRune(PasswordAlphabet, c) {
			t.Errorf("look-alike %q in the alphabet", c)
		}
	}
	for i, c := range PasswordAlphabet {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			t.Errorf("%q is not an upper-case letter or digit", c)
		}
		if strings.IndexRune(PasswordAlphabet, c) != i {
			t.Errorf("%q twice", c)
		}
	}
}

// TestPickExactlyUniform feeds pick whole cycles of all byte values: the
// rejection sampling must give each character exactly the same count.
func TestPickExactlyUniform(t *testing.T) {
	for _, set := range []string{PasswordAlphabet, passStubAny, passStubSpecial, passStubDigit, passStubUpper, "ab", "abc"} {
		limit := 256 - 256%len(set)
		r := &counter{}
		counts := map[byte]int{}
		for range 3 * limit { // three cycles of 256 bytes
			c, err := pick(r, set)
			if err != nil {
				t.Fatal(err)
			}
			counts[c]++
		}
		for i := range len(set) {
			if got, want := counts[set[i]], 3*limit/len(set); got != want {
				t.Errorf("set %q: %q came %d times, want %d", set, set[i], got, want)
			}
		}
		if len(counts) != len(set) {
			t.Errorf("set %q: %d distinct characters", set, len(counts))
		}
	}
}

func TestNewPasswordUniform(t *testing.T) {
	r := &counter{}
	counts := map[rune]int{}
	// 240 accepted bytes per 256-byte cycle = 20 passwords; 5 cycles.
	for range 100 {
		pw, err := NewPassword(r)
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != PasswordLength {
			t.Fatalf("%q has %d characters", pw, len(pw))
		}
		if err := CheckUserPassword(pw, PasswordLength); err != nil {
			t.Errorf("%q: %v", pw, err)
		}
		for _, c := range pw {
			counts[c]++
		}
	}
	for _, c := range PasswordAlphabet {
		if counts[c] != 40 {
			t.Errorf("%q came %d times, want 40", c, counts[c])
		}
	}
}

func TestNewPassStubPattern(t *testing.T) {
	rng := rand.NewChaCha8([32]byte{'i', 'n', 'v', 'i', 't', 'e'})
	const n = 20000
	counts := make([]map[byte]int, PassStubLength)
	for i := range counts {
		counts[i] = map[byte]int{}
	}
	for range n {
		s, err := NewPassStub(rng)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkPassStub(s); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if strings.ContainsAny(s, `&"<>`) {
			t.Fatalf("%q", s)
		}
		for i := range s {
			counts[i][s[i]]++
		}
	}
	for i, set := range passStubPattern {
		want := n / len(set)
		for j := range len(set) {
			got := counts[i][set[j]]
			if got < want*3/4 || got > want*5/4 {
				t.Errorf("position %d: %q came %d times, want about %d", i, set[j], got, want)
			}
		}
		if len(counts[i]) != len(set) {
			t.Errorf("position %d: %d distinct characters from a set of %d", i, len(counts[i]), len(set))
		}
	}
}

// TestPassStubPatternIsWindows checks the pattern against the three
// Windows PassStubs of the test vectors (whose specials include '=' and '^').
func TestPassStubPatternIsWindows(t *testing.T) {
	for _, s := range []string{vector1PassStub, vector2PassStub, vector3PassStub} {
		if len(s) != PassStubLength {
			t.Fatalf("%q", s)
		}
		for i := range s {
			if !strings.ContainsRune(passStubPattern[i], rune(s[i])) {
				t.Errorf("%q: %q at position %d is not in %q", s, s[i], i, passStubPattern[i])
			}
		}
		if err := checkPassStub(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func TestNewID(t *testing.T) {
	id, err := NewID(&counter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(id) != 64 {
		t.Errorf("%q has %d characters", id, len(id))
	}
	b, err := base64.StdEncoding.DecodeString(id)
	want := make([]byte, 48)
	(&counter{}).Read(want)
	if err != nil || !bytes.Equal(b, want) {
		t.Errorf("decodes to %x, %v", b, err)
	}
	if err := checkToken(id); err != nil {
		t.Error(err)
	}
}

func TestGeneratorsFailWithTheReader(t *testing.T) {
	short := func() io.Reader { return bytes.NewReader(make([]byte, 5)) }
	for name, f := range map[string]func(io.Reader) (string, error){
		"NewPassword": NewPassword, "NewPassStub": NewPassStub, "NewID": NewID,
	} {
		t.Run(name, func(t *testing.T) {
			if s, err := f(short()); !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
				t.Errorf("short reader: %q, %v", s, err)
			}
			if name == "NewID" {
				return
			}
			if s, err := f(stuck(0xff)); err == nil || !strings.Contains(err.Error(), "random source") {
				t.Errorf("stuck reader: %q, %v", s, err)
			}
		})
	}
}
