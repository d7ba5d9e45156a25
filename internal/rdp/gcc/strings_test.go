package gcc

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func TestStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{CSCore.String(), "CS_CORE"},
		{CSMonitorEx.String(), "CS_MONITOR_EX"},
		{SCMCSMsgChannel.String(), "SC_MCS_MSGCHANNEL"},
		{BlockType(0xC0FE).String(), "0xC0FE"},
		{(DynamicDSTSupported | SkipChannelJoinSupported).String(), "DYNAMIC_DST_SUPPORTED|SKIP_CHANNELJOIN_SUPPORTED"},
		{ResultSuccess.String(), "success"},
		{ConferenceResult(7).String(), "ConferenceResult(7)"},
	} {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFixedUTF16(t *testing.T) {
	for _, tt := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"terminated", []byte{'a', 0, 'b', 0, 0, 0, 'c', 0}, "ab"},
		{"unterminated", []byte{'a', 0, 'b', 0, 'c', 0, 'd', 0}, "abcd"},
		{"empty", []byte{0, 0, 'x', 0, 0, 0, 0, 0}, ""},
		{"unpaired-surrogate", []byte{0x00, 0xd8, 0, 0, 0, 0, 0, 0}, "\uFFFD"},
		{"surrogate-pair", []byte{0x34, 0xd8, 0x1e, 0xdd, 0, 0, 0, 0}, "𝄞"},
	} {
		r := wire.NewReader(tt.raw)
		if got := readFixedUTF16(r, len(tt.raw)); got != tt.want || r.Finish() != nil {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, r.Finish(), tt.want)
		}
	}
	if b, err := appendFixedUTF16(nil, "f", "𝄞", 4); err != nil || len(b) != 4 {
		t.Errorf("a surrogate pair in 4 bytes: %x, %v", b, err)
	}
	if _, err := appendFixedUTF16(nil, "f", "𝄞x", 4); err == nil {
		t.Error("6 bytes of UTF-16 fit a 4-byte field")
	}
}
