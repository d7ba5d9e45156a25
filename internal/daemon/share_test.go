package daemon

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/ctlchan"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/encomsp"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/sharectl"
)

// injected records what reaches the desktop.
type injected struct {
	mu       sync.Mutex
	events   []input.Event
	releases int
	changed  chan struct{}
}

func newInjected() *injected { return &injected{changed: make(chan struct{}, 100)} }

func (r *injected) Inject(ev input.Event) error {
	r.mu.Lock()
	r.events = append(r.events, ev)
	r.mu.Unlock()
	r.changed <- struct{}{}
	return nil
}

func (r *injected) ReleaseAll() error {
	r.mu.Lock()
	r.releases++
	r.mu.Unlock()
	r.changed <- struct{}{}
	return nil
}

func (r *injected) Close() error { return nil }

func (r *injected) snapshot() ([]input.Event, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events), r.releases
}

// panicKey is a fake panic-key watcher the test presses.
type panicKey struct{ pressed chan func() }

func newPanicKey() *panicKey { return &panicKey{pressed: make(chan func(), 1)} }

func (p *panicKey) watch(ctx context.Context, pressed func()) error {
	p.pressed <- pressed
	<-ctx.Done()
	return nil
}

func (p *panicKey) press(ctx context.Context, t *testing.T) {
	t.Helper()
	select {
	case f := <-p.pressed:
		f()
		p.pressed <- f
	case <-ctx.Done():
		t.Fatal("the daemon never started the panic-key watcher")
	}
}

// shareExpert is a test expert that reached the view and speaks share
// control: RCCOMMANDs on "71", MS-RDPEMC on encomsp.
type shareExpert struct {
	*raExpert
	ctx context.Context
}

// viewingExpert runs a session of the given version to the novice's yes.
func viewingExpert(ctx context.Context, h *raHarness, version int) *shareExpert {
	h.t.Helper()
	i := h.invite(ctx, localapi.InviteRequest{})
	chans := raChannels()
	if version != 1 {
		chans = append(chans, gcc.ChannelDef{Name: "encomsp", Options: gcc.ChannelOptionInitialized | gcc.ChannelOptionEncryptRDP | gcc.ChannelOptionCompressRDP | gcc.ChannelOptionShowProtocol})
	}
	e := h.connectChannels(ctx, i.id, expert.SecurityTLS, chans)
	e.expectAnnounce(ctx)
	if version == 1 {
		e.sendV1(i.cs2, i.proof())
		e.expectResult(ctx, ctlchan.ResultNoError)
		e.send(&ctlchan.RemoteControlDesktopPacket{ConnectionString: i.cs2})
	} else {
		e.sendV2(i.proof())
	}
	p := e.waitPrompt(ctx, i)
	e.answer(ctx, p, true)
	if version != 1 {
		e.expectResult(ctx, ctlchan.ResultNoError)
	}
	e.expectDesktop(ctx)
	return &shareExpert{raExpert: e, ctx: ctx}
}

// recvRC returns the next RCCOMMAND on "71", skipping RC_CTL messages.
func (e *shareExpert) recvRC() sharectl.CommandName {
	e.t.Helper()
	for {
		b, err := e.ReceiveChannel(e.ctx, "remdesk")
		if err != nil {
			e.t.Fatalf("remdesk: %v", err)
		}
		var f ctlchan.Frame
		if err := f.UnmarshalBinary(b); err != nil {
			e.t.Fatalf("undecodable remdesk frame: %v", err)
		}
		if f.Channel != sharectl.RCCommandChannel {
			continue
		}
		c, err := sharectl.ParseRCCommand(f.Data)
		if err != nil {
			e.t.Fatalf("the novice sent a bad RCCOMMAND: %v", err)
		}
		return c.Name
	}
}

// sendRC sends an RCCOMMAND on "71".
func (e *shareExpert) sendRC(name sharectl.CommandName) {
	e.t.Helper()
	f := ctlchan.Frame{Channel: sharectl.RCCommandChannel, Data: sharectl.Command(name)}
	b, err := f.AppendBinary(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.SendChannel("remdesk", b); err != nil {
		e.t.Fatal(err)
	}
}

// recvLevel returns the flags of the next Participant Created for the
// expert itself.
func (e *shareExpert) recvLevel() (encomsp.ParticipantFlags, uint32) {
	e.t.Helper()
	b, err := e.ReceiveChannel(e.ctx, "encomsp")
	if err != nil {
		e.t.Fatalf("encomsp: %v", err)
	}
	msgs, err := encomsp.DecodeAll(b)
	if err != nil || len(msgs) != 1 {
		e.t.Fatalf("encomsp message: %v, %v", msgs, err)
	}
	pc, ok := msgs[0].(*encomsp.ParticipantCreated)
	if !ok || !pc.Flags.Has(encomsp.IsParticipant) {
		e.t.Fatalf("encomsp: %#v, want the expert's own Participant Created", msgs[0])
	}
	return pc.Flags, pc.ParticipantID
}

// request asks for control as the expert's version does.
func (e *shareExpert) request(version int, participant uint32) {
	e.t.Helper()
	if version == 1 {
		e.sendRC(sharectl.RemoteCtrlStart)
		return
	}
	e.sendEMC(encomsp.RequestView|encomsp.RequestInteract, participant)
}

func (e *shareExpert) sendEMC(flags encomsp.RequestFlags, participant uint32) {
	e.t.Helper()
	b, err := (&encomsp.ChangeParticipantControlLevel{Flags: flags, ParticipantID: participant}).AppendBinary(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.SendChannel("encomsp", b); err != nil {
		e.t.Fatal(err)
	}
}

// controlPrompt waits for the novice's control question.
func (e *shareExpert) controlPrompt() localapi.PromptStatus {
	e.t.Helper()
	for {
		resp, err := e.h.d.Pending(e.ctx)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, p := range resp.Prompts {
			if p.Kind == localapi.PromptControl {
				return p
			}
		}
		select {
		case <-e.ctx.Done():
			e.t.Fatal("the novice was never asked about control")
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// typeKey sends a key press and release and checks whether they reached
// the desktop: with want, it waits until they did; without, until the
// connection counted them as dropped, and checks the desktop got nothing.
func (e *shareExpert) typeKey(inj *injected, sc uint16, want bool) {
	e.t.Helper()
	before, _ := inj.snapshot()
	droppedBefore := e.dropped()
	if err := e.SendInput(input.Key{Scancode: sc}, input.Key{Scancode: sc, Flags: input.KeyRelease}); err != nil {
		e.t.Fatal(err)
	}
	for {
		after, _ := inj.snapshot()
		if want && len(after) == len(before)+2 {
			if after[len(before)] != (input.Key{Scancode: sc}) {
				e.t.Fatalf("injected %v, want key %#x down", after[len(before)], sc)
			}
			return
		}
		if len(after) != len(before) && !want {
			e.t.Fatalf("input reached the desktop without control: %v", after[len(before):])
		}
		if !want && e.dropped() == droppedBefore+2 {
			return
		}
		select {
		case <-e.ctx.Done():
			e.t.Fatalf("input neither injected nor dropped (want injected: %v)", want)
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// dropped reads the session's count of input dropped for want of control,
// on the connection's goroutine.
func (e *shareExpert) dropped() int {
	e.t.Helper()
	e.h.mu.Lock()
	s := e.h.sessions[e.conn]
	e.h.mu.Unlock()
	got := make(chan int, 1)
	if !e.conn.Post(func(*server.Conn) { got <- s.dropped }) {
		e.t.Fatal("the connection has ended")
	}
	select {
	case n := <-got:
		return n
	case <-e.ctx.Done():
		e.t.Fatal("the connection did not answer")
	}
	return 0
}

// TestShareControlVersion2: an encomsp expert (as FreeRDP) gets its
// view-only level, asks with REQUEST_INTERACT, and its keys reach the
// desktop only after the novice's yes (ACCEPTRC, MAY_INTERACT); the panic
// key takes control back (ESCRC, view-only again, held keys released) and
// its keys are dropped again.
func TestShareControlVersion2(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	inj, pk := newInjected(), newPanicKey()
	h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch})
	e := viewingExpert(ctx, h, 2)
	flags, id := e.recvLevel()
	if flags != encomsp.MayView|encomsp.IsParticipant || id == 0 {
		t.Fatalf("first level %v id %d, want MAY_VIEW|IS_PARTICIPANT and an id from 1", flags, id)
	}
	e.typeKey(inj, 0x1e, false)

	e.request(2, 0) // FreeRDP 2.x names participant 0: "me"
	p := e.controlPrompt()
	if p.Expert != helperName || p.From != "127.0.0.1" {
		t.Errorf("control prompt %+v", p)
	}
	e.typeKey(inj, 0x1e, false)
	resp, err := h.d.Answer(ctx, localapi.AnswerRequest{ID: p.ID, Yes: true})
	if err != nil || resp.Kind != localapi.PromptControl || resp.PanicKey != "Escape" {
		t.Fatalf("answer: %+v, %v", resp, err)
	}
	if got := e.recvRC(); got != sharectl.AcceptRC {
		t.Fatalf("after yes: %s, want ACCEPTRC", got)
	}
	if flags, _ := e.recvLevel(); flags != encomsp.MayView|encomsp.MayInteract|encomsp.IsParticipant {
		t.Fatalf("level after yes: %v", flags)
	}
	e.typeKey(inj, 0x1e, true)

	pk.press(ctx, t)
	if got := e.recvRC(); got != sharectl.EscRC {
		t.Fatalf("after the panic key: %s, want ESCRC", got)
	}
	if flags, _ := e.recvLevel(); flags != encomsp.MayView|encomsp.IsParticipant {
		t.Fatalf("level after the panic key: %v", flags)
	}
	if _, releases := inj.snapshot(); releases != 1 {
		t.Fatalf("%d releases after the panic key, want 1", releases)
	}
	e.typeKey(inj, 0x1e, false)
}

// TestShareControlVersion1: REMOTECTRLSTART on "71", yes, ACCEPTRC;
// REMOTECTRLEND gives control back without an answer.
func TestShareControlVersion1(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	inj, pk := newInjected(), newPanicKey()
	h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch})
	e := viewingExpert(ctx, h, 1)
	e.request(1, 0)
	e.answer(ctx, e.controlPrompt(), true)
	if got := e.recvRC(); got != sharectl.AcceptRC {
		t.Fatalf("after yes: %s, want ACCEPTRC", got)
	}
	e.typeKey(inj, 0x10, true)
	e.sendRC(sharectl.RemoteCtrlEnd)
	e.typeKey(inj, 0x10, false)
	if _, releases := inj.snapshot(); releases != 1 {
		t.Fatalf("%d releases after REMOTECTRLEND, want 1", releases)
	}
}

// TestShareControlDenied: with control forbidden by policy, a request of
// either version gets DENIEDRC and no question; nothing is injected.
func TestShareControlDenied(t *testing.T) {
	t.Parallel()
	for _, version := range []int{1, 2} {
		t.Run(map[int]string{1: "version 1", 2: "version 2"}[version], func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			inj, pk := newInjected(), newPanicKey()
			remote := policy.Default().Remote
			remote.Allow = false
			h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch, remote: &remote})
			e := viewingExpert(ctx, h, version)
			e.request(version, 0)
			if got := e.recvRC(); got != sharectl.DeniedRC {
				t.Fatalf("reply %s, want DENIEDRC", got)
			}
			if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
				t.Fatalf("the novice was asked: %+v", resp.Prompts)
			}
			e.typeKey(inj, 0x1e, false)
		})
	}
}

// TestShareControlRefusedAndTakenBack: no → REJECTRC; a later yes, then
// `ranoviced takeback` → TAKECONTROL; a request naming another
// participant changes nothing; without a panic-key watcher control is
// denied.
func TestShareControlRefusedAndTakenBack(t *testing.T) {
	t.Parallel()
	t.Run("no, then yes and take back", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		inj, pk := newInjected(), newPanicKey()
		h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch})
		e := viewingExpert(ctx, h, 2)
		_, id := e.recvLevel()
		e.request(2, id+7) // someone else's id: ignored
		e.request(2, id)
		e.answer(ctx, e.controlPrompt(), false)
		if got := e.recvRC(); got != sharectl.RejectRC {
			t.Fatalf("after no: %s, want REJECTRC", got)
		}
		e.typeKey(inj, 0x1e, false)
		e.request(2, id)
		e.answer(ctx, e.controlPrompt(), true)
		if got := e.recvRC(); got != sharectl.AcceptRC {
			t.Fatalf("after yes: %s, want ACCEPTRC", got)
		}
		if tb, err := h.d.TakeBack(ctx); err != nil || tb.Helpers != 1 {
			t.Fatalf("TakeBack: %+v, %v", tb, err)
		}
		if got := e.recvRC(); got != sharectl.TakeControl {
			t.Fatalf("after take back: %s, want TAKECONTROL", got)
		}
		e.typeKey(inj, 0x1e, false)
		if !h.logged("ignored a control request naming another participant") {
			t.Error("the request for another participant was not logged")
		}
	})
	t.Run("no panic key watcher", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		inj := newInjected()
		h := newHarness(t, harnessOpts{injector: inj})
		e := viewingExpert(ctx, h, 2)
		e.request(2, 0)
		if got := e.recvRC(); got != sharectl.DeniedRC {
			t.Fatalf("reply %s, want DENIEDRC", got)
		}
		e.typeKey(inj, 0x1e, false)
	})
}

// TestShareControlPolicy: consent "allow" grants at once; a helper from a
// view-only range gets DENIEDRC; the time limit takes control back.
func TestShareControlPolicy(t *testing.T) {
	t.Parallel()
	t.Run("consent allow", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		inj, pk := newInjected(), newPanicKey()
		remote := policy.Default().Remote
		remote.Consent = policy.ConsentAllow
		h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch, remote: &remote})
		e := viewingExpert(ctx, h, 2)
		e.request(2, 0)
		if got := e.recvRC(); got != sharectl.AcceptRC {
			t.Fatalf("reply %s, want ACCEPTRC", got)
		}
		if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
			t.Fatalf("the novice was asked: %+v", resp.Prompts)
		}
		e.typeKey(inj, 0x1e, true)
	})
	t.Run("view-only range", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		inj, pk := newInjected(), newPanicKey()
		remote := policy.Default().Remote
		remote.ViewOnlyFrom = []string{"127.0.0.0/8"}
		h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch, remote: &remote})
		e := viewingExpert(ctx, h, 2)
		e.request(2, 0)
		if got := e.recvRC(); got != sharectl.DeniedRC {
			t.Fatalf("reply %s, want DENIEDRC", got)
		}
		e.typeKey(inj, 0x1e, false)
	})
	t.Run("time limit", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		inj, pk := newInjected(), newPanicKey()
		remote := policy.Default().Remote
		remote.Consent = policy.ConsentAllow
		remote.TimeLimit.Duration = 200 * time.Millisecond // below what validation allows; the mechanism is the same
		h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch, remote: &remote})
		e := viewingExpert(ctx, h, 2)
		e.request(2, 0)
		if got := e.recvRC(); got != sharectl.AcceptRC {
			t.Fatalf("reply %s, want ACCEPTRC", got)
		}
		if got := e.recvRC(); got != sharectl.TakeControl {
			t.Fatalf("after the time limit: %s, want TAKECONTROL", got)
		}
		e.typeKey(inj, 0x1e, false)
	})
}

// TestShareControlOneController: while one helper controls, another's
// request is refused (REJECTRC) without asking, and its input goes
// nowhere; once the first gives control back the second may have it.
func TestShareControlOneController(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	inj, pk := newInjected(), newPanicKey()
	remote := policy.Default().Remote
	remote.Consent = policy.ConsentAllow
	h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch, remote: &remote,
		pol: func(p *policy.Invitation) { p.MaxWaiting = 2 }})
	a := viewingExpert(ctx, h, 2)
	b := viewingExpert(ctx, h, 2)
	a.request(2, 0)
	if got := a.recvRC(); got != sharectl.AcceptRC {
		t.Fatalf("first helper: %s, want ACCEPTRC", got)
	}
	b.request(2, 0)
	if got := b.recvRC(); got != sharectl.RejectRC {
		t.Fatalf("second helper while the first controls: %s, want REJECTRC", got)
	}
	b.typeKey(inj, 0x30, false)
	a.typeKey(inj, 0x1e, true)
	a.sendEMC(encomsp.RequestView, 0) // FreeRDP's toggle: give control back
	a.typeKey(inj, 0x1e, false)
	b.request(2, 0)
	if got := b.recvRC(); got != sharectl.AcceptRC {
		t.Fatalf("second helper after the first let go: %s, want ACCEPTRC", got)
	}
	b.typeKey(inj, 0x30, true)
}

// TestShareControlBadInput: a malformed RCCOMMAND is ignored and logged,
// an encomsp order of unknown type is ignored, a request before the novice
// let the helper view changes nothing, and an encomsp message whose
// lengths lie ends that connection; none opens the gate.
func TestShareControlBadInput(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	inj, pk := newInjected(), newPanicKey()
	h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch})
	e := viewingExpert(ctx, h, 2)
	e.recvLevel()

	f := ctlchan.Frame{Channel: sharectl.RCCommandChannel, Data: []byte("<\x00R\x00")}
	b, _ := f.AppendBinary(nil)
	if err := e.SendChannel("remdesk", b); err != nil {
		t.Fatal(err)
	}
	h.waitLogged(ctx, "ignored a sub-channel 71 message")
	if err := e.SendChannel("encomsp", []byte{0x42, 0x00, 0x06, 0x00, 0xAA, 0xBB}); err != nil {
		t.Fatal(err)
	}
	h.waitLogged(ctx, "ignored encomsp orders of unknown type")
	e.typeKey(inj, 0x1e, false)

	// Length 200 in a 10-byte message.
	if err := e.SendChannel("encomsp", []byte{0x09, 0x00, 0xC8, 0x00, 0x03, 0x00, 0, 0, 0, 0}); err != nil {
		t.Fatal(err)
	}
	if err := e.Wait(ctx); err == nil {
		t.Fatal("the connection survived a malformed encomsp message")
	}
	if evs, _ := inj.snapshot(); len(evs) != 0 {
		t.Fatalf("input reached the desktop: %v", evs)
	}
}

// TestShareControlBeforeView: a control request before the novice's yes to
// viewing is ignored.
func TestShareControlBeforeView(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	inj, pk := newInjected(), newPanicKey()
	h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch})
	i := h.invite(ctx, localapi.InviteRequest{})
	r := h.connectChannels(ctx, i.id, expert.SecurityTLS, append(raChannels(), gcc.ChannelDef{Name: "encomsp", Options: gcc.ChannelOptionInitialized}))
	e := &shareExpert{raExpert: r, ctx: ctx}
	e.expectAnnounce(ctx)
	e.sendEMC(encomsp.RequestView|encomsp.RequestInteract, 0)
	h.waitLogged(ctx, "ignored a control request before the novice let the helper see the screen")
	if err := e.SendInput(input.Key{Scancode: 0x1e}); err != nil {
		t.Fatal(err)
	}
	e.sendV2(i.proof())
	p := e.waitPrompt(ctx, i)
	e.answer(ctx, p, true)
	e.expectResult(ctx, ctlchan.ResultNoError)
	if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
		t.Fatalf("a control question is waiting: %+v", resp.Prompts)
	}
	if evs, _ := inj.snapshot(); len(evs) != 0 {
		t.Fatalf("input reached the desktop: %v", evs)
	}
}
