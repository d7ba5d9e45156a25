package sec

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestBasicHeader(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want BasicHeader
	}{{
		name: "bcgr-4.1.9-security-exchange",
		raw: rdptest.Hex(`
			01 02 # flags = SEC_EXCHANGE_PKT|SEC_LICENSE_ENCRYPT_SC
			00 00 # flagsHi
		`),
		want: BasicHeader{Flags: ExchangePkt | LicenseEncryptSC},
	}, {
		// flagsHi holds garbage when SEC_FLAGSHI_VALID is clear; it is kept.
		name: "bcgr-4.1.11-license-flagsHi-garbage",
		raw: rdptest.Hex(`
			88 02 # flags = SEC_ENCRYPT|SEC_LICENSE_PKT|SEC_LICENSE_ENCRYPT_CS
			02 03 # flagsHi (ignored: no SEC_FLAGSHI_VALID)
		`),
		want: BasicHeader{Flags: Encrypt | LicensePkt | LicenseEncryptCS, FlagsHi: 0x0302},
	}, {
		name: "rdp-server-appendix-A-license",
		raw:  rdptest.Hex("80 00 00 00"), // flags = SEC_LICENSE_PKT, flagsHi = 0
		want: BasicHeader{Flags: LicensePkt},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, func() *BasicHeader { return new(BasicHeader) })
		})
	}
}

func TestNonFIPSHeader(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want NonFIPSHeader
	}{{
		name: "bcgr-4.1.10-client-info",
		raw: rdptest.Hex(`
			48 00 # flags = SEC_INFO_PKT|SEC_ENCRYPT
			00 00 # flagsHi
			45 ca 46 fa 5e a7 be bc # dataSignature
		`),
		want: NonFIPSHeader{Flags: InfoPkt | Encrypt, Signature: [8]byte{0x45, 0xca, 0x46, 0xfa, 0x5e, 0xa7, 0xbe, 0xbc}},
	}, {
		name: "bcgr-4.1.11-license",
		raw: rdptest.Hex(`
			88 02 # flags = SEC_ENCRYPT|SEC_LICENSE_PKT|SEC_LICENSE_ENCRYPT_CS
			02 03 # flagsHi (garbage)
			8d 43 9a ab d5 2a 31 39 # dataSignature
		`),
		want: NonFIPSHeader{Flags: Encrypt | LicensePkt | LicenseEncryptCS, FlagsHi: 0x0302, Signature: [8]byte{0x8d, 0x43, 0x9a, 0xab, 0xd5, 0x2a, 0x31, 0x39}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, func() *NonFIPSHeader { return new(NonFIPSHeader) })
			if got := tt.want.Basic(); got.Flags != tt.want.Flags || got.FlagsHi != tt.want.FlagsHi {
				t.Errorf("Basic() = %+v", got)
			}
		})
	}
}

func TestFlagsString(t *testing.T) {
	for _, tt := range []struct {
		f    Flags
		want string
	}{
		{0, "0"},
		{ExchangePkt | LicenseEncryptSC, "SEC_EXCHANGE_PKT|SEC_LICENSE_ENCRYPT"},
		{InfoPkt | Encrypt | SecureChecksum, "SEC_ENCRYPT|SEC_INFO_PKT|SEC_SECURE_CHECKSUM"},
		{0x0100 | FlagsHiValid, "SEC_FLAGSHI_VALID|0x100"},
	} {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("Flags(%#04x).String() = %q, want %q", uint16(tt.f), got, tt.want)
		}
	}
	if !(Encrypt | InfoPkt).Has(Encrypt) || Flags(0).Has(Encrypt) {
		t.Error("Has")
	}
}

func FuzzBasicHeader(f *testing.F) {
	f.Add(rdptest.Hex("01 02 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *BasicHeader { return new(BasicHeader) })
	})
}

func FuzzNonFIPSHeader(f *testing.F) {
	f.Add(rdptest.Hex("48 00 00 00 45 ca 46 fa 5e a7 be bc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *NonFIPSHeader { return new(NonFIPSHeader) })
	})
}
