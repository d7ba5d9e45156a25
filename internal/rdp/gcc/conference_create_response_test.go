package gcc

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newConferenceCreateResponse() *ConferenceCreateResponse { return new(ConferenceCreateResponse) }

func bcgr414Response() []byte {
	return append(rdptest.Hex(bcgr414Wrapper), bcgr414Blocks()...)
}

func TestConferenceCreateResponse(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ConferenceCreateResponse
	}{{
		name: "bcgr-4.1.4", // the whole Connect-Response userData of 4.1.4, 287 bytes
		raw:  bcgr414Response(),
		want: ConferenceCreateResponse{NodeID: 31219, Tag: 1, Result: ResultSuccess, Data: bcgr414Data()},
	}, {
		name: "ranoviced",
		raw:  rdptest.Hex(ranovicedWrapper + ranovicedBlocks),
		want: *NewConferenceCreateResponse(withServerOrder(ranovicedData(), SCCore, SCNet, SCSecurity, SCMCSMsgChannel)),
	}, {
		name: "other-node-tag-result",
		raw: rdptest.Hex(`
			00 05 00 14 7c 00 01  # ConnectData::t124Identifier
			2a                    # connectPDU length
			14                    # conferenceCreateResponse, userData present
			00 00                 # nodeID: 1001
			02 01 00              # tag: 256
			10                    # result: userRejected
			01 c0 00 4d 63 44 6e  # userData, "McDn"
			00                    # value length: 0
		`),
		want: ConferenceCreateResponse{NodeID: 1001, Tag: 256, Result: ResultUserRejected},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newConferenceCreateResponse)
		})
	}
}

// NewConferenceCreateResponse with ServerData built by hand produces the
// bytes ranoviced sends.
func TestNewConferenceCreateResponse(t *testing.T) {
	p := NewConferenceCreateResponse(ranovicedData())
	got, err := wire.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := rdptest.Hex(ranovicedWrapper + ranovicedBlocks); string(got) != string(want) {
		t.Errorf("encoded\n %x\nwant\n %x", got, want)
	}
}

// 4.1.4: the connectPDU length "MUST be ignored by the client". IronRDP's
// server writes data + 14 in the two-byte form (81 16 for 4.1.4's 264 bytes
// of data, as in ironrdp-testsuite-core conference_create.rs); it decodes.
func TestConferenceCreateResponseConnectPDULength(t *testing.T) {
	raw := append([]byte(nil), bcgr414Response()[:7]...)
	raw = append(raw, 0x81, 0x16) // 264 + 14
	raw = append(raw, bcgr414Response()[8:]...)
	want := ConferenceCreateResponse{NodeID: 31219, Tag: 1, Data: bcgr414Data()}
	rdptest.Golden(t, raw, &want, newConferenceCreateResponse, rdptest.DecodeOnly())
}

func TestConferenceCreateResponseErrors(t *testing.T) {
	mutate := func(off int, v byte) []byte {
		b := bcgr414Response()
		b[off] = v
		return b
	}
	for _, tt := range []struct {
		name  string
		raw   []byte
		field string
	}{
		{"oid", mutate(3, 0x15), "t124Identifier"},
		{"create-request-choice", mutate(8, 0x00), "ConnectGCCPDU"},
		{"no-userData", mutate(8, 0x10), "ConnectGCCPDU"},
		{"nodeID-overflow", mutate(9, 0xff), "integer16"},
		{"tag-length-3", mutate(11, 0x03), "per integer"},
		{"result-extension", mutate(13, 0x80), "result"},
		{"result-padding", mutate(13, 0x01), "result"},
		{"result-5", mutate(13, 0x50), "result"},
		{"two-sets", mutate(14, 0x02), "UserData"},
		{"key-Duca", func() []byte { b := bcgr414Response(); copy(b[17:21], "Duca"); return b }(), "h221NonStandard"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := new(ConferenceCreateResponse).UnmarshalBinary(tt.raw)
			var de *wire.DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("err = %v, want a DecodeError about %s", err, tt.field)
			}
		})
	}
	if err := new(ConferenceCreateResponse).UnmarshalBinary(append(bcgr414Response(), 0)); !errors.Is(err, wire.ErrTrailing) {
		t.Errorf("trailing byte: %v", err)
	}
}

func TestConferenceCreateResponseEncodeErrors(t *testing.T) {
	for _, p := range []ConferenceCreateResponse{
		{NodeID: 1000, Tag: 1},
		{NodeID: 31219, Tag: 1, Result: 5},
		{NodeID: 31219, Data: ServerData{Unknown: []RawBlock{{Type: 0x0CFF, Data: make([]byte, 0x4000)}}}},
	} {
		if b, err := p.AppendBinary(nil); err == nil {
			t.Errorf("%+v encoded %x", p, b)
		}
	}
	if got := ResultLockedConferenceNotSupported.String(); got != "lockedConferenceNotSupported" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzConferenceCreateResponse(f *testing.F) {
	f.Add(bcgr414Response())
	f.Add(rdptest.Hex(ranovicedWrapper + ranovicedBlocks))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newConferenceCreateResponse)
	})
}
