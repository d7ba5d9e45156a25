package stdsec

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"math/big"
	"testing"
)

func TestClientRandomSample(t *testing.T) {
	// [MS-RDPBCGR] 4.8: the sample client random under the sample key.
	key := leKey(bcgr48Modulus, bcgr48PrivateExponent)
	enc, err := EncryptClientRandom(&key.PublicKey, bcgr48ClientRandom)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(enc, bcgr48Ciphertext) {
		t.Errorf("EncryptClientRandom:\n got %x\nwant %x", enc, bcgr48Ciphertext)
	}
	for _, in := range [][]byte{enc, append(append([]byte(nil), enc...), make([]byte, 8)...)} {
		got, err := DecryptClientRandom(key, in)
		if err != nil || !bytes.Equal(got, bcgr48ClientRandom) {
			t.Errorf("DecryptClientRandom(%d bytes) = %x, %v", len(in), got, err)
		}
	}
}

func TestClientRandomRoundTrip(t *testing.T) {
	random := bytes.Repeat([]byte{0xa5, 0x5a, 0x01, 0xfe}, 8)
	for _, tt := range []struct {
		name string
		key  *rsa.PrivateKey
	}{
		{"bcgr-4.8-512", leKey(bcgr48Modulus, bcgr48PrivateExponent)},
		{"xrdp-2005-511", leKey(xrdp2005Modulus, xrdp2005PrivateExponent)},
		{"test-2048", testKey2048()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := EncryptClientRandom(&tt.key.PublicKey, random)
			if err != nil {
				t.Fatal(err)
			}
			if k := (tt.key.N.BitLen() + 7) / 8; len(enc) != k {
				t.Fatalf("ciphertext of %d bytes for a %d-byte modulus", len(enc), k)
			}
			got, err := DecryptClientRandom(tt.key, enc)
			if err != nil || !bytes.Equal(got, random) {
				t.Errorf("DecryptClientRandom = %x, %v", got, err)
			}
			// The server uses its certificate's key; the client encrypts
			// with the key it decoded from that certificate.
			cert, err := NewProprietaryCertificate(&tt.key.PublicKey)
			if err != nil {
				t.Fatal(err)
			}
			pub, err := cert.PublicKey()
			if err != nil || pub.N.Cmp(tt.key.N) != 0 || pub.E != tt.key.E {
				t.Fatalf("certificate key %v, %v", pub, err)
			}
		})
	}
}

func TestDecryptClientRandomRejects(t *testing.T) {
	key := leKey(bcgr48Modulus, bcgr48PrivateExponent)
	good := append(append([]byte(nil), bcgr48Ciphertext...), make([]byte, 8)...)
	padded := func(b []byte) []byte { return append(append([]byte(nil), b...), make([]byte, 8)...) }
	nBytes := append([]byte(nil), bcgr48Modulus...)
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"short", good[:63]},
		{"between", good[:70]},
		{"long", append(append([]byte(nil), good...), 0)},
		{"padding not zero", append(append([]byte(nil), good[:71]...), 1)},
		{"c = n", padded(nBytes)},
		{"c > n", padded(append(nBytes[:63:63], 0xff))},
		{"c = 0 gives an all-zero random", make([]byte, 72)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := DecryptClientRandom(key, tt.in); !errors.Is(err, ErrClientRandom) {
				t.Errorf("DecryptClientRandom = %x, %v; want ErrClientRandom", got, err)
			}
		})
	}
	for _, k := range []*rsa.PrivateKey{nil, {PublicKey: key.PublicKey}, {PublicKey: rsa.PublicKey{N: big.NewInt(15), E: 3}, D: big.NewInt(3)}} {
		if _, err := DecryptClientRandom(k, good); err == nil {
			t.Errorf("decrypted with key %v", k)
		}
	}
}

func TestEncryptClientRandomRejects(t *testing.T) {
	key := leKey(bcgr48Modulus, bcgr48PrivateExponent)
	if _, err := EncryptClientRandom(&key.PublicKey, make([]byte, 31)); err == nil {
		t.Error("31-byte random encrypted")
	}
	if _, err := EncryptClientRandom(nil, make([]byte, 32)); err == nil {
		t.Error("nil key")
	}
}

// TestBlindingIsInvisible checks that blinding does not change results:
// decryption agrees with plain exponentiation for many ciphertexts.
func TestBlindingIsInvisible(t *testing.T) {
	key := testKey2048()
	k := (key.N.BitLen() + 7) / 8
	c := big.NewInt(3)
	for i := range 20 {
		c.Mul(c, big.NewInt(1_000_003)).Add(c, big.NewInt(int64(i)))
		c.Mod(c, key.N)
		want := new(big.Int).Exp(c, key.D, key.N)
		got, err := blindedDecrypt(key, c, leBytes(c, k))
		if err != nil || got.Cmp(want) != 0 {
			t.Fatalf("ciphertext %d: %v", i, err)
		}
	}
}

func FuzzDecryptClientRandom(f *testing.F) {
	key := leKey(bcgr48Modulus, bcgr48PrivateExponent)
	f.Add(append(append([]byte(nil), bcgr48Ciphertext...), make([]byte, 8)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecryptClientRandom(key, b)
		if err == nil && len(r) != ClientRandomSize {
			t.Fatalf("random of %d bytes", len(r))
		}
	})
}
