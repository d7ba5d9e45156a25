package invite

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxPasswordLength is the longest password CheckUserPassword accepts, in
// characters (policy allows minimums up to 128).
const MaxPasswordLength = 256

// MaxUserNameLength is the longest name CheckUserName accepts.
const MaxUserNameLength = 64

// CheckUserPassword reports whether pw may protect an invitation when the
// novice chose it: valid UTF-8, at least minLen (and at least 1) and at
// most MaxPasswordLength characters, only printable characters (letters,
// marks, numbers, punctuation, symbols and the ASCII space; no control
// characters, no other spaces). The error names the rule broken and never
// contains the password.
//
// The expert types the password (xfreerdp /assistance:<password>, msra's
// dialog); both convert it to UTF-16LE, as PassStubProof and EncryptTicket
// do, so any printable text works.
func CheckUserPassword(pw string, minLen int) error {
	minLen = max(minLen, 1)
	if !utf8.ValidString(pw) {
		return errors.New("invite: password is not valid UTF-8 text")
	}
	n := utf8.RuneCountInString(pw)
	if n == 0 {
		return errors.New("invite: password is empty")
	}
	if n < minLen {
		return fmt.Errorf("invite: password must have at least %d characters", minLen)
	}
	if n > MaxPasswordLength {
		return fmt.Errorf("invite: password must have at most %d characters", MaxPasswordLength)
	}
	for _, r := range pw {
		if !unicode.IsPrint(r) {
			return errors.New("invite: password must contain only printable characters (no control characters, tabs or line breaks)")
		}
	}
	return nil
}

// CheckUserName reports whether name may be an invitation's USERNAME:
// 1..MaxUserNameLength characters of printable ASCII (space included)
// other than `"`, `&`, `<`, `>`. FreeRDP sends it as the X.224 cookie
// ("Cookie: mstshash=<name>" ending in CR LF) and as the Client Info
// UserName, and reads it from the file raw up to the next `"`.
func CheckUserName(name string) error {
	if name == "" {
		return errors.New("invite: user name is empty")
	}
	if len(name) > MaxUserNameLength {
		return fmt.Errorf("invite: user name must have at most %d characters", MaxUserNameLength)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < ' ' || c > '~' {
			return errors.New("invite: user name must be printable ASCII (no control characters or line breaks)")
		}
		if c == '"' || c == '&' || c == '<' || c == '>' {
			return errors.New(`invite: user name must not contain " & < >`)
		}
	}
	return nil
}
