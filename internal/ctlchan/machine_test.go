package ctlchan

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// summary renders actions compactly for comparisons: "Send RESULT 61",
// "AskConsent awake", "Disconnect 41", "Note", ….
func summary(t testing.TB, acts []Action) []string {
	t.Helper()
	var out []string
	for _, a := range acts {
		switch a := a.(type) {
		case Send:
			m, err := DecodeRCControl(a.PDU)
			if err != nil {
				t.Fatalf("we sent an undecodable PDU %x: %v", a.PDU, err)
			}
			switch m := m.(type) {
			case *ResultPacket:
				out = append(out, fmt.Sprintf("Send RESULT %d", uint32(m.Result)))
			case *VersionInfoPacket:
				out = append(out, fmt.Sprintf("Send VERSIONINFO %d.%d", m.Major, m.Minor))
			case *NoviceName:
				out = append(out, "Send RANOVICE_NAME "+m.Name)
			default:
				out = append(out, "Send "+m.MsgType().String())
			}
		case AskConsent:
			out = append(out, strings.TrimSpace("AskConsent "+a.ExpertName))
		case PasswordFailed:
			out = append(out, "PasswordFailed")
		case OpenView:
			out = append(out, "OpenView")
		case Disconnect:
			out = append(out, fmt.Sprintf("Disconnect %d", a.Result))
		case SubChannel:
			out = append(out, "SubChannel "+a.Name)
		case Note:
			out = append(out, "Note")
		default:
			t.Fatalf("unknown action %T", a)
		}
	}
	return out
}

// input is one call on a Machine.
type input struct {
	name string
	call func(m *Machine) ([]Action, error)
}

func start() input {
	return input{"Start", func(m *Machine) ([]Action, error) { return m.Start(), nil }}
}
func consent(yes bool) input {
	return input{fmt.Sprintf("Consent(%v)", yes), func(m *Machine) ([]Action, error) { return m.Consent(yes), nil }}
}
func heartbeat() input {
	return input{"HeartbeatDue", func(m *Machine) ([]Action, error) { return m.HeartbeatDue(), nil }}
}
func closeIn() input {
	return input{"Close", func(m *Machine) ([]Action, error) { return m.Close(), nil }}
}
func recv(name string, b []byte) input {
	return input{name, func(m *Machine) ([]Action, error) { return m.Receive(b) }}
}
func msgIn(t testing.TB, m Message) input { return recv(m.MsgType().String(), pdu(t, m)) }

// Expert messages.
func versionInfo(t testing.TB, minor uint32) input {
	return msgIn(t, &VersionInfoPacket{Major: 1, Minor: minor})
}
func authenticate(t testing.TB, cs, blob string) input {
	return msgIn(t, &AuthenticatePacket{ConnectionString: cs, ExpertBlob: blob})
}
func goodAuth(t testing.TB) input { return authenticate(t, v2CS2, v2Blob) }
func eov(t testing.TB, proof []byte) input {
	return msgIn(t, &ExpertOnVista{EncryptedPassword: proof})
}
func verify(t testing.TB, blob string) input {
	return msgIn(t, &VerifyPasswordPacket{ExpertBlob: blob})
}
func rcd(t testing.TB) input {
	return msgIn(t, &RemoteControlDesktopPacket{ConnectionString: v2RCTicket})
}
func token(t testing.TB, tok []byte) input { return msgIn(t, &TokenPacket{Token: tok}) }

func wrongBlob() string {
	return (ExpertBlob{Name: "awake", Pass: fmt.Sprintf("%X", wrongProof())}).Marshal()
}

// Paths to each state.
func pathWaitVersion() []input              { return []input{start()} }
func pathV1WaitAuth(t testing.TB) []input   { return []input{start(), versionInfo(t, 2)} }
func pathV1WaitRC(t testing.TB) []input     { return append(pathV1WaitAuth(t), goodAuth(t)) }
func pathV1Asking(t testing.TB) []input     { return append(pathV1WaitRC(t), rcd(t)) }
func pathV1Viewing(t testing.TB) []input    { return append(pathV1Asking(t), consent(true)) }
func pathV2WaitVerify(t testing.TB) []input { return []input{start(), eov(t, v2Proof())} }
func pathV2WaitEOV(t testing.TB) []input    { return []input{start(), verify(t, v2Blob)} }
func pathV2Asking(t testing.TB) []input     { return append(pathV2WaitVerify(t), verify(t, v2Blob)) }
func pathV2Viewing(t testing.TB) []input    { return append(pathV2Asking(t), consent(true)) }
func pathV3WaitToken() []input              { return []input{start()} }
func pathV3Asking(t testing.TB) []input {
	return []input{start(), token(t, v3Tokens()[RoleExpert])}
}
func pathV3Viewing(t testing.TB) []input { return append(pathV3Asking(t), consent(true)) }

type edgeCase struct {
	name    string // the edge: from -Event-> to
	v3      bool
	noName  bool // Config.NoviceName ""
	path    []input
	in      input
	want    []string
	state   State
	wantErr bool
}

func runEdge(t *testing.T, tc edgeCase) {
	t.Helper()
	cfg := Config{Invitation: v2Invitation(), NoviceName: "novice"}
	if tc.v3 {
		cfg.Invitation = v3Invitation()
	}
	if tc.noName {
		cfg.NoviceName = ""
	}
	m := New(cfg)
	for _, in := range tc.path {
		if _, err := in.call(m); err != nil {
			t.Fatalf("path %s: %v", in.name, err)
		}
	}
	acts, err := tc.in.call(m)
	if (err != nil) != tc.wantErr {
		t.Fatalf("%s: error %v, want error %v", tc.in.name, err, tc.wantErr)
	}
	if err != nil && !errors.Is(err, ErrProtocol) {
		t.Errorf("error %v does not wrap ErrProtocol", err)
	}
	if d := cmp.Diff(tc.want, summary(t, acts)); d != "" {
		t.Errorf("actions (-want +got):\n%s", d)
	}
	if m.State() != tc.state {
		t.Errorf("state %v, want %v", m.State(), tc.state)
	}
}

func TestMachineEdges(t *testing.T) {
	announce := []string{"Send SERVER_ANNOUNCE", "Send VERSIONINFO 1.2"}
	for _, tc := range []edgeCase{
		// Start.
		{name: "wait-version -Start-> wait-version", in: start(), want: announce, state: StateWaitVersion},
		{name: "wait-version -Start(again)-> wait-version", path: pathWaitVersion(), in: start(), state: StateWaitVersion},
		{name: "v2-wait-verify-password -Start-> v2-wait-verify-password (expert spoke first)",
			path: []input{eov(t, v2Proof())}, in: start(), want: announce, state: StateV2WaitVerifyPassword},
		{name: "v3-wait-token -Start-> v3-wait-token", v3: true, in: start(), want: []string{"Send TOKEN"}, state: StateV3WaitToken},

		// Version 1.
		{name: "wait-version -VERSIONINFO-> v1-wait-authenticate", path: pathWaitVersion(), in: versionInfo(t, 2),
			want: []string{"Note"}, state: StateV1WaitAuthenticate},
		{name: "wait-version -VERSIONINFO(1.1)-> closed", path: pathWaitVersion(), in: versionInfo(t, 1),
			want: []string{"Send RESULT 47", "Disconnect 47"}, state: StateClosed},
		{name: "wait-version -AUTHENTICATE(ok)-> v1-wait-remote-control", path: pathWaitVersion(), in: goodAuth(t),
			want: []string{"Note", "Note", "Send RESULT 0"}, state: StateV1WaitRemoteControl},
		{name: "wait-version -AUTHENTICATE(bad)-> closed", path: pathWaitVersion(), in: authenticate(t, v2CS2, wrongBlob()),
			want: []string{"Note", "Send RESULT 26", "PasswordFailed", "Disconnect 26"}, state: StateClosed},
		{name: "wait-version -REMOTE_CONTROL_DESKTOP-> closed", path: pathWaitVersion(), in: rcd(t), state: StateClosed, wantErr: true},
		{name: "v1-wait-authenticate -AUTHENTICATE(ok, CS2)-> v1-wait-remote-control", path: pathV1WaitAuth(t), in: goodAuth(t),
			want: []string{"Note", "Send RESULT 0"}, state: StateV1WaitRemoteControl},
		{name: "v1-wait-authenticate -AUTHENTICATE(ok, CS1)-> v1-wait-remote-control", path: pathV1WaitAuth(t),
			in: authenticate(t, v2RCTicket, v2Blob), want: []string{"Note", "Send RESULT 0"}, state: StateV1WaitRemoteControl},
		{name: "v1-wait-authenticate -AUTHENTICATE(wrong password)-> closed", path: pathV1WaitAuth(t),
			in:   authenticate(t, v2CS2, wrongBlob()),
			want: []string{"Send RESULT 26", "PasswordFailed", "Disconnect 26"}, state: StateClosed},
		{name: "v1-wait-authenticate -AUTHENTICATE(wrong connection string)-> closed", path: pathV1WaitAuth(t),
			in:   authenticate(t, strings.Replace(v2RCTicket, v2ID, "someone-else", 1), v2Blob),
			want: []string{"Send RESULT 26", "PasswordFailed", "Disconnect 26"}, state: StateClosed},
		{name: "v1-wait-authenticate -AUTHENTICATE(no PASS)-> closed", path: pathV1WaitAuth(t),
			in:   authenticate(t, v2CS2, "10;NAME=awake"),
			want: []string{"Send RESULT 26", "PasswordFailed", "Disconnect 26"}, state: StateClosed},
		{name: "v1-wait-authenticate -AUTHENTICATE(lying blob length)-> closed", path: pathV1WaitAuth(t),
			in:   authenticate(t, v2CS2, "99;NAME=awake69;PASS="+v2ProofHex),
			want: []string{"Send RESULT 26", "PasswordFailed", "Disconnect 26"}, state: StateClosed},
		{name: "v1-wait-authenticate -VERSIONINFO(1.2)-> v1-wait-authenticate", path: pathV1WaitAuth(t), in: versionInfo(t, 2),
			state: StateV1WaitAuthenticate},
		{name: "v1-wait-authenticate -VERSIONINFO(1.3)-> closed", path: pathV1WaitAuth(t), in: versionInfo(t, 3),
			want: []string{"Send RESULT 47", "Disconnect 47"}, state: StateClosed},
		{name: "v1-wait-authenticate -REMOTE_CONTROL_DESKTOP-> closed", path: pathV1WaitAuth(t), in: rcd(t),
			state: StateClosed, wantErr: true},
		{name: "v1-wait-authenticate -EXPERT_ON_VISTA-> v1-wait-authenticate (dropped)", path: pathV1WaitAuth(t),
			in: eov(t, v2Proof()), want: []string{"Note"}, state: StateV1WaitAuthenticate},
		{name: "v1-wait-authenticate -VERIFY_PASSWORD-> v1-wait-authenticate (dropped)", path: pathV1WaitAuth(t),
			in: verify(t, v2Blob), want: []string{"Note"}, state: StateV1WaitAuthenticate},
		{name: "v1-wait-authenticate -TOKEN-> v1-wait-authenticate (dropped)", path: pathV1WaitAuth(t),
			in: token(t, make([]byte, 20)), want: []string{"Note"}, state: StateV1WaitAuthenticate},
		{name: "v1-wait-authenticate -RAEXPERT_NAME-> v1-wait-authenticate (dropped)", path: pathV1WaitAuth(t),
			in: msgIn(t, &ExpertName{Name: "x"}), want: []string{"Note"}, state: StateV1WaitAuthenticate},
		{name: "v1-wait-remote-control -REMOTE_CONTROL_DESKTOP-> asking", path: pathV1WaitRC(t), in: rcd(t),
			want: []string{"AskConsent awake"}, state: StateAsking},
		{name: "v1-wait-remote-control -AUTHENTICATE-> closed", path: pathV1WaitRC(t), in: goodAuth(t),
			state: StateClosed, wantErr: true},
		{name: "asking -Consent(yes)-> viewing (v1)", path: pathV1Asking(t), in: consent(true),
			want: []string{"OpenView", "Send RESULT 0"}, state: StateViewing},
		{name: "asking -Consent(no)-> closed (v1)", path: pathV1Asking(t), in: consent(false),
			want: []string{"Send RESULT 41", "Disconnect 41"}, state: StateClosed},
		{name: "asking -REMOTE_CONTROL_DESKTOP-> asking (v1, dropped)", path: pathV1Asking(t), in: rcd(t),
			want: []string{"Note"}, state: StateAsking},
		{name: "viewing -AUTHENTICATE-> closed (v1)", path: pathV1Viewing(t), in: goodAuth(t), state: StateClosed, wantErr: true},
		{name: "v1-wait-authenticate -HeartbeatDue-> v1-wait-authenticate", path: pathV1WaitAuth(t), in: heartbeat(),
			want: []string{"Send ISCONNECTED"}, state: StateV1WaitAuthenticate},
		{name: "viewing -HeartbeatDue-> viewing (v1)", path: pathV1Viewing(t), in: heartbeat(),
			want: []string{"Send ISCONNECTED"}, state: StateViewing},

		// Version 2.
		{name: "wait-version -EXPERT_ON_VISTA-> v2-wait-verify-password", path: pathWaitVersion(), in: eov(t, v2Proof()),
			want: []string{"Note"}, state: StateV2WaitVerifyPassword},
		{name: "wait-version -VERIFY_PASSWORD-> v2-wait-expert-on-vista", path: pathWaitVersion(), in: verify(t, v2Blob),
			want: []string{"Note"}, state: StateV2WaitExpertOnVista},
		{name: "v2-wait-verify-password -VERIFY_PASSWORD(ok)-> asking", path: pathV2WaitVerify(t), in: verify(t, v2Blob),
			want: []string{"Note", "AskConsent awake"}, state: StateAsking},
		{name: "v2-wait-verify-password -VERIFY_PASSWORD(ok, no PASS)-> asking", path: pathV2WaitVerify(t),
			in: verify(t, "10;NAME=awake"), want: []string{"Note", "AskConsent awake"}, state: StateAsking},
		{name: "v2-wait-verify-password -VERIFY_PASSWORD(wrong PASS)-> closed", path: pathV2WaitVerify(t),
			in:   verify(t, wrongBlob()),
			want: []string{"Send RESULT 61", "PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v2-wait-verify-password -VERIFY_PASSWORD(malformed blob)-> closed", path: pathV2WaitVerify(t),
			in:   verify(t, "70;PASS="+v2ProofHex),
			want: []string{"Send RESULT 61", "PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v2-wait-verify-password(wrong proof) -VERIFY_PASSWORD(right PASS)-> closed",
			path: []input{start(), eov(t, wrongProof())}, in: verify(t, v2Blob),
			want: []string{"Send RESULT 61", "PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v2-wait-verify-password(wrong proof) -VERIFY_PASSWORD(no PASS)-> closed",
			path: []input{start(), eov(t, wrongProof())}, in: verify(t, "10;NAME=awake"),
			want: []string{"Send RESULT 61", "PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v2-wait-verify-password -EXPERT_ON_VISTA-> closed", path: pathV2WaitVerify(t), in: eov(t, v2Proof()),
			state: StateClosed, wantErr: true},
		{name: "v2-wait-verify-password -VERSIONINFO-> v2-wait-verify-password (dropped)", path: pathV2WaitVerify(t),
			in: versionInfo(t, 2), want: []string{"Note"}, state: StateV2WaitVerifyPassword},
		{name: "v2-wait-verify-password -AUTHENTICATE-> v2-wait-verify-password (dropped)", path: pathV2WaitVerify(t),
			in: goodAuth(t), want: []string{"Note"}, state: StateV2WaitVerifyPassword},
		{name: "v2-wait-verify-password -REMOTE_CONTROL_DESKTOP-> v2-wait-verify-password (dropped)", path: pathV2WaitVerify(t),
			in: rcd(t), want: []string{"Note"}, state: StateV2WaitVerifyPassword},
		{name: "v2-wait-verify-password -TOKEN-> v2-wait-verify-password (dropped)", path: pathV2WaitVerify(t),
			in: token(t, make([]byte, 20)), want: []string{"Note"}, state: StateV2WaitVerifyPassword},
		{name: "v2-wait-verify-password -HeartbeatDue-> v2-wait-verify-password", path: pathV2WaitVerify(t),
			in: heartbeat(), state: StateV2WaitVerifyPassword},
		{name: "v2-wait-expert-on-vista -EXPERT_ON_VISTA(ok)-> asking", path: pathV2WaitEOV(t), in: eov(t, v2Proof()),
			want: []string{"Note", "AskConsent awake"}, state: StateAsking},
		{name: "v2-wait-expert-on-vista -EXPERT_ON_VISTA(length-prefixed)-> asking", path: pathV2WaitEOV(t),
			in:   recv("EXPERT_ON_VISTA", rawPDU(MsgExpertOnVista, append([]byte{32, 0, 0, 0}, v2Proof()...))),
			want: []string{"Note", "AskConsent awake"}, state: StateAsking},
		{name: "v2-wait-expert-on-vista -EXPERT_ON_VISTA(wrong)-> closed", path: pathV2WaitEOV(t), in: eov(t, wrongProof()),
			want: []string{"Send RESULT 61", "PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v2-wait-expert-on-vista -VERIFY_PASSWORD-> closed", path: pathV2WaitEOV(t), in: verify(t, v2Blob),
			state: StateClosed, wantErr: true},
		{name: "asking -Consent(yes)-> viewing (v2)", path: pathV2Asking(t), in: consent(true),
			want: []string{"Send RESULT 0", "OpenView", "Send RANOVICE_NAME novice"}, state: StateViewing},
		{name: "asking -Consent(yes)-> viewing (v2, no novice name)", noName: true, path: pathV2Asking(t), in: consent(true),
			want: []string{"Send RESULT 0", "OpenView"}, state: StateViewing},
		{name: "asking -Consent(no)-> closed (v2)", path: pathV2Asking(t), in: consent(false),
			want: []string{"Send RESULT 41", "Disconnect 41"}, state: StateClosed},
		{name: "asking -VERIFY_PASSWORD-> closed (v2)", path: pathV2Asking(t), in: verify(t, v2Blob), state: StateClosed, wantErr: true},
		{name: "asking -EXPERT_ON_VISTA-> closed (v2)", path: pathV2Asking(t), in: eov(t, v2Proof()), state: StateClosed, wantErr: true},
		{name: "viewing -VERIFY_PASSWORD-> closed (v2)", path: pathV2Viewing(t), in: verify(t, v2Blob), state: StateClosed, wantErr: true},
		{name: "viewing -Consent(yes)-> viewing", path: pathV2Viewing(t), in: consent(true), state: StateViewing},
		{name: "viewing -Consent(no)-> viewing", path: pathV2Viewing(t), in: consent(false), state: StateViewing},
		{name: "wait-version -Consent(yes)-> wait-version", path: pathWaitVersion(), in: consent(true), state: StateWaitVersion},
		{name: "v2-wait-expert-on-vista -Consent(yes)-> v2-wait-expert-on-vista", path: pathV2WaitEOV(t), in: consent(true),
			state: StateV2WaitExpertOnVista},
		{name: "v2-wait-verify-password -RAEXPERT_NAME-> v2-wait-verify-password", path: pathV2WaitVerify(t),
			in: msgIn(t, &ExpertName{Name: "Ada"}), want: []string{"Note"}, state: StateV2WaitVerifyPassword},

		// Version 3.
		{name: "v3-wait-token -TOKEN(ok)-> asking", v3: true, path: pathV3WaitToken(), in: token(t, v3Tokens()[RoleExpert]),
			want: []string{"Note", "AskConsent"}, state: StateAsking},
		{name: "v3-wait-token -TOKEN(length-prefixed)-> asking", v3: true, path: pathV3WaitToken(),
			in:   recv("TOKEN", rawPDU(MsgToken, append([]byte{20, 0, 0, 0}, v3Tokens()[RoleExpert]...))),
			want: []string{"Note", "AskConsent"}, state: StateAsking},
		{name: "v3-wait-token -TOKEN(wrong password)-> closed", v3: true, path: pathV3WaitToken(), in: token(t, v3Tokens()["wrong"]),
			want: []string{"PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v3-wait-token -TOKEN(our own token reflected)-> closed", v3: true, path: pathV3WaitToken(),
			in: token(t, v3Tokens()[RoleNovice]), want: []string{"PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v3-wait-token -TOKEN(empty)-> closed", v3: true, path: pathV3WaitToken(), in: token(t, nil),
			want: []string{"PasswordFailed", "Disconnect 61"}, state: StateClosed},
		{name: "v3-wait-token -VERSIONINFO-> v3-wait-token (ignored)", v3: true, path: pathV3WaitToken(), in: versionInfo(t, 2),
			want: []string{"Note"}, state: StateV3WaitToken},
		{name: "v3-wait-token -VERSIONINFO(1.1)-> v3-wait-token (ignored)", v3: true, path: pathV3WaitToken(), in: versionInfo(t, 1),
			want: []string{"Note"}, state: StateV3WaitToken},
		{name: "v3-wait-token -EXPERT_ON_VISTA-> v3-wait-token (dropped)", v3: true, path: pathV3WaitToken(), in: eov(t, v2Proof()),
			want: []string{"Note"}, state: StateV3WaitToken},
		{name: "v3-wait-token -VERIFY_PASSWORD-> v3-wait-token (dropped)", v3: true, path: pathV3WaitToken(), in: verify(t, v2Blob),
			want: []string{"Note"}, state: StateV3WaitToken},
		{name: "v3-wait-token -AUTHENTICATE-> v3-wait-token (dropped)", v3: true, path: pathV3WaitToken(), in: goodAuth(t),
			want: []string{"Note"}, state: StateV3WaitToken},
		{name: "v3-wait-token -RAEXPERT_NAME-> v3-wait-token", v3: true, path: pathV3WaitToken(),
			in: msgIn(t, &ExpertName{Name: "Ada"}), want: []string{"Note"}, state: StateV3WaitToken},
		{name: "v3-wait-token(named) -TOKEN(ok)-> asking", v3: true,
			path: []input{start(), msgIn(t, &ExpertName{Name: "Ada\u202e"})}, in: token(t, v3Tokens()[RoleExpert]),
			want: []string{"Note", "AskConsent Ada"}, state: StateAsking},
		{name: "asking -Consent(yes)-> viewing (v3)", v3: true, path: pathV3Asking(t), in: consent(true),
			want: []string{"Send RESULT 0", "OpenView"}, state: StateViewing},
		{name: "asking -Consent(no)-> closed (v3)", v3: true, path: pathV3Asking(t), in: consent(false),
			want: []string{"Send RESULT 41", "Disconnect 41"}, state: StateClosed},
		{name: "asking -TOKEN-> closed (v3)", v3: true, path: pathV3Asking(t), in: token(t, v3Tokens()[RoleExpert]),
			state: StateClosed, wantErr: true},
		{name: "viewing -TOKEN-> closed (v3)", v3: true, path: pathV3Viewing(t), in: token(t, v3Tokens()[RoleExpert]),
			state: StateClosed, wantErr: true},
		{name: "v3-wait-token -HeartbeatDue-> v3-wait-token", v3: true, path: pathV3WaitToken(), in: heartbeat(), state: StateV3WaitToken},

		// Any state.
		{name: "wait-version -DISCONNECT-> closed", path: pathWaitVersion(), in: msgIn(t, &DisconnectPacket{}),
			want: []string{"Note", "Disconnect 4"}, state: StateClosed},
		{name: "viewing -DISCONNECT-> closed", path: pathV2Viewing(t), in: msgIn(t, &DisconnectPacket{}),
			want: []string{"Note", "Disconnect 4"}, state: StateClosed},
		{name: "asking -DISCONNECT-> closed", path: pathV2Asking(t), in: msgIn(t, &DisconnectPacket{}),
			want: []string{"Note", "Disconnect 4"}, state: StateClosed},
		{name: "wait-version -SERVER_ANNOUNCE-> closed", path: pathWaitVersion(), in: msgIn(t, &ServerAnnounce{}),
			state: StateClosed, wantErr: true},
		{name: "wait-version -ISCONNECTED-> wait-version", path: pathWaitVersion(), in: msgIn(t, &IsConnectedPacket{}),
			state: StateWaitVersion},
		{name: "v1-wait-remote-control -ISCONNECTED-> v1-wait-remote-control", path: pathV1WaitRC(t), in: msgIn(t, &IsConnectedPacket{}),
			state: StateV1WaitRemoteControl},
		{name: "wait-version -RESULT-> wait-version", path: pathWaitVersion(), in: msgIn(t, &ResultPacket{Result: 0}),
			want: []string{"Note"}, state: StateWaitVersion},
		{name: "v1-wait-authenticate -RESULT(INCOMPATIBLEVERSION)-> closed", path: pathV1WaitAuth(t),
			in: msgIn(t, &ResultPacket{Result: ResultIncompatibleVersion}), want: []string{"Note", "Disconnect 47"}, state: StateClosed},
		{name: "wait-version -RANOVICE_NAME-> wait-version", path: pathWaitVersion(), in: msgIn(t, &NoviceName{Name: "x"}),
			state: StateWaitVersion},
		{name: "wait-version -unknown msgType-> wait-version", path: pathWaitVersion(), in: recv("msgType 13", rawPDU(13, nil)),
			want: []string{"Note"}, state: StateWaitVersion},
		{name: "viewing -unknown msgType-> viewing", path: pathV2Viewing(t), in: recv("msgType 99", rawPDU(99, []byte{1})),
			want: []string{"Note"}, state: StateViewing},
		{name: "wait-version -TOKEN-> wait-version (dropped)", path: pathWaitVersion(), in: token(t, v3Tokens()[RoleExpert]),
			want: []string{"Note"}, state: StateWaitVersion},
		{name: "wait-version -truncated PDU-> closed", path: pathWaitVersion(), in: recv("truncated", pdu(t, &VersionInfoPacket{1, 2})[:30]),
			state: StateClosed, wantErr: true},
		{name: "wait-version -truncated VERSIONINFO-> closed", path: pathWaitVersion(),
			in: recv("short VERSIONINFO", rawPDU(MsgVersionInfo, []byte{1, 0, 0, 0})), state: StateClosed, wantErr: true},
		{name: "wait-version -trailing bytes-> closed", path: pathWaitVersion(), in: recv("trailing", append(pdu(t, &ServerAnnounce{}), 0)),
			state: StateClosed, wantErr: true},
		{name: "v2-wait-verify-password -oversized VERIFY_PASSWORD-> closed", path: pathV2WaitVerify(t),
			in: recv("oversized", rawPDU(MsgVerifyPassword, make([]byte, MaxStringBytes+2))), state: StateClosed, wantErr: true},
		{name: "asking -bad channel name-> closed", path: pathV2Asking(t), in: recv("bad name", []byte{0x41, 0, 0, 0, 0, 0, 0, 0}),
			state: StateClosed, wantErr: true},
		{name: "wait-version -Close-> closed", path: pathWaitVersion(), in: closeIn(),
			want: []string{"Send DISCONNECT", "Disconnect 3"}, state: StateClosed},
		{name: "viewing -Close-> closed", path: pathV2Viewing(t), in: closeIn(),
			want: []string{"Send DISCONNECT", "Disconnect 3"}, state: StateClosed},
		{name: "closed -Close-> closed", path: append(pathV2Viewing(t), closeIn()), in: closeIn(), state: StateClosed},
		{name: "closed -Start-> closed", path: []input{closeIn()}, in: start(), state: StateClosed},
		{name: "closed -EXPERT_ON_VISTA-> closed", path: append(pathWaitVersion(), closeIn()), in: eov(t, v2Proof()), state: StateClosed},
		{name: "closed -Consent(yes)-> closed", path: append(pathV2Asking(t), msgIn(t, &DisconnectPacket{})), in: consent(true),
			state: StateClosed},
		{name: "closed -malformed PDU-> closed", path: append(pathWaitVersion(), closeIn()), in: recv("junk", []byte{1}),
			state: StateClosed},

		// Sub-channels.
		{name: "wait-version -chat frame-> wait-version (dropped)", path: pathWaitVersion(), in: recv("70", subPDU("70", "hi")),
			want: []string{"Note"}, state: StateWaitVersion},
		{name: "asking -file-transfer frame-> asking (dropped)", path: pathV2Asking(t), in: recv("RA_FX", subPDU("RA_FX", "FILEXFERACK")),
			want: []string{"Note"}, state: StateAsking},
		{name: "viewing -chat frame-> viewing", path: pathV2Viewing(t), in: recv("70", subPDU("70", "hi")),
			want: []string{"SubChannel 70"}, state: StateViewing},
		{name: "viewing -file-transfer frame-> viewing", path: pathV1Viewing(t), in: recv("1000.5", subPDU("1000.5", "FILEXFEREND")),
			want: []string{"SubChannel 1000.5"}, state: StateViewing},
		{name: "wait-version -EXPERTIP-> wait-version", path: pathWaitVersion(),
			in:   recv("EXPERTIP", subPDU("71", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.0.2.7"/>`)),
			want: []string{"Note", "Note"}, state: StateWaitVersion},
		{name: "viewing -EXPERTIP-> viewing", path: pathV1Viewing(t),
			in:   recv("EXPERTIP", subPDU("71", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.0.2.7"/>`)),
			want: []string{"Note", "SubChannel 71"}, state: StateViewing},
	} {
		t.Run(tc.name, func(t *testing.T) { runEdge(t, tc) })
	}
}

func TestMachineV3WithoutNoviceToken(t *testing.T) {
	inv := v2Invitation()
	inv.Token = func(string) []byte { return nil }
	m := New(Config{Invitation: inv})
	if d := cmp.Diff([]string{"Note", "Disconnect 34"}, summary(t, m.Start())); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	if m.State() != StateClosed {
		t.Errorf("state %v", m.State())
	}
}

func TestMachineNotes(t *testing.T) {
	m := New(Config{Invitation: v2Invitation()})
	m.Start()
	m.Receive(subPDU("71", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.0.2.7"/>`))
	acts, _ := m.Receive(pdu(t, &ExpertOnVista{EncryptedPassword: v2Proof()}))
	acts2, _ := m.Receive(pdu(t, &VerifyPasswordPacket{ExpertBlob: v2Blob}))
	var notes []string
	for _, a := range append(acts, acts2...) {
		if n, ok := a.(Note); ok {
			notes = append(notes, n.Msg)
		}
	}
	want := []string{
		"the expert chose Remote Assistance protocol version 2 (EXPERT_ON_VISTA)",
		`password verified (protocol version 2); expert name "awake"`,
	}
	if d := cmp.Diff(want, notes); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	acts, _ = m.Receive(subPDU("71", `<RCCOMMAND NAME="EXPERTIP" EXPERTIPDATA="192.0.2.7"/>`))
	if n, ok := acts[0].(Note); !ok || !strings.Contains(n.Msg, "192.0.2.7") {
		t.Errorf("EXPERTIP note: %v", acts)
	}
	if m.Version() != 2 {
		t.Errorf("Version %d", m.Version())
	}
}

func TestMachineSubChannelDataIsCopied(t *testing.T) {
	m := New(Config{Invitation: v2Invitation()})
	for _, in := range pathV2Viewing(t) {
		in.call(m)
	}
	b := subPDU("70", "hi")
	acts, err := m.Receive(b)
	if err != nil || len(acts) != 1 {
		t.Fatal(acts, err)
	}
	clear(b)
	if sc := acts[0].(SubChannel); string(sc.Data) != string(wire.AppendUTF16LE(nil, "hi\x00")) {
		t.Errorf("data %x changed with the input", sc.Data)
	}
}

func TestStateString(t *testing.T) {
	if StateV2WaitVerifyPassword.String() != "v2-wait-verify-password" || State(0).String() != "State(0)" || State(99).String() != "State(99)" {
		t.Error("State.String")
	}
}
