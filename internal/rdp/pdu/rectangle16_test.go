package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"
)

func TestRectangle16(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Rectangle16]{{
		Name: "inclusive",
		Raw:  "00 00 00 00 ff 04 ff 03 # left 0, top 0, right 1279, bottom 1023",
		Want: &Rectangle16{Right: 1279, Bottom: 1023},
	}}, func() *Rectangle16 { return new(Rectangle16) })
}
