package ctlchan

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// expectSends checks that acts are exactly Sends of the given PDUs.
func expectSends(t *testing.T, acts []Action, want ...[]byte) {
	t.Helper()
	if len(acts) != len(want) {
		t.Fatalf("%d actions %v, want %d sends", len(acts), summary(t, acts), len(want))
	}
	for i, a := range acts {
		s, ok := a.(Send)
		if !ok {
			t.Fatalf("action %d is %T, want Send", i, a)
		}
		if !bytes.Equal(s.PDU, want[i]) {
			t.Errorf("send %d:\n got %x\nwant %x", i, s.PDU, want[i])
		}
	}
}

func mustReceive(t *testing.T, m *Machine, b []byte) []Action {
	t.Helper()
	acts, err := m.Receive(b)
	if err != nil {
		t.Fatalf("Receive: %v", err)
	}
	return acts
}

func wantSummary(t *testing.T, acts []Action, want ...string) {
	t.Helper()
	if d := cmp.Diff(want, summary(t, acts)); d != "" {
		t.Errorf("actions (-want +got):\n%s", d)
	}
}

// The bytes of ra-protocol.md §4.7 (hex reproduced byte-exact there).
var (
	serverAnnounceBytes = hexOf("0e000000 04000000", rcctlHex, "04000000")
	versionInfoBytes    = hexOf("0e000000 0c000000", rcctlHex, "06000000 01000000 02000000")
	result0Bytes        = hexOf("0e000000 08000000", rcctlHex, "02000000 00000000")
	result61Bytes       = hexOf("0e000000 08000000", rcctlHex, "02000000 3d000000")
	result41Bytes       = hexOf("0e000000 08000000", rcctlHex, "02000000 29000000")
)

// freeRDPExpert returns what xfreerdp 2.11.7 sends after our VERSIONINFO
// (ra-protocol.md §4.4, confirmed against it): EXPERT_ON_VISTA with the
// bare proof, then VERIFY_PASSWORD with the NUL-terminated blob. With
// nul false, FreeRDP 3.x's VERIFY_PASSWORD (no NUL, DataLen 0xae).
func freeRDPExpert(proofHex string, nul bool) (eov, verify []byte) {
	blob := "10;NAME=awake69;PASS=" + proofHex
	eov = hexOf("0e000000 24000000", rcctlHex, "09000000", proofHex)
	if nul {
		verify = hexOf("0e000000 b0000000", rcctlHex, "08000000", utf16Hex(blob), "0000")
	} else {
		verify = hexOf("0e000000 ae000000", rcctlHex, "08000000", utf16Hex(blob))
	}
	return eov, verify
}

func TestFreeRDP2117RightPassword(t *testing.T) {
	for _, nul := range []bool{true, false} {
		t.Run(fmt.Sprintf("nul=%v", nul), func(t *testing.T) {
			m := New(Config{Invitation: v2Invitation()})
			expectSends(t, m.Start(), serverAnnounceBytes, versionInfoBytes)
			eov, verify := freeRDPExpert(v2ProofHex, nul)
			wantSummary(t, mustReceive(t, m, eov), "Note")
			acts := mustReceive(t, m, verify)
			wantSummary(t, acts, "Note", "AskConsent awake")
			if m.State() != StateAsking || m.Version() != 2 {
				t.Fatalf("state %v, version %d", m.State(), m.Version())
			}
			acts = m.Consent(true)
			wantSummary(t, acts, "Send RESULT 0", "OpenView")
			expectSends(t, acts[:1], result0Bytes)
			if m.State() != StateViewing {
				t.Errorf("state %v", m.State())
			}
		})
	}
}

func TestFreeRDP2117WrongPassword(t *testing.T) {
	wrongHex := fmt.Sprintf("%X", wrongProof())
	m := New(Config{Invitation: v2Invitation()})
	m.Start()
	eov, verify := freeRDPExpert(wrongHex, true)
	wantSummary(t, mustReceive(t, m, eov), "Note")
	acts := mustReceive(t, m, verify)
	wantSummary(t, acts, "Send RESULT 61", "PasswordFailed", "Disconnect 61")
	expectSends(t, acts[:1], result61Bytes)
	if m.State() != StateClosed {
		t.Errorf("state %v", m.State())
	}
	if got := m.Consent(true); got != nil {
		t.Errorf("Consent after the refusal: %v", summary(t, got))
	}
}

func TestFreeRDP2117NoviceSaysNo(t *testing.T) {
	m := New(Config{Invitation: v2Invitation(), NoviceName: "novice"})
	m.Start()
	eov, verify := freeRDPExpert(v2ProofHex, true)
	mustReceive(t, m, eov)
	mustReceive(t, m, verify)
	acts := m.Consent(false)
	wantSummary(t, acts, "Send RESULT 41", "Disconnect 41")
	expectSends(t, acts[:1], result41Bytes)
}

// TestFreeRDPBeforeStart: the expert's messages may come before ours
// (ra-protocol.md §4.7 step 3), and in either order.
func TestFreeRDPBeforeStart(t *testing.T) {
	m := New(Config{Invitation: v2Invitation()})
	eov, verify := freeRDPExpert(v2ProofHex, true)
	wantSummary(t, mustReceive(t, m, verify), "Note")
	wantSummary(t, mustReceive(t, m, eov), "Note", "AskConsent awake")
	expectSends(t, m.Start(), serverAnnounceBytes, versionInfoBytes)
	wantSummary(t, m.Consent(true), "Send RESULT 0", "OpenView")
}

// TestVersion1Expert plays a version 1 expert (a Windows XP msra): it
// answers our VERSIONINFO with its own, AUTHENTICATE with the RCTICKET and
// a blob with NAME and PASS, then, after RESULT NOERROR,
// REMOTE_CONTROL_DESKTOP ([MS-RA] 3.3.5).
func TestVersion1Expert(t *testing.T) {
	blob := ExpertBlob{Name: "Edgar Olougouna", Pass: v2ProofHex}.Marshal()
	for _, tc := range []struct {
		name string
		cs   string
		pass string
	}{
		{"rcticket", v2RCTicket, v2ProofHex},
		{"cs2", v2CS2, v2ProofHex},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(Config{Invitation: v2Invitation(), NoviceName: "novice"})
			m.Start()
			wantSummary(t, mustReceive(t, m, pdu(t, &VersionInfoPacket{Major: 1, Minor: 2})), "Note")
			acts := mustReceive(t, m, pdu(t, &AuthenticatePacket{ConnectionString: tc.cs, ExpertBlob: blob}))
			wantSummary(t, acts, "Note", "Send RESULT 0")
			expectSends(t, acts[1:], result0Bytes)
			wantSummary(t, m.HeartbeatDue(), "Send ISCONNECTED")
			wantSummary(t, mustReceive(t, m, pdu(t, &IsConnectedPacket{})))
			wantSummary(t, mustReceive(t, m, pdu(t, &RemoteControlDesktopPacket{ConnectionString: tc.cs})), "AskConsent Edgar Olougouna")
			acts = m.Consent(true)
			wantSummary(t, acts, "OpenView", "Send RESULT 0")
			expectSends(t, acts[1:], result0Bytes)
			wantSummary(t, mustReceive(t, m, pdu(t, &DisconnectPacket{})), "Note", "Disconnect 4")
		})
	}
	t.Run("wrong-password", func(t *testing.T) {
		m := New(Config{Invitation: v2Invitation()})
		m.Start()
		mustReceive(t, m, pdu(t, &VersionInfoPacket{Major: 1, Minor: 2}))
		acts := mustReceive(t, m, pdu(t, &AuthenticatePacket{ConnectionString: v2RCTicket, ExpertBlob: wrongBlob()}))
		wantSummary(t, acts, "Send RESULT 26", "PasswordFailed", "Disconnect 26")
	})
	t.Run("freerdp-3.x-unterminated", func(t *testing.T) {
		m := New(Config{Invitation: v2Invitation()})
		m.Start()
		mustReceive(t, m, pdu(t, &VersionInfoPacket{Major: 1, Minor: 2}))
		acts := mustReceive(t, m, hexOf(authenticateHex(v2RCTicket, v2Blob, false)))
		wantSummary(t, acts, "Note", "Send RESULT 0")
	})
}

// TestVersion3Expert plays a version 3 expert ([MS-RA] 3.7.5): it receives
// our token, checks it, and sends its own.
func TestVersion3Expert(t *testing.T) {
	m := New(Config{Invitation: v3Invitation(), NoviceName: "novice"})
	acts := m.Start()
	expectSends(t, acts, hexOf("0e000000 18000000", rcctlHex, "0c000000", v2NoviceTokenHex))
	ours, err := DecodeRCControl(acts[0].(Send).PDU)
	if err != nil {
		t.Fatal(err)
	}
	// The expert verifies the novice token ([MS-RA] 3.7.5).
	if !CheckToken(v2Password, RoleNovice, v2CS2, ours.(*TokenPacket).Token) {
		t.Fatal("the expert would reject our token")
	}
	expertTok := Token(v2Password, RoleExpert, v2CS2)
	acts = mustReceive(t, m, pdu(t, &TokenPacket{Token: expertTok}))
	wantSummary(t, acts, "Note", "AskConsent")
	wantSummary(t, m.Consent(true), "Send RESULT 0", "OpenView")
	wantSummary(t, m.HeartbeatDue())

	m = New(Config{Invitation: v3Invitation()})
	m.Start()
	acts = mustReceive(t, m, pdu(t, &TokenPacket{Token: Token("wrong!", RoleExpert, v2CS2)}))
	wantSummary(t, acts, "PasswordFailed", "Disconnect 61")
}
