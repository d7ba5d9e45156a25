package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newDR() *DisconnectRequest { return new(DisconnectRequest) }

func TestDisconnectRequest(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want DisconnectRequest
	}{{
		name: "not-specified",
		raw: rdptest.Hex(`
			03 00 00 0b # TPKT: length 11
			06          # LI: 6
			80          # DR
			00 00       # DST-REF
			00 00       # SRC-REF
			00          # reason: not specified`),
		want: DisconnectRequest{Reason: ReasonNotSpecified},
	}, {
		name: "normal",
		raw:  rdptest.Hex("03 00 00 0b 06 80 00 00 00 00 80"),
		want: DisconnectRequest{Reason: ReasonNormal},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newDR)
		})
	}
}

func TestDisconnectRequestRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("03 00 00 0b 07 80 00 00 00 00 00"),       // LI 7
		rdptest.Hex("03 00 00 0b 06 f0 00 00 00 00 00"),       // DT code
		rdptest.Hex("03 00 00 0c 07 80 00 00 00 00 00 e0"),    // a parameter
		rdptest.Hex("03 00 00 0d 06 80 00 00 00 00 00 41 42"), // user data
	} {
		if err := newDR().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
	// References are not used by RDP: any value decodes.
	if err := newDR().UnmarshalBinary(rdptest.Hex("03 00 00 0b 06 80 12 34 56 78 00")); err != nil {
		t.Errorf("references: %v", err)
	}
}

func TestDisconnectReasonString(t *testing.T) {
	if ReasonNormal.String() != "normal disconnect" || DisconnectReason(7).String() != "DisconnectReason(7)" {
		t.Error("String")
	}
	for r := range 256 {
		if DisconnectReason(r).String() == "" {
			t.Errorf("DisconnectReason(%d) prints empty", r)
		}
	}
}

func FuzzDisconnectRequest(f *testing.F) {
	f.Add(rdptest.Hex("03 00 00 0b 06 80 00 00 00 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newDR)
	})
}
