package daemon

import (
	"context"
	"errors"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/sharectl"
)

// PanicWatch watches the novice's own keyboard for the panic key: it calls
// pressed for each local press (never for a press the daemon injected)
// until ctx ends, and returns why it stopped.
type PanicWatch func(ctx context.Context, pressed func()) error

// controlHub is share control across connections: one helper controls at a
// time, through the one desktop injector, and the panic key, the control
// time limit and the control API's take-back reach whoever that is.
//
// Control is offered only while both an injector and a running panic-key
// watcher exist: a novice must always be able to take control back.
type controlHub struct {
	log   *zap.Logger
	inj   shadow.Injector // nil: this desktop takes no input
	limit time.Duration   // control time limit, 0 for none

	mu       sync.Mutex // guards the fields below
	watching bool       // the panic-key watcher runs
	holder   *raSession // the helper in control
	timer    *time.Timer
}

// lockedInjector serializes the shared injector: only the helper in
// control injects, but its connection and one leaving control may overlap.
type lockedInjector struct {
	mu  sync.Mutex
	inj shadow.Injector
}

func (l *lockedInjector) Inject(ev input.Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inj.Inject(ev)
}

func (l *lockedInjector) ReleaseAll() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inj.ReleaseAll()
}

func (l *lockedInjector) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inj.Close()
}

func newControlHub(log *zap.Logger, inj shadow.Injector, limit time.Duration) *controlHub {
	h := &controlHub{log: log, limit: limit}
	if inj != nil {
		h.inj = &lockedInjector{inj: inj}
	}
	return h
}

// available reports whether a helper could be given control now, and if
// not, why.
func (h *controlHub) available() (bool, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.inj == nil:
		return false, "this desktop takes no injected input"
	case !h.watching:
		return false, "the panic key cannot be watched"
	}
	return true, ""
}

// busy reports whether a helper other than s controls the desktop.
func (h *controlHub) busy(s *raSession) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.holder != nil && h.holder != s
}

// sync records s's level after one of its events: it became the holder or
// stopped being it.
func (h *controlHub) sync(s *raSession, inControl bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case inControl && h.holder != s:
		h.holder = s
		if h.limit > 0 {
			h.timer = time.AfterFunc(h.limit, func() {
				s.post(sharectl.TakeBack{Reason: "the control time limit (" + h.limit.String() + ") passed"})
			})
		}
	case !inControl && h.holder == s:
		h.holder = nil
		if h.timer != nil {
			h.timer.Stop()
			h.timer = nil
		}
	}
}

// takeBack ends the holder's control with reason; it reports how many
// helpers that concerned.
func (h *controlHub) takeBack(reason string) int {
	h.mu.Lock()
	s := h.holder
	h.mu.Unlock()
	if s == nil {
		return 0
	}
	s.post(sharectl.TakeBack{Reason: reason})
	return 1
}

// watch runs the panic-key watcher until ctx ends. While it runs, control
// can be granted; if it stops early, the holder loses control at once and
// no one gets it again.
func (h *controlHub) watch(ctx context.Context, w PanicWatch) {
	if w == nil || h.inj == nil {
		return
	}
	h.mu.Lock()
	h.watching = true
	h.mu.Unlock()
	err := w(ctx, func() {
		h.mu.Lock()
		s := h.holder
		h.mu.Unlock()
		if s != nil {
			s.post(sharectl.PanicKey{})
		} else {
			h.log.Debug("panic key pressed; no helper has control")
		}
	})
	h.mu.Lock()
	h.watching = false
	h.mu.Unlock()
	if ctx.Err() == nil {
		h.log.Error("the panic key watcher stopped; no helper can control this desktop now", zap.Error(err))
		h.takeBack("the panic key can no longer be watched")
	}
}

// close releases the injector.
func (h *controlHub) close() {
	if h.inj != nil {
		if err := h.inj.Close(); err != nil && !errors.Is(err, shadow.ErrInjectorClosed) {
			h.log.Warn("closing the input injector", zap.Error(err))
		}
	}
}

// post hands a share-control event to s's connection goroutine.
func (s *raSession) post(ev sharectl.Event) {
	if s.conn == nil {
		return
	}
	s.conn.Post(func(c *server.Conn) { s.share(c, ev) })
}
