package stdsec

import (
	"crypto/md5"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"fmt"
	"math/big"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerCertificate is the Server Certificate (SERVER_CERTIFICATE),
// [MS-RDPBCGR] 2.2.1.4.3.1: the serverCertificate of the Server Security
// Data (TS_UD_SC_SEC1). Only proprietary certificates
// (CERT_CHAIN_VERSION_1) are supported; X.509 chains (CERT_CHAIN_VERSION_2)
// are rejected with ErrX509Chain.
type ServerCertificate struct {
	// Temporary is the t bit of dwVersion: the certificate "has been
	// temporarily issued to the server". The signature covers it.
	Temporary bool
	// Proprietary is the certData, a proprietary certificate. AppendBinary
	// fails if it is nil.
	Proprietary *ProprietaryCertificate
}

var _ wire.PDU = (*ServerCertificate)(nil)

const (
	certChainVersion1    = 0x00000001 // CERT_CHAIN_VERSION_1: proprietary certificate
	certChainVersion2    = 0x00000002 // CERT_CHAIN_VERSION_2: X.509 certificate chain
	certChainVersionMask = 0x7FFFFFFF // certChainVersion (31 bits)
	certTemporary        = 0x80000000 // t
)

var (
	// ErrX509Chain reports a SERVER_CERTIFICATE holding an X.509
	// certificate chain, which this package does not decode.
	ErrX509Chain = errors.New("stdsec: SERVER_CERTIFICATE: X.509 certificate chains (CERT_CHAIN_VERSION_2) are not supported")
	// ErrBadSignature reports a proprietary certificate whose signature
	// does not verify with the Terminal Services signing key.
	ErrBadSignature = errors.New("stdsec: proprietary certificate signature does not verify")
)

// NewProprietaryCertificate returns a permanent proprietary certificate for
// pub, signed with the Terminal Services signing key as [MS-RDPBCGR]
// 5.3.3.1.2 says. The result is deterministic.
func NewProprietaryCertificate(pub *rsa.PublicKey) (*ServerCertificate, error) {
	key, err := NewRSAPublicKey(pub)
	if err != nil {
		return nil, err
	}
	c := &ServerCertificate{Proprietary: &ProprietaryCertificate{PublicKey: *key}}
	data, err := c.signedData()
	if err != nil {
		return nil, err
	}
	c.Proprietary.Signature = signCertificate(data, TSSigningKey())
	return c, nil
}

// Size returns the encoded length in bytes.
func (c *ServerCertificate) Size() int {
	n := 4 // dwVersion
	if c.Proprietary != nil {
		n += c.Proprietary.Size()
	}
	return n
}

func (c *ServerCertificate) version() uint32 {
	v := uint32(certChainVersion1)
	if c.Temporary {
		v |= certTemporary
	}
	return v
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *ServerCertificate) AppendBinary(b []byte) ([]byte, error) {
	if c.Proprietary == nil {
		return b, fmt.Errorf("stdsec: SERVER_CERTIFICATE: no certificate")
	}
	b = wire.AppendU32LE(b, c.version())
	b, err := c.Proprietary.appendBinary(b)
	if err != nil {
		return b, fmt.Errorf("stdsec: SERVER_CERTIFICATE: %w", err)
	}
	return b, nil
}

// Decode reads one SERVER_CERTIFICATE from r.
func (c *ServerCertificate) Decode(r *wire.Reader) error {
	version := r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("stdsec: SERVER_CERTIFICATE: %w", err)
	}
	switch version & certChainVersionMask {
	case certChainVersion1:
	case certChainVersion2:
		return ErrX509Chain
	default:
		return fmt.Errorf("stdsec: SERVER_CERTIFICATE: %w", r.Failf("dwVersion", "certificate chain version %#x", version&certChainVersionMask))
	}
	var p ProprietaryCertificate
	if err := p.decode(r); err != nil {
		return fmt.Errorf("stdsec: SERVER_CERTIFICATE: %w", err)
	}
	c.Temporary, c.Proprietary = version&certTemporary != 0, &p
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (c *ServerCertificate) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }

// signedData returns the bytes the signature covers: "hash =
// MD5(dwVersion + dwSigAlgID + dwKeyAlgID + PublicKeyBlob)" where
// "PublicKeyBlob = wBlobType + wBlobLen + PublicKeyBytes" ([MS-RDPBCGR]
// 5.3.3.1.2), that is every byte before wSignatureBlobType.
func (c *ServerCertificate) signedData() ([]byte, error) {
	if c.Proprietary == nil {
		return nil, fmt.Errorf("stdsec: SERVER_CERTIFICATE: no certificate")
	}
	b := wire.AppendU32LE(nil, c.version())
	b, err := c.Proprietary.appendKeyPart(b)
	if err != nil {
		return nil, fmt.Errorf("stdsec: %w", err)
	}
	return b, nil
}

// signatureBlock returns the 64-byte little-endian block that is signed
// ([MS-RDPBCGR] 5.3.3.1.2): the MD5 hash, 0x00, 45 bytes of 0xFF, 0x01; the
// 64th byte is zero so that the value is below the 512-bit modulus.
func signatureBlock(data []byte) [tsKeySize]byte {
	var m [tsKeySize]byte
	h := md5.Sum(data)
	copy(m[:], h[:])
	m[16] = 0x00
	for i := 17; i < 62; i++ {
		m[i] = 0xFF
	}
	m[62] = 0x01
	return m
}

// signCertificate signs data: s = m^d mod n, little-endian.
func signCertificate(data []byte, key SigningKey) [tsKeySize]byte {
	m := signatureBlock(data)
	s := new(big.Int).Exp(leInt(m[:]), key.D, key.N)
	var sig [tsKeySize]byte
	copy(sig[:], leBytes(s, tsKeySize))
	return sig
}

// Verify checks the proprietary certificate's signature with the Terminal
// Services public key, as Windows clients do ([MS-RDPBCGR] 5.3.3.1.3):
// m = s^e mod n must be the MD5 hash of the certificate's first six fields
// followed by 0x00, 0xFF × 45 and 0x01. It returns an error wrapping
// ErrBadSignature if not. FreeRDP 2.11 does not check the signature.
func (c *ServerCertificate) Verify() error {
	data, err := c.signedData()
	if err != nil {
		return err
	}
	key := TSSigningKey()
	s := leInt(c.Proprietary.Signature[:])
	if s.Cmp(key.N) >= 0 {
		return fmt.Errorf("%w: signature not below the modulus", ErrBadSignature)
	}
	m := leBytes(new(big.Int).Exp(s, new(big.Int).SetUint64(uint64(key.E)), key.N), tsKeySize)
	want := signatureBlock(data)
	if subtle.ConstantTimeCompare(m, want[:]) != 1 {
		return ErrBadSignature
	}
	return nil
}

// PublicKeyBlob returns the certificate's PublicKeyBlob: the
// wPublicKeyBlobLen bytes of its RSA_PUBLIC_KEY, which KeyHashes hashes.
func (c *ServerCertificate) PublicKeyBlob() ([]byte, error) {
	if c.Proprietary == nil {
		return nil, fmt.Errorf("stdsec: SERVER_CERTIFICATE: no certificate")
	}
	return wire.Marshal(&c.Proprietary.PublicKey)
}

// PublicKey returns the certificate's public key as a crypto/rsa key.
func (c *ServerCertificate) PublicKey() (*rsa.PublicKey, error) {
	if c.Proprietary == nil {
		return nil, fmt.Errorf("stdsec: SERVER_CERTIFICATE: no certificate")
	}
	return c.Proprietary.PublicKey.PublicKey()
}
