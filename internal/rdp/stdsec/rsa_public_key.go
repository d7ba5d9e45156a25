package stdsec

import (
	"crypto/rsa"
	"fmt"
	"math"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RSAPublicKey is the RSA Public Key (RSA_PUBLIC_KEY), [MS-RDPBCGR]
// 2.2.1.4.3.1.1.1: the PublicKeyBlob of a proprietary certificate, and the
// bytes the Remote Assistance key hashes cover ([MS-RAI] 2.2.2).
//
// keylen, bitlen and datalen follow from the modulus length and are not
// fields; neither is the modulus's 8 bytes of zero padding.
type RSAPublicKey struct {
	Exponent uint32 // pubExp
	// Modulus is modulus without its padding: bitlen/8 bytes,
	// little-endian. It aliases the decoded input.
	Modulus []byte
}

var _ wire.PDU = (*RSAPublicKey)(nil)

const (
	rsa1Magic        = 0x31415352                                                            // magic: "RSA1"
	modulusPad       = 8                                                                     // "8 bytes of zero padding (which MUST follow after the modulus bytes)"
	rsaPublicKeyHead = 4 /* magic */ + 4 /* keylen */ + 4 /* bitlen */ + 4 /* datalen */ + 4 /* pubExp */

	// Modulus sizes this package accepts, in bytes. 64 bytes (512 bits)
	// is the smallest key in use (the [MS-RDPBCGR] 4.1.4 sample, xrdp's
	// test keys; xrdp's 2005 key has only 511 significant bits); the upper
	// bound only keeps a hostile key from making exponentiation slow.
	minKeyBytes = 64
	maxKeyBytes = 2048
)

// NewRSAPublicKey returns the RSA_PUBLIC_KEY of pub.
func NewRSAPublicKey(pub *rsa.PublicKey) (*RSAPublicKey, error) {
	if err := checkPublicKey(pub); err != nil {
		return nil, err
	}
	return &RSAPublicKey{Exponent: uint32(pub.E), Modulus: leBytes(pub.N, (pub.N.BitLen()+7)/8)}, nil
}

// checkPublicKey checks that pub is usable here: an odd modulus of 64 to
// 2048 bytes and an exponent that fits pubExp.
func checkPublicKey(pub *rsa.PublicKey) error {
	switch {
	case pub == nil || pub.N == nil:
		return fmt.Errorf("stdsec: no RSA public key")
	case pub.N.Sign() <= 0 || pub.N.Bit(0) == 0:
		return fmt.Errorf("stdsec: RSA modulus is not a positive odd number")
	case (pub.N.BitLen()+7)/8 < minKeyBytes || (pub.N.BitLen()+7)/8 > maxKeyBytes:
		return fmt.Errorf("stdsec: RSA modulus of %d bits, want %d to %d bytes", pub.N.BitLen(), minKeyBytes, maxKeyBytes)
	case pub.E < 3 || uint64(pub.E) > math.MaxUint32:
		return fmt.Errorf("stdsec: RSA public exponent %d does not fit pubExp", pub.E)
	}
	return nil
}

// Size returns the encoded length in bytes: wPublicKeyBlobLen.
func (k *RSAPublicKey) Size() int { return rsaPublicKeyHead + len(k.Modulus) + modulusPad }

// AppendBinary implements [encoding.BinaryAppender].
func (k *RSAPublicKey) AppendBinary(b []byte) ([]byte, error) {
	n := len(k.Modulus)
	if n == 0 || uint64(n)*8 > math.MaxUint32 {
		return b, fmt.Errorf("stdsec: RSA_PUBLIC_KEY: modulus of %d bytes", n)
	}
	b = wire.AppendU32LE(b, rsa1Magic)
	b = wire.AppendU32LE(b, uint32(n+modulusPad)) // keylen = (bitlen / 8) + 8
	b = wire.AppendU32LE(b, uint32(n*8))          // bitlen
	b = wire.AppendU32LE(b, uint32(n-1))          // datalen = (bitlen / 8) - 1
	b = wire.AppendU32LE(b, k.Exponent)
	b = append(b, k.Modulus...)
	return wire.AppendZeros(b, modulusPad), nil
}

// Decode reads one RSA_PUBLIC_KEY from r.
func (k *RSAPublicKey) Decode(r *wire.Reader) error {
	if err := k.decode(r); err != nil {
		return fmt.Errorf("stdsec: %w", err)
	}
	return nil
}

func (k *RSAPublicKey) decode(r *wire.Reader) error {
	const name = "RSA_PUBLIC_KEY: %w"
	magic, keylen, bitlen, datalen, pubExp := r.U32LE(), r.U32LE(), r.U32LE(), r.U32LE(), r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	switch {
	case magic != rsa1Magic:
		// "This field MUST be set to 0x31415352."
		return fmt.Errorf(name, r.Failf("magic", "%#08x, want 0x31415352 (RSA1)", magic))
	case bitlen == 0 || bitlen%8 != 0:
		// "The modulus field contains all (bitlen / 8) bytes of the public key modulus."
		return fmt.Errorf(name, r.Failf("bitlen", "%d is not a positive multiple of 8", bitlen))
	case uint64(keylen) != uint64(bitlen/8)+modulusPad:
		// keylen "MUST be ((bitlen / 8) + 8) bytes".
		return fmt.Errorf(name, r.Failf("keylen", "%d, want bitlen/8 + 8 = %d", keylen, uint64(bitlen/8)+modulusPad))
	case datalen != bitlen/8-1:
		// datalen "MUST be ((bitlen / 8) - 1) bytes".
		return fmt.Errorf(name, r.Failf("datalen", "%d, want bitlen/8 - 1 = %d", datalen, bitlen/8-1))
	case uint64(keylen) > uint64(r.Len()):
		return fmt.Errorf(name, r.Failf("modulus", "keylen %d, %d bytes present", keylen, r.Len()))
	}
	modulus := r.Bytes(int(bitlen / 8))
	pad := r.Bytes(modulusPad)
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	for _, c := range pad {
		if c != 0 {
			return fmt.Errorf(name, r.Failf("modulus", "padding is not zero"))
		}
	}
	k.Exponent, k.Modulus = pubExp, modulus
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (k *RSAPublicKey) UnmarshalBinary(b []byte) error { return wire.Unmarshal(k, b) }

// PublicKey returns the key as a crypto/rsa key, checked as NewRSAPublicKey
// checks its input.
func (k *RSAPublicKey) PublicKey() (*rsa.PublicKey, error) {
	if uint64(k.Exponent) > math.MaxInt {
		return nil, fmt.Errorf("stdsec: RSA public exponent %#x does not fit an int", k.Exponent)
	}
	pub := &rsa.PublicKey{N: leInt(k.Modulus), E: int(k.Exponent)}
	if err := checkPublicKey(pub); err != nil {
		return nil, err
	}
	return pub, nil
}

// ModulusLen returns the modulus length in bytes: the size of an encrypted
// client random without its padding.
func (k *RSAPublicKey) ModulusLen() int { return len(k.Modulus) }
