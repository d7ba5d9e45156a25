package ctlchan

import (
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newNoviceName() *NoviceName { return new(NoviceName) }
func newExpertName() *ExpertName { return new(ExpertName) }

func TestNoviceName(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*NoviceName]{{
		Name: "bare",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			0e000000                        # DataLen: 14
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			0a000000                        # msgType: RANOVICE_NAME
			61007700 61006b00 6500          # RANovice Name: "awake"
		`,
		Want: &NoviceName{Name: "awake"},
	}, {
		Name:       "bare-nul-terminated",
		Raw:        "0e000000 10000000" + rcctlHex + "0a000000" + utf16Hex("awake") + "0000",
		Want:       &NoviceName{Name: "awake"},
		DecodeOnly: true,
	}, {
		// [MS-DTYP] 2.2.5: "[4 bytes (length prefix)], wchar_t[length], [\0]".
		Name:       "ms-dtyp-bstr",
		Raw:        "0e000000 14000000" + rcctlHex + "0a000000 0a000000" + utf16Hex("awake") + "0000",
		Want:       &NoviceName{Name: "awake"},
		DecodeOnly: true,
	}, {
		Name:       "length-prefix-only",
		Raw:        "0e000000 12000000" + rcctlHex + "0a000000 0a000000" + utf16Hex("awake"),
		Want:       &NoviceName{Name: "awake"},
		DecodeOnly: true,
	}, {
		Name: "non-ascii",
		Raw:  "0e000000 10000000" + rcctlHex + "0a000000" + utf16Hex("Jürgen"),
		Want: &NoviceName{Name: "Jürgen"},
	}, {
		Name: "empty",
		Raw:  "0e000000 04000000" + rcctlHex + "0a000000",
		Want: &NoviceName{},
	}}, newNoviceName)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "odd", Raw: "0e000000 07000000" + rcctlHex + "0a000000 610077", Want: wire.ErrInvalid},
		{Name: "embedded-nul", Raw: "0e000000 0c000000" + rcctlHex + "0a000000 6100 0000 6200 0000", Want: wire.ErrInvalid},
	}, newNoviceName)
	if _, err := (&NoviceName{Name: "a\x00"}).AppendBinary(nil); err == nil {
		t.Error("a name with NUL encoded")
	}
	if _, err := (&NoviceName{Name: strings.Repeat("x", MaxStringBytes)}).AppendBinary(nil); err == nil {
		t.Error("an oversized name encoded")
	}
}

func TestExpertName(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ExpertName]{{
		Name: "bare",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			0c000000                        # DataLen: 12
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			0b000000                        # msgType: RAEXPERT_NAME
			4a006f00 68006e00               # RAEXPERT NAME: "John"
		`,
		Want: &ExpertName{Name: "John"},
	}, {
		Name:       "ms-dtyp-bstr",
		Raw:        "0e000000 12000000" + rcctlHex + "0b000000 08000000" + utf16Hex("John") + "0000",
		Want:       &ExpertName{Name: "John"},
		DecodeOnly: true,
	}}, newExpertName)
}

func FuzzNoviceName(f *testing.F) {
	f.Add(hexOf("0e000000 0e000000", rcctlHex, "0a000000", utf16Hex("awake")))
	f.Add(hexOf("0e000000 14000000", rcctlHex, "0a000000 0a000000", utf16Hex("awake"), "0000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newNoviceName) })
}

func FuzzExpertName(f *testing.F) {
	f.Add(hexOf("0e000000 0c000000", rcctlHex, "0b000000", utf16Hex("John")))
	f.Add(hexOf("0e000000 12000000", rcctlHex, "0b000000 08000000", utf16Hex("John"), "0000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newExpertName) })
}
