package x224

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestParseTPKTHeader(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []byte
		want int
		err  bool
	}{
		{name: "bcgr-4.1.1", in: rdptest.Hex("03 00 00 2c"), want: 44},
		{name: "with-more-bytes", in: crBCGR411, want: 44},
		{name: "max", in: rdptest.Hex("03 00 ff ff"), want: 0xFFFF},
		{name: "min", in: rdptest.Hex("03 00 00 07"), want: 7},
		{name: "short", in: rdptest.Hex("03 00 00"), err: true},
		{name: "version", in: rdptest.Hex("04 00 00 2c"), err: true},
		{name: "reserved", in: rdptest.Hex("03 ff 00 2c"), err: true},
		{name: "below-7", in: rdptest.Hex("03 00 00 06"), err: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTPKTHeader(tt.in)
			if (err != nil) != tt.err || got != tt.want {
				t.Errorf("ParseTPKTHeader(%x) = %d, %v", tt.in, got, err)
			}
		})
	}
}
