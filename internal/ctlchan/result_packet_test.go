package ctlchan

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newResultPacket() *ResultPacket { return new(ResultPacket) }

func TestResultPacket(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ResultPacket]{{
		// ra-protocol.md §4.7 step 3: NOERROR.
		Name: "noerror",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			08000000                        # DataLen: 8
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			02000000                        # msgType: RESULT
			00000000                        # result: SAFERROR_NOERROR
		`,
		Want: &ResultPacket{Result: ResultNoError},
	}, {
		// §4.7: "…02000000 3d000000 (61, PASSWORDS_DONT_MATCH)".
		Name: "passwords-dont-match",
		Raw:  "0e000000 08000000" + rcctlHex + "02000000 3d000000",
		Want: &ResultPacket{Result: ResultPasswordsDontMatch},
	}, {
		Name: "helpee-said-no",
		Raw:  "0e000000 08000000" + rcctlHex + "02000000 29000000",
		Want: &ResultPacket{Result: ResultHelpeeSaidNo},
	}, {
		Name: "invalid-password",
		Raw:  "0e000000 08000000" + rcctlHex + "02000000 1a000000",
		Want: &ResultPacket{Result: ResultInvalidPassword},
	}, {
		Name: "incompatible-version",
		Raw:  "0e000000 08000000" + rcctlHex + "02000000 2f000000",
		Want: &ResultPacket{Result: ResultIncompatibleVersion},
	}}, newResultPacket)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "short-result", Raw: "0e000000 06000000" + rcctlHex + "02000000 0000", Want: wire.ErrShort},
	}, newResultPacket)
	for r, want := range map[Result]string{0: "SAFERROR_NOERROR", 41: "SAFERROR_HELPEESAIDNO", 61: "PASSWORDS_DONT_MATCH", 2: "Result(2)"} {
		if r.String() != want {
			t.Errorf("%d.String() = %q, want %q", uint32(r), r.String(), want)
		}
	}
}

func FuzzResultPacket(f *testing.F) {
	f.Add(hexOf("0e000000 08000000", rcctlHex, "02000000 3d000000"))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newResultPacket) })
}
