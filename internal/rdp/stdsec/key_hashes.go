package stdsec

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
)

// KeyHashes returns the Remote Assistance key hashes of a proprietary
// certificate's public key ([MS-RAI] 2.2.2): KH "is a base64-encoded string
// of the SHA1 hash of the PublicKeyBlob field of the server certificate
// received in TS_UD_SC_SEC1", and KH2 is "sha256:" followed by the base64
// SHA-256 hash of the same bytes. publicKeyBlob is exactly the
// wPublicKeyBlobLen bytes of the RSA_PUBLIC_KEY (ServerCertificate.PublicKeyBlob).
func KeyHashes(publicKeyBlob []byte) (kh, kh2 string) {
	h1 := sha1.Sum(publicKeyBlob)
	h2 := sha256.Sum256(publicKeyBlob)
	return base64.StdEncoding.EncodeToString(h1[:]), "sha256:" + base64.StdEncoding.EncodeToString(h2[:])
}
