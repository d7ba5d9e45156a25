package server

import (
	"image"
	"sync"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// maxDamageAreas bounds the areas a subscriber keeps between two frames;
// beyond it the next frame compares the whole screen, which costs about
// 0.2 ms at 1280x800 and is what a busy screen needs anyway.
const maxDamageAreas = 64

// damageFanout hands the Screen's damage signal to every connection. A
// Damager has one channel, so one goroutine reads it and wakes every
// subscriber; where the screen changed (DamageRegion) is fetched only
// right before a capture (frames.go), and then handed to every
// subscriber: a connection compares only what changed since its own
// previous frame, and nothing at all while the screen is idle.
//
// Fetching at capture time, not on each signal, matters with X DAMAGE: the
// fetch re-arms the server's notification, so a busy screen (an
// animation) would otherwise make a signal, a fetch and a wake-up per
// drawing request instead of one per frame.
type damageFanout struct {
	src    shadow.Damager
	region shadow.DamageRegion // nil: every signal means "anything may have changed"

	once sync.Once
	done chan struct{}

	mu   sync.Mutex // guards subs and unfetched
	subs map[*damageSub]struct{}
	// unfetched: a signal came since the last fetch of the region, so the
	// screen may hold damage no subscriber has been given yet.
	unfetched bool
	buf       []image.Rectangle
}

// damageSub is one connection's view of the damage.
type damageSub struct {
	f  *damageFanout
	ch chan struct{} // capacity 1: a pending signal absorbs later ones

	mu    sync.Mutex // guards areas and known
	areas []image.Rectangle
	known bool // false: compare the whole screen next time
}

// newDamageFanout returns the fan-out of ss's screen, or nil when it does
// not report damage (it is then polled at the frame rate).
func newDamageFanout(ss *sharedScreen) *damageFanout {
	d, ok := ss.s.(shadow.Damager)
	if !ok || d.Damage() == nil {
		return nil
	}
	f := &damageFanout{src: d, done: make(chan struct{}), subs: map[*damageSub]struct{}{}}
	f.region, _ = ss.s.(shadow.DamageRegion)
	return f
}

// subscribe registers a connection. Its first frame compares everything.
func (f *damageFanout) subscribe() *damageSub {
	f.once.Do(func() { go f.run() })
	s := &damageSub{f: f, ch: make(chan struct{}, 1)}
	f.mu.Lock()
	f.subs[s] = struct{}{}
	f.mu.Unlock()
	return s
}

func (s *damageSub) unsubscribe() {
	s.f.mu.Lock()
	delete(s.f.subs, s)
	s.f.mu.Unlock()
}

// take returns the areas fetched since the previous take and forgets
// them; known is false when the whole screen must be compared.
func (s *damageSub) take(dst []image.Rectangle) ([]image.Rectangle, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	dst = append(dst, s.areas...)
	known := s.known
	s.areas, s.known = s.areas[:0], true
	return dst, known
}

// unfetchedLocked reports whether damage may be waiting to be fetched;
// ss.mu is held.
func (f *damageFanout) unfetchedLocked() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.unfetched
}

// fetchLocked takes the screen's damaged areas, if any may be waiting,
// and adds them to every subscriber. It runs with ss.mu held, just before
// a capture, so every area handed out is in that capture or later ones.
func (f *damageFanout) fetchLocked() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.unfetched {
		return
	}
	f.unfetched = false
	known := false
	f.buf = f.buf[:0]
	if f.region != nil {
		f.buf, known = f.region.Damaged(f.buf)
	}
	for s := range f.subs {
		s.add(f.buf, known)
	}
}

// lost marks the areas taken for a frame that was not sent (a capture
// failed): the next frame compares everything.
func (s *damageSub) lost() {
	s.mu.Lock()
	s.known = false
	s.mu.Unlock()
}

// add records areas fetched from the screen.
func (s *damageSub) add(areas []image.Rectangle, known bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case !s.known:
	case !known || len(s.areas)+len(areas) > maxDamageAreas:
		s.known, s.areas = false, s.areas[:0]
	default:
		s.areas = append(s.areas, areas...)
	}
}

// wake tells the subscriber's connection that a frame may be due.
func (s *damageSub) wake() {
	select {
	case s.ch <- struct{}{}:
	default:
	}
}

func (f *damageFanout) run() {
	for {
		select {
		case <-f.done:
			return
		case <-f.src.Damage():
		}
		f.mu.Lock()
		f.unfetched = true
		for s := range f.subs {
			s.wake()
		}
		f.mu.Unlock()
	}
}

// stop ends the fan-out goroutine.
func (f *damageFanout) stop() {
	select {
	case <-f.done:
	default:
		close(f.done)
	}
}
