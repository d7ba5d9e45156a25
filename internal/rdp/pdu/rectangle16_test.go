package pdu

import (
	"testing"
)

func TestRectangle16(t *testing.T) {
	runGolden(t, []golden[*Rectangle16]{{
		name: "inclusive",
		raw:  "00 00 00 00 ff 04 ff 03 # left 0, top 0, right 1279, bottom 1023",
		want: &Rectangle16{Right: 1279, Bottom: 1023},
	}}, func() *Rectangle16 { return new(Rectangle16) })
}
