package pdu

import "testing"

func TestFontListAndMap(t *testing.T) {
	runGolden(t, []golden[*FontList]{{
		name: "bcgr-4.1.18", raw: "00 00 00 00 03 00 32 00",
		want: &FontList{ListFlags: FontListFirst | FontListLast, EntrySize: 50},
	}}, func() *FontList { return new(FontList) })
	runGolden(t, []golden[*FontMap]{{
		name: "bcgr-4.1.22", raw: "00 00 00 00 03 00 04 00", want: ServerFontMap(),
	}}, func() *FontMap { return new(FontMap) })
	if (FontListFirst | FontListLast).String() != "FIRST|LAST" {
		t.Error("FontListFlags.String")
	}
}
