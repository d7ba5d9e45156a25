package ctlchan

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"testing"
	"unicode/utf16"
)

// tokenReference computes the [MS-RA] 2.2.4 token the long way, written
// independently of Token: the password cut by byte slicing (the spec's
// "last 6 bytes", which for the ASCII passwords here are characters), each
// string converted with utf16.Encode and encoding/binary, and every round
// building a fresh hash input with a streaming hash.
func tokenReference(password, role, cs string) []byte {
	if len(password) > 6 {
		password = password[len(password)-6:]
	}
	var base []byte
	for _, s := range []string{password, role, cs} {
		for _, u := range utf16.Encode([]rune(s)) {
			base = binary.LittleEndian.AppendUint16(base, u)
		}
	}
	prev := make([]byte, 20) // "For the first round of hashing, 20 bytes of 0 are appended"
	for round := 1; round <= 100000; round++ {
		h := sha1.New()
		h.Write(base)
		h.Write(prev)
		prev = h.Sum(nil)
	}
	return prev
}

func TestTokenMatchesReference(t *testing.T) {
	for _, tc := range []struct{ pw, role, cs string }{
		{"ABCDEF", RoleNovice, "<E/>"},
		{"48BJQ853X3B4", RoleExpert, "65538,1,h:1,*,ID,*,*,KH"},
		{"abc", RoleNovice, ""},
	} {
		got, want := Token(tc.pw, tc.role, tc.cs), tokenReference(tc.pw, tc.role, tc.cs)
		if !bytes.Equal(got, want) {
			t.Errorf("Token(%q, %q, %q) = %x, reference %x", tc.pw, tc.role, tc.cs, got, want)
		}
	}
}

// TestTokenVectors checks values computed with Python's hashlib, a third
// implementation:
//
//	base = (pw[-6:] + role + cs).encode('utf-16-le'); h = b'\0'*20
//	for _ in range(100000): h = hashlib.sha1(base + h).digest()
func TestTokenVectors(t *testing.T) {
	for _, tc := range []struct{ pw, role, cs, want string }{
		{v2Password, RoleNovice, v2CS2, v2NoviceTokenHex},
		{v2Password, RoleExpert, v2CS2, "9dd42a6386acb37353667c6e7ee5d1e27960018b"},
		{"ABCDEF", RoleNovice, "<E/>", "cea961959a4487528af0f340993b795c5c314f93"},
	} {
		if got := hex.EncodeToString(Token(tc.pw, tc.role, tc.cs)); got != tc.want {
			t.Errorf("Token(%q, %q, …) = %s, want %s", tc.pw, tc.role, got, tc.want)
		}
	}
}

// TestTokenSpecExample checks the hash input against [MS-RA] 2.2.4's
// example of "a token string before being hashed repeatedly", "Here ABCDEF
// is the password, and the token is being created to validate the
// novice" (the connection string transcribed from the example).
func TestTokenSpecExample(t *testing.T) {
	const cs = `<E>
   <A KH="YiKwWUY8Ioq5NB3wAQHSbs5kwrM=" ID="8rYm30RBW8/4dAWoUsWbFCF5jno/7jr5tNpHQc2goLbw4uuBBJvLsU02YYLlBMg5" />
     <C>
         <T ID="1" SID="1440550163">
             <L P="49749" N="2001:4898:1a:5:79e2:3356:9b22:3470"/>
             <L P="49751" N="172.31.250.64"/>
         </T>
     </C>
 </E>`
	var want []byte
	for _, u := range utf16.Encode([]rune("ABCDEFNOVICE" + cs)) {
		want = binary.LittleEndian.AppendUint16(want, u)
	}
	if got := tokenBase("ABCDEF", RoleNovice, cs); !bytes.Equal(got, want) {
		t.Errorf("hash input differs from the spec's example")
	}
	// Only the last six characters count.
	if !bytes.Equal(tokenBase("xyzABCDEF", RoleNovice, cs), want) {
		t.Error("a longer password is not cut to its last six characters")
	}
}

func TestTokenPasswordCut(t *testing.T) {
	if !bytes.Equal(Token("0123ABCDEF", RoleExpert, "cs"), Token("ABCDEF", RoleExpert, "cs")) {
		t.Error("characters before the last six change the token")
	}
	if bytes.Equal(Token("ABCDEF", RoleExpert, "cs"), Token("ABCDEG", RoleExpert, "cs")) {
		t.Error("the last character does not change the token")
	}
	if bytes.Equal(Token("ABCDEF", RoleExpert, "cs"), Token("ABCDEF", RoleNovice, "cs")) {
		t.Error("the role does not change the token")
	}
	if len(Token("", RoleNovice, "")) != 20 {
		t.Error("token length")
	}
}

func TestCheckToken(t *testing.T) {
	tok, _ := hex.DecodeString(v2NoviceTokenHex)
	if !CheckToken(v2Password, RoleNovice, v2CS2, tok) {
		t.Error("right token rejected")
	}
	if CheckToken(v2Password, RoleExpert, v2CS2, tok) {
		t.Error("novice token accepted as the expert's")
	}
	if CheckToken(v2Password, RoleNovice, v2CS2, tok[:19]) || CheckToken(v2Password, RoleNovice, v2CS2, nil) {
		t.Error("short token accepted")
	}
}
