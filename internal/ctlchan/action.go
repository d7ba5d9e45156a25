package ctlchan

import "fmt"

// Action is something the driver must do, in the order given: Send,
// AskConsent, PasswordFailed, OpenView, Disconnect, SubChannel or Note.
// The set is closed.
type Action interface{ isAction() }

// Send asks the driver to write PDU, one whole remdesk PDU, as one message
// on the channel the session uses (the static channel "remdesk" or the
// dynamic channel "RC_CTL"). The driver owns PDU.
type Send struct{ PDU []byte }

// AskConsent asks the driver to ask the novice whether ExpertName may see
// the desktop, and to call Consent with the answer; a timeout is
// Consent(false). ExpertName comes from the expert (the expertBlob's NAME
// or RAEXPERT_NAME), stripped of control and format characters; it may be
// empty. It is always the last action of its list.
type AskConsent struct{ ExpertName string }

// PasswordFailed reports one wrong password, connection string or token.
// The driver counts it per invitation and source address.
type PasswordFailed struct{}

// OpenView means the expert's credentials passed and the novice said yes:
// the shadow gate may open. It is emitted at most once per Machine.
type OpenView struct{}

// Disconnect means the connection must end after what was already sent.
// Result is the [MS-RA] 2.2.6 code (a Result) saying why, for the log; any
// RESULT the expert should see was sent by an earlier Send.
type Disconnect struct{ Result uint32 }

// SubChannel hands on a frame of a sub-channel other than RC_CTL ("70"
// chat, "71" share control, file transfer: see ClassifyChannel), unchanged,
// for the feature that owns it. Only an established session (after
// OpenView) hands frames on. The driver owns Data.
type SubChannel struct {
	Name string
	Data []byte
}

// Kind returns the kind of the sub-channel.
func (s SubChannel) Kind() ChannelKind { return ClassifyChannel(s.Name) }

// Note is a line for the session log: the protocol version, the expert's
// name, its EXPERTIP address, a dropped message. It never holds a
// password, proof, token, blob or connection string.
type Note struct{ Msg string }

func (Send) isAction()           {}
func (AskConsent) isAction()     {}
func (PasswordFailed) isAction() {}
func (OpenView) isAction()       {}
func (Disconnect) isAction()     {}
func (SubChannel) isAction()     {}
func (Note) isAction()           {}

// String describes the PDU by type and length only: ours can carry the
// novice's version 3 token.
func (s Send) String() string {
	if m, err := DecodeRCControl(s.PDU); err == nil {
		return fmt.Sprintf("Send{%v, %d bytes}", m.MsgType(), len(s.PDU))
	}
	return fmt.Sprintf("Send{%d bytes}", len(s.PDU))
}

// GoString is String.
func (s Send) GoString() string { return s.String() }

// String describes the frame without its data.
func (s SubChannel) String() string {
	return fmt.Sprintf("SubChannel{Name: %q, %d bytes}", s.Name, len(s.Data))
}

// GoString is String.
func (s SubChannel) GoString() string { return s.String() }

// String describes the action.
func (d Disconnect) String() string { return fmt.Sprintf("Disconnect{%v}", Result(d.Result)) }
