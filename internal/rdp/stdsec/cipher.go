package stdsec

import (
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Direction names one of the two RC4 streams of a connection.
type Direction uint8

const (
	ClientToServer Direction = iota + 1 // the client seals, the server opens
	ServerToClient                      // the server seals, the client opens
)

func (d Direction) String() string {
	switch d {
	case ClientToServer:
		return "client-to-server"
	case ServerToClient:
		return "server-to-client"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// ErrBadMAC reports data whose MAC does not match ([MS-RDPBCGR] 5.3.6.1:
// "If the MAC values do not match, an appropriate error is generated and the
// connection is dropped").
var ErrBadMAC = errors.New("stdsec: MAC mismatch")

// KeyUpdateInterval is the number of packets after which a direction's key
// is updated: "The encryption and the decryption keys are updated after
// 4,096 packets have been sent or received" ([MS-RDPBCGR] 5.3.7.1).
const KeyUpdateInterval = 4096

// Cipher is one direction of Standard RDP Security: an RC4 stream with the
// MAC of [MS-RDPBCGR] 5.3.6.1 and the key update of 5.3.7.1. A peer uses
// one Cipher to Seal what it sends and another to Open what it receives.
// The RC4 stream is continuous across slow-path and fast-path PDUs, so
// every encrypted packet must pass through the Cipher in order, including
// ones the caller then ignores. A Cipher is not safe for concurrent use.
type Cipher struct {
	method  EncryptionMethod
	macKey  []byte
	initial []byte // InitialEncryptKeyN / InitialDecryptKeyN
	current []byte // the key the RC4 state was last keyed with
	rc4     *rc4.Cipher
	packets uint32 // packets processed in this direction: the salted MAC's count
	uses    int    // packets processed with the current key
	updates int    // key updates so far
}

// NewCipher returns the Cipher for one direction of a connection.
func NewCipher(keys Keys, dir Direction, method EncryptionMethod) (*Cipher, error) {
	if err := method.check(); err != nil {
		return nil, err
	}
	var key []byte
	switch dir {
	case ClientToServer:
		key = keys.ClientToServer
	case ServerToClient:
		key = keys.ServerToClient
	default:
		return nil, fmt.Errorf("stdsec: invalid direction %v", dir)
	}
	l := method.KeyLen()
	if len(key) != l || len(keys.MAC) != l {
		return nil, fmt.Errorf("stdsec: %v keys must be %d bytes", method, l)
	}
	c := &Cipher{
		method:  method,
		macKey:  append([]byte(nil), keys.MAC...),
		initial: append([]byte(nil), key...),
		current: append([]byte(nil), key...),
	}
	c.rc4, _ = rc4.NewCipher(c.current) // 8 or 16 bytes: always valid
	return c, nil
}

// Seal computes the MAC of buf, encrypts buf in place and returns the MAC
// for the security header's dataSignature (or the fast-path header's).
// salted selects the salted MAC ([MS-RDPBCGR] 5.3.6.1.1), which the sender
// signals with SEC_SECURE_CHECKSUM or FASTPATH_*_SECURE_CHECKSUM.
func (c *Cipher) Seal(buf []byte, salted bool) (sig [8]byte) {
	sig = c.mac(buf, salted, c.packets)
	c.crypt(buf)
	return sig
}

// Open decrypts buf in place and checks sig, the MAC the peer sent, in
// constant time. On a mismatch it returns an error wrapping ErrBadMAC; buf
// is then decrypted anyway and the stream has advanced, so later packets
// still decrypt, but the caller should drop the connection.
func (c *Cipher) Open(buf []byte, sig [8]byte, salted bool) error {
	count := c.packets // the packets processed before this one
	c.crypt(buf)
	want := c.mac(buf, salted, count)
	if subtle.ConstantTimeCompare(want[:], sig[:]) != 1 {
		return fmt.Errorf("%w (%v packet %d)", ErrBadMAC, c.method, count)
	}
	return nil
}

// Packets returns the number of packets sealed or opened so far: the count
// the salted MAC of the next packet uses. Key updates do not reset it.
func (c *Cipher) Packets() uint32 { return c.packets }

// KeyUses returns the number of packets processed with the current key,
// 0 to KeyUpdateInterval.
func (c *Cipher) KeyUses() int { return c.uses }

// KeyUpdates returns the number of key updates so far.
func (c *Cipher) KeyUpdates() int { return c.updates }

// crypt updates the key when due, then applies the RC4 stream to buf.
func (c *Cipher) crypt(buf []byte) {
	if c.uses == KeyUpdateInterval {
		c.updateKey()
	}
	c.rc4.XORKeyStream(buf, buf)
	c.uses++
	c.packets++
}

// mac returns the MAC of data ([MS-RDPBCGR] 5.3.6.1):
//
//	SHAComponent = SHA(MACKeyN + Pad1 + DataLength + Data [+ EncryptionCount])
//	MACSignature = First64Bits(MD5(MACKeyN + Pad2 + SHAComponent))
//
// with EncryptionCount = count, the packets processed before this one, for
// the salted MAC (5.3.6.1.1).
func (c *Cipher) mac(data []byte, salted bool, count uint32) (sig [8]byte) {
	var pad [48]byte
	sh := sha1.New()
	sh.Write(c.macKey)
	sh.Write(fill(pad[:40], 0x36)) // Pad1
	sh.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(data))))
	sh.Write(data)
	if salted {
		sh.Write(binary.LittleEndian.AppendUint32(nil, count))
	}
	h := md5.New()
	h.Write(c.macKey)
	h.Write(fill(pad[:48], 0x5C)) // Pad2
	h.Write(sh.Sum(nil))
	copy(sig[:], h.Sum(nil))
	return sig
}

// updateKey replaces the current key ([MS-RDPBCGR] 5.3.7.1):
//
//	SHAComponent = SHA(InitialKey + Pad1 + CurrentKey)
//	TempKey = MD5(InitialKey + Pad2 + SHAComponent), cut to the key length
//	NewKey = RC4(TempKey) applied to TempKey, salted for 40 and 56 bits
//
// and rekeys the RC4 stream. Only the per-key count restarts.
func (c *Cipher) updateKey() {
	var pad [48]byte
	sh := sha1.New()
	sh.Write(c.initial)
	sh.Write(fill(pad[:40], 0x36))
	sh.Write(c.current)
	h := md5.New()
	h.Write(c.initial)
	h.Write(fill(pad[:48], 0x5C))
	h.Write(sh.Sum(nil))
	temp := h.Sum(nil)[:len(c.current)]
	r, _ := rc4.NewCipher(temp)
	r.XORKeyStream(c.current, temp)
	c.method.salt(c.current)
	c.rc4, _ = rc4.NewCipher(c.current)
	c.uses = 0
	c.updates++
}

func fill(b []byte, v byte) []byte {
	for i := range b {
		b[i] = v
	}
	return b
}

// String describes the Cipher without its keys.
func (c Cipher) String() string {
	return fmt.Sprintf("stdsec.Cipher{%v, packets: %d, key uses: %d, key updates: %d}", c.method, c.packets, c.uses, c.updates)
}

// Format implements [fmt.Formatter]: every verb prints String, never keys.
func (c Cipher) Format(f fmt.State, verb rune) { io.WriteString(f, c.String()) }
