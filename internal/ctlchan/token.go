package ctlchan

import (
	"crypto/sha1"
	"crypto/subtle"
	"unicode/utf16"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Roles of Token.
const (
	RoleNovice = "NOVICE" // the token the novice sends
	RoleExpert = "EXPERT" // the token the expert sends
)

// tokenRounds is the number of SHA-1 computations: "Repeat steps 3 and 4
// 100,000 times" ([MS-RA] 2.2.4).
const tokenRounds = 100000

// tokenPasswordChars is how much of the password the token uses: "Only
// the last 6 bytes of the Remote Assistance password are used".
const tokenPasswordChars = 6

// Token returns the version 3 session authorization token of [MS-RA]
// 2.2.4 for role (RoleNovice or RoleExpert), the password and the
// connection string:
//
//  1. "Form the base Unicode string by concatenating the password with the
//     string "NOVICE" or "EXPERT" … Only the last 6 bytes of the Remote
//     Assistance password are used to create the token."
//  2. "Append the connection string to the string formed in step 1 to form
//     a hash input. For the first round of hashing, 20 bytes of 0 are
//     appended to the end of hash input."
//  3. "Use … SHA-1 to convert the hash input to a binary value (160 bits)."
//  4. "Append this value to the string formed in step 2 to form a new hash
//     input."
//  5. "Repeat steps 3 and 4 100,000 times."
//
// So with base = UTF-16LE(last6(password) ‖ role ‖ connectionString), no
// terminator: h₀ = 20 zero bytes, hᵢ = SHA-1(base ‖ hᵢ₋₁) for i = 1 …
// 100,000, and the token is h₁₀₀₀₀₀, 20 bytes. "Unicode" is UTF-16LE
// ([MS-RA] 1.1). "Last 6 bytes" is read as the last 6 characters (UTF-16
// code units): the spec's own example, password "ABCDEF", hashes
// "ABCDEFNOVICE<E>…", all six; for the ASCII passwords Windows generates
// characters and bytes of the 8-bit text are the same thing. A shorter
// password is used whole.
//
// The token proves knowledge of the password: treat it as a secret.
func Token(password, role, connectionString string) []byte {
	base := tokenBase(password, role, connectionString)
	in := make([]byte, len(base)+sha1.Size) // base ‖ h₀, h₀ = 0
	copy(in, base)
	var h [sha1.Size]byte
	for range tokenRounds {
		h = sha1.Sum(in)
		copy(in[len(base):], h[:])
	}
	return h[:]
}

// tokenBase returns the string of step 2 without the appended hash:
// UTF-16LE(last6(password) ‖ role ‖ connectionString).
func tokenBase(password, role, connectionString string) []byte {
	pw := utf16.Encode([]rune(password))
	if len(pw) > tokenPasswordChars {
		pw = pw[len(pw)-tokenPasswordChars:]
	}
	b := make([]byte, 0, 2*len(pw)+wire.UTF16Len(role)+wire.UTF16Len(connectionString))
	for _, u := range pw {
		b = wire.AppendU16LE(b, u)
	}
	b = wire.AppendUTF16LE(b, role)
	return wire.AppendUTF16LE(b, connectionString)
}

// CheckToken reports whether token is Token(password, role,
// connectionString), comparing in constant time (the length, which is
// public, first).
func CheckToken(password, role, connectionString string, token []byte) bool {
	return subtle.ConstantTimeCompare(Token(password, role, connectionString), token) == 1
}
