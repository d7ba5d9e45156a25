package sharectl

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
)

var (
	v2prompt = Config{Version: 2, AllowControl: true, AskNovice: true}
	reqEMC   = ControlRequested{Via: ViaEncomsp}
	reqRC    = ControlRequested{Via: ViaRCCommand}
)

// machineAt drives a fresh machine through events to a start state.
func machineAt(t *testing.T, cfg Config, events ...Event) *Machine {
	t.Helper()
	m := New(cfg)
	for _, ev := range events {
		if _, err := m.Handle(ev); err != nil {
			t.Fatalf("setup %T: %v", ev, err)
		}
	}
	return m
}

// withoutNotes drops Note actions, which carry log text only.
func withoutNotes(acts []Action) []Action {
	var out []Action
	for _, a := range acts {
		if _, ok := a.(Note); !ok {
			out = append(out, a)
		}
	}
	return out
}

// TestMachineEdges names every edge of Handle.
func TestMachineEdges(t *testing.T) {
	yes, no := Answered{Yes: true}, Answered{Yes: false}
	v1prompt := Config{Version: 1, AllowControl: true, AskNovice: true}
	v3allow := Config{Version: 3, AllowControl: true}
	denied := Config{Version: 2, AllowControl: false, AskNovice: true}
	viewOnly := Config{Version: 2, AllowControl: true, ViewOnly: true, AskNovice: true}
	forbid := PolicyChanged{AllowControl: false, AskNovice: true}
	allow := PolicyChanged{AllowControl: true, AskNovice: true}
	for _, tc := range []struct {
		edge  string
		cfg   Config
		setup []Event
		ev    Event
		state State
		want  []Action
	}{
		{"view -ControlRequested(encomsp, v2)-> asking", v2prompt, nil, reqEMC, StateAsking, []Action{AskNovice{}}},
		{"view -ControlRequested(RCCOMMAND, v1)-> asking", v1prompt, nil, reqRC, StateAsking, []Action{AskNovice{}}},
		{"view -ControlRequested(RCCOMMAND, v2)-> view: REMOTECTRLSTART is version 1 only", v2prompt, nil, reqRC, StateView, nil},
		{"view -ControlRequested(encomsp, v1)-> view", v1prompt, nil, reqEMC, StateView, nil},
		{"view -ControlRequested(policy forbids)-> view: DENIEDRC", denied, nil, reqEMC, StateView, []Action{SendRC{DeniedRC}}},
		{"view -ControlRequested(view-only expert)-> view: DENIEDRC", viewOnly, nil, reqEMC, StateView, []Action{SendRC{DeniedRC}}},
		{"view -ControlRequested(policy forbids, busy)-> view: DENIEDRC supersedes", denied, nil, ControlRequested{Via: ViaEncomsp, Busy: true}, StateView, []Action{SendRC{DeniedRC}}},
		{"view -ControlRequested(busy)-> view: REJECTRC", v2prompt, nil, ControlRequested{Via: ViaEncomsp, Busy: true}, StateView, []Action{SendRC{RejectRC}}},
		{"view -ControlRequested(paused)-> view: REJECTRC", v2prompt, nil, ControlRequested{Via: ViaEncomsp, Paused: true}, StateView, []Action{SendRC{RejectRC}}},
		{"view -ControlRequested(consent allow, paused)-> view: REJECTRC", v3allow, nil, ControlRequested{Via: ViaEncomsp, Paused: true}, StateView, []Action{SendRC{RejectRC}}},
		{"view -ControlRequested(policy forbids, paused)-> view: DENIEDRC supersedes", denied, nil, ControlRequested{Via: ViaEncomsp, Paused: true}, StateView, []Action{SendRC{DeniedRC}}},
		{"view -ControlRequested(consent allow)-> control: ACCEPTRC", v3allow, nil, reqEMC, StateControl, []Action{SendRC{AcceptRC}, Announce{Control: true}}},
		{"view -ControlReleased-> view: out of sequence", v2prompt, nil, ControlReleased{Via: ViaRCCommand}, StateView, nil},
		{"view -Answered-> view: nothing was asked", v2prompt, nil, yes, StateView, nil},
		{"view -PanicKey-> view", v2prompt, nil, PanicKey{}, StateView, nil},
		{"view -TakeBack-> view", v2prompt, nil, TakeBack{"api"}, StateView, nil},
		{"view -PolicyChanged-> view", v2prompt, nil, forbid, StateView, nil},
		{"view -Closed-> closed", v2prompt, nil, Closed{}, StateClosed, nil},

		{"asking -ControlRequested-> asking: one question at a time", v2prompt, []Event{reqEMC}, reqEMC, StateAsking, nil},
		{"asking -Answered(yes)-> control: ACCEPTRC, then MAY_INTERACT", v2prompt, []Event{reqEMC}, yes, StateControl, []Action{SendRC{AcceptRC}, Announce{Control: true}}},
		{"asking -Answered(yes, busy)-> view: REJECTRC", v2prompt, []Event{reqEMC}, Answered{Yes: true, Busy: true}, StateView, []Action{SendRC{RejectRC}}},
		{"asking -Answered(yes, paused)-> view: REJECTRC", v2prompt, []Event{reqEMC}, Answered{Yes: true, Paused: true}, StateView, []Action{SendRC{RejectRC}}},
		{"asking -Answered(no)-> view: REJECTRC, no announcement", v2prompt, []Event{reqEMC}, no, StateView, []Action{SendRC{RejectRC}}},
		{"asking -ControlReleased-> view: request withdrawn", v2prompt, []Event{reqEMC}, ControlReleased{Via: ViaEncomsp}, StateView, []Action{CancelAsk{}}},
		{"asking -PanicKey-> asking", v2prompt, []Event{reqEMC}, PanicKey{}, StateAsking, nil},
		{"asking -TakeBack-> view: REJECTRC", v2prompt, []Event{reqEMC}, TakeBack{"api"}, StateView, []Action{CancelAsk{}, SendRC{RejectRC}}},
		{"asking -PolicyChanged(forbidden)-> view: DENIEDRC", v2prompt, []Event{reqEMC}, forbid, StateView, []Action{CancelAsk{}, SendRC{DeniedRC}}},
		{"asking -PolicyChanged(allowed)-> asking", v2prompt, []Event{reqEMC}, allow, StateAsking, nil},
		{"asking -Closed-> closed: the question is withdrawn", v2prompt, []Event{reqEMC}, Closed{}, StateClosed, []Action{CancelAsk{}}},

		{"control -ControlRequested-> control", v2prompt, []Event{reqEMC, yes}, reqEMC, StateControl, nil},
		{"control -ControlReleased(REMOTECTRLEND)-> view: nothing answered", v2prompt, []Event{reqEMC, yes}, ControlReleased{Via: ViaRCCommand}, StateView, []Action{InputOff{}, Announce{Control: false}}},
		{"control -ControlReleased(encomsp view only)-> view", v2prompt, []Event{reqEMC, yes}, ControlReleased{Via: ViaEncomsp}, StateView, []Action{InputOff{}, Announce{Control: false}}},
		{"control -Answered-> control: a late answer", v2prompt, []Event{reqEMC, yes}, no, StateControl, nil},
		{"control -PanicKey-> view: ESCRC", v2prompt, []Event{reqEMC, yes}, PanicKey{}, StateView, []Action{InputOff{}, SendRC{EscRC}, Announce{Control: false}}},
		{"control -TakeBack-> view: TAKECONTROL", v2prompt, []Event{reqEMC, yes}, TakeBack{"time limit"}, StateView, []Action{InputOff{}, SendRC{TakeControl}, Announce{Control: false}}},
		{"control -PolicyChanged(forbidden)-> view: TAKECONTROL", v2prompt, []Event{reqEMC, yes}, forbid, StateView, []Action{InputOff{}, SendRC{TakeControl}, Announce{Control: false}}},
		{"control -PolicyChanged(allowed)-> control", v2prompt, []Event{reqEMC, yes}, allow, StateControl, nil},
		{"control -Closed-> closed: input off, nothing sent", v2prompt, []Event{reqEMC, yes}, Closed{}, StateClosed, []Action{InputOff{}}},
	} {
		t.Run(tc.edge, func(t *testing.T) {
			m := machineAt(t, tc.cfg, tc.setup...)
			acts, err := m.Handle(tc.ev)
			if err != nil {
				t.Fatal(err)
			}
			if m.State() != tc.state {
				t.Errorf("state %v, want %v", m.State(), tc.state)
			}
			if got := withoutNotes(acts); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("actions %#v, want %#v", got, tc.want)
			}
		})
	}
}

// TestMachineClosedAbsorbs: after Closed every event is refused.
func TestMachineClosedAbsorbs(t *testing.T) {
	m := machineAt(t, v2prompt, reqEMC, Answered{Yes: true}, Closed{})
	for _, ev := range []Event{reqEMC, Answered{Yes: true}, PanicKey{}, Closed{}} {
		if acts, err := m.Handle(ev); !errors.Is(err, ErrClosed) || acts != nil || m.State() != StateClosed {
			t.Fatalf("%T after Closed: %v, %v, state %v", ev, acts, err, m.State())
		}
	}
}

// recorder is an Injector that records what reaches the desktop.
type recorder struct {
	events   []input.Event
	releases int
}

func (r *recorder) Inject(ev input.Event) error { r.events = append(r.events, ev); return nil }
func (r *recorder) ReleaseAll() error           { r.releases++; return nil }
func (r *recorder) Close() error                { return nil }

// TestGateProperty: for random sequences of messages, answers, panic key
// presses, take-backs, policy changes and input, an input event reaches
// the injector only while the machine is in control after the novice's
// yes to a request (consent "prompt") that policy allowed, and never after
// a release, ESCRC, TAKECONTROL or close until the next yes; every exit
// from control releases the held keys; DENIEDRC and REJECTRC never answer
// the same request.
func TestGateProperty(t *testing.T) {
	events := []Event{
		reqEMC, reqRC, ControlRequested{Via: ViaEncomsp, Busy: true},
		ControlReleased{Via: ViaRCCommand}, ControlReleased{Via: ViaEncomsp},
		Answered{Yes: true}, Answered{Yes: false}, Answered{Yes: true, Busy: true}, PanicKey{}, TakeBack{"api"},
		PolicyChanged{AllowControl: false, AskNovice: true}, PolicyChanged{AllowControl: true, AskNovice: true},
		PolicyChanged{AllowControl: true, ViewOnly: true, AskNovice: true},
	}
	key := input.Key{Scancode: 0x1e}
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 42))
		cfg := Config{Version: 1 + r.IntN(3), AllowControl: r.IntN(4) != 0, ViewOnly: r.IntN(5) == 0, AskNovice: true}
		rec := &recorder{}
		g := NewGate(New(cfg), rec)
		allowed := cfg.AllowControl && !cfg.ViewOnly
		asked, granted := false, false // a request is with the novice; the novice said yes since the last exit
		var trace []string
		for step := range 60 {
			if step == 59 || r.IntN(40) == 0 {
				if _, err := g.Handle(Closed{}); err != nil {
					t.Fatal(err)
				}
				granted = false
				trace = append(trace, "Closed")
				if g.Inject(key) == nil {
					t.Fatalf("seed %d: input after close; trace %v", seed, trace)
				}
				break
			}
			if r.IntN(3) == 0 {
				before := len(rec.events)
				err := g.Inject(key)
				if (err == nil) != granted || (len(rec.events) > before) != granted {
					t.Fatalf("seed %d: input delivered=%v with granted=%v (state %v); trace %v", seed, err == nil, granted, g.State(), trace)
				}
				continue
			}
			ev := events[r.IntN(len(events))]
			trace = append(trace, reflect.TypeOf(ev).Name())
			wasControl := g.State() == StateControl
			releases := rec.releases
			acts, err := g.Handle(ev)
			if err != nil {
				t.Fatal(err)
			}
			if pc, ok := ev.(PolicyChanged); ok {
				allowed = pc.AllowControl && !pc.ViewOnly
			}
			var rc []CommandName
			for _, a := range acts {
				switch a := a.(type) {
				case SendRC:
					rc = append(rc, a.Name)
				case AskNovice:
					asked = true
				}
			}
			if len(rc) > 1 {
				t.Fatalf("seed %d: two replies %v to one event; trace %v", seed, rc, trace)
			}
			if a, ok := ev.(Answered); ok && asked && g.State() == StateControl {
				if !a.Yes || a.Busy || !allowed {
					t.Fatalf("seed %d: control without an allowed yes; trace %v", seed, trace)
				}
			}
			if g.State() != StateAsking {
				asked = false
			}
			if g.State() == StateControl && !wasControl {
				granted = true
				if !slices.Equal(rc, []CommandName{AcceptRC}) {
					t.Fatalf("seed %d: control entered with replies %v, want ACCEPTRC; trace %v", seed, rc, trace)
				}
			}
			if wasControl && g.State() != StateControl && len(rc) == 1 && !slices.Contains([]CommandName{EscRC, TakeControl}, rc[0]) {
				t.Fatalf("seed %d: control left with reply %v; trace %v", seed, rc, trace)
			}
			if wasControl && g.State() != StateControl {
				granted = false
				if rec.releases != releases+1 {
					t.Fatalf("seed %d: control ended without releasing the keys; trace %v", seed, trace)
				}
			}
			if g.State() == StateControl && !allowed {
				t.Fatalf("seed %d: in control while policy forbids it; trace %v", seed, trace)
			}
		}
	}
}

func TestGateWithoutInjector(t *testing.T) {
	g := NewGate(machineAt(t, v2prompt, reqEMC, Answered{Yes: true}), nil)
	if err := g.Inject(input.Key{Scancode: 1}); !errors.Is(err, ErrNoControl) {
		t.Fatalf("no injector: %v", err)
	}
}
