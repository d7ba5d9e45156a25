package daemon

import (
	"image/color"
	"testing"

	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/rdp/encomsp"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/sharectl"
)

// recvEMC returns the next encomsp message.
func (e *shareExpert) recvEMC() encomsp.Message {
	e.t.Helper()
	b, err := e.ReceiveChannel(e.ctx, "encomsp")
	if err != nil {
		e.t.Fatalf("encomsp: %v", err)
	}
	msgs, err := encomsp.DecodeAll(b)
	if err != nil || len(msgs) != 1 {
		e.t.Fatalf("encomsp message: %v, %v", msgs, err)
	}
	return msgs[0]
}

// TestSharePause: pausing takes control back (TAKECONTROL, view-only
// again), tells the MS-RDPEMC expert the graphics stream paused, shows it
// the neutral picture, drops its input and refuses its control requests
// without asking the novice; resuming tells it so and shows the desktop
// again, and control can be asked for anew.
func TestSharePause(t *testing.T) {
	ctx := testContext(t)
	inj, pk := newInjected(), newPanicKey()
	h := newHarness(t, harnessOpts{injector: inj, panicWatch: pk.watch})
	e := viewingExpert(ctx, h, 2)
	_, id := e.recvLevel()
	e.request(2, id)
	e.answer(ctx, e.controlPrompt(), true)
	if got := e.recvRC(); got != sharectl.AcceptRC {
		t.Fatalf("after yes: %s, want ACCEPTRC", got)
	}
	if f, _ := e.recvLevel(); !f.Has(encomsp.MayInteract) {
		t.Fatalf("level %v after yes, want MAY_INTERACT", f)
	}
	e.typeKey(inj, 0x1e, true)

	resp, err := h.d.Pause(ctx, localapi.PauseRequest{Paused: true})
	if err != nil || !resp.Paused || !resp.Changed || resp.Helpers != 1 {
		t.Fatalf("Pause = %+v, %v", resp, err)
	}
	if got := e.recvRC(); got != sharectl.TakeControl {
		t.Fatalf("after pause: %s, want TAKECONTROL", got)
	}
	if f, _ := e.recvLevel(); f.Has(encomsp.MayInteract) {
		t.Fatalf("level %v after pause, want view only", f)
	}
	if m, ok := e.recvEMC().(*encomsp.GraphicsStreamPaused); !ok {
		t.Fatalf("encomsp %#v after pause, want Graphics Stream Paused", m)
	}
	w, hgt := h.desktop.Size()
	grey := shadow.NewFrame(w, hgt)
	grey.Fill(grey.Rect(), color.RGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xFF})
	if err := e.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(grey, f, 0) == nil }); err != nil {
		t.Fatalf("the expert still sees the desktop while paused: %v", err)
	}
	e.typeKey(inj, 0x1e, false)
	e.request(2, id)
	if got := e.recvRC(); got != sharectl.RejectRC {
		t.Fatalf("control request while paused: %s, want REJECTRC", got)
	}
	if p, _ := h.d.Pending(ctx); len(p.Prompts) != 0 {
		t.Fatalf("the novice was asked while paused: %+v", p.Prompts)
	}
	if st, _ := h.d.Status(ctx); !st.Paused {
		t.Error("status does not say paused")
	}
	if again, err := h.d.Pause(ctx, localapi.PauseRequest{Paused: true}); err != nil || again.Changed {
		t.Fatalf("second Pause = %+v, %v; want no change", again, err)
	}

	if resp, err := h.d.Pause(ctx, localapi.PauseRequest{Paused: false}); err != nil || resp.Paused || !resp.Changed {
		t.Fatalf("resume = %+v, %v", resp, err)
	}
	if m, ok := e.recvEMC().(*encomsp.GraphicsStreamResumed); !ok {
		t.Fatalf("encomsp %#v after resume, want Graphics Stream Resumed", m)
	}
	e.expectDesktop(ctx)
	e.request(2, id)
	e.answer(ctx, e.controlPrompt(), true)
	if got := e.recvRC(); got != sharectl.AcceptRC {
		t.Fatalf("after resume and yes: %s, want ACCEPTRC", got)
	}
	e.typeKey(inj, 0x1e, true)
}
