package invite

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"crypto/subtle"
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// MaxTicketSize bounds an LHTICKET ciphertext in bytes: the UTF-16LE form of
// the longest Connection String 2 accepted, plus a block of padding.
const MaxTicketSize = 2*MaxConnectionString2Size + aes.BlockSize

// ErrTicket is what DecryptTicket returns, alone or wrapped, for any
// ticket it cannot decrypt. A wrong password and a damaged ticket look the
// same on purpose: the error says nothing more about the key or the
// plaintext.
var ErrTicket = errors.New("invite: wrong password or damaged ticket")

// ticketKey derives the AES-128 key of the LHTICKET from the password
// ([MS-RAI] 8 <20>; ra-protocol.md §3.2): CryptDeriveKey(CALG_AES_128) of a
// SHA-1 hash of UTF-16LE(password). That rule hashes 64×0x36 XOR the hash
// (x1) and 64×0x5C XOR the hash (x2) and takes the first 16 bytes of
// x1 ‖ x2; for 16 bytes that is x1 alone, so x2 is not computed.
func ticketKey(password string) []byte {
	h := sha1.Sum(wire.AppendUTF16LE(nil, password))
	var b1 [64]byte
	for i := range b1 {
		b1[i] = 0x36
	}
	for i, c := range h {
		b1[i] ^= c
	}
	x1 := sha1.Sum(b1[:])
	return x1[:16]
}

// EncryptTicket encrypts Connection String 2 into an LHTICKET ciphertext:
// AES-128-CBC with the ticketKey of password, an IV of 16 zero bytes and
// PKCS#7 padding, over UTF-16LE(cs2) without BOM or NUL. The zero IV is
// the protocol's (the Windows samples re-encrypt bit for bit only with
// it): under one password, two tickets share ciphertext as far as their
// plaintexts share a prefix of whole blocks. Marshal's output differs from
// the second block on, where the random ID starts.
// Write the result with TicketHex.
func EncryptTicket(password, cs2 string) []byte {
	plain := wire.AppendUTF16LE(nil, cs2)
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	for range pad {
		plain = append(plain, byte(pad))
	}
	block, err := aes.NewCipher(ticketKey(password))
	if err != nil {
		panic("invite: " + err.Error()) // unreachable: the key has 16 bytes
	}
	cipher.NewCBCEncrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(plain, plain)
	return plain
}

// DecryptTicket reverses EncryptTicket. It checks the PKCS#7 padding
// strictly (in constant time) and that the plaintext is UTF-16LE without
// NUL or unpaired surrogate; any failure is ErrTicket. A ciphertext whose
// length is not a positive multiple of 16, or above MaxTicketSize, is
// ErrTicket wrapped with its length (which does not depend on the key).
// It does not parse the plaintext: see ParseConnectionString2.
func DecryptTicket(password string, ciphertext []byte) (string, error) {
	n := len(ciphertext)
	if n == 0 || n%aes.BlockSize != 0 || n > MaxTicketSize {
		return "", fmt.Errorf("%w: %d bytes is not a multiple of %d between %d and %d", ErrTicket, n, aes.BlockSize, aes.BlockSize, MaxTicketSize)
	}
	block, err := aes.NewCipher(ticketKey(password))
	if err != nil {
		panic("invite: " + err.Error()) // unreachable: the key has 16 bytes
	}
	plain := make([]byte, n)
	cipher.NewCBCDecrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(plain, ciphertext)
	plain, ok := unpad(plain)
	if !ok {
		return "", ErrTicket
	}
	s, ok := decodeUTF16LE(plain)
	if !ok {
		return "", ErrTicket
	}
	return s, nil
}

// unpad strips PKCS#7 padding from b (len(b) ≥ 16), checking every pad
// byte without branching on the plaintext.
func unpad(b []byte) ([]byte, bool) {
	n := len(b)
	pad := int(b[n-1])
	good := subtle.ConstantTimeLessOrEq(1, pad) & subtle.ConstantTimeLessOrEq(pad, aes.BlockSize)
	for i := range aes.BlockSize {
		inPad := subtle.ConstantTimeLessOrEq(i+1, pad)
		same := subtle.ConstantTimeByteEq(b[n-1-i], byte(pad))
		good &= (1 ^ inPad) | same
	}
	if good != 1 {
		return nil, false
	}
	return b[:n-pad], true
}
