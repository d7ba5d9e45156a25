package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newClientSecurityData() *ClientSecurityData { return new(ClientSecurityData) }

func TestClientSecurityData(t *testing.T) {
	tests := []struct {
		name        string
		raw         []byte
		want        ClientSecurityData
		wantMethods EncryptionMethod
	}{{
		name:        "bcgr-4.1.3",
		raw:         rdptest.Hex(bcgr413Security),
		want:        bcgr413SecurityValue(),
		wantMethods: EncryptionMethod40Bit | EncryptionMethod56Bit | EncryptionMethod128Bit | EncryptionMethodFIPS,
	}, {
		name: "french-locale",
		raw: rdptest.Hex(`
			02 c0 0c 00  # TS_UD_HEADER: CS_SECURITY, length 12
			00 00 00 00  # encryptionMethods: 0 (French locale)
			03 00 00 00  # extEncryptionMethods: 40BIT, 128BIT
		`),
		want:        ClientSecurityData{ExtEncryptionMethods: EncryptionMethod40Bit | EncryptionMethod128Bit},
		wantMethods: EncryptionMethod40Bit | EncryptionMethod128Bit,
	}, {
		name: "tls-client-no-methods", // mstsc under TLS sends 0 in both
		raw:  rdptest.Hex(`02 c0 0c 00  00 00 00 00  00 00 00 00`),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newClientSecurityData)
			if got := tt.want.Methods(); got != tt.wantMethods {
				t.Errorf("Methods() = %v, want %v", got, tt.wantMethods)
			}
		})
	}
}

func TestClientSecurityDataLength(t *testing.T) {
	for _, raw := range []string{
		`02 c0 10 00  1b 00 00 00  00 00 00 00  00 00 00 00`, // a 4-byte tail
		`02 c0 08 00  1b 00 00 00`,                           // no extEncryptionMethods
	} {
		if err := new(ClientSecurityData).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
			t.Errorf("%s decoded", raw)
		}
	}
}

func FuzzClientSecurityData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr413Security))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientSecurityData)
	})
}
