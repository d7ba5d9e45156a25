package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newAttachUserConfirm() *AttachUserConfirm { return new(AttachUserConfirm) }

func TestAttachUserConfirm(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want AttachUserConfirm
	}{{
		// Also rdp-server.md Appendix A, byte for byte.
		name: "bcgr-4.1.7",
		raw: mcsPayload(t, `
			03 00 00 0b # TPKT
			02 f0 80    # X.224 Data
			2e          # CHOICE attachUserConfirm (11); initiator present; result bit 3
			00          # result bits 2-0 (rt-successful), 5 bits padding
			00 06       # initiator: 1001 + 6 = 1007`),
		want: AttachUserConfirm{Result: ResultSuccessful, Initiator: 1007, HasInitiator: true},
	}, {
		// X.691: the 4-bit result straddles the two octets.
		// rt-unspecified-failure (14 = 1110): 0x2c|1, 110 00000.
		name: "unspecified-failure-no-initiator",
		raw:  rdptest.Hex("2d c0"),
		want: AttachUserConfirm{Result: ResultUnspecifiedFailure},
	}, {
		name: "too-many-users-with-initiator",
		raw:  rdptest.Hex("2f a0 fc 16"), // 13 = 1101: 0x2c|0x02|1, 101 00000; initiator 1001 + 0xfc16
		want: AttachUserConfirm{Result: ResultTooManyUsers, Initiator: 0xFFFF, HasInitiator: true},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newAttachUserConfirm)
		})
	}
}

func TestAttachUserConfirmRejects(t *testing.T) {
	for _, raw := range [][]byte{
		rdptest.Hex("2e 01 00 06"), // padding
		rdptest.Hex("2e 00 fc 17"), // initiator above 65535
		rdptest.Hex("2e 00 00"),    // initiator truncated
		rdptest.Hex("2a 00 00 06"), // attachUserRequest choice
	} {
		if err := newAttachUserConfirm().UnmarshalBinary(raw); err == nil {
			t.Errorf("decoded %x", raw)
		}
	}
	for _, p := range []AttachUserConfirm{
		{Initiator: 1000, HasInitiator: true}, // below BaseChannel
		{Initiator: 1007},                     // Initiator without HasInitiator
		{Result: 16},
	} {
		if b, err := p.AppendBinary(nil); err == nil {
			t.Errorf("encoded %+v as %x", p, b)
		}
	}
}

func FuzzAttachUserConfirm(f *testing.F) {
	f.Add(rdptest.Hex("2e 00 00 06"))
	f.Add(rdptest.Hex("2d c0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newAttachUserConfirm)
	})
}
