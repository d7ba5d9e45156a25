package server

import (
	"image"
	"sync"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// maxDamageAreas bounds the areas kept for one generation of captures
// and handed to a connection for one frame; more become their bounding
// box (bounded), larger than what changed but cheaper to handle than
// hundreds of text-glyph rectangles.
const maxDamageAreas = 64

// damageFanout hands the Screen's damage signal to every connection. A
// Damager has one channel, so one goroutine reads it and wakes every
// subscriber. Where the screen changed (DamageRegion) is fetched only
// around captures (frames.go), which record it per generation: a
// connection compares only what changed since the capture it sent last,
// and nothing at all while the screen is idle.
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
	// screen may hold damage not fetched yet.
	unfetched bool
}

// damageSub is one connection's wake-up signal.
type damageSub struct {
	f  *damageFanout
	ch chan struct{} // capacity 1: a pending signal absorbs later ones
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

// subscribe registers a connection.
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

// unfetchedLocked reports whether damage may be waiting to be fetched;
// ss.mu is held.
func (f *damageFanout) unfetchedLocked() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.unfetched
}

// fetchLocked appends the screen's damaged areas since the previous
// fetch; known is false when the whole screen must be taken as changed.
// Unless always is set, it asks the screen only when a signal came since
// the previous fetch. It runs with ss.mu held, around a capture.
func (f *damageFanout) fetchLocked(dst []image.Rectangle, always bool) ([]image.Rectangle, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.unfetched && !always {
		return dst, true
	}
	f.unfetched = false
	if f.region == nil {
		return dst, false
	}
	return f.region.Damaged(dst)
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

// bounded returns areas[n:] replaced by its bounding box when it holds
// more than maxDamageAreas rectangles.
func bounded(areas []image.Rectangle, n int) []image.Rectangle {
	if len(areas)-n <= maxDamageAreas {
		return areas
	}
	var b image.Rectangle
	for _, a := range areas[n:] {
		b = b.Union(a)
	}
	return append(areas[:n], b)
}
