package gcc

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newConferenceCreateRequest() *ConferenceCreateRequest { return new(ConferenceCreateRequest) }

func bcgr413Request() []byte {
	return append(rdptest.Hex(bcgr413Wrapper), bcgr413Blocks()...)
}

func TestConferenceCreateRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ConferenceCreateRequest
	}{{
		name: "bcgr-4.1.3", // the whole Connect-Initial userData of 4.1.3, 307 bytes
		raw:  bcgr413Request(),
		want: ConferenceCreateRequest{Data: bcgr413Data()},
	}, {
		name: "xfreerdp-2.11.7",
		raw:  append(rdptest.Hex(xfreerdpWrapper), xfreerdpBlocks()...),
		want: ConferenceCreateRequest{Data: withOrder(xfreerdpData(),
			CSCore, CSCluster, CSSecurity, CSNet, CSMCSMsgChannel, CSMultitransport)},
	}, {
		name: "short-data", // one-byte lengths
		raw: rdptest.Hex(`
			00 05 00 14 7c 00 01  # ConnectData::t124Identifier
			19                    # connectPDU length = 25
			00 08 00 10 00 01 c0 00 44 75 63 61
			0c                    # userData value length = 12
		` + bcgr413Security),
		want: ConferenceCreateRequest{Data: ClientData{Security: ptr(bcgr413SecurityValue()), Order: []BlockType{CSSecurity}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newConferenceCreateRequest)
		})
	}
}

// IronRDP's client leaves the value's length determinant out of the
// connectPDU length (data + 12): 4.1.3's data with 81 28 instead of 81 2a.
// It decodes, and re-encodes with the exact length.
func TestConferenceCreateRequestIronRDPLength(t *testing.T) {
	raw := bcgr413Request()
	raw[8] = 0x28
	want := ConferenceCreateRequest{Data: bcgr413Data()}
	rdptest.Golden(t, raw, &want, newConferenceCreateRequest, rdptest.DecodeOnly())
	if b, _ := want.AppendBinary(nil); b[8] != 0x2a {
		t.Errorf("re-encoded connectPDU length %x", b[7:9])
	}
}

func TestConferenceCreateRequestWrapperErrors(t *testing.T) {
	mutate := func(off int, v byte) []byte {
		b := bcgr413Request()
		b[off] = v
		return b
	}
	for _, tt := range []struct {
		name  string
		raw   []byte
		field string
	}{
		{"key-h221", mutate(0, 0x80), "t124Identifier"},
		{"oid-length", mutate(1, 0x06), "object identifier"},
		{"oid-arc", mutate(6, 0x02), "t124Identifier"},
		{"connectPDU-length-plus-one", mutate(8, 0x2b), "connectPDU"},
		{"connectPDU-length-minus-one", mutate(8, 0x29), "connectPDU"},
		{"connectPDU-length-minus-three", mutate(8, 0x27), "connectPDU"},
		{"conferenceQueryRequest", mutate(9, 0x08), "ConnectGCCPDU"},
		{"password-present", mutate(10, 0x48), "ConferenceCreateRequest"},
		{"conference-name-2", mutate(12, 0x20), "conferenceName"},
		{"locked-conference", mutate(13, 0x80), "ConferenceCreateRequest"},
		{"two-sets", mutate(14, 0x02), "UserData"},
		{"object-key", mutate(15, 0x80), "UserData"},
		{"key-Dubc", mutate(20, 0x62), "h221NonStandard"},
		{"key-5-bytes", mutate(16, 0x01), "h221NonStandard"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := new(ConferenceCreateRequest).UnmarshalBinary(tt.raw)
			var de *wire.DecodeError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), tt.field) {
				t.Fatalf("err = %v, want a DecodeError about %s", err, tt.field)
			}
		})
	}
}

func TestConferenceCreateRequestLengths(t *testing.T) {
	// The userData value length must reach exactly the end: one byte more
	// is trailing, one less cuts the last block.
	longer := append(bcgr413Request(), 0)
	if err := new(ConferenceCreateRequest).UnmarshalBinary(longer); !errors.Is(err, wire.ErrTrailing) {
		t.Errorf("trailing byte: %v", err)
	}
	shorter := bcgr413Request()
	shorter[22] = 0x1b // value length 283
	shorter[8] = 0x29  // connectPDU length kept consistent
	if err := new(ConferenceCreateRequest).UnmarshalBinary(shorter); err == nil {
		t.Error("a value ending inside a block decoded")
	}
	// Encoding refuses client data that cannot fit a connectPDU.
	big := ConferenceCreateRequest{Data: ClientData{Unknown: []RawBlock{{Type: 0xC0FE, Data: make([]byte, per16K)}}}}
	if _, err := big.AppendBinary(nil); err == nil {
		t.Error("16K of client data encoded")
	}
}

const per16K = 0x3FFF

func FuzzConferenceCreateRequest(f *testing.F) {
	f.Add(bcgr413Request())
	f.Add(append(rdptest.Hex(xfreerdpWrapper), xfreerdpBlocks()...))
	ironrdp := bcgr413Request()
	ironrdp[8] = 0x28
	f.Add(ironrdp)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newConferenceCreateRequest)
	})
}
