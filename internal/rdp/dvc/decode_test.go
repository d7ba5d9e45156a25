package dvc

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		dir  Direction
		want PDU
	}{
		{"caps-request", `50 00 01 00`, FromServer, &CapsRequest{Version: 1}},
		{"caps-response", `50 00 01 00`, FromClient, &CapsResponse{Version: 1}},
		{"create-request", `10 01 45 43 48 4f 00`, FromServer, &CreateRequest{ChannelID: 1, Name: "ECHO"}},
		{"create-response", `10 01 00 00 00 00`, FromClient, &CreateResponse{ChannelID: 1}},
		{"data-first-server", `20 01 03 aa`, FromServer, &DataFirst{ChannelID: 1, Length: 3, Data: []byte{0xaa}}},
		{"data-first-client", `20 01 03 aa`, FromClient, &DataFirst{ChannelID: 1, Length: 3, Data: []byte{0xaa}}},
		{"data", `30 01 aa`, FromClient, &Data{ChannelID: 1, Data: []byte{0xaa}}},
		{"close", `40 01`, FromClient, &Close{ChannelID: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(rdptest.Hex(tt.raw), tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"empty", ``, "empty"},
		{"data-first-compressed", `60 01 10 aa`, "compressed"},
		{"data-compressed", `70 01 aa`, "compressed"},
		{"soft-sync-request", `80 00 08 00 00 00 01 00 00 00`, "soft-sync"},
		{"soft-sync-response", `90 00 00 00 00 00`, "soft-sync"},
		{"cmd-0", `00 01`, "unknown Cmd"},
		{"cmd-0xa", `a0 01`, "unknown Cmd"},
		{"cmd-0xf", `f0`, "unknown Cmd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, dir := range []Direction{FromClient, FromServer} {
				_, err := Decode(rdptest.Hex(tt.raw), dir)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("%v: err %v, want one mentioning %q", dir, err, tt.want)
				}
			}
		})
	}
}

func TestCmdString(t *testing.T) {
	if CmdDataFirst.String() != "DataFirst" || Cmd(0xb).String() != "Cmd(0xb)" || FromServer.String() != "server-to-client" {
		t.Fatal("String")
	}
}

// FuzzDecode decodes in both directions; whatever decodes re-encodes to
// something that decodes to an equal PDU.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"50 00 02 00 00 00 00 00 00 00 00 00", "50 00 02 00", "10 01 45 43 48 4f 00", "10 01 01 00 00 c0",
		"24 03 7b 0c 71 71", "30 03 71", "42 01 00 00 00", "60 01 10 aa",
	} {
		f.Add(rdptest.Hex(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, dir := range []Direction{FromClient, FromServer} {
			p, err := Decode(b, dir)
			if err != nil {
				continue
			}
			enc, err := p.AppendBinary(nil)
			if err != nil {
				t.Fatalf("%v %T does not encode: %v", dir, p, err)
			}
			if len(enc) != p.Size() {
				t.Fatalf("%T: Size %d, encoded %d", p, p.Size(), len(enc))
			}
			q, err := Decode(enc, dir)
			if err != nil {
				t.Fatalf("%v %T re-encoded does not decode: %v", dir, p, err)
			}
			if d := cmp.Diff(p, q, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("round trip (-first +second):\n%s", d)
			}
		}
	})
}
