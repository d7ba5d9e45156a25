package stdsec

import "math/big"

// SigningKey is an RSA key with a 32-bit public exponent, the form in which
// [MS-RDPBCGR] 5.3.3.1.1 publishes the Terminal Services signing key. (Its
// exponent 0xC0887B5B does not fit crypto/rsa's int on 32-bit platforms,
// and crypto/rsa refuses exponents above 2³¹-1 anyway.)
type SigningKey struct {
	N *big.Int // modulus
	D *big.Int // private exponent
	E uint32   // public exponent
}

// The Terminal Services signing key, [MS-RDPBCGR] 5.3.3.1.1. "The
// enumerated integers are in little-endian byte order." It is public: the
// proprietary certificate's signature proves nothing about the server, only
// that the certificate is well formed.
const (
	tsModulus = "" +
		"\x3d\x3a\x5e\xbd\x72\x43\x3e\xc9\x4d\xbb\xc1\x1e\x4a\xba\x5f\xcb" +
		"\x3e\x88\x20\x87\xef\xf5\xc1\xe2\xd7\xb7\x6b\x9a\xf2\x52\x45\x95" +
		"\xce\x63\x65\x6b\x58\x3a\xfe\xef\x7c\xe7\xbf\xfe\x3d\xf6\x5c\x7d" +
		"\x6c\x5e\x06\x09\x1a\xf5\x61\xbb\x20\x93\x09\x5f\x05\x6d\xea\x87"
	tsPrivateExponent = "" +
		"\x87\xa7\x19\x32\xda\x11\x87\x55\x58\x00\x16\x16\x25\x65\x68\xf8" +
		"\x24\x3e\xe6\xfa\xe9\x67\x49\x94\xcf\x92\xcc\x33\x99\xe8\x08\x60" +
		"\x17\x9a\x12\x9f\x24\xdd\xb1\x24\x99\xc7\x3a\xb8\x0a\x7b\x0d\xdd" +
		"\x35\x07\x79\x17\x0b\x51\x9b\xb3\xc7\x10\x01\x13\xe7\x3f\xf3\x5f"
	tsPublicExponent = 0xC0887B5B // bytes 5b 7b 88 c0, little-endian
	// tsKeySize is the size of the signing key's modulus and so of every
	// proprietary certificate signature, without its 8 bytes of padding.
	tsKeySize = 64
)

// TSSigningKey returns the Terminal Services signing key as fresh values.
func TSSigningKey() SigningKey {
	return SigningKey{
		N: leInt([]byte(tsModulus)),
		D: leInt([]byte(tsPrivateExponent)),
		E: tsPublicExponent,
	}
}
