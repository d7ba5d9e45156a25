package stdsec

import (
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// Regression vectors for DeriveKeys and Cipher, from an independent Python
// reimplementation of [MS-RDPBCGR] 5.3.5.1, 5.3.6.1 and 5.3.7.1 (hashlib
// and a hand-written RC4) with client random 01 02 … 20 and server random
// 40 41 … 5f. No public specification vector exists (see interop_test.go);
// interop_test.go checks the derivation, RC4 and the salted MAC against
// real xfreerdp traffic for all three methods.
var (
	regClientRandom = seq(0x01, 32)
	regServerRandom = seq(0x40, 32)
)

func seq(start byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = start + byte(i)
	}
	return b
}

var regKeys = []struct {
	method                   EncryptionMethod
	mac, clientToServer, s2c string
}{
	{Method40Bit, "d1269ed3fddae7d2", "d1269e5e16c09f59", "d1269e44e1e93d63"},
	{Method56Bit, "d160efd3fddae7d2", "d182de5e16c09f59", "d1b06c44e1e93d63"},
	{Method128Bit, "3160efd3fddae7d2cd3af546a2e0373d", "4882de5e16c09f59056a49ae1759d9ef", "7eb06c44e1e93d63b4fc1c17ada8ef3c"},
}

func TestDeriveKeys(t *testing.T) {
	for _, tt := range regKeys {
		t.Run(tt.method.String(), func(t *testing.T) {
			k, err := DeriveKeys(regClientRandom, regServerRandom, tt.method)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name string
				got  []byte
				want string
			}{{"MAC", k.MAC, tt.mac}, {"ClientToServer", k.ClientToServer, tt.clientToServer}, {"ServerToClient", k.ServerToClient, tt.s2c}} {
				if hex.EncodeToString(c.got) != c.want {
					t.Errorf("%s = %x, want %s", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestDeriveKeysRejects(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cr, sr []byte
		method EncryptionMethod
	}{
		{"FIPS", regClientRandom, regServerRandom, 0x10},
		{"NONE", regClientRandom, regServerRandom, 0},
		{"short client random", regClientRandom[:31], regServerRandom, Method128Bit},
		{"long server random", regClientRandom, append(seq(0, 32), 0), Method128Bit},
	} {
		if _, err := DeriveKeys(tt.cr, tt.sr, tt.method); err == nil {
			t.Errorf("%s: derived keys", tt.name)
		}
	}
}

func TestKeysRedaction(t *testing.T) {
	k, _ := DeriveKeys(regClientRandom, regServerRandom, Method128Bit)
	c, _ := NewCipher(k, ServerToClient, Method128Bit)
	secrets := []string{hex.EncodeToString(k.MAC[:6]), hex.EncodeToString(k.ServerToClient[:6]), hex.EncodeToString(k.ClientToServer[:6]),
		fmt.Sprint(k.MAC[:3])[1:8], fmt.Sprint(k.ServerToClient[:3])[1:8]}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%d", "%q"} {
		for _, arg := range []any{k, &k, c, *c} {
			out := fmt.Sprintf(format, arg)
			for _, s := range secrets {
				if strings.Contains(strings.ToLower(out), s) {
					t.Errorf("Sprintf(%q, %T) = %q leaks key bytes", format, arg, out)
				}
			}
		}
	}
}

func TestEncryptionMethod(t *testing.T) {
	for _, tt := range []struct {
		m    EncryptionMethod
		l    int
		name string
	}{
		{Method40Bit, 8, "ENCRYPTION_METHOD_40BIT"},
		{Method56Bit, 8, "ENCRYPTION_METHOD_56BIT"},
		{Method128Bit, 16, "ENCRYPTION_METHOD_128BIT"},
		{0x10, 0, "EncryptionMethod(0x10)"},
	} {
		if tt.m.KeyLen() != tt.l || tt.m.String() != tt.name {
			t.Errorf("%v: KeyLen %d, String %q", uint32(tt.m), tt.m.KeyLen(), tt.m.String())
		}
	}
}
