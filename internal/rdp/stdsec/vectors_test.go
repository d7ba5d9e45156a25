package stdsec

import (
	"crypto/rsa"
	"math/big"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// bcgr414Certificate is the serverCertificate of the Server MCS Connect
// Response in [MS-RDPBCGR] 4.1.4 (serverCertLen = 184): a proprietary
// certificate for a 512-bit key, signed with the Terminal Services key.
var bcgr414Certificate = rdptest.Hex(`
	01 00 00 00 # dwVersion = CERT_CHAIN_VERSION_1
	01 00 00 00 # dwSigAlgId = SIGNATURE_ALG_RSA
	01 00 00 00 # dwKeyAlgId = KEY_EXCHANGE_ALG_RSA
	06 00 # wPublicKeyBlobType = BB_RSA_KEY_BLOB
	5c 00 # wPublicKeyBlobLen = 92
	52 53 41 31 # magic = RSA1
	48 00 00 00 # keylen = 72
	00 02 00 00 # bitlen = 512
	3f 00 00 00 # datalen = 63
	01 00 01 00 # pubExp = 65537
	cb 81 fe ba 6d 61 c3 55 05 d5 5f 2e 87 f8 71 94 # modulus
	d6 f1 a5 cb f1 5f 0c 3d f8 70 02 96 c4 fb 9b c8
	3c 2d 55 ae e8 ff 32 75 ea 68 79 e5 a2 01 fd 31
	a0 b1 1f 55 a6 1f c1 f6 d1 83 88 63 26 56 12 bc
	00 00 00 00 00 00 00 00 # modulus padding
	08 00 # wSignatureBlobType = BB_RSA_SIGNATURE_BLOB
	48 00 # wSignatureBlobLen = 72
	e9 e1 d6 28 46 8b 4e f5 0a df fd ee 21 99 ac b4 # SignatureBlob
	e1 8f 5f 81 57 82 ef 9d 96 52 63 27 18 29 db b3
	4a fd 9a da 42 ad b5 69 21 89 0e 1d c0 4c 1a a8
	aa 71 3e 0f 54 b9 9a e4 99 68 3f 6c d6 76 84 61
	00 00 00 00 00 00 00 00 # signature padding`)

// bcgr414ServerRandom is the serverRandom of [MS-RDPBCGR] 4.1.4.
var bcgr414ServerRandom = rdptest.Hex(`
	10 11 77 20 30 61 0a 12 e4 34 a1 1e f2 c3 9f 31
	7d a4 5f 01 89 34 96 e0 ff 11 08 69 7f 1a c3 d2
`)

// xrdpTestKey512 is g_testkey512 of xrdp's keygen/keygen.c: a proprietary
// certificate whose stored signature re-signing reproduces
// (rdp-server.md §0.2 case E).
var xrdpTestKey512 = rdptest.Hex(`
	01 00 00 00 # dwVersion = CERT_CHAIN_VERSION_1
	01 00 00 00 # dwSigAlgId = SIGNATURE_ALG_RSA
	01 00 00 00 # dwKeyAlgId = KEY_EXCHANGE_ALG_RSA
	06 00 # wPublicKeyBlobType = BB_RSA_KEY_BLOB
	5c 00 # wPublicKeyBlobLen = 92
	52 53 41 31 # magic = RSA1
	48 00 00 00 # keylen = 72
	00 02 00 00 # bitlen = 512
	3f 00 00 00 # datalen = 63
	01 00 01 00 # pubExp = 65537
	79 6f b4 df a6 95 b9 a9 61 e3 c4 5e ff 6b d8 81 # modulus
	8a 12 4a 93 42 97 18 93 ac d1 3a 38 3c 68 50 19
	31 b6 84 51 79 fb 1c e7 e3 99 20 c7 84 df d1 aa
	b5 15 ef 47 7e fc 88 eb 29 c3 27 5a 35 f8 fd aa
	00 00 00 00 00 00 00 00 # modulus padding
	08 00 # wSignatureBlobType = BB_RSA_SIGNATURE_BLOB
	48 00 # wSignatureBlobLen = 72
	32 3b de 6f 18 97 1e c3 6b 2b 2d e4 fc 2d a2 8e # SignatureBlob
	32 3c f3 1b 24 90 57 4d 8e e4 69 fc 16 8d 41 92
	78 c7 9c b4 26 ff e8 3e a1 8a f5 57 c0 7f 3e 21
	17 32 30 6f 79 e1 36 cd b6 8e be 57 57 d2 a9 36
	00 00 00 00 00 00 00 00 # signature padding`)

// xrdpTestKey2048 is g_testkey2048 of xrdp's keygen/keygen.c.
var xrdpTestKey2048 = rdptest.Hex(`
	01 00 00 00 # dwVersion = CERT_CHAIN_VERSION_1
	01 00 00 00 # dwSigAlgId = SIGNATURE_ALG_RSA
	01 00 00 00 # dwKeyAlgId = KEY_EXCHANGE_ALG_RSA
	06 00 # wPublicKeyBlobType = BB_RSA_KEY_BLOB
	1c 01 # wPublicKeyBlobLen = 284
	52 53 41 31 # magic = RSA1
	08 01 00 00 # keylen = 264
	00 08 00 00 # bitlen = 2048
	ff 00 00 00 # datalen = 255
	01 00 01 00 # pubExp = 65537
	13 77 6d d8 7b 6e 6f b4 27 6d 70 3a 97 5f cb 50 # modulus
	9b 13 6b c7 ba df 73 54 17 35 f0 09 9e 9d 0b 6a
	2c 9f d1 0c c6 47 83 de ca 90 20 ac 70 63 9b b7
	49 07 0b f5 f2 38 2a 40 ff f1 ba 97 79 3e d4 d1
	f3 41 0f 91 fe 1a 86 f4 1b ef cc 29 a3 35 6f 60
	fa 98 53 51 80 57 15 2f e1 8b d7 86 15 2d b5 ec
	7a dd c5 1d 1b 88 53 67 86 e1 6e cd 4e 2e fd d2
	49 04 fb 1d 95 f0 e9 7f 97 a3 1b b2 92 2e 62 2a
	96 d4 ea 18 8e 99 41 ea 83 b5 f1 0e ea 53 70 99
	d7 9e 0c 65 2b f4 dc 0e e7 9e ce 04 25 01 88 c4
	c1 d2 a4 18 c2 8a 52 0f 01 b2 71 30 44 3f 5b 11
	2e e7 53 a0 c8 1f 77 af b5 bb af 12 e8 19 0c f6
	1f a8 3e 11 34 e4 ac 1c 1c 00 bb b9 2f bb 81 76
	4e 46 da 73 00 82 71 a4 62 c3 d4 3f da 34 54 27
	e3 d0 3a 73 2f 99 c4 91 56 12 98 a8 3b 8d 61 83
	62 b7 20 61 4d c9 41 d1 40 02 11 4b 63 46 c7 c1
	00 00 00 00 00 00 00 00 # modulus padding
	08 00 # wSignatureBlobType = BB_RSA_SIGNATURE_BLOB
	48 00 # wSignatureBlobLen = 72
	00 50 b7 75 f3 77 99 b2 d3 dd cd 83 6e db 0a 29 # SignatureBlob
	88 05 b5 8a 49 d5 a8 5a c3 b7 18 c2 3c 1e de d3
	8f dd 21 27 84 a0 c8 8d 65 ce 5d 3d 46 65 88 fc
	35 0a 04 a0 da c1 ab bf cd f1 7e 71 7b f8 4a 78
	00 00 00 00 00 00 00 00 # signature padding`)

// The 512-bit key xrdp shipped in xrdp/rsakeys.ini in 2005 (commit
// 967f6592): a published key pair with its proprietary certificate
// signature (pub_sig), all little-endian.
var (
	xrdp2005Modulus = rdptest.Hex(`
		67 ab 0e 6a 9f d6 2b a3 32 2f 41 d1 ce ee 61 c3 76 0b 26 11 70 48 8a 8d 23 81 95 a0 39 f7 5b aa
		3e f1 ed b8 c4 ee ce 5f 6a f5 43 ce 5f 60 ca 6c 06 75 ae c0 d6 a4 0c 92 a4 c6 75 ea 64 b2 50 5b
	`)
	xrdp2005Signature = rdptest.Hex(`
		6a 41 b1 43 cf 47 6f f1 e6 cc a1 72 97 d9 e1 85 15 b3 c2 39 a0 a6 26 1a b6 49 01 fa a6 da 60 d7
		45 f7 2c ee e4 8e 64 2e 37 49 f0 4c 94 6f 08 f5 63 4c 56 29 55 5a 63 41 2c 20 65 95 99 b1 15 7c
	`)
	xrdp2005PrivateExponent = rdptest.Hex(`
		41 93 05 b1 f4 38 fc 47 88 c4 7f 83 8c ec 90 da 0c 8a b5 ae 61 32 72 f5 2b d1 7b 5f 44 c0 7c bd
		8a 35 fa ae 30 f6 c4 6b 55 a7 65 ef f4 b2 ab 18 4e aa e6 dc 71 17 3b 4c c2 15 4c f7 81 bb f0 03
	`)
)

// The sample key pair and client random of [MS-RDPBCGR] 4.8 ("Java Code to
// Encrypt and Decrypt a Sample Client Random"), little-endian. The spec
// prints no ciphertext; bcgr48Ciphertext was computed independently
// (Python's pow) from these values.
var (
	bcgr48Modulus = rdptest.Hex(`
		37 a8 70 fe 9a b9 a8 54 cb 98 79 44 7a b9 eb 38 06 ea 26 a1 47 ea 19 70 5d f3 52 88 70 21 b5 9e
		50 b4 e1 f5 1a d8 2d 51 4d 1a ad 79 7c 89 46 b0 cc 66 74 02 d8 28 5d 9d d7 ca fc 60 0f 38 f9 b3
	`)
	bcgr48PrivateExponent = rdptest.Hex(`
		c1 07 e7 d4 d3 38 8d 36 f5 9e 8b 96 0d 55 65 08 28 25 a3 2e c7 68 d6 44 85 2d 32 f6 72 a8 9b ba
		5e 82 82 f0 5c 0c eb 6b 12 6a a7 45 15 ce 41 e0 03 e5 e6 6d df fd 58 61 0b 07 a4 7b b3 f3 71 94
	`)
	bcgr48ClientRandom = rdptest.Hex(`
		ff ee 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ff
	`)
	bcgr48Ciphertext = rdptest.Hex(`
		c0 12 96 66 be 28 60 7b b0 b4 03 fe da 38 6a b9 39 9d 10 a2 76 b8 8b 4c e4 25 9a 22 9e e0 01 34
		d4 c1 37 38 b7 ef 50 09 55 c5 b3 35 17 9e bd 9e 45 93 3c d8 5d e6 7c a9 c3 70 2e 18 f2 23 71 09
	`)
)

// leKey returns the RSA key with the little-endian modulus and private
// exponent and public exponent 65537.
func leKey(modulus, d []byte) *rsa.PrivateKey {
	return &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: leInt(modulus), E: 65537}, D: leInt(d)}
}

// testKey2048 returns a 2048-bit key made for these tests only (by
// OpenSSL), like the one the daemon uses.
func testKey2048() *rsa.PrivateKey {
	p, _ := new(big.Int).SetString("ff93ed1f5bdd3610f37cc143d9f308b1c31eced1c7d39f854d2dbde719ee6b77e5fe9741703aff816aad9474cd44958dd8ebe9330a9205006c720e6e3ccfda197e7295cc92f8ed168b6290ecc324e096e0f7f25eaf9bf93d31d44c15f9de4b6fad12917ae097feec1db1699b51738786b48832790c6ac68c42f30231b22a7e1b", 16)
	q, _ := new(big.Int).SetString("e815138d994c12d96defd5288c240a21c8ba416191edd4a8a29cf79f374be7d3beffd8162a58831ec736c6a1789a573192d198e1c0d181bb5c10bb6f46f3e0af9351270da9b99f78f5d5893016fe362ab7949f3ff02fe59ffdf17bfa2dee4e8d76fda1c1530aa344a4788dcdbf7e7b1df4d680c8c372ba9dd0472af6a6d9c2d3", 16)
	one := big.NewInt(1)
	phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
	e := big.NewInt(65537)
	k := &rsa.PrivateKey{
		PublicKey: rsa.PublicKey{N: new(big.Int).Mul(p, q), E: 65537},
		D:         new(big.Int).ModInverse(e, phi),
		Primes:    []*big.Int{p, q},
	}
	k.Precompute()
	return k
}
