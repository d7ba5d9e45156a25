package sec

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bcgr419Ciphertext is the encrypted client random of [MS-RDPBCGR] 4.1.9
// (little-endian, 64 bytes for the 512-bit key of 4.1.4).
var bcgr419Ciphertext = rdptest.Hex(`
	91 ac 0c 8f 64 8c 39 f4 e7 ff 0a 3b 79 11 5c 13
	51 2a cb 72 8f 9d b7 42 2e f7 08 4c 8e ae 55 99
	62 d2 81 81 e4 66 c8 05 ea d4 73 06 3f c8 5f af
	2a fd fc f1 64 b3 3f 0a 15 1d db 2c 10 9d 30 11
`)

func newSecurityExchange() *SecurityExchange { return new(SecurityExchange) }

func TestSecurityExchange(t *testing.T) {
	// [MS-RDPBCGR] 4.1.9 after the basic security header (01 02 00 00).
	raw := concat(rdptest.Hex(`
		48 00 00 00 # length = 72
	`), bcgr419Ciphertext, rdptest.Hex(`
		00 00 00 00 00 00 00 00 # 8 bytes of padding
	`))
	want := &SecurityExchange{EncryptedClientRandom: bcgr419Ciphertext}
	rdptest.Golden(t, raw, want, newSecurityExchange)
	if err := want.CheckModulus(64); err != nil {
		t.Errorf("CheckModulus(64): %v", err)
	}
	if err := want.CheckModulus(256); !errors.Is(err, ErrClientRandomLength) {
		t.Errorf("CheckModulus(256) = %v, want ErrClientRandomLength", err)
	}
}

func TestSecurityExchangeRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"length beyond data", rdptest.Hex("09 00 00 00 01 00 00 00 00 00 00 00")},
		{"length shorter than padding", rdptest.Hex("07 00 00 00 00 00 00 00 00 00 00")},
		{"padding not zero", rdptest.Hex("09 00 00 00 01 00 00 00 00 00 00 00 01")},
		{"huge length", rdptest.Hex("ff ff ff ff 00 00 00 00 00 00 00 00")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p SecurityExchange
			err := p.UnmarshalBinary(tt.raw)
			var de *wire.DecodeError
			if !errors.As(err, &de) {
				t.Errorf("UnmarshalBinary = %v, want a DecodeError", err)
			}
		})
	}
}

func FuzzSecurityExchange(f *testing.F) {
	f.Add(concat(rdptest.Hex("48 00 00 00"), bcgr419Ciphertext, make([]byte, 8)))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newSecurityExchange)
	})
}
