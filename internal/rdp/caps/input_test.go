package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bcgr4112Input is the server's Input set in [MS-RDPBCGR] 4.1.12: the
// keyboard fields and imeFileName are "not initialized by server".
const bcgr4112Input = `
0d 00 58 00 # CAPSTYPE_INPUT, 88
35 00       # inputFlags: FASTPATH_INPUT2|UNICODE|MOUSEX|SCANCODES
00 00       # pad2octetsA
a1 06 00 00 # keyboardLayout (garbage)
40 42 0f 00 # keyboardType (garbage)
0c f6 13 f3 # keyboardSubType (garbage)
93 5a 37 f3 # keyboardFunctionKey (garbage)
00 90 30 e1 34 1c 38 f3 40 f6 13 f3 04 00 00 00 # imeFileName (garbage, NUL at byte 14)
4c 54 dc e2 08 50 dc e2 01 00 00 00 08 50 dc e2
00 00 00 00 38 f6 13 f3 2e 05 38 f3 08 50 dc e2
2c f6 13 f3 00 00 00 00 08 00 0a 00 01 00 19 00
`

// bcgr4113Input is the client's Input set in [MS-RDPBCGR] 4.1.13 (its
// pad2octetsA holds 0x0020).
const bcgr4113Input = `
0d 00 58 00 # CAPSTYPE_INPUT, 88
15 00       # inputFlags: UNICODE|MOUSEX|SCANCODES
20 00       # pad2octetsA
09 04 00 00 # keyboardLayout: en-US
04 00 00 00 # keyboardType: IBM enhanced (101- or 102-key)
00 00 00 00 # keyboardSubType
0c 00 00 00 # keyboardFunctionKey: 12
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # imeFileName
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
`

func TestInput(t *testing.T) {
	client := &Input{
		InputFlags:     InputFlagUnicode | InputFlagMouseX | InputFlagScancodes,
		KeyboardLayout: 0x409, KeyboardType: 4, KeyboardFunctionKey: 12,
	}
	rdptest.RunCases(t, []rdptest.Case[*Input]{{
		Name: "bcgr-4.1.12-server",
		Raw:  bcgr4112Input,
		Want: &Input{
			InputFlags:     InputFlagFastPathInput2 | InputFlagUnicode | InputFlagMouseX | InputFlagScancodes,
			KeyboardLayout: 0x06a1, KeyboardType: 0x000f4240, KeyboardSubType: 0xf313f60c, KeyboardFunctionKey: 0xf3375a93,
			IMEFileName: "\u9000\ue130\u1c34\uf338\uf640\uf313\u0004",
		},
		DecodeOnly: true,
	}, {
		Name: "bcgr-4.1.13-client", Raw: bcgr4113Input, Want: client, DecodeOnly: true,
	}, {
		Name: "client-canonical",
		Raw: `0d 00 58 00 15 00 00 00 09 04 00 00 04 00 00 00 00 00 00 00 0c 00 00 00
		      00000000000000000000000000000000 00000000000000000000000000000000
		      00000000000000000000000000000000 00000000000000000000000000000000`,
		Want: client,
	}, {
		Name: "ime-name",
		Raw: `0d 00 58 00 01 00 00 00 07 04 01 00 04 00 00 00 00 00 00 00 0c 00 00 00
		      49 00 4d 00 45 00 2e 00 64 00 6c 00 6c 00 00 00 # "IME.dll" NUL
		      00000000000000000000000000000000 00000000000000000000000000000000
		      00000000000000000000000000000000`,
		Want: &Input{InputFlags: InputFlagScancodes, KeyboardLayout: 0x00010407, KeyboardType: 4, KeyboardFunctionKey: 12, IMEFileName: "IME.dll"},
	}}, func() *Input { return new(Input) })

	noNUL := "0d 00 58 00 01 00 00 00 09 04 00 00 04 00 00 00 00 00 00 00 0c 00 00 00" + strings.Repeat(" 41 00", 32)
	rdptest.RunBad(t, []rdptest.BadCase{{Name: "imeFileName-without-NUL", Raw: noNUL, Want: wire.ErrInvalid}}, func() *Input { return new(Input) })

	for _, name := range []string{strings.Repeat("x", 32), "a\x00b"} {
		if _, err := (&Input{IMEFileName: name}).AppendBinary(nil); err == nil {
			t.Errorf("encoded imeFileName %q", name)
		}
	}
	if _, err := (&Input{IMEFileName: strings.Repeat("x", 31)}).AppendBinary(nil); err != nil {
		t.Errorf("31 characters: %v", err)
	}
	if got := InputFlags(0x0135).String(); got != "INPUT_FLAG_SCANCODES|INPUT_FLAG_MOUSEX|INPUT_FLAG_UNICODE|INPUT_FLAG_FASTPATH_INPUT2|TS_INPUT_FLAG_MOUSE_HWHEEL" {
		t.Errorf("InputFlags.String() = %q", got)
	}
}
