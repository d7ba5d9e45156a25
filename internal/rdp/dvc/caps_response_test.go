package dvc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newCapsResponse() *CapsResponse { return new(CapsResponse) }

func TestCapsResponse(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want CapsResponse
		opts []rdptest.GoldenOption
	}{{
		// FreeRDP 2.11's client writes u16 0x0050 and then the server's
		// version (drdynvc_main.c drdynvc_send_capability_response).
		name: "freerdp-2.11-client-v2",
		raw: rdptest.Hex(`
			50       # cbId 0, Sp 0, Cmd 5
			00       # Pad
			02 00    # Version: 2
		`),
		want: CapsResponse{Version: Version2},
	}, {
		name: "v1",
		raw:  rdptest.Hex(`50 00 01 00`),
		want: CapsResponse{Version: Version1},
	}, {
		// "Note: MSTSC sends 0x005c" (FreeRDP drdynvc_main.c): Sp = 3.
		name: "mstsc-sp-3",
		raw:  rdptest.Hex(`5c 00 02 00`),
		want: CapsResponse{Version: Version2},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newCapsResponse, tt.opts...)
		})
	}
}

func TestCapsResponseErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"cbId-2":    `52 00 02 00`,
		"pad":       `50 ff 02 00`,
		"version-0": `50 00 00 00`,
		"version-4": `50 00 04 00`,
		"wrong-cmd": `30 00 02 00`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := new(CapsResponse).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
	if _, err := (&CapsResponse{Version: 9}).AppendBinary(nil); err == nil {
		t.Fatal("version 9 encoded")
	}
}

func FuzzCapsResponse(f *testing.F) {
	f.Add(rdptest.Hex("50 00 02 00"))
	f.Add(rdptest.Hex("5c 00 01 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCapsResponse)
	})
}
