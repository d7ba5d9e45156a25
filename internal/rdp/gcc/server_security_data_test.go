package gcc

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newServerSecurityData() *ServerSecurityData { return new(ServerSecurityData) }

func TestServerSecurityData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ServerSecurityData
	}{{
		name: "bcgr-4.1.4", // 128-bit, CLIENT_COMPATIBLE, proprietary certificate
		raw:  rdptest.Hex(bcgr414Security),
		want: bcgr414SecurityValue(),
	}, {
		name: "none", // TLS, or Standard RDP Security without encryption
		raw: rdptest.Hex(`
			02 0c 0c 00  # TS_UD_HEADER: SC_SECURITY, length 12
			00 00 00 00  # encryptionMethod: ENCRYPTION_METHOD_NONE
			00 00 00 00  # encryptionLevel: ENCRYPTION_LEVEL_NONE
		`),
	}, {
		name: "fips",
		raw: rdptest.Hex(`
			02 0c 35 00  # TS_UD_HEADER: SC_SECURITY, length 53
			10 00 00 00  # encryptionMethod: ENCRYPTION_METHOD_FIPS
			04 00 00 00  # encryptionLevel: ENCRYPTION_LEVEL_FIPS
			20 00 00 00  # serverRandomLen: 32
			01 00 00 00  # serverCertLen: 1
		` + bcgr414Random + `ff`),
		want: ServerSecurityData{EncryptionMethod: EncryptionMethodFIPS, EncryptionLevel: EncryptionLevelFIPS,
			ServerRandom: rdptest.Hex(bcgr414Random), ServerCertificate: []byte{0xff}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newServerSecurityData)
		})
	}
}

// secBlock builds an SC_SECURITY block.
func secBlock(method, level, randomLen, certLen uint32, rest int) []byte {
	b := wire.AppendU16LE(nil, uint16(SCSecurity))
	b = wire.AppendU16LE(b, uint16(20+rest))
	b = wire.AppendU32LE(b, method)
	b = wire.AppendU32LE(b, level)
	b = wire.AppendU32LE(b, randomLen)
	b = wire.AppendU32LE(b, certLen)
	return wire.AppendZeros(b, rest)
}

func TestServerSecurityDataDecodeErrors(t *testing.T) {
	noneWithLengths := secBlock(0, 0, 0, 0, 0) // 2.2.1.4.3: the lengths "MUST NOT be present"
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"level-none-method-128", secBlock(2, 0, 32, 1, 33)},
		{"level-none-with-lengths", noneWithLengths},
		{"level-high-method-none", secBlock(0, 3, 32, 1, 33)},
		{"level-fips-method-128", secBlock(2, 4, 32, 1, 33)},
		{"level-5", secBlock(2, 5, 32, 1, 33)},
		{"two-methods", secBlock(3, 2, 32, 1, 33)},
		{"unknown-method", secBlock(4, 2, 32, 1, 33)},
		{"random-31", secBlock(2, 2, 31, 1, 32)},
		{"cert-length-0", secBlock(2, 2, 32, 0, 32)},
		{"cert-length-short", secBlock(2, 2, 32, 1, 34)},
		{"cert-length-long", secBlock(2, 2, 32, 3, 34)},
		{"cert-length-huge", secBlock(2, 2, 32, 0xFFFFFFFF, 34)},
		{"random-cut", secBlock(2, 2, 32, 1, 20)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := new(ServerSecurityData).UnmarshalBinary(tt.raw)
			if !errors.Is(err, wire.ErrInvalid) && !errors.Is(err, wire.ErrTrailing) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestServerSecurityDataEncodeErrors(t *testing.T) {
	random := rdptest.Hex(bcgr414Random)
	for _, tt := range []struct {
		name string
		s    ServerSecurityData
	}{
		{"none-with-random", ServerSecurityData{ServerRandom: random}},
		{"none-with-cert", ServerSecurityData{ServerCertificate: []byte{1}}},
		{"level-none-method-40", ServerSecurityData{EncryptionMethod: EncryptionMethod40Bit}},
		{"method-none-level-low", ServerSecurityData{EncryptionLevel: EncryptionLevelLow}},
		{"fips-level-56", ServerSecurityData{EncryptionMethod: EncryptionMethod56Bit, EncryptionLevel: EncryptionLevelFIPS,
			ServerRandom: random, ServerCertificate: []byte{1}}},
		{"random-16", ServerSecurityData{EncryptionMethod: EncryptionMethod128Bit, EncryptionLevel: EncryptionLevelHigh,
			ServerRandom: random[:16], ServerCertificate: []byte{1}}},
		{"no-certificate", ServerSecurityData{EncryptionMethod: EncryptionMethod128Bit, EncryptionLevel: EncryptionLevelHigh,
			ServerRandom: random}},
		{"certificate-too-big", ServerSecurityData{EncryptionMethod: EncryptionMethod128Bit, EncryptionLevel: EncryptionLevelHigh,
			ServerRandom: random, ServerCertificate: make([]byte, 0xFFFF)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := tt.s.AppendBinary(nil); err == nil {
				t.Errorf("encoded %x", b)
			}
		})
	}
}

func TestCheckEncryption(t *testing.T) {
	methods := []EncryptionMethod{EncryptionMethodNone, EncryptionMethod40Bit, EncryptionMethod128Bit,
		EncryptionMethod56Bit, EncryptionMethodFIPS, EncryptionMethod40Bit | EncryptionMethod128Bit}
	allowed := map[EncryptionLevel][]EncryptionMethod{ // [MS-RDPBCGR] 5.3.2, as FreeRDP 2.11 checks it
		EncryptionLevelNone:             {EncryptionMethodNone},
		EncryptionLevelLow:              {EncryptionMethod40Bit, EncryptionMethod56Bit, EncryptionMethod128Bit, EncryptionMethodFIPS},
		EncryptionLevelClientCompatible: {EncryptionMethod40Bit, EncryptionMethod56Bit, EncryptionMethod128Bit, EncryptionMethodFIPS},
		EncryptionLevelHigh:             {EncryptionMethod40Bit, EncryptionMethod56Bit, EncryptionMethod128Bit, EncryptionMethodFIPS},
		EncryptionLevelFIPS:             {EncryptionMethodFIPS},
		5:                               nil,
	}
	for level, ok := range allowed {
		for _, m := range methods {
			want := false
			for _, a := range ok {
				want = want || a == m
			}
			if got := CheckEncryption(m, level) == nil; got != want {
				t.Errorf("CheckEncryption(%v, %v) ok = %v, want %v", m, level, got, want)
			}
		}
	}
}

func TestEncryptionStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{EncryptionMethodNone.String(), "NONE"},
		{EncryptionMethod(0x1b).String(), "40BIT|56BIT|128BIT|FIPS"},
		{EncryptionMethod(0x104).String(), "0x104"},
		{EncryptionLevelClientCompatible.String(), "CLIENT_COMPATIBLE"},
		{EncryptionLevel(9).String(), "EncryptionLevel(9)"},
	} {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
	if !EncryptionMethod(0x1b).Has(EncryptionMethod128Bit) || EncryptionMethod(0x1).Has(EncryptionMethod128Bit) {
		t.Error("Has")
	}
}

func FuzzServerSecurityData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr414Security))
	f.Add(rdptest.Hex(`02 0c 0c 00 00 00 00 00 00 00 00 00`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newServerSecurityData)
	})
}
