package ctlchan

import (
	"encoding/hex"
	"strings"
	"sync"
	"testing"

	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Vector 2 of ra-protocol.md §3.4 and its Appendix: the 2014 Windows
// type-2 invitation that FreeRDP's TestCommonAssistance.c carries, and the
// invitation the FreeRDP 2.11.7 captures of §4.4/§4.5 were made with.
const (
	v2Password = "48BJQ853X3B4"
	v2PassStub = "WB^6HsrIaFmEpi"
	v2ID       = "+ULZ6ifjoCa6cGPMLQiGHRPwkg6VyJqGwxMnO6GcelwUh9a6/FBq3It5ADSndmLL"
	v2KH       = "BNRjdu97DyczQSRuMRrDWoue+HA="
	v2RCTicket = "65538,1,192.168.1.200:49230;169.254.6.170:49231,*," + v2ID + ",*,*," + v2KH
	// v2CS2 is the exact decrypted LHTICKET, CR LF included.
	v2CS2 = `<E><A KH="` + v2KH + `" ID="` + v2ID + `"/><C><T ID="1" SID="0"><L P="49228" N="fe80::1032:53d9:5a01:909b%3"/><L P="49229" N="fe80::3d8f:9b2d:6b4e:6aa%6"/><L P="49230" N="192.168.1.200"/><L P="49231" N="169.254.6.170"/></T></C></E>` + "\r\n"
	// v2ProofHex is the PassStub proof of vector 2 (§3.4), which FreeRDP
	// sent in EXPERT_ON_VISTA and after PASS= (§4.5: "ExpertBlob:
	// 10;NAME=awake69;PASS=777DFAAE…57D9").
	v2ProofHex = "777DFAAE9028124DD02EDE8014221B4AD1F4EC138539D733AC767895B2D857D9"
	// v2Blob is FreeRDP's expertBlob for it: NAME is the invitation's
	// USERNAME.
	v2Blob = "10;NAME=awake69;PASS=" + v2ProofHex
)

// v2Proof returns the vector 2 proof bytes.
func v2Proof() []byte {
	b, err := hex.DecodeString(v2ProofHex)
	if err != nil {
		panic(err)
	}
	return b
}

// wrongProof is the proof an expert typing "wrong" as the password sends.
func wrongProof() []byte { return invite.PassStubProof("wrong", v2PassStub) }

// v2Invitation is the vector 2 invitation as the daemon holds it.
func v2Invitation() Invitation {
	return Invitation{
		ID:               v2ID,
		ConnectionString: v2CS2,
		RCTicket:         v2RCTicket,
		CheckProof: func(p []byte) bool {
			return invite.CheckPassStubProof(v2Password, v2PassStub, p)
		},
	}
}

// A version 3 invitation: the same password and connection string, with
// tokens. Computing a token takes 100,000 SHA-1 rounds, so they are
// computed once.
var v3Tokens = sync.OnceValue(func() map[string][]byte {
	return map[string][]byte{
		RoleNovice: Token(v2Password, RoleNovice, v2CS2),
		RoleExpert: Token(v2Password, RoleExpert, v2CS2),
		"wrong":    Token("wrong!", RoleExpert, v2CS2),
	}
})

func v3Invitation() Invitation {
	inv := v2Invitation()
	inv.Token = func(role string) []byte {
		return append([]byte(nil), v3Tokens()[role]...)
	}
	return inv
}

// rcctlHex is "RC_CTL" and its NUL in UTF-16LE.
const rcctlHex = "52004300 5f004300 54004c00 0000"

// utf16Hex returns s as UTF-16LE hex, for rdptest.Hex.
func utf16Hex(s string) string { return hex.EncodeToString(wire.AppendUTF16LE(nil, s)) }

// pdu encodes a message as the expert would send it.
func pdu(t testing.TB, m Message) []byte {
	t.Helper()
	b, err := wire.Marshal(m)
	if err != nil {
		t.Fatalf("encode %v: %v", m.MsgType(), err)
	}
	return b
}

// rawPDU builds an RC_CTL PDU from msgType and raw payload bytes.
func rawPDU(t MsgType, payload []byte) []byte {
	data := wire.AppendU32LE(nil, uint32(t))
	f := Frame{Channel: ChannelRCCtl, Data: append(data, payload...)}
	b, err := wire.Marshal(&f)
	if err != nil {
		panic(err)
	}
	return b
}

// subPDU builds a frame on another sub-channel whose data is s as a
// NUL-terminated Unicode string.
func subPDU(channel, s string) []byte {
	f := Frame{Channel: channel, Data: append(wire.AppendUTF16LE(nil, s), 0, 0)}
	b, err := wire.Marshal(&f)
	if err != nil {
		panic(err)
	}
	return b
}

// hexOf is rdptest.Hex of parts joined.
func hexOf(parts ...string) []byte { return rdptest.Hex(strings.Join(parts, " ")) }
