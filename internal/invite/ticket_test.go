package invite

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// TestTicketKeyVectors checks the key derivation against the LHTICKET
// table of ra-protocol.md §3.4.
func TestTicketKeyVectors(t *testing.T) {
	for _, v := range []struct{ name, password, sha1, key string }{
		{"vector 2", vector2Password, "8039acf367828bb37258a8d293ae217d5fe54cdb", "e88f838e6bdd430345ac6d2e6e7e28db"},
		{"vector 3", vector3Password, "c996236cdf6d80b8751fa5544a5aa7567e2443bb", "67f4d59327f13b7688be49b81e9fb59d"},
	} {
		t.Run(v.name, func(t *testing.T) {
			h := sha1.Sum(wire.AppendUTF16LE(nil, v.password))
			if got := hex.EncodeToString(h[:]); got != v.sha1 {
				t.Errorf("SHA1(UTF-16LE password) = %s, want %s", got, v.sha1)
			}
			if got := hex.EncodeToString(ticketKey(v.password)); got != v.key {
				t.Errorf("key = %s, want %s", got, v.key)
			}
		})
	}
}

// TestVector2Transcription guards the hex typed into vectors_test.go with
// the digest the notes give.
func TestVector2Transcription(t *testing.T) {
	if len(vector2LHTicket) != 1216 {
		t.Fatalf("LHTICKET has %d digits, want 1216", len(vector2LHTicket))
	}
	sum := sha256.Sum256([]byte(vector2LHTicket))
	if got := hex.EncodeToString(sum[:]); got != "6ee80131a1b92f3f18a959d41413bd8e720a015d4f0b7c1e861c627148aaeca7" {
		t.Errorf("SHA-256 of the LHTICKET hex = %s", got)
	}
}

func TestDecryptTicketVector2(t *testing.T) {
	ct, err := ParseTicketHex(vector2LHTicket)
	if err != nil {
		t.Fatal(err)
	}
	if len(ct) != 608 {
		t.Fatalf("ciphertext has %d bytes, want 608", len(ct))
	}
	got, err := DecryptTicket(vector2Password, ct)
	if err != nil {
		t.Fatal(err)
	}
	if got != vector2CS2 {
		t.Errorf("plaintext:\n got %q\nwant %q", got, vector2CS2)
	}
	if n := utf8.RuneCountInString(got); n != 301 {
		t.Errorf("plaintext has %d characters, want 301", n)
	}
	sum := sha256.Sum256(wire.AppendUTF16LE(nil, got))
	if h := hex.EncodeToString(sum[:]); h != "ede173d0ada68aa7808da57a41d8365e3b53b516c418701218705aef57557b41" {
		t.Errorf("SHA-256 of the UTF-16LE plaintext = %s", h)
	}
}

func TestEncryptTicketVector2(t *testing.T) {
	ct := EncryptTicket(vector2Password, vector2CS2)
	if got := TicketHex(ct); got != vector2LHTicket {
		t.Errorf("LHTICKET:\n got %s\nwant %s", got, vector2LHTicket)
	}
	// 301 characters = 602 bytes, padded with 6 bytes of 06.
	if len(ct) != 608 {
		t.Errorf("ciphertext has %d bytes, want 608", len(ct))
	}
}

func TestDecryptTicketWrongPassword(t *testing.T) {
	ct, _ := ParseTicketHex(vector2LHTicket)
	for _, pw := range []string{"", "48bjq853x3b4", vector3Password, vector2Password + " "} {
		s, err := DecryptTicket(pw, ct)
		if !errors.Is(err, ErrTicket) {
			t.Errorf("password %q: got %q, %v; want ErrTicket", pw, s, err)
			continue
		}
		if err.Error() != ErrTicket.Error() {
			t.Errorf("password %q: error %q says more than ErrTicket", pw, err)
		}
		if pw != "" && strings.Contains(err.Error(), pw) {
			t.Errorf("the error contains the password")
		}
	}
}

func TestDecryptTicketDamaged(t *testing.T) {
	good, _ := ParseTicketHex(vector2LHTicket)
	flip := func(i int) []byte {
		b := append([]byte(nil), good...)
		b[i] ^= 0x80
		return b
	}
	cases := []struct {
		name string
		ct   []byte
	}{
		{"empty", nil},
		{"not a whole block", good[:len(good)-1]},
		{"last block removed", good[:len(good)-16]},    // padding no longer valid
		{"padding byte damaged", flip(len(good) - 17)}, // changes the last plaintext byte
		{"too long", make([]byte, MaxTicketSize+16)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if s, err := DecryptTicket(vector2Password, c.ct); !errors.Is(err, ErrTicket) {
				t.Errorf("got %q, %v; want ErrTicket", s, err)
			}
		})
	}
}

// TestDecryptTicketNotUTF16 encrypts raw plaintexts that are well padded
// but not UTF-16LE text without NUL: all are ErrTicket. The last case is
// valid, to show the encryption helper is right.
func TestDecryptTicketNotUTF16(t *testing.T) {
	encrypt := func(plain []byte) []byte {
		b := append([]byte(nil), plain...)
		n := aes.BlockSize - len(b)%aes.BlockSize
		for range n {
			b = append(b, byte(n))
		}
		block, err := aes.NewCipher(ticketKey("pw"))
		if err != nil {
			t.Fatal(err)
		}
		cipher.NewCBCEncrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(b, b)
		return b
	}
	for _, plain := range [][]byte{
		{'A', 0, 0, 0}, // NUL
		{'A', 0, 'B'},  // odd length
		{0x3d, 0xd8},   // lone surrogate
	} {
		if s, err := DecryptTicket("pw", encrypt(plain)); !errors.Is(err, ErrTicket) {
			t.Errorf("%x: got %q, %v; want ErrTicket", plain, s, err)
		}
	}
	if s, err := DecryptTicket("pw", encrypt([]byte{'A', 0})); err != nil || s != "A" {
		t.Errorf("valid plaintext: got %q, %v", s, err)
	}
}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	for _, s := range []string{"", "x", strings.Repeat("y", 8), "<E>é€😀</E>\r\n", strings.Repeat("z", 1000)} {
		for _, pw := range []string{"p", "Pässwörd 😀", vector2Password} {
			ct := EncryptTicket(pw, s)
			if len(ct)%16 != 0 || len(ct) <= 2*len([]rune(s))-1 {
				t.Errorf("%q: ciphertext length %d", s, len(ct))
			}
			got, err := DecryptTicket(pw, ct)
			if err != nil || got != s {
				t.Errorf("%q under %q: got %q, %v", s, pw, got, err)
			}
		}
	}
}

func TestUnpad(t *testing.T) {
	block := func(tail ...byte) []byte {
		b := make([]byte, 16-len(tail), 16)
		for i := range b {
			b[i] = 'a'
		}
		return append(b, tail...)
	}
	cases := []struct {
		name string
		in   []byte
		n    int // -1: rejected
	}{
		{"pad 1", block(1), 15},
		{"pad 2", block(2, 2), 14},
		{"pad 16", block(16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16), 0},
		{"pad 0", block(0), -1},
		{"pad 17", append(make([]byte, 16), block(17)...), -1},
		{"pad 2 with a wrong byte", block(1, 2), -1},
		{"pad 3 with a wrong first byte", block(2, 3, 3), -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, ok := unpad(c.in)
			switch {
			case c.n < 0 && ok:
				t.Errorf("accepted, %d bytes", len(out))
			case c.n >= 0 && (!ok || len(out) != c.n):
				t.Errorf("got %d bytes, %v; want %d", len(out), ok, c.n)
			}
		})
	}
}

func TestDecodeUTF16LE(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
		ok   bool
	}{
		{"ascii", []byte{'A', 0, 'B', 0}, "AB", true},
		{"surrogate pair", []byte{0x3d, 0xd8, 0x00, 0xde}, "😀", true},
		{"odd length", []byte{'A', 0, 'B'}, "", false},
		{"NUL", []byte{'A', 0, 0, 0}, "", false},
		{"lone high surrogate", []byte{0x3d, 0xd8, 'A', 0}, "", false},
		{"high surrogate at the end", []byte{'A', 0, 0x3d, 0xd8}, "", false},
		{"lone low surrogate", []byte{0x00, 0xde}, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := decodeUTF16LE(c.in)
			if got != c.want || ok != c.ok {
				t.Errorf("got %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

func TestTicketHex(t *testing.T) {
	if got := TicketHex([]byte{0x00, 0xab, 0xff}); got != "00ABFF" {
		t.Errorf("TicketHex = %s", got)
	}
	good := strings.Repeat("0123456789ABCDEF", 2)
	if b, err := ParseTicketHex(good); err != nil || len(b) != 16 {
		t.Errorf("ParseTicketHex(%s) = %x, %v", good, b, err)
	}
	for _, bad := range []string{
		"",
		strings.ToLower(good),
		good[:31],
		good[:30],
		good + "00",
		strings.Replace(good, "0", "G", 1),
		strings.Replace(good, "0", " ", 1),
		strings.Repeat("00", MaxTicketSize+16),
	} {
		if _, err := ParseTicketHex(bad); err == nil {
			t.Errorf("ParseTicketHex(%.40q…) accepted", bad)
		}
	}
}
