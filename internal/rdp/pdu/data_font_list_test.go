package pdu

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func TestFontListAndMap(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*FontList]{{
		Name: "bcgr-4.1.18", Raw: "00 00 00 00 03 00 32 00",
		Want: &FontList{ListFlags: FontListFirst | FontListLast, EntrySize: 50},
	}}, func() *FontList { return new(FontList) })
	rdptest.RunCases(t, []rdptest.Case[*FontMap]{{
		Name: "bcgr-4.1.22", Raw: "00 00 00 00 03 00 04 00", Want: ServerFontMap(),
	}}, func() *FontMap { return new(FontMap) })
	if (FontListFirst | FontListLast).String() != "FIRST|LAST" {
		t.Error("FontListFlags.String")
	}
}
