package sharectl

import (
	"errors"
	"fmt"
)

// State is an expert's share-control level ([MS-RA] 3.16, Figure 16).
type State uint8

const (
	// StateView: the expert sees the desktop; its input reaches nothing.
	StateView State = iota + 1
	// StateAsking: the expert asked for control and the novice is being
	// asked (AskNovice was emitted). Input still reaches nothing.
	StateAsking
	// StateControl: the novice accepted; the expert's keyboard and mouse
	// reach the desktop through the Gate.
	StateControl
	// StateClosed: the connection ended. Nothing more happens.
	StateClosed
)

var stateNames = [...]string{StateView: "view", StateAsking: "asking", StateControl: "control", StateClosed: "closed"}

func (s State) String() string {
	if int(s) < len(stateNames) && stateNames[s] != "" {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Via is the channel a control request or release arrived on.
type Via uint8

const (
	// ViaRCCommand: an RCCOMMAND on sub-channel "71" (REMOTECTRLSTART is
	// version 1 only; REMOTECTRLEND and ABORTRC from any version).
	ViaRCCommand Via = iota + 1
	// ViaEncomsp: an MS-RDPEMC Change Participant Control Level PDU
	// (versions 2 and 3, [MS-RA] 3.16.5).
	ViaEncomsp
)

func (v Via) String() string {
	switch v {
	case ViaRCCommand:
		return "RCCOMMAND"
	case ViaEncomsp:
		return "encomsp"
	}
	return fmt.Sprintf("Via(%d)", uint8(v))
}

// Config is what a Machine knows of its connection and of policy.
type Config struct {
	// Version is the Remote Assistance protocol version ctlchan
	// negotiated: 1, 2 or 3.
	Version int
	// AllowControl is policy's "allow helpers to control" (Group Policy
	// fAllowFullControl). False answers every request with DENIEDRC.
	AllowControl bool
	// ViewOnly marks this expert as one policy lets only view (DENIEDRC).
	ViewOnly bool
	// AskNovice is true when each request must be accepted by the novice
	// (policy control consent "prompt"); false grants at once ("allow",
	// for managed help desks).
	AskNovice bool
}

// Events of Handle.
type (
	// Event is an input to Handle.
	Event interface{ isEvent() }

	// ControlRequested: the expert asks for control (REMOTECTRLSTART, or
	// encomsp REQUEST_INTERACT). Busy is set by the caller when another
	// expert holds control: one controller at a time. Paused is set when
	// the novice paused sharing: no one acts on a screen they cannot see.
	ControlRequested struct {
		Via          Via
		Busy, Paused bool
	}
	// ControlReleased: the expert gives control up (REMOTECTRLEND, ABORTRC,
	// or encomsp REQUEST_VIEW without REQUEST_INTERACT).
	ControlReleased struct{ Via Via }
	// Answered: the novice's answer to AskNovice. A timeout is a no. Busy
	// is set by the caller when another expert gained control while the
	// novice was being asked, Paused when sharing was paused meanwhile.
	Answered struct{ Yes, Busy, Paused bool }
	// PanicKey: the local user pressed the panic key.
	PanicKey struct{}
	// TakeBack: the novice ends control by other means (control API,
	// tray, control time limit, a policy change).
	TakeBack struct{ Reason string }
	// PolicyChanged: new policy values for this expert.
	PolicyChanged struct{ AllowControl, ViewOnly, AskNovice bool }
	// Closed: the connection ended.
	Closed struct{}
)

func (ControlRequested) isEvent() {}
func (ControlReleased) isEvent()  {}
func (Answered) isEvent()         {}
func (PanicKey) isEvent()         {}
func (TakeBack) isEvent()         {}
func (PolicyChanged) isEvent()    {}
func (Closed) isEvent()           {}

// Actions Handle returns, to be carried out in order.
type (
	// Action is an output of Handle.
	Action interface{ isAction() }

	// SendRC: send Command(Name) on sub-channel "71".
	SendRC struct{ Name CommandName }
	// Announce: tell the expert its level through encomsp (Participant
	// Created with MAY_VIEW, plus MAY_INTERACT when Control), when it
	// joined encomsp. Sent only when the level changes, because FreeRDP
	// 2.11's /auto-request-control asks again on every view-only
	// announcement.
	Announce struct{ Control bool }
	// AskNovice: ask the novice whether the expert may take control; the
	// answer comes back as Answered.
	AskNovice struct{}
	// CancelAsk: withdraw the question (the expert gave up or left).
	CancelAsk struct{}
	// InputOff: control ended; release every key and button the expert
	// holds. The Gate does it by itself; the action tells the driver.
	InputOff struct{}
	// Note: something worth a log line.
	Note struct{ Msg string }
)

func (SendRC) isAction()    {}
func (Announce) isAction()  {}
func (AskNovice) isAction() {}
func (CancelAsk) isAction() {}
func (InputOff) isAction()  {}
func (Note) isAction()      {}

// ErrClosed is returned by Handle after Closed.
var ErrClosed = errors.New("sharectl: connection closed")

// Machine is one expert's share control, the novice side of [MS-RA] 3.16.
// It is pure: events in, actions out. It is not safe for concurrent use;
// the connection's owner goroutine drives it (through a Gate).
//
// INVARIANT: the state is StateControl only after the novice's yes to this
// expert's own request (or policy consent "allow"), while policy allows
// control for this expert and no other expert holds it; a request can never
// change another expert's level, and nothing but the novice (answer, panic
// key, take back) or the expert's own release leaves StateControl.
type Machine struct {
	cfg   Config
	state State
}

// New returns a machine for an expert who may view (the session's
// consent has been given).
func New(cfg Config) *Machine { return &Machine{cfg: cfg, state: StateView} }

// State returns the expert's level.
func (m *Machine) State() State { return m.state }

// Handle is the transition function, the only code that changes the
// state. Edges are written `from -Event-> to ([MS-RA] section)`. Messages
// out of sequence are ignored, as 3.16.5 says ("any messages that arrive
// out of sequence SHOULD be ignored"), with a Note.
func (m *Machine) Handle(ev Event) ([]Action, error) {
	if m.state == StateClosed {
		return nil, ErrClosed
	}
	switch ev := ev.(type) {
	case Closed:
		// s -Closed-> closed: nothing to answer on a dead link.
		acts := m.leave()
		m.state = StateClosed
		return acts, nil

	case ControlRequested:
		return m.request(ev), nil

	case ControlReleased:
		switch m.state {
		case StateControl:
			// control -ControlReleased-> view: "The novice MUST disable share
			// control in response to REMOTECTRLEND" (3.15.1, 3.16.5); nothing
			// is answered. encomsp REQUEST_VIEW from the holder means the same
			// (rdpemc-confas.md §2.8 B).
			acts := m.leave()
			m.state = StateView
			return append(acts, Note{"the helper gave control back (" + ev.Via.String() + ")"}, Announce{Control: false}), nil
		case StateAsking:
			// asking -ControlReleased-> view: the helper withdrew its request.
			m.state = StateView
			return []Action{CancelAsk{}, Note{"the helper withdrew its control request"}}, nil
		default:
			// view -ControlReleased-> view: out of sequence (3.16.5).
			return []Action{Note{"ignored a control release from a helper without control"}}, nil
		}

	case Answered:
		if m.state != StateAsking {
			// s -Answered-> s: a late answer (the request was withdrawn).
			return nil, nil
		}
		if !ev.Yes {
			// asking -Answered(no)-> view: REJECTRC (3.16.5). The level did
			// not change, so no announcement.
			m.state = StateView
			return []Action{SendRC{RejectRC}, Note{"the novice refused control"}}, nil
		}
		if ev.Paused {
			// asking -Answered(yes, sharing paused)-> view: REJECTRC.
			m.state = StateView
			return []Action{SendRC{RejectRC}, Note{"control request refused: sharing is paused"}}, nil
		}
		if ev.Busy {
			// asking -Answered(yes, another expert in control)-> view:
			// REJECTRC; one controller at a time.
			m.state = StateView
			return []Action{SendRC{RejectRC}, Note{"control request refused: another helper has control"}}, nil
		}
		if !m.mayControl() {
			// asking -Answered(yes)-> view: cannot happen (PolicyChanged
			// leaves asking), kept so that the invariant does not rest on
			// that; DENIEDRC supersedes (3.16.5).
			m.state = StateView
			return []Action{SendRC{DeniedRC}, Note{"control is not allowed by policy"}}, nil
		}
		// asking -Answered(yes)-> control: "the novice SHOULD first enable
		// the sharing of the screen, and then send a response" (3.15.1):
		// the state (and so the Gate) changes before ACCEPTRC goes out.
		m.state = StateControl
		return []Action{SendRC{AcceptRC}, Announce{Control: true}, Note{"the novice granted control"}}, nil

	case PanicKey:
		if m.state != StateControl {
			// s -PanicKey-> s: nothing to take back.
			return nil, nil
		}
		// control -PanicKey-> view: ESCRC (3.16.5: the panic key
		// "immediately revokes control").
		acts := m.leave()
		m.state = StateView
		return append(acts, SendRC{EscRC}, Announce{Control: false}, Note{"the novice pressed the panic key: control revoked"}), nil

	case TakeBack:
		switch m.state {
		case StateControl:
			// control -TakeBack-> view: TAKECONTROL (3.16.5).
			acts := m.leave()
			m.state = StateView
			return append(acts, SendRC{TakeControl}, Announce{Control: false}, Note{"control taken back: " + ev.Reason}), nil
		case StateAsking:
			// asking -TakeBack-> view: the novice ended it before answering;
			// that is a no.
			m.state = StateView
			return []Action{CancelAsk{}, SendRC{RejectRC}, Note{"control request refused: " + ev.Reason}}, nil
		default:
			return nil, nil // view -TakeBack-> view
		}

	case PolicyChanged:
		m.cfg.AllowControl, m.cfg.ViewOnly, m.cfg.AskNovice = ev.AllowControl, ev.ViewOnly, ev.AskNovice
		if m.mayControl() {
			return nil, nil // s -PolicyChanged-> s
		}
		switch m.state {
		case StateControl:
			// control -PolicyChanged(forbidden)-> view: a change that forbids
			// what a live session does ends it.
			acts := m.leave()
			m.state = StateView
			return append(acts, SendRC{TakeControl}, Announce{Control: false}, Note{"control taken back: policy no longer allows it"}), nil
		case StateAsking:
			// asking -PolicyChanged(forbidden)-> view: DENIEDRC.
			m.state = StateView
			return []Action{CancelAsk{}, SendRC{DeniedRC}, Note{"control request denied: policy no longer allows it"}}, nil
		}
		return nil, nil
	}
	return nil, fmt.Errorf("sharectl: unknown event %T", ev)
}

func (m *Machine) request(ev ControlRequested) []Action {
	if ev.Via == ViaRCCommand && m.cfg.Version != 1 {
		// s -ControlRequested(RCCOMMAND, v2|v3)-> s: REMOTECTRLSTART "is
		// sent only by version 1 clients" (2.2.2); a later version asks
		// through encomsp (3.16.5).
		return []Action{Note{fmt.Sprintf("ignored REMOTECTRLSTART from a version %d helper", m.cfg.Version)}}
	}
	if ev.Via == ViaEncomsp && m.cfg.Version == 1 {
		return []Action{Note{"ignored an encomsp control request from a version 1 helper"}}
	}
	switch m.state {
	case StateAsking:
		// asking -ControlRequested-> asking: one question at a time.
		return []Action{Note{"a control request is already waiting for the novice"}}
	case StateControl:
		// control -ControlRequested-> control: already granted.
		return []Action{Note{"ignored a control request from the helper in control"}}
	}
	switch {
	case !m.mayControl():
		// view -ControlRequested(policy forbids)-> view: DENIEDRC, never
		// REJECTRC as well (3.16.5).
		return []Action{SendRC{DeniedRC}, Note{"control request denied by policy"}}
	case ev.Paused:
		// view -ControlRequested(sharing paused)-> view: refuse.
		return []Action{SendRC{RejectRC}, Note{"control request refused: sharing is paused"}}
	case ev.Busy:
		// view -ControlRequested(another expert in control)-> view: one
		// controller at a time (rdpemc-confas.md §2.8 C.4, refuse).
		return []Action{SendRC{RejectRC}, Note{"control request refused: another helper has control"}}
	case !m.cfg.AskNovice:
		// view -ControlRequested(consent allow)-> control.
		m.state = StateControl
		return []Action{SendRC{AcceptRC}, Announce{Control: true}, Note{"control granted without asking: control consent is \"allow\""}}
	}
	// view -ControlRequested-> asking (3.16.5).
	m.state = StateAsking
	return []Action{AskNovice{}}
}

func (m *Machine) mayControl() bool { return m.cfg.AllowControl && !m.cfg.ViewOnly }

// leave returns what leaving the current state needs before the new state
// is set: InputOff from control, CancelAsk from asking.
func (m *Machine) leave() []Action {
	switch m.state {
	case StateControl:
		return []Action{InputOff{}}
	case StateAsking:
		return []Action{CancelAsk{}}
	}
	return nil
}
