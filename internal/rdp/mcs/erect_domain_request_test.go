package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newErectDomainRequest() *ErectDomainRequest { return new(ErectDomainRequest) }

func TestErectDomainRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ErectDomainRequest
	}{{
		name: "bcgr-4.1.5",
		raw: mcsPayload(t, `
			03 00 00 0c # TPKT
			02 f0 80    # X.224 Data
			04          # CHOICE erectDomainRequest (1), 2 bits padding
			01 00       # subHeight: length 1, 0
			01 00       # subInterval: length 1, 0`),
		want: ErectDomainRequest{},
	}, {
		name: "wide-integers",
		raw:  rdptest.Hex("04 02 01 00 04 00 01 00 00"),
		want: ErectDomainRequest{SubHeight: 0x100, SubInterval: 0x10000},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newErectDomainRequest)
		})
	}
}

func TestErectDomainRequestRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("05 01 00 01 00"),       // padding bit set
		rdptest.Hex("28 01 00 01 00"),       // attachUserRequest
		rdptest.Hex("04 03 00 00 00 01 00"), // 3-octet integer (per rejects)
	} {
		if err := newErectDomainRequest().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
}

func FuzzErectDomainRequest(f *testing.F) {
	f.Add(rdptest.Hex("04 01 00 01 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newErectDomainRequest)
	})
}
