package dvc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newCreateResponse() *CreateResponse { return new(CreateResponse) }

func TestCreateResponse(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want CreateResponse
		opts []rdptest.GoldenOption
	}{{
		// IronRDP's testsuite (tests/dvc/create.rs).
		name: "ok",
		raw: rdptest.Hex(`
			10             # cbId 0, Sp 0, Cmd 1
			03             # ChannelId: 3
			00 00 00 00    # CreationStatus: S_OK
		`),
		want: CreateResponse{ChannelID: 3},
	}, {
		// FreeRDP 2.11 (and mstsc) answer 0xC0000001 when no listener has
		// the name (drdynvc_main.c drdynvc_process_create_request).
		name: "freerdp-no-listener",
		raw:  rdptest.Hex(`10 01  01 00 00 c0`),
		want: CreateResponse{ChannelID: 1, CreationStatus: -0x3FFFFFFF},
	}, {
		// FreeRDP echoes the request's header and ChannelId bytes, so the
		// width is the server's; a wider one is accepted too.
		name: "4-byte-id",
		raw:  rdptest.Hex(`12  01 00 00 00  00 00 00 00`),
		want: CreateResponse{ChannelID: 1},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "sp-ignored",
		raw:  rdptest.Hex(`1c 01 00 00 00 00`),
		want: CreateResponse{ChannelID: 1},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}, {
		name: "2-byte-id-positive-status",
		raw:  rdptest.Hex(`11  34 12  01 00 00 00`),
		want: CreateResponse{ChannelID: 0x1234, CreationStatus: 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newCreateResponse, tt.opts...)
		})
	}
	if err := new(CreateResponse).UnmarshalBinary(rdptest.Hex(`13 01 00 00 00 00 00 00 00`)); err == nil {
		t.Fatal("cbId 3 decoded")
	}
}

func FuzzCreateResponse(f *testing.F) {
	f.Add(rdptest.Hex("10 03 00 00 00 00"))
	f.Add(rdptest.Hex("12 01 00 00 00 01 00 00 c0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCreateResponse)
	})
}
