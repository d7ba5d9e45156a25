package mcs

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newAttachUserRequest() *AttachUserRequest { return new(AttachUserRequest) }

func TestAttachUserRequest(t *testing.T) {
	raw := mcsPayload(t, `
		03 00 00 08 # TPKT
		02 f0 80    # X.224 Data
		28          # CHOICE attachUserRequest (10), 2 bits padding`)
	rdptest.Golden(t, raw, &AttachUserRequest{}, newAttachUserRequest) // bcgr-4.1.6
	for _, bad := range []byte{0x29, 0x2a, 0x2c, 0x04} {
		if err := newAttachUserRequest().UnmarshalBinary([]byte{bad}); err == nil {
			t.Errorf("decoded %#02x", bad)
		}
	}
}

func FuzzAttachUserRequest(f *testing.F) {
	f.Add(rdptest.Hex("28"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newAttachUserRequest)
	})
}
