package invite

import (
	"crypto/md5"
	"crypto/rc4"
	"crypto/subtle"
	"encoding/binary"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PassStubProof returns the password proof an expert sends to show it
// knows the invitation password ([MS-RAI] 8 <17>; ra-protocol.md §3.1):
//
//	key   = MD5(UTF-16LE(password))
//	proof = RC4(key, LE32(len(UTF-16LE(passStub))) ‖ UTF-16LE(passStub))
//
// For a 14-character PassStub it is 32 bytes. Protocol version 2 carries
// it raw in REMOTEDESKTOP_CTL_EXPERT_ON_VISTA; protocol version 1 (and
// FreeRDP's VERIFY_PASSWORD) as upper-case hex after "PASS=". The proof
// stands in for the password: treat it as a secret.
func PassStubProof(password, passStub string) []byte {
	key := md5.Sum(wire.AppendUTF16LE(nil, password))
	plain := wire.AppendUTF16LE(make([]byte, 4), passStub)
	binary.LittleEndian.PutUint32(plain, uint32(len(plain)-4)) // BSTR-style byte count
	c, err := rc4.NewCipher(key[:])
	if err != nil {
		// Unreachable: a 16-byte key is always valid, and in FIPS
		// 140-only mode md5.Sum has already panicked.
		panic("invite: " + err.Error())
	}
	c.XORKeyStream(plain, plain)
	return plain
}

// CheckPassStubProof reports whether proof is PassStubProof(password,
// passStub), comparing in constant time (the length, which is public, is
// compared first).
func CheckPassStubProof(password, passStub string, proof []byte) bool {
	return subtle.ConstantTimeCompare(PassStubProof(password, passStub), proof) == 1
}
