package ctlchan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newVerifyPasswordPacket() *VerifyPasswordPacket { return new(VerifyPasswordPacket) }

func TestVerifyPasswordPacket(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*VerifyPasswordPacket]{{
		// ra-protocol.md §4.4, confirmed against xfreerdp 2.11.7:
		// `0e000000 b0000000 "RC_CTL\0" 08000000` + UTF-16LE expertBlob +
		// 0000; the blob as FreeRDP's shadow server logged it (§4.5).
		Name: "freerdp-2.11.7",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			b0000000                        # DataLen: 176
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			08000000                        # msgType: VERIFY_PASSWORD
			` + utf16Hex(v2Blob) + ` # expertBlob (85 characters)
			0000                            # NUL
		`,
		Want: &VerifyPasswordPacket{ExpertBlob: v2Blob},
	}, {
		// FreeRDP 3.x omits the NUL: DataLen 0xae.
		Name:       "freerdp-3.x",
		Raw:        "0e000000 ae000000" + rcctlHex + "08000000" + utf16Hex(v2Blob),
		Want:       &VerifyPasswordPacket{ExpertBlob: v2Blob},
		DecodeOnly: true,
	}, {
		// [MS-RA] 2.2.1.11's example blob.
		Name: "ms-ra-2.2.1.11-example",
		Raw: "0e000000 ac000000" + rcctlHex + "08000000" +
			utf16Hex("9;NAME=John69;PASS=D4B4277E9E9D06CFC19BB23FD869B5E0C99B0908280407A6E2EEC43F98035F7D") + "0000",
		Want: &VerifyPasswordPacket{ExpertBlob: "9;NAME=John69;PASS=D4B4277E9E9D06CFC19BB23FD869B5E0C99B0908280407A6E2EEC43F98035F7D"},
	}, {
		Name:       "empty-no-nul",
		Raw:        "0e000000 04000000" + rcctlHex + "08000000",
		Want:       &VerifyPasswordPacket{},
		DecodeOnly: true,
	}}, newVerifyPasswordPacket)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "odd-length", Raw: "0e000000 07000000" + rcctlHex + "08000000 310032", Want: wire.ErrInvalid},
		{Name: "two-nuls", Raw: "0e000000 0c000000" + rcctlHex + "08000000 3100 0000 0000 0000", Want: wire.ErrInvalid},
		{Name: "nul-inside", Raw: "0e000000 0a000000" + rcctlHex + "08000000 3100 0000 3200", Want: wire.ErrInvalid},
	}, newVerifyPasswordPacket)
	big := rawPDU(MsgVerifyPassword, make([]byte, MaxStringBytes+2))
	if err := new(VerifyPasswordPacket).UnmarshalBinary(big); err == nil {
		t.Error("oversized blob decoded")
	}
	p := VerifyPasswordPacket{ExpertBlob: v2Blob}
	if s := fmt.Sprintf("%v %+v %#v %s", p, p, p, p); strings.Contains(s, "777D") || strings.Contains(s, "PASS") {
		t.Errorf("formatting shows the blob: %s", s)
	}
}

func FuzzVerifyPasswordPacket(f *testing.F) {
	f.Add(hexOf("0e000000 b0000000", rcctlHex, "08000000", utf16Hex(v2Blob), "0000"))
	f.Add(hexOf("0e000000 ae000000", rcctlHex, "08000000", utf16Hex(v2Blob)))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newVerifyPasswordPacket) })
}

// TestVerifyPasswordPacketLimit: the longest blob that decodes also
// encodes.
func TestVerifyPasswordPacketLimit(t *testing.T) {
	for _, n := range []int{MaxStringBytes - 2, MaxStringBytes} {
		raw := rawPDU(MsgVerifyPassword, make([]byte, n))
		for i := 22 + 4; i < len(raw); i += 2 {
			raw[i] = 'a'
		}
		var p VerifyPasswordPacket
		err := p.UnmarshalBinary(raw)
		if n == MaxStringBytes {
			if err == nil {
				t.Errorf("%d bytes without NUL decoded", n)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		rdptest.Canonical(t, &p, newVerifyPasswordPacket)
	}
}
