package ctlchan

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newExpertOnVista() *ExpertOnVista { return new(ExpertOnVista) }

func TestExpertOnVista(t *testing.T) {
	if !bytes.Equal(v2Proof(), invite.PassStubProof(v2Password, v2PassStub)) {
		t.Fatal("vector 2 proof does not match invite.PassStubProof")
	}
	rdptest.RunCases(t, []rdptest.Case[*ExpertOnVista]{{
		// ra-protocol.md §4.4, confirmed against xfreerdp 2.11.7:
		// `0e000000 24000000 "RC_CTL\0" 09000000` + the 32-byte proof.
		Name: "freerdp-2.11.7",
		Raw: `
			0e000000                        # ChannelNameLen: 14
			24000000                        # DataLen: 36
			52004300 5f004300 54004c00 0000 # ChannelName: "RC_CTL\0"
			09000000                        # msgType: EXPERT_ON_VISTA
			` + v2ProofHex + ` # Encrypted Password: the proof, bare
		`,
		Want: &ExpertOnVista{EncryptedPassword: v2Proof()},
	}, {
		// The [MS-DTYP] BSTR layout, with an LE32 byte count (ra-protocol.md
		// §9.4: "Accept 32 bytes, and also 36 bytes with a LE32(32) prefix").
		Name:       "length-prefixed",
		Raw:        "0e000000 28000000" + rcctlHex + "09000000 20000000" + v2ProofHex,
		Want:       &ExpertOnVista{EncryptedPassword: v2Proof()},
		DecodeOnly: true,
	}, {
		// FreeRDP 3.x with an invitation without PassStub: RC4 of 00000000.
		Name: "empty-passstub",
		Raw:  "0e000000 08000000" + rcctlHex + "09000000 a1b2c3d4",
		Want: &ExpertOnVista{EncryptedPassword: []byte{0xa1, 0xb2, 0xc3, 0xd4}},
	}, {
		// Bare bytes that would read as prefixed are written with a prefix.
		Name: "ambiguous-data",
		Raw:  "0e000000 10000000" + rcctlHex + "09000000 08000000 04000000 01020304",
		Want: &ExpertOnVista{EncryptedPassword: []byte{4, 0, 0, 0, 1, 2, 3, 4}},
	}, {
		Name: "empty",
		Raw:  "0e000000 04000000" + rcctlHex + "09000000",
		Want: &ExpertOnVista{},
	}}, newExpertOnVista)
	big := strings.Repeat("00", MaxStringBytes+1)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "no-msgtype", Raw: "0e000000 00000000" + rcctlHex, Want: wire.ErrShort},
		{Name: "wrong-msgtype", Raw: "0e000000 08000000" + rcctlHex + "0c000000 a1b2c3d4", Want: wire.ErrInvalid},
	}, newExpertOnVista)
	raw := rawPDU(MsgExpertOnVista, rdptest.Hex(big))
	if err := new(ExpertOnVista).UnmarshalBinary(raw); err == nil {
		t.Error("oversized proof decoded")
	}
	s := fmt.Sprintf("%v %+v %#v", ExpertOnVista{v2Proof()}, ExpertOnVista{v2Proof()}, ExpertOnVista{v2Proof()})
	if strings.Contains(strings.ToUpper(s), v2ProofHex[:8]) || strings.Contains(s, "119") {
		t.Errorf("formatting shows the proof: %s", s)
	}
}

func FuzzExpertOnVista(f *testing.F) {
	f.Add(hexOf("0e000000 24000000", rcctlHex, "09000000", v2ProofHex))
	f.Add(hexOf("0e000000 28000000", rcctlHex, "09000000 20000000", v2ProofHex))
	f.Fuzz(func(t *testing.T, b []byte) { rdptest.FuzzRoundTrip(t, b, newExpertOnVista) })
}
