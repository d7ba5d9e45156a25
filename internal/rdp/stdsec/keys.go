package stdsec

import (
	"crypto/md5"
	"crypto/sha1"
	"fmt"
	"io"
)

// EncryptionMethod is a Standard RDP Security encryption method. The values
// are those of encryptionMethod in the Server Security Data ([MS-RDPBCGR]
// 2.2.1.4.3), so a negotiated method converts directly. FIPS and NONE are
// not methods of this package.
type EncryptionMethod uint32

const (
	Method40Bit  EncryptionMethod = 0x00000001 // ENCRYPTION_METHOD_40BIT: 40-bit RC4 keys (8 bytes, 3 salted)
	Method128Bit EncryptionMethod = 0x00000002 // ENCRYPTION_METHOD_128BIT: 128-bit RC4 keys
	Method56Bit  EncryptionMethod = 0x00000008 // ENCRYPTION_METHOD_56BIT: 56-bit RC4 keys (8 bytes, 1 salted)
)

func (m EncryptionMethod) String() string {
	switch m {
	case Method40Bit:
		return "ENCRYPTION_METHOD_40BIT"
	case Method128Bit:
		return "ENCRYPTION_METHOD_128BIT"
	case Method56Bit:
		return "ENCRYPTION_METHOD_56BIT"
	}
	return fmt.Sprintf("EncryptionMethod(%#x)", uint32(m))
}

// KeyLen returns the length of the method's MAC and RC4 keys in bytes (8
// for 40 and 56 bits, 16 for 128), or 0 for anything else.
func (m EncryptionMethod) KeyLen() int {
	switch m {
	case Method40Bit, Method56Bit:
		return 8
	case Method128Bit:
		return 16
	}
	return 0
}

// salt overwrites the first bytes of a 40- or 56-bit key with the salt of
// [MS-RDPBCGR] 5.3.5.1 Table 1: "0xD1269E + Last40Bits(First64Bits(K))" and
// "0xD1 + Last56Bits(First64Bits(K))".
func (m EncryptionMethod) salt(key []byte) {
	switch m {
	case Method40Bit:
		key[0], key[1], key[2] = 0xD1, 0x26, 0x9E
	case Method56Bit:
		key[0] = 0xD1
	}
}

func (m EncryptionMethod) check() error {
	if m.KeyLen() == 0 {
		return fmt.Errorf("stdsec: unsupported encryption method %v", m)
	}
	return nil
}

// Keys are the initial session keys of a connection ([MS-RDPBCGR] 5.3.5.1),
// salted and cut to the method's key length. They are named by direction,
// not by role: the server encrypts with ServerToClient and decrypts with
// ClientToServer; the client does the reverse. String and Format print
// only their lengths.
type Keys struct {
	MAC []byte // MACKeyN: signs both directions
	// ClientToServer is InitialClientEncryptKeyN = InitialServerDecryptKeyN
	// = FinalHash(Third128Bits(SessionKeyBlob)).
	ClientToServer []byte
	// ServerToClient is InitialServerEncryptKeyN = InitialClientDecryptKeyN
	// = FinalHash(Second128Bits(SessionKeyBlob)).
	ServerToClient []byte
}

// DeriveKeys derives the session keys from the 32-byte client and server
// randoms ([MS-RDPBCGR] 5.3.5.1):
//
//	PreMasterSecret = First192Bits(ClientRandom) + First192Bits(ServerRandom)
//	SaltedHash(S, I) = MD5(S + SHA(I + S + ClientRandom + ServerRandom))
//	MasterSecret = SaltedHash(PreMasterSecret, "A", "BB", "CCC")
//	SessionKeyBlob = SaltedHash(MasterSecret, "X", "YY", "ZZZ")
//	MACKey128 = First128Bits(SessionKeyBlob)
//	FinalHash(K) = MD5(K + ClientRandom + ServerRandom)
//
// then salts 40- and 56-bit keys.
func DeriveKeys(clientRandom, serverRandom []byte, method EncryptionMethod) (Keys, error) {
	if err := method.check(); err != nil {
		return Keys{}, err
	}
	if len(clientRandom) != ClientRandomSize || len(serverRandom) != ClientRandomSize {
		return Keys{}, fmt.Errorf("stdsec: randoms of %d and %d bytes, want %d", len(clientRandom), len(serverRandom), ClientRandomSize)
	}
	cr, sr := clientRandom, serverRandom
	preMaster := append(append(make([]byte, 0, 48), cr[:24]...), sr[:24]...)
	master := tripleSaltedHash(preMaster, 'A', cr, sr)
	blob := tripleSaltedHash(master, 'X', cr, sr)
	finalHash := func(k []byte) []byte {
		h := md5.New()
		h.Write(k)
		h.Write(cr)
		h.Write(sr)
		return h.Sum(nil)
	}
	l := method.KeyLen()
	keys := Keys{
		MAC:            append([]byte(nil), blob[:16]...)[:l],
		ServerToClient: finalHash(blob[16:32])[:l],
		ClientToServer: finalHash(blob[32:48])[:l],
	}
	method.salt(keys.MAC)
	method.salt(keys.ServerToClient)
	method.salt(keys.ClientToServer)
	return keys, nil
}

// tripleSaltedHash returns SaltedHash(s, I) for I = c, cc, ccc (c = 'A'
// gives the master secret, 'X' the session key blob), 48 bytes.
func tripleSaltedHash(s []byte, c byte, cr, sr []byte) []byte {
	out := make([]byte, 0, 48)
	for i := 1; i <= 3; i++ {
		sh := sha1.New()
		for range i {
			sh.Write([]byte{c + byte(i-1)})
		}
		sh.Write(s)
		sh.Write(cr)
		sh.Write(sr)
		h := md5.New()
		h.Write(s)
		h.Write(sh.Sum(nil))
		out = h.Sum(out)
	}
	return out
}

// String prints the key lengths only.
func (k Keys) String() string {
	return fmt.Sprintf("stdsec.Keys{MAC: <%d bytes>, ClientToServer: <%d bytes>, ServerToClient: <%d bytes>}", len(k.MAC), len(k.ClientToServer), len(k.ServerToClient))
}

// GoString prints the key lengths only.
func (k Keys) GoString() string { return k.String() }

// Format implements [fmt.Formatter]: every verb prints String.
func (k Keys) Format(f fmt.State, verb rune) { io.WriteString(f, k.String()) }
