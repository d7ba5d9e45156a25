package stdsec

import (
	"fmt"
	"math"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ProprietaryCertificate is the Server Proprietary Certificate
// (PROPRIETARYSERVERCERTIFICATE), [MS-RDPBCGR] 2.2.1.4.3.1.1, without its
// first field: dwVersion is the SERVER_CERTIFICATE's (ServerCertificate),
// which also owns the temporary bit. The fixed fields (dwSigAlgId and
// dwKeyAlgId "MUST be set to" 1, the BLOB types 0x0006 and 0x0008) are
// written and checked, not stored.
type ProprietaryCertificate struct {
	PublicKey RSAPublicKey // PublicKeyBlob
	// Signature is SignatureBlob without its 8 bytes of zero padding: the
	// 64-byte little-endian RSA signature made with the Terminal Services
	// signing key ([MS-RDPBCGR] 5.3.3.1.2).
	Signature [tsKeySize]byte
}

var _ wire.PDU = (*ProprietaryCertificate)(nil)

const (
	sigAlgRSA          = 0x00000001 // SIGNATURE_ALG_RSA
	keyExchangeAlgRSA  = 0x00000001 // KEY_EXCHANGE_ALG_RSA
	bbRSAKeyBlob       = 0x0006     // BB_RSA_KEY_BLOB
	bbRSASignatureBlob = 0x0008     // BB_RSA_SIGNATURE_BLOB
	signatureBlobLen   = tsKeySize + 8
)

// Size returns the encoded length in bytes.
func (c *ProprietaryCertificate) Size() int {
	return 4 /* dwSigAlgId */ + 4 /* dwKeyAlgId */ + 2 /* wPublicKeyBlobType */ + 2 /* wPublicKeyBlobLen */ +
		c.PublicKey.Size() + 2 /* wSignatureBlobType */ + 2 /* wSignatureBlobLen */ + signatureBlobLen
}

// appendKeyPart appends dwSigAlgId through PublicKeyBlob.
func (c *ProprietaryCertificate) appendKeyPart(b []byte) ([]byte, error) {
	n := c.PublicKey.Size()
	if n > math.MaxUint16 {
		return b, fmt.Errorf("PROPRIETARYSERVERCERTIFICATE: public key blob of %d bytes", n)
	}
	b = wire.AppendU32LE(b, sigAlgRSA)
	b = wire.AppendU32LE(b, keyExchangeAlgRSA)
	b = wire.AppendU16LE(b, bbRSAKeyBlob)
	b = wire.AppendU16LE(b, uint16(n))
	b, err := c.PublicKey.AppendBinary(b)
	if err != nil {
		return b, fmt.Errorf("PROPRIETARYSERVERCERTIFICATE: %w", err)
	}
	return b, nil
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *ProprietaryCertificate) AppendBinary(b []byte) ([]byte, error) {
	b, err := c.appendBinary(b)
	if err != nil {
		return b, fmt.Errorf("stdsec: %w", err)
	}
	return b, nil
}

func (c *ProprietaryCertificate) appendBinary(b []byte) ([]byte, error) {
	b, err := c.appendKeyPart(b)
	if err != nil {
		return b, err
	}
	b = wire.AppendU16LE(b, bbRSASignatureBlob)
	b = wire.AppendU16LE(b, signatureBlobLen)
	b = append(b, c.Signature[:]...)
	return wire.AppendZeros(b, 8), nil
}

// Decode reads one PROPRIETARYSERVERCERTIFICATE, from dwSigAlgId on, from r.
func (c *ProprietaryCertificate) Decode(r *wire.Reader) error {
	if err := c.decode(r); err != nil {
		return fmt.Errorf("stdsec: %w", err)
	}
	return nil
}

func (c *ProprietaryCertificate) decode(r *wire.Reader) error {
	const name = "PROPRIETARYSERVERCERTIFICATE: %w"
	sigAlg, keyAlg, keyType, keyLen := r.U32LE(), r.U32LE(), r.U16LE(), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	switch {
	case sigAlg != sigAlgRSA:
		// dwSigAlgId "MUST be set to SIGNATURE_ALG_RSA (0x00000001)".
		return fmt.Errorf(name, r.Failf("dwSigAlgId", "%#x, want SIGNATURE_ALG_RSA", sigAlg))
	case keyAlg != keyExchangeAlgRSA:
		// dwKeyAlgId "MUST be set to KEY_EXCHANGE_ALG_RSA (0x00000001)".
		return fmt.Errorf(name, r.Failf("dwKeyAlgId", "%#x, want KEY_EXCHANGE_ALG_RSA", keyAlg))
	case keyType != bbRSAKeyBlob:
		// wPublicKeyBlobType "MUST be set to BB_RSA_KEY_BLOB (0x0006)".
		return fmt.Errorf(name, r.Failf("wPublicKeyBlobType", "%#x, want BB_RSA_KEY_BLOB", keyType))
	}
	// wPublicKeyBlobLen is "The size in bytes of the PublicKeyBlob field":
	// the key must fill it exactly.
	var key RSAPublicKey
	if err := key.decode(r.Sub(int(keyLen))); err != nil {
		return fmt.Errorf(name, err)
	}
	if key.Size() != int(keyLen) {
		return fmt.Errorf(name, r.Failf("wPublicKeyBlobLen", "%d, but the RSA_PUBLIC_KEY is %d bytes", keyLen, key.Size()))
	}
	sigType, sigLen := r.U16LE(), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	switch {
	case sigType != bbRSASignatureBlob:
		// wSignatureBlobType "is set to BB_RSA_SIGNATURE_BLOB (0x0008)".
		return fmt.Errorf(name, r.Failf("wSignatureBlobType", "%#x, want BB_RSA_SIGNATURE_BLOB", sigType))
	case sigLen != signatureBlobLen:
		// A signature made with the 512-bit signing key is 64 bytes plus
		// 8 of padding; FreeRDP's certificate.c requires 72 too.
		return fmt.Errorf(name, r.Failf("wSignatureBlobLen", "%d, want %d", sigLen, signatureBlobLen))
	}
	sig, pad := r.Bytes(tsKeySize), r.Bytes(8)
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	for _, b := range pad {
		if b != 0 {
			return fmt.Errorf(name, r.Failf("SignatureBlob", "padding is not zero"))
		}
	}
	c.PublicKey = key
	copy(c.Signature[:], sig)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (c *ProprietaryCertificate) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }
