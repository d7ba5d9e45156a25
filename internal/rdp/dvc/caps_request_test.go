package dvc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newCapsRequest() *CapsRequest { return new(CapsRequest) }

func TestCapsRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want CapsRequest
		opts []rdptest.GoldenOption
	}{{
		// FreeRDP 2.11's server sends DYNVC_CAPS_VERSION1 as the
		// little-endian u32 0x00010050 (server.c; rdp-server.md §4.2).
		name: "freerdp-2.11-server-v1",
		raw: rdptest.Hex(`
			50       # cbId 0, Sp 0, Cmd 5 (Capabilities)
			00       # Pad
			01 00    # Version: 1
		`),
		want: CapsRequest{Version: Version1},
	}, {
		name: "ranoviced-v2-zero-charges",
		raw: rdptest.Hex(`
			50 00    # header, Pad
			02 00    # Version: 2
			00 00    # PriorityCharge0
			00 00    # PriorityCharge1
			00 00    # PriorityCharge2
			00 00    # PriorityCharge3
		`),
		want: CapsRequest{Version: Version2},
	}, {
		// The v2 vector of IronRDP's testsuite (tests/dvc/capabilities.rs).
		name: "v2-charges",
		raw: rdptest.Hex(`
			50 00 02 00
			33 33    # PriorityCharge0: 0x3333
			11 11    # PriorityCharge1: 0x1111
			3d 0a    # PriorityCharge2: 0x0a3d
			a7 04    # PriorityCharge3: 0x04a7
		`),
		want: CapsRequest{Version: Version2, PriorityCharges: [4]uint16{0x3333, 0x1111, 0x0a3d, 0x04a7}},
	}, {
		name: "v3",
		raw:  rdptest.Hex(`50 00 03 00  01 00 02 00 03 00 04 00`),
		want: CapsRequest{Version: Version3, PriorityCharges: [4]uint16{1, 2, 3, 4}},
	}, {
		// Sp "SHOULD be initialized to 0x00"; a nonzero Sp is ignored.
		name: "sp-nonzero",
		raw:  rdptest.Hex(`5c 00 01 00`),
		want: CapsRequest{Version: Version1},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newCapsRequest, tt.opts...)
		})
	}
}

func TestCapsRequestErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"cbId-1":        `51 00 01 00`,
		"pad-1":         `50 01 01 00`,
		"version-0":     `50 00 00 00`,
		"version-4":     `50 00 04 00 00 00 00 00 00 00 00 00`,
		"v2-no-charges": `50 00 02 00`,
		"v2-short":      `50 00 02 00 00 00 00 00 00 00 00`,
		"v1-trailing":   `50 00 01 00 00 00 00 00 00 00 00 00`,
		"wrong-cmd":     `10 00 01 00`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := new(CapsRequest).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
	for name, p := range map[string]CapsRequest{
		"version-0":       {},
		"version-4":       {Version: 4},
		"v1-with-charges": {Version: Version1, PriorityCharges: [4]uint16{1}},
	} {
		t.Run("encode-"+name, func(t *testing.T) {
			if _, err := p.AppendBinary(nil); err == nil {
				t.Fatal("encoded without error")
			}
		})
	}
}

func FuzzCapsRequest(f *testing.F) {
	f.Add(rdptest.Hex("50 00 01 00"))
	f.Add(rdptest.Hex("50 00 02 00 33 33 11 11 3d 0a a7 04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCapsRequest)
	})
}
