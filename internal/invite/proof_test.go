package invite

import (
	"bytes"
	"crypto/md5"
	"crypto/rc4"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// proofVectors is the table of ra-protocol.md §3.4.
var proofVectors = []struct {
	name, password, passStub string
	key, proof               string // hex
}{
	{"vector 1 (type 1, MS blog)", vector1Password, vector1PassStub, "ec2e92ff70bf4691ae0c68e02fdc6c22", "3C9CAE0BCE7AB15C8AAC01D676045EDF3FFAF092E2DE368A2017E68A0DED7C90"},
	{"vector 2 (type 2, Windows 2014)", vector2Password, vector2PassStub, "17563c7c53673c26acbbc11ea5f9ef56", "777DFAAE9028124DD02EDE8014221B4AD1F4EC138539D733AC767895B2D857D9"},
	{"vector 3 (type 2, Windows 2024)", vector3Password, vector3PassStub, "573dfec6dfd4583b9014c74e0209dd32", "15200496AF33C6E01BBF4A15C9C1B871443F2E93A882352B24080655164E9D3B"},
}

func TestPassStubProofVectors(t *testing.T) {
	for _, v := range proofVectors {
		t.Run(v.name, func(t *testing.T) {
			key := md5.Sum(wire.AppendUTF16LE(nil, v.password))
			if got := hex.EncodeToString(key[:]); got != v.key {
				t.Errorf("RC4 key = %s, want %s", got, v.key)
			}
			proof := PassStubProof(v.password, v.passStub)
			if got := TicketHex(proof); got != v.proof {
				t.Errorf("proof = %s, want %s", got, v.proof)
			}
			if !CheckPassStubProof(v.password, v.passStub, proof) {
				t.Error("CheckPassStubProof rejects the vector")
			}
		})
	}
}

// TestPassStubProofPlaintext decrypts the vector-1 proof and compares it
// with the RC4 input the MS blog prints: LE32(28) and the UTF-16LE PassStub.
func TestPassStubProofPlaintext(t *testing.T) {
	want, _ := hex.DecodeString("1c000000" + "52005400" + "3d003000" + "50007600" + "49006e00" + "64006100" + "6e003500" + "32002a00")
	key := md5.Sum(wire.AppendUTF16LE(nil, vector1Password))
	c, err := rc4.NewCipher(key[:])
	if err != nil {
		t.Fatal(err)
	}
	got := PassStubProof(vector1Password, vector1PassStub)
	c.XORKeyStream(got, got)
	if !bytes.Equal(got, want) {
		t.Errorf("plaintext = %x, want %x", got, want)
	}
}

func TestCheckPassStubProofRejects(t *testing.T) {
	good := PassStubProof(vector2Password, vector2PassStub)
	cases := []struct {
		name               string
		password, passStub string
		proof              []byte
	}{
		{"wrong password", strings.ToLower(vector2Password), vector2PassStub, good},
		{"wrong PassStub", vector2Password, vector1PassStub, good},
		{"truncated proof", vector2Password, vector2PassStub, good[:31]},
		{"extra byte", vector2Password, vector2PassStub, append(bytes.Clone(good), 0)},
		{"one bit flipped", vector2Password, vector2PassStub, func() []byte { b := bytes.Clone(good); b[31] ^= 1; return b }()},
		{"nil proof", vector2Password, vector2PassStub, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if CheckPassStubProof(c.password, c.passStub, c.proof) {
				t.Error("accepted")
			}
		})
	}
}

// TestPassStubProofEmptyStub matches FreeRDP 3.x for a file without
// PassStub: RC4(key, 00000000), four bytes.
func TestPassStubProofEmptyStub(t *testing.T) {
	if got := PassStubProof("pw", ""); len(got) != 4 {
		t.Errorf("len = %d, want 4", len(got))
	}
}
