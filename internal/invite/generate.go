package invite

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// PasswordAlphabet is what NewPassword draws from: upper-case letters and
// digits without the look-alikes I/1, O/0 and S/5 (Windows' Easy Connect
// passwords leave out the same pairs, feature-anchors.md §1b). 30
// characters; 12 of them carry about 58.9 bits.
const PasswordAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ2346789"

// PasswordLength is the length of a generated password, as Windows 7 and
// later generate when an invitation is saved.
const PasswordLength = 12

// Character sets of the Windows PassStub pattern (ra-protocol.md §1.4).
const (
	passStubAny     = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*_"
	passStubSpecial = "!@#$^*()-+=" // Windows' set without '&' (FreeRDP 2.11 would hash "&amp;")
	passStubDigit   = "0123456789"
	passStubUpper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	passStubLower   = "abcdefghijklmnopqrstuvwxyz"
)

// passStubPattern is the set of each of the 14 PassStub characters.
var passStubPattern = [PassStubLength]string{
	passStubAny, passStubAny,
	passStubSpecial, passStubDigit, passStubUpper, passStubLower,
	passStubAny, passStubAny, passStubAny, passStubAny,
	passStubAny, passStubAny, passStubAny, passStubAny,
}

// PassStubLength is the length of a PassStub ([MS-RAI] 8 <17>).
const PassStubLength = 14

// idBytes is how many random bytes an ID encodes: 48, which base64 writes as
// 64 characters without padding, like Windows' Authorization String
// Identifiers.
const idBytes = 48

// NewPassword returns a 12-character invitation password drawn uniformly
// from PasswordAlphabet with randomness from r (crypto/rand.Reader in the
// daemon).
func NewPassword(r io.Reader) (string, error) {
	b := make([]byte, PasswordLength)
	for i := range b {
		c, err := pick(r, PasswordAlphabet)
		if err != nil {
			return "", fmt.Errorf("invite: password: %w", err)
		}
		b[i] = c
	}
	return string(b), nil
}

// NewPassStub returns a 14-character PassStub in the Windows pattern (MS
// Open Specifications blog, 2011; ra-protocol.md §1.4): two characters of
// [A-Za-z0-9*_], one of !@#$^*()-+=, one digit, one upper-case letter, one
// lower-case letter and eight of [A-Za-z0-9*_], each uniform in its set.
// Windows' special set also has '&', left out here because FreeRDP 2.11
// would hash an escaped "&amp;" as five characters.
func NewPassStub(r io.Reader) (string, error) {
	b := make([]byte, PassStubLength)
	for i, set := range passStubPattern {
		c, err := pick(r, set)
		if err != nil {
			return "", fmt.Errorf("invite: PassStub: %w", err)
		}
		b[i] = c
	}
	return string(b), nil
}

// NewID returns a new Authorization String Identifier (the <A ID> of
// Connection String 2, RASessionID): 48 bytes from r in standard base64, 64
// characters, like Windows'.
func NewID(r io.Reader) (string, error) {
	b := make([]byte, idBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("invite: ID: reading randomness: %w", err)
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// maxRejects bounds the bytes pick may throw away for one character. A
// byte is rejected with probability below 1/2 for every set here, so a
// uniform source exceeds this with probability below 2⁻⁶⁴; a source that
// does is broken (for example, stuck at 0xFF).
const maxRejects = 64

// pick returns a character of set chosen uniformly with bytes from r, by
// rejection sampling: a byte b is used only if b < 256 - 256%len(set), and
// then as b % len(set), so every character has the same chance. set has
// 1..256 characters.
func pick(r io.Reader, set string) (byte, error) {
	n := len(set)
	limit := 256 - 256%n
	var b [1]byte
	for range maxRejects {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return 0, fmt.Errorf("reading randomness: %w", err)
		}
		if int(b[0]) < limit {
			return set[int(b[0])%n], nil
		}
	}
	return 0, errors.New("the random source keeps returning the same few bytes")
}
