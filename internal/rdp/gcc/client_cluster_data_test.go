package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newClientClusterData() *ClientClusterData { return new(ClientClusterData) }

func TestClientClusterData(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want ClientClusterData
	}{{
		name: "bcgr-4.1.3",
		raw:  rdptest.Hex(bcgr413Cluster),
		want: bcgr413ClusterValue(),
	}, {
		name: "session-id",
		raw: rdptest.Hex(`
			04 c0 0c 00  # TS_UD_HEADER: CS_CLUSTER, length 12
			17 00 00 00  # Flags: REDIRECTION_SUPPORTED, REDIRECTED_SESSIONID_FIELD_VALID, REDIRECTION_VERSION6
			2a 00 00 00  # RedirectedSessionID: 42
		`),
		want: ClientClusterData{Flags: RedirectionSupported | RedirectedSessionIDFieldValid | 5<<2, RedirectedSessionID: 42},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newClientClusterData)
		})
	}
	f := bcgr413ClusterValue().Flags
	if v := f.RedirectionVersion(); v != 3 {
		t.Errorf("RedirectionVersion() = %d, want 3 (REDIRECTION_VERSION4)", v)
	}
	if got, want := f.String(), "REDIRECTION_SUPPORTED|REDIRECTION_VERSION4"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// The old Microsoft Mac client pads the block (FreeRDP gcc.c skips the pad):
// it decodes, and re-encodes in the 12-byte form.
func TestClientClusterDataMacPad(t *testing.T) {
	raw := rdptest.Hex(`
		04 c0 10 00  # TS_UD_HEADER: CS_CLUSTER, length 16
		0d 00 00 00  # Flags
		00 00 00 00  # RedirectedSessionID
		00 00 00 00  # pad
	`)
	want := bcgr413ClusterValue()
	rdptest.Golden(t, raw, &want, newClientClusterData, rdptest.DecodeOnly())
	if b, _ := want.AppendBinary(nil); string(b) != string(rdptest.Hex(bcgr413Cluster)) {
		t.Errorf("re-encoded %x", b)
	}
	if err := new(ClientClusterData).UnmarshalBinary(rdptest.Hex(`04 c0 08 00 0d 00 00 00`)); err == nil {
		t.Error("a block without RedirectedSessionID decoded")
	}
}

func FuzzClientClusterData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr413Cluster))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientClusterData)
	})
}
