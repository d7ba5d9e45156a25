package ctlchan

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newFrame() *Frame { return new(Frame) }

func TestFrame(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*Frame]{{
		// ra-protocol.md §4.7: SERVER_ANNOUNCE, as a bare frame.
		Name: "server-announce",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			04000000                        # DataLen: 4
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			04000000                        # data: msgType 4
		`,
		Want: &Frame{Channel: "RC_CTL", Data: []byte{4, 0, 0, 0}},
	}, {
		Name: "share-control-71",
		Raw: `
			06000000          # ChannelNameLen: 6
			08000000          # DataLen: 8
			37003100 0000     # ChannelName: "71\0"
			41004200 43000000 # data: "ABC\0"
		`,
		Want: &Frame{Channel: "71", Data: []byte{'A', 0, 'B', 0, 'C', 0, 0, 0}},
	}, {
		Name: "empty-data",
		Raw:  `06000000 00000000 37003000 0000`,
		Want: &Frame{Channel: "70"},
	}, {
		// 31 UTF-16 code units and the NUL: exactly 64 bytes.
		Name: "longest-name",
		Raw:  "40000000 00000000" + utf16Hex(strings.Repeat("x", 31)) + "0000",
		Want: &Frame{Channel: strings.Repeat("x", 31)},
	}}, newFrame)

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "header-only", Raw: `0e000000`, Want: wire.ErrShort},
		{Name: "name-too-long", Raw: "42000000 00000000" + utf16Hex(strings.Repeat("x", 32)) + "0000", Want: wire.ErrInvalid},
		{Name: "odd-name-length", Raw: `05000000 00000000 37003100 00`, Want: wire.ErrInvalid},
		{Name: "empty-name", Raw: `02000000 00000000 0000`, Want: wire.ErrInvalid},
		{Name: "zero-name-length", Raw: `00000000 00000000`, Want: wire.ErrInvalid},
		{Name: "name-not-terminated", Raw: `04000000 00000000 37003100`, Want: wire.ErrInvalid},
		{Name: "nul-inside-name", Raw: `06000000 00000000 00003100 0000`, Want: wire.ErrInvalid},
		{Name: "datalen-past-end", Raw: `06000000 05000000 37003100 0000 01020304`, Want: wire.ErrShort},
		{Name: "datalen-short-of-end", Raw: `06000000 03000000 37003100 0000 01020304`, Want: wire.ErrTrailing},
		{Name: "huge-datalen", Raw: `06000000 ffffffff 37003100 0000 01020304`, Want: wire.ErrShort},
	}, newFrame)
}

func TestFrameEncodeRejects(t *testing.T) {
	for name, f := range map[string]Frame{
		"empty":    {Channel: ""},
		"nul":      {Channel: "a\x00b"},
		"too-long": {Channel: strings.Repeat("x", 32)},
	} {
		if _, err := f.AppendBinary(nil); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
}

func TestFrameRCControl(t *testing.T) {
	for _, name := range []string{"RC_CTL", "remdesk"} {
		f := Frame{Channel: name, Data: []byte{5, 0, 0, 0}}
		m, err := f.RCControl()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, ok := m.(*DisconnectPacket); !ok {
			t.Errorf("%s: got %T", name, m)
		}
	}
	f := Frame{Channel: "71", Data: []byte{5, 0, 0, 0}}
	if _, err := f.RCControl(); !errors.Is(err, ErrNotRCControl) {
		t.Errorf("71: %v", err)
	}
	if s := (Frame{Channel: "RC_CTL", Data: []byte("secret")}).String(); strings.Contains(s, "secret") {
		t.Errorf("String prints the data: %s", s)
	}
}

func FuzzFrame(f *testing.F) {
	f.Add(hexOf("0e000000 04000000", rcctlHex, "04000000"))
	f.Add(hexOf("06000000 08000000 37003100 0000 41004200 43000000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newFrame) })
}
