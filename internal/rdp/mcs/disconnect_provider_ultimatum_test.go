package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newDPUm() *DisconnectProviderUltimatum { return new(DisconnectProviderUltimatum) }

func TestDisconnectProviderUltimatum(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want DisconnectProviderUltimatum
	}{{
		// Also rdp-server.md Appendix A, byte for byte.
		name: "bcgr-4.2.3-user-requested",
		raw: mcsPayload(t, `
			03 00 00 09 # TPKT
			02 f0 80    # X.224 Data
			21          # CHOICE disconnectProviderUltimatum (8); reason bits 2-1 (01)
			80          # reason bit 0 (1): rn-user-requested (3); 7 bits padding`),
		want: DisconnectProviderUltimatum{Reason: ReasonUserRequested},
	}, {
		name: "domain-disconnected",
		raw:  rdptest.Hex("20 00"),
		want: DisconnectProviderUltimatum{Reason: ReasonDomainDisconnected},
	}, {
		name: "provider-initiated",
		raw:  rdptest.Hex("20 80"),
		want: DisconnectProviderUltimatum{Reason: ReasonProviderInitiated},
	}, {
		name: "token-purged",
		raw:  rdptest.Hex("21 00"),
		want: DisconnectProviderUltimatum{Reason: ReasonTokenPurged},
	}, {
		name: "channel-purged",
		raw:  rdptest.Hex("22 00"),
		want: DisconnectProviderUltimatum{Reason: ReasonChannelPurged},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newDPUm)
		})
	}
}

func TestDisconnectProviderUltimatumRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("22 80"), // reason 5
		rdptest.Hex("23 80"), // reason 7
		rdptest.Hex("21 81"), // padding
		rdptest.Hex("25 80"), // choice 9
	} {
		if err := newDPUm().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
	if b, err := (&DisconnectProviderUltimatum{Reason: 5}).AppendBinary(nil); err == nil {
		t.Errorf("encoded reason 5 as %x", b)
	}
}

func FuzzDisconnectProviderUltimatum(f *testing.F) {
	f.Add(rdptest.Hex("21 80"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newDPUm)
	})
}
