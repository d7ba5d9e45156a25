package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newDomainParameters() *DomainParameters { return new(DomainParameters) }

func TestDomainParameters(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want DomainParameters
		opts []rdptest.GoldenOption
	}{{
		// [MS-RDPBCGR] 4.1.4; also the merged set rdp-server.md §1.2 gives.
		name: "bcgr-4.1.4",
		raw:  rdptest.Hex("30 1a 02 01 22 02 01 03 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff f8 02 01 02"),
		want: DomainParameters{MaxChannelIDs: 34, MaxUserIDs: 3, NumPriorities: 1, MaxHeight: 1, MaxMCSPDUSize: 65528, ProtocolVersion: 2},
	}, {
		// [MS-RDPBCGR] 4.1.3 targetParameters, with 65535 as FF FF.
		name: "bcgr-4.1.3-target",
		raw:  rdptest.Hex("30 19 02 01 22 02 01 02 02 01 00 02 01 01 02 01 00 02 01 01 02 02 ff ff 02 01 02"),
		want: DomainParameters{34, 2, 0, 1, 0, 1, 65535, 2},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "large-values",
		raw: rdptest.Hex(`30 27
			02 05 00 ff ff ff ff 02 04 7f ff ff ff 02 03 01 00 00 02 02 01 00
			02 01 00 02 01 7f 02 02 00 80 02 05 00 80 00 00 00`),
		want: DomainParameters{0xFFFFFFFF, 0x7FFFFFFF, 0x10000, 0x100, 0, 0x7F, 0x80, 0x80000000},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newDomainParameters, tt.opts...)
		})
	}
}

func TestDomainParametersRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("31 18 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00"),          // SET tag
		rdptest.Hex("30 15 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00"),                   // seven
		rdptest.Hex("30 1b 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00"), // nine
		rdptest.Hex("30 18 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 02 01 00 0a 01 00"),          // ENUMERATED
	} {
		if err := newDomainParameters().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
}

func FuzzDomainParameters(f *testing.F) {
	f.Add(rdptest.Hex("30 1a 02 01 22 02 01 03 02 01 00 02 01 01 02 01 00 02 01 01 02 03 00 ff f8 02 01 02"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newDomainParameters)
	})
}
