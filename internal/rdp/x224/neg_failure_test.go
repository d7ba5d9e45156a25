package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newNegFailure() *NegotiationFailure { return new(NegotiationFailure) }

func TestNegotiationFailure(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want NegotiationFailure
	}{{
		name: "ssl-required",
		raw: rdptest.Hex(`
			03          # type: TYPE_RDP_NEG_FAILURE
			00          # flags
			08 00       # length: 8
			01 00 00 00 # failureCode: SSL_REQUIRED_BY_SERVER`),
		want: NegotiationFailure{Code: SSLRequiredByServer},
	}, {
		name: "hybrid-required",
		raw:  rdptest.Hex("03 00 0800 05000000"),
		want: NegotiationFailure{Code: HybridRequiredByServer},
	}, {
		name: "ssl-with-user-auth-required",
		raw:  rdptest.Hex("03 00 0800 06000000"),
		want: NegotiationFailure{Code: SSLWithUserAuthRequiredByServer},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newNegFailure)
		})
	}
}

func TestNegotiationFailureRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("03 01 0800 01000000"), // flags
		rdptest.Hex("03 00 0800 00000000"), // code 0
		rdptest.Hex("03 00 0800 07000000"), // code 7
		rdptest.Hex("02 00 0800 01000000"), // RDP_NEG_RSP type
	} {
		if err := newNegFailure().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
	if _, err := (&NegotiationFailure{Code: 9}).AppendBinary(nil); err == nil {
		t.Error("encoded an undefined failure code")
	}
}

func TestFailureCodeString(t *testing.T) {
	for c, want := range map[FailureCode]string{
		SSLRequiredByServer:             "SSL_REQUIRED_BY_SERVER",
		SSLNotAllowedByServer:           "SSL_NOT_ALLOWED_BY_SERVER",
		SSLCertNotOnServer:              "SSL_CERT_NOT_ON_SERVER",
		InconsistentFlags:               "INCONSISTENT_FLAGS",
		HybridRequiredByServer:          "HYBRID_REQUIRED_BY_SERVER",
		SSLWithUserAuthRequiredByServer: "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER",
		0:                               "FailureCode(0x0)",
		0x1234:                          "FailureCode(0x1234)",
	} {
		if got := c.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}

func FuzzNegotiationFailure(f *testing.F) {
	f.Add(rdptest.Hex("03 00 0800 01000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newNegFailure)
	})
}
