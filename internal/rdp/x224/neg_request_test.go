package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newNegReq() *NegotiationRequest { return new(NegotiationRequest) }

func TestNegotiationRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want NegotiationRequest
	}{{
		name: "bcgr-4.1.1", // the last 8 bytes of [MS-RDPBCGR] 4.1.1
		raw: rdptest.Hex(`
			01          # type: TYPE_RDP_NEG_REQ
			00          # flags
			08 00       # length: 8
			00 00 00 00 # requestedProtocols: PROTOCOL_RDP`),
		want: NegotiationRequest{Protocols: ProtocolRDP},
	}, {
		name: "xfreerdp-2.11-default-ssl-hybrid",
		raw:  rdptest.Hex("01 00 0800 03000000"),
		want: NegotiationRequest{Protocols: ProtocolSSL | ProtocolHybrid},
	}, {
		name: "xfreerdp-2.11-assistance-ssl", // ra-protocol.md §5.1
		raw:  rdptest.Hex("01 00 0800 01000000"),
		want: NegotiationRequest{Protocols: ProtocolSSL},
	}, {
		name: "correlation-flag-all-protocols",
		raw:  rdptest.Hex("01 08 0800 1f000000"),
		want: NegotiationRequest{
			Flags:     CorrelationInfoPresent,
			Protocols: ProtocolSSL | ProtocolHybrid | ProtocolRDSTLS | ProtocolHybridEx | ProtocolRDSAAD,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newNegReq)
		})
	}
}

func TestNegotiationRequestRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
	}{
		{"type-rsp", rdptest.Hex("02 00 0800 00000000")},
		{"length-9", rdptest.Hex("01 00 0900 00000000")},
		{"length-big-endian", rdptest.Hex("01 00 0008 00000000")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := newNegReq().UnmarshalBinary(tt.raw); err == nil {
				t.Errorf("decoded %x", tt.raw)
			}
		})
	}
}

func TestNegReqFlagsString(t *testing.T) {
	for f, want := range map[NegReqFlags]string{
		0:                                    "0",
		CorrelationInfoPresent:               "CORRELATION_INFO_PRESENT",
		RestrictedAdminModeRequired | 4:      "RESTRICTED_ADMIN_MODE_REQUIRED|0x4",
		RedirectedAuthenticationModeRequired: "REDIRECTED_AUTHENTICATION_MODE_REQUIRED",
	} {
		if got := f.String(); got != want {
			t.Errorf("%#x.String() = %q, want %q", uint8(f), got, want)
		}
	}
	if !(CorrelationInfoPresent | 1).Has(CorrelationInfoPresent) || NegReqFlags(1).Has(CorrelationInfoPresent) {
		t.Error("Has")
	}
}

func FuzzNegotiationRequest(f *testing.F) {
	f.Add(rdptest.Hex("01 00 0800 00000000"))
	f.Add(rdptest.Hex("01 08 0800 03000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newNegReq)
	})
}
