package stdsec

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
)

// packetData is the plaintext of packet i in the regression and round-trip
// tests: i%23 bytes, so empty packets occur too.
func packetData(i int) []byte {
	b := make([]byte, i%23)
	for j := range b {
		b[j] = byte(i*7 + j)
	}
	return b
}

// TestCipherRegression seals 2·4096+5 packets (two key updates) and compares
// a hash of every MAC and ciphertext, and the final key, with the
// independent Python reimplementation (see keys_test.go).
func TestCipherRegression(t *testing.T) {
	tests := []struct {
		method   EncryptionMethod
		salted   bool
		digest   string
		finalKey string
	}{
		{Method40Bit, false, "fb8ff018aef19a6404330dd1e0f29c7f727e06c7f960c6e2b733afccc7cbb49e", "d1269e766a224e25"},
		{Method40Bit, true, "3e2536c1a5c8fbd20857aa45e1cd6655ca8eb3d0e64cae84bb5c0ee4f5521337", "d1269e766a224e25"},
		{Method56Bit, false, "4022ad09ae2362cff47df873d7f913b44f7c9639496b4e3804ce992615c77e41", "d1b865aa324e665e"},
		{Method56Bit, true, "add2d6fc94862bcbed354c55a1f4f6beaedf6709474b9687e03497300390c343", "d1b865aa324e665e"},
		{Method128Bit, false, "cce80f7a820662dc8227cb3ae5a857bdfa0b5d528591a35e1b78b6ebf8a5a0db", "f763ea8810ea8b74f0383a9649ee7b90"},
		{Method128Bit, true, "01b2d55be8ab2f244d78b09adf4271bd08e0f3681ce0d97edb1d6768de810457", "f763ea8810ea8b74f0383a9649ee7b90"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v/salted=%t", tt.method, tt.salted), func(t *testing.T) {
			keys, err := DeriveKeys(regClientRandom, regServerRandom, tt.method)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewCipher(keys, ServerToClient, tt.method)
			if err != nil {
				t.Fatal(err)
			}
			h := sha256.New()
			for i := range 2*KeyUpdateInterval + 5 {
				buf := packetData(i)
				sig := c.Seal(buf, tt.salted)
				h.Write(sig[:])
				h.Write(buf)
			}
			if got := hex.EncodeToString(h.Sum(nil)); got != tt.digest {
				t.Errorf("digest %s\n  want %s", got, tt.digest)
			}
			if got := hex.EncodeToString(c.current); got != tt.finalKey {
				t.Errorf("final key %s, want %s", got, tt.finalKey)
			}
			if c.Packets() != 2*KeyUpdateInterval+5 || c.KeyUpdates() != 2 || c.KeyUses() != 5 {
				t.Errorf("counters: %v", c)
			}
		})
	}
}

// TestCipherRoundTrip runs a client and a server over more than 4096
// packets in both directions, for every method, salted and unsalted, and
// checks the counters around the key update.
func TestCipherRoundTrip(t *testing.T) {
	const n = KeyUpdateInterval + 300
	for _, method := range []EncryptionMethod{Method40Bit, Method56Bit, Method128Bit} {
		for _, salted := range []bool{false, true} {
			t.Run(fmt.Sprintf("%v/salted=%t", method, salted), func(t *testing.T) {
				keys, err := DeriveKeys(regClientRandom, regServerRandom, method)
				if err != nil {
					t.Fatal(err)
				}
				mk := func(d Direction) *Cipher {
					c, err := NewCipher(keys, d, method)
					if err != nil {
						t.Fatal(err)
					}
					return c
				}
				clientSeal, serverOpen := mk(ClientToServer), mk(ClientToServer)
				serverSeal, clientOpen := mk(ServerToClient), mk(ServerToClient)
				for i := range n {
					for _, pair := range [][2]*Cipher{{clientSeal, serverOpen}, {serverSeal, clientOpen}} {
						plain := packetData(i)
						buf := append([]byte(nil), plain...)
						sig := pair[0].Seal(buf, salted)
						if len(plain) > 4 && bytes.Equal(buf, plain) {
							t.Fatalf("packet %d not encrypted", i)
						}
						if err := pair[1].Open(buf, sig, salted); err != nil {
							t.Fatalf("packet %d: %v", i, err)
						}
						if !bytes.Equal(buf, plain) {
							t.Fatalf("packet %d decrypted to %x", i, buf)
						}
					}
					if i == KeyUpdateInterval-1 {
						// 4096 packets used the first key; the update
						// happens before the next one.
						if serverOpen.KeyUses() != KeyUpdateInterval || serverOpen.KeyUpdates() != 0 {
							t.Fatalf("before the update: %v", serverOpen)
						}
					}
				}
				for _, c := range []*Cipher{clientSeal, serverOpen, serverSeal, clientOpen} {
					if c.Packets() != n || c.KeyUpdates() != 1 || c.KeyUses() != n-KeyUpdateInterval {
						t.Errorf("counters: %v", c)
					}
				}
			})
		}
	}
}

// TestCipherBadMACKeepsSync checks that a packet failing its MAC still
// advances the stream, so the next packet opens.
func TestCipherBadMACKeepsSync(t *testing.T) {
	keys, _ := DeriveKeys(regClientRandom, regServerRandom, Method128Bit)
	seal, _ := NewCipher(keys, ClientToServer, Method128Bit)
	open, _ := NewCipher(keys, ClientToServer, Method128Bit)

	a := []byte("first packet")
	sigA := seal.Seal(a, true)
	sigA[0] ^= 1
	if err := open.Open(a, sigA, true); !errors.Is(err, ErrBadMAC) {
		t.Fatalf("Open = %v, want ErrBadMAC", err)
	}
	if string(a) != "first packet" {
		t.Errorf("failed packet decrypted to %q", a)
	}
	b := []byte("second packet")
	sigB := seal.Seal(b, true)
	if err := open.Open(b, sigB, true); err != nil || string(b) != "second packet" {
		t.Errorf("next packet: %q, %v", b, err)
	}
	// Salted and unsalted MACs differ.
	c := []byte("third packet")
	sigC := seal.Seal(c, true)
	if err := open.Open(c, sigC, false); !errors.Is(err, ErrBadMAC) {
		t.Errorf("Open unsalted = %v", err)
	}
}

func TestNewCipherRejects(t *testing.T) {
	keys, _ := DeriveKeys(regClientRandom, regServerRandom, Method128Bit)
	short, _ := DeriveKeys(regClientRandom, regServerRandom, Method40Bit)
	for _, tt := range []struct {
		name   string
		keys   Keys
		dir    Direction
		method EncryptionMethod
	}{
		{"bad direction", keys, 0, Method128Bit},
		{"FIPS", keys, ClientToServer, 0x10},
		{"8-byte keys for 128-bit", short, ClientToServer, Method128Bit},
		{"16-byte keys for 56-bit", keys, ServerToClient, Method56Bit},
		{"no keys", Keys{}, ServerToClient, Method128Bit},
	} {
		if _, err := NewCipher(tt.keys, tt.dir, tt.method); err == nil {
			t.Errorf("%s: NewCipher succeeded", tt.name)
		}
	}
	// NewCipher copies the keys.
	c, _ := NewCipher(keys, ServerToClient, Method128Bit)
	keys.ServerToClient[0] ^= 0xff
	keys.MAC[0] ^= 0xff
	d, _ := NewCipher(keys, ServerToClient, Method128Bit)
	x, y := []byte("same"), []byte("same")
	if c.Seal(x, false) == d.Seal(y, false) || bytes.Equal(x, y) {
		t.Error("NewCipher aliases its keys")
	}
}

func BenchmarkCipherSeal(b *testing.B) {
	keys, _ := DeriveKeys(regClientRandom, regServerRandom, Method128Bit)
	c, _ := NewCipher(keys, ServerToClient, Method128Bit)
	buf := make([]byte, 16000)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		c.Seal(buf, true)
	}
}

func BenchmarkDecryptClientRandom2048(b *testing.B) {
	key := testKey2048()
	enc, _ := EncryptClientRandom(&key.PublicKey, seq(1, 32))
	for b.Loop() {
		if _, err := DecryptClientRandom(key, enc); err != nil {
			b.Fatal(err)
		}
	}
}
