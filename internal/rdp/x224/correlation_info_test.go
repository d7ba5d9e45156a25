package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newCorrelationInfo() *CorrelationInfo { return new(CorrelationInfo) }

// correlationRaw is an RDP_NEG_CORRELATION_INFO with the correlationId
// 01 02 … 10, shaped as in [MS-RDPBCGR] 2.2.1.1.2.
var correlationRaw = rdptest.Hex(`
	06    # type: TYPE_RDP_CORRELATION_INFO
	00    # flags
	24 00 # length: 36
	01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 # correlationId
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # reserved`)

var correlationWant = CorrelationInfo{ID: [16]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}}

func TestCorrelationInfo(t *testing.T) {
	rdptest.Golden(t, correlationRaw, &correlationWant, newCorrelationInfo)
}

func TestCorrelationInfoRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		at   int
		v    byte
	}{
		{"type", 0, 0x07},
		{"flags", 1, 0x01},
		{"length", 2, 0x25},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := append([]byte(nil), correlationRaw...)
			b[tt.at] = tt.v
			if err := newCorrelationInfo().UnmarshalBinary(b); err == nil {
				t.Errorf("decoded %x", b)
			}
		})
	}
}

func TestCorrelationInfoReservedIgnored(t *testing.T) {
	// The reserved bytes are "reserved for future use": read, not checked.
	b := append([]byte(nil), correlationRaw...)
	b[len(b)-1] = 0xFF
	var got CorrelationInfo
	if err := got.UnmarshalBinary(b); err != nil || got != correlationWant {
		t.Errorf("got %v, %v", got, err)
	}
}

func FuzzCorrelationInfo(f *testing.F) {
	f.Add(correlationRaw)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newCorrelationInfo)
	})
}
