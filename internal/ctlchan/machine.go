package ctlchan

import (
	"bytes"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// maxNameRunes bounds the names the Machine passes on and sends.
const maxNameRunes = 128

// Invitation is what the Machine needs to know about the invitation the
// expert named (by the Client Info WorkingDir). Its functions hold the
// secrets; the Machine never sees the password.
type Invitation struct {
	// ID is the Authorization String Identifier, RASessionID / <A ID>
	// (the WorkingDir).
	ID string
	// ConnectionString is the Connection String 2 text the daemon holds
	// (the LHTICKET plaintext).
	ConnectionString string
	// RCTicket is Connection String 1, when the invitation has one.
	RCTicket string
	// CheckProof reports, in constant time, whether proof is the PassStub
	// proof of the invitation's password (invite.CheckPassStubProof).
	CheckProof func(proof []byte) bool
	// Token returns, for a version 3 invitation, the expected token for
	// role RoleExpert and ours for RoleNovice (see Token). It is nil unless
	// the invitation is version 3.
	Token func(role string) []byte
}

// Config configures a Machine.
type Config struct {
	Invitation Invitation
	// NoviceName is sent in RANOVICE_NAME once a version 2 session is
	// established; empty sends nothing. Control and format characters are
	// removed and it is cut to 128 characters.
	NoviceName string
}

// Machine is the novice's side of Remote Assistance session
// initialization for one connection ([MS-RA] 3.4, 3.6, 3.8): it announces
// itself, lets the expert choose protocol version 1, 2 or (for a version
// 3 invitation) runs the token exchange, checks the expert's credentials,
// asks the novice, and then hands the other sub-channels on.
//
// The connection's owner goroutine drives it: Start after RDP activation,
// Receive for every remdesk PDU (in either order: an expert may speak
// first), Consent with the novice's answer, HeartbeatDue every 30 seconds,
// Close when the novice ends the session. It is not safe for concurrent
// use. Every method returns the actions to carry out, in order; Receive
// also returns an error, wrapping ErrProtocol, when the connection must
// end at once. No method panics on peer input.
//
// INVARIANT: OpenView is emitted at most once per Machine, only by
// Consent(true) in StateAsking. StateAsking is entered only by AskConsent,
// and only from a transition that has just verified the expert's
// credentials of the negotiated version: version 1, from
// StateV1WaitRemoteControl, which only an AUTHENTICATE with this
// invitation's connection string and a valid PASS proof enters; version
// 2, when EXPERT_ON_VISTA's proof and VERIFY_PASSWORD's blob (its PASS, if
// any, equal to that proof) have both arrived and passed; version 3, when
// the expert's TOKEN equals Invitation.Token(RoleExpert). A failed check
// leads only to StateClosed, and StateClosed is never left.
type Machine struct {
	// Immutable after New.
	cfg        Config
	noviceName string

	state State
	// version is the negotiated protocol version: 0 until the expert
	// chooses one (StateWaitVersion), then 1 or 2; 3 from the start for a
	// version 3 invitation. It never changes once set ([MS-RA] 3: "it
	// cannot be changed for the rest of the Remote Assistance
	// Connection").
	version uint8
	// started records that Start has run. It is not part of State because
	// the expert may speak first (ra-protocol.md §4.7 step 3): Start sends
	// its announcement whatever the state.
	started bool
	// proofs holds, in StateV2WaitVerifyPassword, EXPERT_ON_VISTA's
	// encrypted password as decoded and, if that stripped a length
	// prefix, as received. blob holds, in StateV2WaitExpertOnVista,
	// VERIFY_PASSWORD's expertBlob. Both are wiped when the check runs.
	proofs [][]byte
	blob   string
	// blobName is the expertBlob's NAME, raName the last RAEXPERT_NAME;
	// both cleaned.
	blobName, raName string
}

// New returns a Machine for one connection.
func New(cfg Config) *Machine {
	m := &Machine{cfg: cfg, noviceName: cleanName(cfg.NoviceName), state: StateWaitVersion}
	if cfg.Invitation.Token != nil {
		// [MS-RA] 3.8.5: "If the Remote Assistance Initiation over PNRP
		// Protocol was used …, the novice MUST use the version 3 protocol."
		m.state, m.version = StateV3WaitToken, 3
	}
	return m
}

// State returns the current state.
func (m *Machine) State() State { return m.state }

// Version returns the negotiated protocol version, 1, 2 or 3, or 0 while
// the expert has not chosen one.
func (m *Machine) Version() int { return int(m.version) }

// Start returns what the novice sends once the RDP connection is active
// (after the Font Map: FreeRDP drops channel data sent earlier):
// SERVER_ANNOUNCE and VERSIONINFO 1.2 ([MS-RA] 3.6.5), or, for a version 3
// invitation, our TOKEN (3.8.5). A second call returns nothing.
func (m *Machine) Start() []Action {
	acts, _ := m.step(evStart{})
	return acts
}

// Receive handles one whole remdesk PDU: one message of the static
// channel "remdesk" or of the dynamic channel "RC_CTL". On an error
// (wrapping ErrProtocol) the connection must end; the Machine is then
// closed.
func (m *Machine) Receive(pdu []byte) ([]Action, error) {
	var f Frame
	if err := f.UnmarshalBinary(pdu); err != nil {
		return m.step(evMalformed{err})
	}
	if !f.IsRCControl() {
		return m.step(evSubChannel{f})
	}
	msg, err := decodeControl(f.Data)
	switch {
	case errors.Is(err, ErrUnknownMsgType):
		return m.step(evUnknownMsg{MsgType(binary.LittleEndian.Uint32(f.Data))})
	case err != nil:
		return m.step(evMalformed{err})
	}
	return m.step(evMessage{msg: msg, payload: f.Data[4:]})
}

// Consent passes on the novice's answer to AskConsent; the driver passes
// false when the question times out. Outside StateAsking it does nothing.
func (m *Machine) Consent(yes bool) []Action {
	acts, _ := m.step(evConsent{yes})
	return acts
}

// HeartbeatDue is called by the driver every 30 seconds. On version 1 it
// returns ISCONNECTED ([MS-RA] 3.4.2: "the Connection Heartbeat timer MAY
// be started to send the REMOTEDESKTOP_CTL_ISCONNECTED packet every 30
// seconds"); the packet "is used in version 1 only" (2.2.1.6).
func (m *Machine) HeartbeatDue() []Action {
	acts, _ := m.step(evHeartbeat{})
	return acts
}

// Close ends the session from the novice's side: DISCONNECT ("When either
// the novice or expert ends a Remote Assistance session, it sends a
// REMOTEDESKTOP_CTL_DISCONNECT", [MS-RA] 3.4.5), then Disconnect.
func (m *Machine) Close() []Action {
	acts, _ := m.step(evClose{})
	return acts
}

// Events of step.
type (
	event        interface{ isEvent() }
	evStart      struct{}
	evMalformed  struct{ err error }
	evUnknownMsg struct{ t MsgType }
	evSubChannel struct{ f Frame }
	evConsent    struct{ yes bool }
	evHeartbeat  struct{}
	evClose      struct{}
	// evMessage is a decoded RC_CTL message; payload is what followed
	// msgType on the wire.
	evMessage struct {
		msg     Message
		payload []byte
	}
)

func (evStart) isEvent()      {}
func (evMalformed) isEvent()  {}
func (evUnknownMsg) isEvent() {}
func (evSubChannel) isEvent() {}
func (evConsent) isEvent()    {}
func (evHeartbeat) isEvent()  {}
func (evClose) isEvent()      {}
func (evMessage) isEvent()    {}

// step is the transition function: the only code that changes m.state.
// Edges are written `from -Event-> to ([MS-RA] section)`; `s` is any
// state but closed.
func (m *Machine) step(ev event) ([]Action, error) {
	if m.state == StateClosed {
		// closed -*-> closed: the connection is ending.
		return nil, nil
	}
	switch ev := ev.(type) {
	case evStart:
		if m.started {
			return nil, nil // s -Start-> s: already announced
		}
		m.started = true
		if m.version == 3 {
			// v3-wait-token|asking|viewing -Start-> same, sends our TOKEN
			// (3.8.5: "the novice MUST send the expert a
			// REMOTEDESKTOP_CTL_TOKEN_PACKET containing a novice session
			// authorization token"). Version 3 has no SERVER_ANNOUNCE and
			// "In version 3, [VERSIONINFO] is not sent" (2.2.1.8).
			tok := m.cfg.Invitation.Token(RoleNovice)
			if len(tok) == 0 || len(tok) > MaxStringBytes-4 {
				// v3-wait-token -Start-> closed: the daemon gave no usable token.
				m.state = StateClosed
				return []Action{Note{"version 3 invitation without a usable novice token"}, disconnect(ResultInternalError)}, nil
			}
			return []Action{send(&TokenPacket{Token: tok})}, nil
		}
		// s -Start-> s, sends SERVER_ANNOUNCE and VERSIONINFO 1.2 (3.6.5: "As
		// soon as basic Remote Assistance connection is established, the
		// novice sends the REMOTEDESKTOP_CTL_SERVER_ANNOUNCE and
		// REMOTE_DESKTOP_CTL_VERSIONINFO packets"; 3.4.5: "MAJOR VERSION = 1,
		// MINOR VERSION = 2"). Sent even if the expert spoke first: a
		// version 2 expert answers SERVER_ANNOUNCE with VERIFY_PASSWORD (3.5.5).
		return []Action{send(&ServerAnnounce{}), send(&VersionInfoPacket{Major: VersionMajor, Minor: VersionMinor})}, nil

	case evMalformed:
		// s -malformed, truncated or oversized PDU-> closed.
		m.state = StateClosed
		m.wipe()
		return nil, fmt.Errorf("%w: %w", ErrProtocol, ev.err)

	case evUnknownMsg:
		// s -unknown msgType-> s: [MS-RA] 3, "when a novice or an expert
		// receives a message from a version it does not implement, the
		// message MUST be dropped without returning any error code".
		return []Action{Note{fmt.Sprintf("dropped an RC_CTL message of unknown msgType %d", uint32(ev.t))}}, nil

	case evSubChannel:
		var acts []Action
		if ev.f.Channel == ChannelShareControl {
			// s -EXPERTIP on "71"-> s: logged (3.4.5: "This IP address could
			// be used for maintaining a log of connecting experts").
			if addrs, ok := expertIP(ev.f.Data); ok {
				if addrs == "" {
					acts = append(acts, Note{"the expert sent EXPERTIP without a valid address"})
				} else {
					acts = append(acts, Note{"the expert reports its address " + addrs + " (EXPERTIP, unverified)"})
				}
			}
		}
		if m.state == StateViewing {
			// viewing -sub-channel frame-> viewing: handed on unchanged.
			return append(acts, SubChannel{Name: ev.f.Channel, Data: bytes.Clone(ev.f.Data)}), nil
		}
		// s -sub-channel frame-> s: chat, share control and file transfer
		// belong to an established session (1.3.1: "Once the Remote
		// Assistance session is established, … other Remote Assistance (RA)
		// capabilities can be initiated"); before it, dropped.
		return append(acts, Note{fmt.Sprintf("dropped %d bytes on sub-channel %q before the session was accepted", len(ev.f.Data), ev.f.Channel)}), nil

	case evHeartbeat:
		if m.version == 1 {
			// s -HeartbeatDue-> s, version 1: ISCONNECTED (3.4.2, 3.4.6).
			return []Action{send(&IsConnectedPacket{})}, nil
		}
		return nil, nil // s -HeartbeatDue-> s: "used in version 1 only" (2.2.1.6)

	case evClose:
		// s -Close-> closed (3.4.5: "When either the novice or expert ends
		// a Remote Assistance session, it sends a
		// REMOTEDESKTOP_CTL_DISCONNECT packet to the other").
		m.state = StateClosed
		m.wipe()
		return []Action{send(&DisconnectPacket{}), disconnect(ResultLocalNotError)}, nil

	case evConsent:
		if m.state != StateAsking {
			return nil, nil // s -Consent-> s: nothing was asked (a late answer)
		}
		if !ev.yes {
			// asking -Consent(no)-> closed: RESULT HELPEESAIDNO ("Sent from
			// the novice to the expert when the novice rejects the Remote
			// Assistance connection", 3.4.5, 3.6.5; 3.8.5: "if the user does
			// not grant permission …, the Remote Assistance connection MUST
			// be terminated"), then Disconnect: FreeRDP 2.11 ignores RESULT.
			m.state = StateClosed
			return []Action{sendResult(ResultHelpeeSaidNo), disconnect(ResultHelpeeSaidNo)}, nil
		}
		m.state = StateViewing
		switch m.version {
		case 1:
			// asking -Consent(yes)-> viewing, version 1 (3.3.5: "the novice
			// starts the desktop shadowing so the expert can view the novice
			// screen. The novice finally sends the success code
			// SAFERROR_NOERROR").
			return []Action{OpenView{}, sendResult(ResultNoError)}, nil
		case 2:
			// asking -Consent(yes)-> viewing, version 2 (3.6.5: "the success
			// code SAFERROR_NOERROR MUST be returned"; after it "the novice
			// starts desktop shadowing", and the sides "MAY exchange
			// REMOTEDESKTOP_CTL_RANOVICE_NAME").
			acts := []Action{sendResult(ResultNoError), OpenView{}}
			if m.noviceName != "" {
				acts = append(acts, send(&NoviceName{Name: m.noviceName}))
			}
			return acts, nil
		default:
			// asking -Consent(yes)-> viewing, version 3 (3.8.5: the novice
			// grants the view after the user's permission). 3.8 names no
			// result message; SAFERROR_NOERROR is not tied to a version
			// (2.2.6) and tells the expert the outcome.
			return []Action{sendResult(ResultNoError), OpenView{}}, nil
		}

	case evMessage:
		return m.stepMessage(ev.msg, ev.payload)
	}
	return nil, fmt.Errorf("%w: unhandled event %T", ErrProtocol, ev)
}

// stepMessage is step for a decoded RC_CTL message; it is part of the
// transition function, split out only for length.
func (m *Machine) stepMessage(msg Message, payload []byte) ([]Action, error) {
	switch msg := msg.(type) {
	case *DisconnectPacket:
		// s -DISCONNECT-> closed (2.2.1.5: "the sender has disconnected").
		m.state = StateClosed
		m.wipe()
		return []Action{Note{"the expert disconnected (DISCONNECT)"}, disconnect(ResultRemoteByUser)}, nil

	case *ServerAnnounce:
		// s -SERVER_ANNOUNCE-> closed: it is "sent from the server to the
		// client" (2.2.1.7); from the expert it is nonsense.
		return m.fail("SERVER_ANNOUNCE from the expert")

	case *IsConnectedPacket:
		// s -ISCONNECTED-> s: "No action is taken by either the expert or
		// the novice on either receipt or nonreceipt" (3.4.6); outside
		// version 1 it is a message of another version, dropped (3).
		return nil, nil

	case *ResultPacket:
		if msg.Result == ResultIncompatibleVersion {
			// s -RESULT(INCOMPATIBLEVERSION)-> closed: the expert refused our
			// VERSIONINFO (3.3.5), and then "the version 1 novice and
			// version 1 expert both disconnect" (2.2.1.8).
			m.state = StateClosed
			m.wipe()
			return []Action{Note{"the expert refused our protocol version"}, disconnect(ResultIncompatibleVersion)}, nil
		}
		// s -RESULT-> s: the expert reports a code; logged.
		return []Action{Note{fmt.Sprintf("the expert sent RESULT %v", msg.Result)}}, nil

	case *NoviceName:
		// s -RANOVICE_NAME-> s: the novice's own name; nothing to do.
		return nil, nil

	case *ExpertName:
		if m.version == 1 {
			// v1 -RAEXPERT_NAME-> v1: "applicable to version 2 only"
			// (2.2.1.14), dropped (3). Version 3 keeps it: nothing else
			// names a version 3 expert.
			return []Action{dropped(msg, m.version)}, nil
		}
		// s -RAEXPERT_NAME-> s: the expert's name, for the prompt if it
		// comes first, and the log.
		m.raName = cleanName(msg.Name)
		return []Action{Note{fmt.Sprintf("expert name (RAEXPERT_NAME): %q", m.raName)}}, nil

	case *VersionInfoPacket:
		switch {
		case m.version == 3 || m.version == 2:
			// v2|v3 -VERSIONINFO-> same: "clients send this message but do
			// not take any action upon receiving the message. In version 3,
			// this message is not sent and is ignored when it is received"
			// (2.2.1.8); the version cannot change (3).
			return []Action{dropped(msg, m.version)}, nil
		case !msg.Is12():
			// wait-version|v1 -VERSIONINFO(≠1.2)-> closed: "otherwise, the
			// SAFERROR_INCOMPATIBLEVERSION error MUST be returned in the
			// REMOTEDESKTOP_CTL_RESULT packet to the expert" (3.4.5); "the
			// version 1 novice and version 1 expert both disconnect" (2.2.1.8).
			m.state = StateClosed
			return []Action{sendResult(ResultIncompatibleVersion), disconnect(ResultIncompatibleVersion)}, nil
		case m.state == StateWaitVersion:
			// wait-version -VERSIONINFO-> v1-wait-authenticate: "Version 1 of
			// the protocol is used if the novice receives
			// REMOTEDESKTOP_CTL_VERSIONINFO from the expert" (3).
			m.state, m.version = StateV1WaitAuthenticate, 1
			return []Action{Note{"the expert chose Remote Assistance protocol version 1 (VERSIONINFO)"}}, nil
		default:
			return nil, nil // v1 -VERSIONINFO(1.2)-> same: nothing to do
		}

	case *AuthenticatePacket:
		switch m.state {
		case StateWaitVersion, StateV1WaitAuthenticate:
			// AUTHENTICATE "is used only when the novice or expert is using
			// version 1" (2.2.1.4): arriving before VERSIONINFO it chooses
			// version 1 as well.
			note := m.version == 0
			m.version = 1
			ok, name := m.checkAuthenticate(msg)
			m.blobName = name
			var acts []Action
			if note {
				acts = append(acts, Note{"the expert chose Remote Assistance protocol version 1 (AUTHENTICATE)"})
			}
			if !ok {
				// wait-version|v1-wait-authenticate -AUTHENTICATE(bad)-> closed:
				// "If the Remote Assistance Connection String is not valid, the
				// novice MUST return SAFERROR_INVALIDPASSWORD and disconnect"
				// (3.3.5, 3.4.5).
				m.state = StateClosed
				return append(acts, m.refuse(ResultInvalidPassword)...), nil
			}
			// wait-version|v1-wait-authenticate -AUTHENTICATE(ok)->
			// v1-wait-remote-control: "If the Remote Assistance
			// ConnectionString is valid, the expertBlob MUST be extracted.
			// Also, the success code SAFERROR_NOERROR MUST be returned"
			// (3.4.5).
			m.state = StateV1WaitRemoteControl
			return append(acts, Note{fmt.Sprintf("password verified (protocol version 1); expert name %q", name)}, sendResult(ResultNoError)), nil
		}
		if m.version == 1 {
			// v1-wait-remote-control|asking|viewing -AUTHENTICATE-> closed: a
			// second AUTHENTICATE after success.
			return m.fail("AUTHENTICATE after the expert was authenticated")
		}
		return []Action{dropped(msg, m.version)}, nil // v2|v3 -AUTHENTICATE-> same (3)

	case *RemoteControlDesktopPacket:
		switch {
		case m.state == StateV1WaitRemoteControl:
			// v1-wait-remote-control -REMOTE_CONTROL_DESKTOP-> asking: "the
			// novice MUST start desktop shadowing after getting the user's
			// consent" (3.4.5). The connection string it carries "is ignored
			// on receipt" (3.3.5).
			m.state = StateAsking
			return []Action{AskConsent{ExpertName: m.expertName()}}, nil
		case m.state == StateWaitVersion || m.state == StateV1WaitAuthenticate:
			// wait-version|v1-wait-authenticate -REMOTE_CONTROL_DESKTOP->
			// closed: it comes "After receiving SAFERROR_NOERROR" (3.3.5).
			return m.fail("REMOTE_CONTROL_DESKTOP before AUTHENTICATE")
		default:
			// asking|viewing -REMOTE_CONTROL_DESKTOP-> same (v1: a repeat),
			// v2|v3 -REMOTE_CONTROL_DESKTOP-> same (3): dropped.
			return []Action{dropped(msg, m.version)}, nil
		}

	case *ExpertOnVista:
		proofs := readings(msg.EncryptedPassword, payload)
		switch m.state {
		case StateWaitVersion:
			// wait-version -EXPERT_ON_VISTA-> v2-wait-verify-password:
			// "Version 2 of the protocol is used if the novice receives
			// REMOTEDESKTOP_EXPERT_ON_VISTA packet from the expert" (3).
			m.state, m.version, m.proofs = StateV2WaitVerifyPassword, 2, proofs
			return []Action{Note{"the expert chose Remote Assistance protocol version 2 (EXPERT_ON_VISTA)"}}, nil
		case StateV2WaitExpertOnVista:
			blob := m.blob
			m.wipe()
			ok, name := m.checkVersion2(proofs, blob)
			wipeAll(proofs)
			m.blobName = name
			if !ok {
				// v2-wait-expert-on-vista -EXPERT_ON_VISTA(bad)-> closed (3.6.5).
				m.state = StateClosed
				return m.refuse(ResultPasswordsDontMatch), nil
			}
			// v2-wait-expert-on-vista -EXPERT_ON_VISTA(ok)-> asking (3.6.5).
			m.state = StateAsking
			return []Action{Note{fmt.Sprintf("password verified (protocol version 2); expert name %q", name)}, AskConsent{ExpertName: m.expertName()}}, nil
		}
		wipeAll(proofs)
		if m.version == 2 {
			// v2-wait-verify-password|asking|viewing -EXPERT_ON_VISTA-> closed:
			// repeated.
			return m.fail("a second EXPERT_ON_VISTA")
		}
		return []Action{dropped(msg, m.version)}, nil // v1|v3 -EXPERT_ON_VISTA-> same (3)

	case *VerifyPasswordPacket:
		switch m.state {
		case StateWaitVersion:
			// wait-version -VERIFY_PASSWORD-> v2-wait-expert-on-vista:
			// VERIFY_PASSWORD "is applicable only for version 2" (2.2.1.11);
			// the two may come in either order (ra-protocol.md §4.7).
			m.state, m.version, m.blob = StateV2WaitExpertOnVista, 2, msg.ExpertBlob
			return []Action{Note{"the expert chose Remote Assistance protocol version 2 (VERIFY_PASSWORD)"}}, nil
		case StateV2WaitVerifyPassword:
			proofs := m.proofs
			m.proofs = nil
			ok, name := m.checkVersion2(proofs, msg.ExpertBlob)
			wipeAll(proofs)
			m.blobName = name
			if !ok {
				// v2-wait-verify-password -VERIFY_PASSWORD(bad)-> closed: "If the
				// Remote Assistance Connection String is not valid,
				// PASSWORDS_DONT_MATCH MUST be returned to the expert" (3.6.5).
				m.state = StateClosed
				return m.refuse(ResultPasswordsDontMatch), nil
			}
			// v2-wait-verify-password -VERIFY_PASSWORD(ok)-> asking: the
			// proof is good; SAFERROR_NOERROR waits for the novice's yes
			// (3.6.5 table: HELPEESAIDNO "is returned when the novice rejects
			// Remote Assistance").
			m.state = StateAsking
			return []Action{Note{fmt.Sprintf("password verified (protocol version 2); expert name %q", name)}, AskConsent{ExpertName: m.expertName()}}, nil
		}
		if m.version == 2 {
			// v2-wait-expert-on-vista|asking|viewing -VERIFY_PASSWORD-> closed:
			// repeated, or after success.
			return m.fail("a second VERIFY_PASSWORD")
		}
		return []Action{dropped(msg, m.version)}, nil // v1|v3 -VERIFY_PASSWORD-> same (3)

	case *TokenPacket:
		switch {
		case m.state == StateV3WaitToken:
			ok := m.checkToken(readings(msg.Token, payload))
			if !ok {
				// v3-wait-token -TOKEN(bad)-> closed: "If either side cannot
				// confirm that the two tokens match …, the Remote Assistance
				// connection MUST be terminated" (3.8.5). 3.8 defines no
				// RESULT for it (INVALIDPASSWORD and PASSWORDS_DONT_MATCH are
				// "only used in version" 1 and 2).
				m.state = StateClosed
				return []Action{PasswordFailed{}, disconnect(ResultPasswordsDontMatch)}, nil
			}
			// v3-wait-token -TOKEN(ok)-> asking: "After this is verified, the
			// novice MUST receive permission from the user" (3.8.5).
			m.state = StateAsking
			return []Action{Note{"token verified (protocol version 3)"}, AskConsent{ExpertName: m.expertName()}}, nil
		case m.version == 3:
			// asking|viewing -TOKEN-> closed: a second token.
			return m.fail("a second TOKEN")
		default:
			// wait-version|v1|v2 -TOKEN-> same: TOKEN "is only supported by
			// version 3" (2.2.1.3), dropped (3).
			return []Action{dropped(msg, m.version)}, nil
		}
	}
	return nil, fmt.Errorf("%w: unhandled message %v", ErrProtocol, msg.MsgType())
}

// fail closes the Machine and returns err wrapping ErrProtocol.
func (m *Machine) fail(what string) ([]Action, error) {
	from := m.state
	m.state = StateClosed
	m.wipe()
	return nil, fmt.Errorf("%w: %s in state %v", ErrProtocol, what, from)
}

// refuse returns the actions of a failed credential check: RESULT code,
// PasswordFailed, Disconnect. The caller sets StateClosed.
func (m *Machine) refuse(code Result) []Action {
	return []Action{sendResult(code), PasswordFailed{}, disconnect(code)}
}

// checkAuthenticate checks a version 1 AUTHENTICATE: the connection string
// ([MS-RAI] Appendix A, Invitation.MatchConnectionString) and the PASS
// proof of the blob, both evaluated whatever the other gives. It returns
// the blob's NAME, cleaned.
func (m *Machine) checkAuthenticate(a *AuthenticatePacket) (ok bool, name string) {
	csOK := m.cfg.Invitation.MatchConnectionString(a.ConnectionString)
	eb, err := ParseExpertBlob(a.ExpertBlob)
	if err != nil {
		return false, ""
	}
	proof, err := hex.DecodeString(eb.Pass)
	if err != nil || eb.Pass == "" {
		return false, cleanName(eb.Name)
	}
	passOK := m.checkProof(proof)
	wipe(proof)
	return csOK && passOK, cleanName(eb.Name)
}

// checkVersion2 checks a version 2 expert: one reading of the
// EXPERT_ON_VISTA proof must pass CheckProof and, if the blob has PASS,
// equal its hex ("must agree"). A blob without PASS relies on
// EXPERT_ON_VISTA alone: 2.2.1.11 says PASS "is used in version 1", and
// the proof is what EXPERT_ON_VISTA is for. A blob that does not parse
// fails.
func (m *Machine) checkVersion2(proofs [][]byte, blob string) (ok bool, name string) {
	eb, err := ParseExpertBlob(blob)
	if err != nil {
		return false, ""
	}
	name = cleanName(eb.Name)
	var pass []byte
	if eb.Pass != "" {
		if pass, err = hex.DecodeString(eb.Pass); err != nil {
			return false, name
		}
		defer wipe(pass)
	}
	for _, p := range proofs {
		if m.checkProof(p) && (eb.Pass == "" || subtle.ConstantTimeCompare(p, pass) == 1) {
			return true, name
		}
	}
	return false, name
}

// checkToken reports whether one reading of the expert's token is
// Invitation.Token(RoleExpert), in constant time.
func (m *Machine) checkToken(readings [][]byte) bool {
	want := m.cfg.Invitation.Token(RoleExpert)
	if len(want) == 0 {
		return false
	}
	ok := false
	for _, t := range readings {
		if subtle.ConstantTimeCompare(want, t) == 1 {
			ok = true
		}
	}
	return ok
}

func (m *Machine) checkProof(p []byte) bool {
	return len(p) > 0 && m.cfg.Invitation.CheckProof != nil && m.cfg.Invitation.CheckProof(p)
}

// expertName is the name to ask the novice about: the expertBlob's NAME,
// else RAEXPERT_NAME.
func (m *Machine) expertName() string {
	if m.blobName != "" {
		return m.blobName
	}
	return m.raName
}

// wipe forgets the held credentials.
func (m *Machine) wipe() {
	wipeAll(m.proofs)
	m.proofs, m.blob = nil, ""
}

// readings returns copies of the ways a BSTR-carried secret may have been
// meant: decoded (a length prefix stripped), and, if that differs, the
// bytes as received. A bare 32-byte proof whose first four bytes happen
// to be LE32(28) thus still verifies.
func readings(decoded, payload []byte) [][]byte {
	r := [][]byte{bytes.Clone(decoded)}
	if len(payload) != len(decoded) {
		r = append(r, bytes.Clone(payload))
	}
	return r
}

func wipe(b []byte) { clear(b) }

func wipeAll(bs [][]byte) {
	for _, b := range bs {
		clear(b)
	}
}

// send encodes one of our own messages. They are valid by construction
// (names are cleaned and bounded, the token's length is checked), so an
// encoding error is a bug here.
func send(msg Message) Action {
	b, err := wire.Marshal(msg)
	if err != nil {
		panic("ctlchan: encoding our own " + msg.MsgType().String() + ": " + err.Error())
	}
	return Send{PDU: b}
}

func sendResult(code Result) Action { return send(&ResultPacket{Result: code}) }

func disconnect(code Result) Action { return Disconnect{Result: uint32(code)} }

// dropped notes a message of a version the session did not negotiate
// ([MS-RA] 3: "the message MUST be dropped without returning any error
// code").
func dropped(msg Message, version uint8) Action {
	if version == 0 {
		return Note{fmt.Sprintf("dropped %v: no protocol version chosen yet", msg.MsgType())}
	}
	return Note{fmt.Sprintf("dropped %v: not part of protocol version %d", msg.MsgType(), version)}
}

// cleanName strips control and format characters (bidi overrides
// included) and surrounding space from a name and cuts it to
// maxNameRunes characters.
func cleanName(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if n == maxNameRunes {
			break
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
