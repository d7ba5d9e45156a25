package dvc

import (
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newCreateRequest() *CreateRequest { return new(CreateRequest) }

func TestCreateRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want CreateRequest
		opts []rdptest.GoldenOption
	}{{
		// The create request of IronRDP's testsuite (tests/dvc/create.rs).
		name: "testdvc",
		raw: rdptest.Hex(`
			10                         # cbId 0 (1 byte), Pri 0, Cmd 1 (Create)
			03                         # ChannelId: 3
			74 65 73 74 64 76 63 00    # ChannelName: "testdvc\0"
		`),
		want: CreateRequest{ChannelID: 3, Name: "testdvc"},
	}, {
		// What the Manager sends to open the MS-RDPEECO test channel that
		// xfreerdp /echo listens for (rdp-server.md §4.2).
		name: "echo",
		raw:  rdptest.Hex(`10 01  45 43 48 4f 00`),
		want: CreateRequest{ChannelID: 1, Name: "ECHO"},
	}, {
		name: "rc-ctl-2-byte-id-pri-2",
		raw: rdptest.Hex(`
			19                         # cbId 1 (2 bytes), Pri 2, Cmd 1
			00 01                      # ChannelId: 0x0100
			52 43 5f 43 54 4c 00       # "RC_CTL\0"
		`),
		want: CreateRequest{ChannelID: 0x100, Priority: 2, Name: "RC_CTL"},
	}, {
		name: "4-byte-id",
		raw:  rdptest.Hex(`12  00 00 01 00  41 00`),
		want: CreateRequest{ChannelID: 0x10000, Name: "A"},
	}, {
		name: "non-minimal-id-width",
		raw:  rdptest.Hex(`12  03 00 00 00  41 00`),
		want: CreateRequest{ChannelID: 3, Name: "A"},
		opts: []rdptest.GoldenOption{rdptest.DecodeOnly()},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newCreateRequest, tt.opts...)
		})
	}
}

func TestCreateRequestErrors(t *testing.T) {
	long := strings.Repeat("x", MaxNameLength+1)
	for name, raw := range map[string][]byte{
		"no-nul":        rdptest.Hex(`10 01 41 42`),
		"empty-name":    rdptest.Hex(`10 01 00`),
		"after-nul":     rdptest.Hex(`10 01 41 00 42`),
		"cbId-3":        rdptest.Hex(`13 01 00 00 00 41 00`),
		"short-id":      rdptest.Hex(`12 01 00`),
		"too-long-name": append(append([]byte{0x10, 0x01}, long...), 0),
	} {
		t.Run(name, func(t *testing.T) {
			if err := new(CreateRequest).UnmarshalBinary(raw); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
	for name, p := range map[string]CreateRequest{
		"empty":    {ChannelID: 1},
		"nul":      {ChannelID: 1, Name: "a\x00b"},
		"long":     {ChannelID: 1, Name: long},
		"priority": {ChannelID: 1, Name: "a", Priority: 4},
	} {
		t.Run("encode-"+name, func(t *testing.T) {
			if _, err := p.AppendBinary(nil); err == nil {
				t.Fatal("encoded without error")
			}
		})
	}
	max := CreateRequest{ChannelID: 1, Name: strings.Repeat("x", MaxNameLength)}
	b, err := max.AppendBinary(nil)
	if err != nil || new(CreateRequest).UnmarshalBinary(b) != nil {
		t.Fatalf("longest name: %v", err)
	}
}

func FuzzCreateRequest(f *testing.F) {
	f.Add(rdptest.Hex("10 03 74 65 73 74 64 76 63 00"))
	f.Add(rdptest.Hex("19 00 01 52 43 5f 43 54 4c 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCreateRequest)
	})
}
