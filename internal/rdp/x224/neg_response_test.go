package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newNegRsp() *NegotiationResponse { return new(NegotiationResponse) }

func TestNegotiationResponse(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want NegotiationResponse
	}{{
		name: "bcgr-4.1.2", // the last 8 bytes of [MS-RDPBCGR] 4.1.2
		raw: rdptest.Hex(`
			02          # type: TYPE_RDP_NEG_RSP
			00          # flags
			08 00       # length: 8
			00 00 00 00 # selectedProtocol: PROTOCOL_RDP`),
		want: NegotiationResponse{Protocol: ProtocolRDP},
	}, {
		name: "rdp-server-appendix-a-ssl",
		raw:  rdptest.Hex("02 01 0800 01000000"),
		want: NegotiationResponse{Flags: ExtendedClientDataSupported, Protocol: ProtocolSSL},
	}, {
		name: "all-flags-hybrid-ex",
		raw:  rdptest.Hex("02 1f 0800 08000000"),
		want: NegotiationResponse{
			Flags: ExtendedClientDataSupported | DynvcGfxProtocolSupported | NegRspFlagReserved |
				RestrictedAdminModeSupported | RedirectedAuthenticationModeSupported,
			Protocol: ProtocolHybridEx,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newNegRsp)
		})
	}
}

func TestNegotiationResponseRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("01 00 0800 00000000"), // RDP_NEG_REQ type
		rdptest.Hex("03 00 0800 01000000"), // RDP_NEG_FAILURE type
		rdptest.Hex("02 00 0700 00000000"), // length 7
	} {
		if err := newNegRsp().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
}

func TestNegRspFlagsString(t *testing.T) {
	f := ExtendedClientDataSupported | DynvcGfxProtocolSupported | 0x80
	if got, want := f.String(), "EXTENDED_CLIENT_DATA_SUPPORTED|DYNVC_GFX_PROTOCOL_SUPPORTED|0x80"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if !f.Has(DynvcGfxProtocolSupported) || f.Has(RestrictedAdminModeSupported) {
		t.Error("Has")
	}
}

func FuzzNegotiationResponse(f *testing.F) {
	f.Add(rdptest.Hex("02 00 0800 00000000"))
	f.Add(rdptest.Hex("02 01 0800 01000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newNegRsp)
	})
}
