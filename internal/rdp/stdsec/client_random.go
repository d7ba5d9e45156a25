package stdsec

import (
	"crypto/rsa"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
)

// ClientRandomSize is the size of the client (and server) random, [MS-RDPBCGR] 5.3.4.
const ClientRandomSize = 32

// securityExchangePad is the zero padding after the encrypted client random.
const securityExchangePad = 8

// ErrClientRandom reports an encrypted client random that cannot be
// decrypted with the server key: wrong length, non-zero padding, not below
// the modulus, or decrypting to an all-zero random.
var ErrClientRandom = errors.New("stdsec: invalid encrypted client random")

// EncryptClientRandom encrypts a 32-byte client random for a server's
// public key, as a client does ([MS-RDPBCGR] 5.3.4.1): c = r^e mod n with r
// read little-endian, written little-endian as long as the modulus. That
// is sec.SecurityExchange.EncryptedClientRandom, which writes the 8 zero
// bytes that complete the "(bitlen / 8) + 8" wire form. It is for the Go
// test client; raw RSA without padding is what the protocol prescribes.
func EncryptClientRandom(pub *rsa.PublicKey, random []byte) ([]byte, error) {
	if err := checkPublicKey(pub); err != nil {
		return nil, err
	}
	if len(random) != ClientRandomSize {
		return nil, fmt.Errorf("stdsec: client random of %d bytes, want %d", len(random), ClientRandomSize)
	}
	k := (pub.N.BitLen() + 7) / 8
	c := new(big.Int).Exp(leInt(random), big.NewInt(int64(pub.E)), pub.N)
	return leBytes(c, k), nil
}

// DecryptClientRandom recovers the client random from the
// encryptedClientRandom of a Security Exchange PDU ([MS-RDPBCGR] 5.3.4.2):
// r = c^d mod n, little-endian in and out, and the random is the first 32
// bytes of r.
//
// encrypted may be the wire form, modulus length plus 8 zero bytes, or the
// ciphertext alone (sec.SecurityExchange.EncryptedClientRandom). Any other
// length, non-zero padding, c ≥ n, or an all-zero random is an error
// wrapping ErrClientRandom. The high bytes of r are deliberately not
// checked: raw RSA has no padding, and an error that depended on the
// decrypted value would be a decryption oracle.
//
// math/big's modular exponentiation is not constant-time. To keep its
// timing from depending on an attacker's ciphertext, the ciphertext is
// blinded (c·x^e, then divided by x) with an x derived from the private
// exponent and the ciphertext, since this package draws no randomness.
func DecryptClientRandom(priv *rsa.PrivateKey, encrypted []byte) ([]byte, error) {
	if priv == nil || priv.D == nil || priv.D.Sign() <= 0 {
		return nil, fmt.Errorf("stdsec: no RSA private key")
	}
	if err := checkPublicKey(&priv.PublicKey); err != nil {
		return nil, err
	}
	n := priv.N
	k := (n.BitLen() + 7) / 8
	ct := encrypted
	switch len(encrypted) {
	case k:
	case k + securityExchangePad:
		// [MS-RDPBCGR] 3.2.5.3.10: "8 bytes of padding (which MUST be
		// filled with zeroes)".
		ct = encrypted[:k]
		for _, b := range encrypted[k:] {
			if b != 0 {
				return nil, fmt.Errorf("%w: padding is not zero", ErrClientRandom)
			}
		}
	default:
		return nil, fmt.Errorf("%w: %d bytes for a %d-byte modulus (want %d or %d)", ErrClientRandom, len(encrypted), k, k, k+securityExchangePad)
	}
	c := leInt(ct)
	if c.Cmp(n) >= 0 {
		return nil, fmt.Errorf("%w: not below the modulus", ErrClientRandom)
	}
	m, err := blindedDecrypt(priv, c, ct)
	if err != nil {
		return nil, err
	}
	random := leBytes(m, k)[:ClientRandomSize]
	if subtle.ConstantTimeCompare(random, make([]byte, ClientRandomSize)) == 1 {
		return nil, fmt.Errorf("%w: all zero", ErrClientRandom)
	}
	return random, nil
}

// blindedDecrypt returns c^d mod n computed as (c·x^e)^d · x⁻¹ mod n. The
// blinding factor x is SHA-512 output seeded with d and the ciphertext,
// expanded to 16 bytes more than the modulus and reduced: unpredictable
// without d, and different for every ciphertext.
func blindedDecrypt(priv *rsa.PrivateKey, c *big.Int, ct []byte) (*big.Int, error) {
	n := priv.N
	k := (n.BitLen() + 7) / 8
	e := big.NewInt(int64(priv.E))
	seed := sha512.New()
	seed.Write([]byte("ranoviced stdsec client random blinding\x00"))
	seed.Write(priv.D.Bytes())
	seed.Write(ct)
	base := seed.Sum(nil)
	for try := uint32(0); try < 16; try++ {
		var stream []byte
		for ctr := uint32(0); len(stream) < k+16; ctr++ {
			h := sha512.New()
			h.Write(base)
			h.Write(binary.LittleEndian.AppendUint32(nil, try))
			h.Write(binary.LittleEndian.AppendUint32(nil, ctr))
			stream = h.Sum(stream)
		}
		x := new(big.Int).SetBytes(stream[:k+16])
		x.Mod(x, n)
		xInv := new(big.Int).ModInverse(x, n)
		if x.Cmp(big.NewInt(1)) <= 0 || xInv == nil {
			continue // x shares a factor with n: astronomically unlikely
		}
		cb := new(big.Int).Exp(x, e, n)
		cb.Mul(cb, c).Mod(cb, n)
		m := new(big.Int).Exp(cb, priv.D, n)
		return m.Mul(m, xInv).Mod(m, n), nil
	}
	return nil, fmt.Errorf("stdsec: no blinding factor for this key")
}
