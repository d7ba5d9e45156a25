package stdsec

import (
	"crypto/rsa"
	"errors"
	"math/big"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newServerCertificate() *ServerCertificate { return new(ServerCertificate) }

func certValue(raw []byte) *ServerCertificate {
	n := int(raw[14]) | int(raw[15])<<8 // wPublicKeyBlobLen
	c := &ServerCertificate{Proprietary: &ProprietaryCertificate{
		PublicKey: RSAPublicKey{Exponent: 65537, Modulus: raw[36 : 16+n-8]},
	}}
	copy(c.Proprietary.Signature[:], raw[16+n+4:])
	return c
}

func TestTSSigningKey(t *testing.T) {
	k := TSSigningKey()
	if k.N.BitLen() != 512 || k.E != 0xC0887B5B {
		t.Fatalf("key: %d bits, e %#x", k.N.BitLen(), k.E)
	}
	// d and e are inverse: (m^d)^e = m.
	m := big.NewInt(0x5eed)
	s := new(big.Int).Exp(m, k.D, k.N)
	if got := new(big.Int).Exp(s, big.NewInt(int64(k.E)), k.N); got.Cmp(m) != 0 {
		t.Error("(m^d)^e != m")
	}
	// Fresh values.
	k.N.SetInt64(1)
	k.D.SetInt64(1)
	if TSSigningKey().N.BitLen() != 512 {
		t.Error("TSSigningKey shares state between calls")
	}
}

// TestSignSampleHash reproduces [MS-RDPBCGR] 4.9 ("Java Code to Sign a
// Sample Proprietary Certificate Hash"): the 63-byte block of 5.3.3.1.2
// with the sample hash, signed with the Terminal Services key, verifies.
func TestSignSampleHash(t *testing.T) {
	block := rdptest.Hex(`
		f5 cc 18 ee 45 e9 4d a6 79 02 ca 76 51 33 e1 7f # sample MD5 hash
		00 ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
		ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
		ff ff ff ff ff ff ff ff ff ff ff ff ff ff 01
	`)
	k := TSSigningKey()
	s := new(big.Int).Exp(leInt(block), k.D, k.N)
	m := new(big.Int).Exp(s, big.NewInt(int64(k.E)), k.N)
	if got := leBytes(m, 63); string(got) != string(block) {
		t.Errorf("verified hash bytes = %x, want %x", got, block)
	}
}

func TestServerCertificate(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
	}{
		{"bcgr-4.1.4", bcgr414Certificate},
		{"xrdp-testkey512", xrdpTestKey512},
		{"xrdp-testkey2048", xrdpTestKey2048},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := certValue(tt.raw)
			rdptest.Golden(t, tt.raw, want, newServerCertificate)

			// Windows checks the signature; these published ones verify.
			if err := want.Verify(); err != nil {
				t.Errorf("Verify: %v", err)
			}
			// Signing is deterministic: re-signing the public key
			// reproduces the published certificate byte for byte
			// (rdp-server.md §0.2 case E for xrdp's 512-bit key).
			pub, err := want.PublicKey()
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewProprietaryCertificate(pub)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := wire.Marshal(c); string(got) != string(tt.raw) {
				t.Errorf("re-signed certificate:\n got %x\nwant %x", got, tt.raw)
			}
			// Any change to the signed fields breaks the signature.
			bad := *want.Proprietary
			bad.PublicKey.Modulus = append([]byte(nil), bad.PublicKey.Modulus...)
			bad.PublicKey.Modulus[0] ^= 2
			if err := (&ServerCertificate{Proprietary: &bad}).Verify(); !errors.Is(err, ErrBadSignature) {
				t.Errorf("Verify of a changed modulus = %v, want ErrBadSignature", err)
			}
			if err := (&ServerCertificate{Temporary: true, Proprietary: want.Proprietary}).Verify(); !errors.Is(err, ErrBadSignature) {
				t.Errorf("Verify with the temporary bit flipped = %v, want ErrBadSignature", err)
			}
		})
	}
}

// TestSignXRDP2005 builds the certificate of the key pair xrdp published in
// 2005 and checks that its signature is the pub_sig xrdp shipped with it.
func TestSignXRDP2005(t *testing.T) {
	c, err := NewProprietaryCertificate(&rsa.PublicKey{N: leInt(xrdp2005Modulus), E: 65537})
	if err != nil {
		t.Fatal(err)
	}
	if string(c.Proprietary.Signature[:]) != string(xrdp2005Signature) {
		t.Errorf("signature %x\nwant %x", c.Proprietary.Signature, xrdp2005Signature)
	}
	if err := c.Verify(); err != nil {
		t.Error(err)
	}
}

func TestServerCertificateTemporary(t *testing.T) {
	raw := append([]byte(nil), bcgr414Certificate...)
	raw[3] |= 0x80 // dwVersion = 0x80000001: temporarily issued
	want := certValue(bcgr414Certificate)
	want.Temporary = true
	rdptest.Golden(t, raw, want, newServerCertificate)
	// The signature covers dwVersion, so the 4.1.4 signature no longer
	// verifies; a temporary certificate signed as such does.
	if err := want.Verify(); !errors.Is(err, ErrBadSignature) {
		t.Errorf("Verify = %v, want ErrBadSignature", err)
	}
	data, err := want.signedData()
	if err != nil {
		t.Fatal(err)
	}
	want.Proprietary.Signature = signCertificate(data, TSSigningKey())
	if err := want.Verify(); err != nil {
		t.Errorf("Verify of a re-signed temporary certificate: %v", err)
	}
}

func TestServerCertificateRejects(t *testing.T) {
	patch := func(off int, with string) []byte {
		b := append([]byte(nil), bcgr414Certificate...)
		copy(b[off:], rdptest.Hex(with))
		return b
	}
	tests := []struct {
		name string
		raw  []byte
		is   error
	}{
		{"X.509 chain", patch(0, "02 00 00 00"), ErrX509Chain},
		{"X.509 chain, temporary", patch(0, "02 00 00 80"), ErrX509Chain},
		{"version 3", patch(0, "03 00 00 00"), wire.ErrInvalid},
		{"dwSigAlgId", patch(4, "02 00 00 00"), wire.ErrInvalid},
		{"dwKeyAlgId", patch(8, "02 00 00 00"), wire.ErrInvalid},
		{"wPublicKeyBlobType", patch(12, "07 00"), wire.ErrInvalid},
		{"wPublicKeyBlobLen short", patch(14, "5b 00"), wire.ErrInvalid},
		{"wPublicKeyBlobLen long", patch(14, "5d 00"), wire.ErrInvalid},
		{"magic", patch(16, "52 53 41 32"), wire.ErrInvalid},
		{"keylen", patch(20, "47 00 00 00"), wire.ErrInvalid},
		{"bitlen", patch(24, "08 02 00 00"), wire.ErrInvalid},
		{"datalen", patch(28, "40 00 00 00"), wire.ErrInvalid},
		{"modulus padding", patch(100, "01"), wire.ErrInvalid},
		{"wSignatureBlobType", patch(108, "09 00"), wire.ErrInvalid},
		{"wSignatureBlobLen", patch(110, "40 00"), wire.ErrInvalid},
		{"signature padding", patch(183, "01"), wire.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c ServerCertificate
			if err := c.UnmarshalBinary(tt.raw); !errors.Is(err, tt.is) {
				t.Errorf("UnmarshalBinary = %v, want %v", err, tt.is)
			}
		})
	}
	if _, err := (&ServerCertificate{}).AppendBinary(nil); err == nil {
		t.Error("encoded a certificate without certData")
	}
}

func TestRSAPublicKey(t *testing.T) {
	// The example public key bytes of [MS-RDPBCGR] 5.3.3.1.2.
	raw := rdptest.Hex(`
		52 53 41 31 # magic (0x31415352)
		48 00 00 00 # keylen (72 bytes)
		00 02 00 00 # bitlen (512 bits)
		3f 00 00 00 # datalen (63 bytes)
		01 00 01 00 # pubExp (0x00010001)
		af fe 36 f2 c5 a1 44 2e 47 c1 31 a7 db c6 67 02 # modulus
		64 71 5c 00 c9 b6 b3 04 d0 89 9f e7 6b 24 e8 e8
		e5 2d 0b 13 a9 0c 6d 4d 91 5e e8 f6 b3 17 17 e3
		9f c5 4d 4a ba fa b9 2a 1b fb 10 dd 91 8c 60 b7
		00 00 00 00 00 00 00 00 # padding
	`)
	want := &RSAPublicKey{Exponent: 65537, Modulus: raw[20:84]}
	rdptest.Golden(t, raw, want, func() *RSAPublicKey { return new(RSAPublicKey) })
	if want.ModulusLen() != 64 {
		t.Errorf("ModulusLen = %d", want.ModulusLen())
	}
	pub, err := want.PublicKey()
	if err != nil || pub.N.BitLen() != 512 || pub.E != 65537 {
		t.Errorf("PublicKey = %v, %v", pub, err)
	}
}

func TestNewRSAPublicKeyRejects(t *testing.T) {
	n := leInt(bcgr48Modulus)
	for _, pub := range []*rsa.PublicKey{
		nil,
		{N: nil, E: 65537},
		{N: big.NewInt(0), E: 65537},
		{N: new(big.Int).Lsh(n, 0).SetBit(n, 0, 0), E: 65537}, // even
		{N: big.NewInt(0x7fff_ffff_ffff_fff1), E: 65537},      // 63 bits
		{N: n, E: 1},
		{N: n, E: 1 << 33},
		{N: new(big.Int).SetBit(new(big.Int).Lsh(big.NewInt(1), 16400), 0, 1), E: 65537},
	} {
		if k, err := NewRSAPublicKey(pub); err == nil {
			t.Errorf("NewRSAPublicKey(%v) = %v", pub, k)
		}
	}
}

func TestKeyHashes(t *testing.T) {
	c := certValue(bcgr414Certificate)
	blob, err := c.PublicKeyBlob()
	if err != nil {
		t.Fatal(err)
	}
	if string(blob) != string(bcgr414Certificate[16:16+92]) {
		t.Fatalf("PublicKeyBlob = %x", blob)
	}
	// Expected values computed independently:
	//   openssl dgst -sha1 -binary blob | base64
	//   openssl dgst -sha256 -binary blob | base64
	kh, kh2 := KeyHashes(blob)
	if kh != "SuUKhTZ2tZOMQIeLZDUvuyuRmoI=" {
		t.Errorf("KH = %q", kh)
	}
	if kh2 != "sha256:ZIpSyEc4GGugeZbViMDBpTAFcT6tdgRJtWl1FZO1gz8=" {
		t.Errorf("KH2 = %q", kh2)
	}
}

func FuzzServerCertificate(f *testing.F) {
	f.Add(bcgr414Certificate)
	f.Add(xrdpTestKey2048)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerCertificate)
		var c ServerCertificate
		if c.UnmarshalBinary(b) == nil {
			_ = c.Verify()
			_, _ = c.PublicKey()
		}
	})
}

func FuzzProprietaryCertificate(f *testing.F) {
	f.Add(bcgr414Certificate[4:])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *ProprietaryCertificate { return new(ProprietaryCertificate) })
	})
}

func FuzzRSAPublicKey(f *testing.F) {
	f.Add(bcgr414Certificate[16 : 16+92])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *RSAPublicKey { return new(RSAPublicKey) })
	})
}
