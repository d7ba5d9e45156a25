package server

import (
	"image"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/encoder"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// Several experts watching one desktop share the work of each frame: one
// capture serves every connection that frames within reuseWindow of it,
// and each tile of that capture is encoded once per encoder configuration
// (all xfreerdp clients share one). Each connection still compares the
// capture with what it last sent, and its writer paces it alone.
//
// A capture is published as a sharedFrame, immutable once published and
// reference counted: the newest capture holds one reference, and so does
// each connection while it encodes from it.
//
// Damage areas are fetched under the same lock right before each capture
// and handed to every connection (damage.go), so the areas a connection
// takes are always contained in the newest capture: reusing it can never
// lose a change.

// maxPooledFrames bounds the captures kept for reuse.
const maxPooledFrames = 3

// sharedFrame is one capture of the screen.
type sharedFrame struct {
	gen  uint64
	at   time.Time
	f    *shadow.Frame
	refs int // guarded by sharedScreen.mu

	mu    sync.Mutex // guards tiles
	tiles map[tileKey]*tileEntry
	// encoded counts tile encodings (not cache hits), for tests.
	encoded *atomic.Uint64
}

// tileKey names one encoding of one rectangle of a capture.
type tileKey struct {
	r   image.Rectangle
	cfg encoder.Config
}

// frameFor returns the capture a connection that last sent generation
// seen should send now: the newest capture if it is newer than seen and
// younger than reuseWindow, else a new one. A connection's first frame
// (seen 0) is always a new capture: damage fetched before it subscribed
// went to others only. It also returns the connection's damage areas
// (sub may be nil: compare everything), and more: the frame was reused
// while damage is waiting to be fetched, so the caller must frame again
// soon (a fetch re-arms X DAMAGE, and nobody else may be capturing). The
// caller must release the frame.
func (ss *sharedScreen) frameFor(sub *damageSub, seen uint64, now time.Time, reuseWindow time.Duration, areas []image.Rectangle) (sf *sharedFrame, _ []image.Rectangle, known, more bool, err error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	sf = ss.latest
	if sf == nil || seen == 0 || sf.gen <= seen || now.Sub(sf.at) >= reuseWindow {
		if ss.damage != nil {
			ss.damage.fetchLocked()
		}
		next := ss.newFrameLocked()
		ss.captures.Add(1)
		if err := ss.s.Capture(next.f); err != nil {
			ss.putLocked(next)
			// Areas were just handed out that the newest capture may not
			// show: nobody may reuse it any more.
			if ss.latest != nil {
				ss.latest.at = time.Time{}
			}
			return nil, areas, false, false, err
		}
		ss.gen++
		next.gen, next.at, next.refs = ss.gen, now, 1
		if ss.latest != nil {
			ss.releaseLocked(ss.latest)
		}
		ss.latest = next
		sf = next
	} else if ss.damage != nil {
		more = ss.damage.unfetchedLocked()
	}
	sf.refs++
	if sub != nil {
		areas, known = sub.take(areas)
	}
	return sf, areas, known, more, nil
}

// release gives back a frame from frameFor.
func (ss *sharedScreen) release(sf *sharedFrame) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.releaseLocked(sf)
}

func (ss *sharedScreen) releaseLocked(sf *sharedFrame) {
	sf.refs--
	if sf.refs == 0 {
		ss.putLocked(sf)
	}
}

func (ss *sharedScreen) newFrameLocked() *sharedFrame {
	if n := len(ss.pool); n > 0 {
		sf := ss.pool[n-1]
		ss.pool = ss.pool[:n-1]
		return sf
	}
	return &sharedFrame{f: &shadow.Frame{}, encoded: &ss.encoded}
}

func (ss *sharedScreen) putLocked(sf *sharedFrame) {
	clear(sf.tiles)
	if len(ss.pool) < maxPooledFrames {
		ss.pool = append(ss.pool, sf)
	}
}

// tileEntry is one encoding in a frame's cache; ready is closed once
// rects or err are set, so a second connection waits for the first
// instead of encoding the same tile again.
type tileEntry struct {
	ready chan struct{}
	rects []pdu.BitmapData
	err   error
}

// encode appends the encoding of rectangle r of the capture, made by enc
// or by another connection with the same encoder configuration. The Data
// of the entries belongs to the frame: read-only, valid until the frame
// is released.
func (sf *sharedFrame) encode(enc *encoder.Encoder, dst []pdu.BitmapData, r image.Rectangle) ([]pdu.BitmapData, error) {
	key := tileKey{r: r, cfg: enc.Config()}
	sf.mu.Lock()
	if te, ok := sf.tiles[key]; ok {
		sf.mu.Unlock()
		<-te.ready
		return append(dst, te.rects...), te.err
	}
	te := &tileEntry{ready: make(chan struct{})}
	if sf.tiles == nil {
		sf.tiles = map[tileKey]*tileEntry{}
	}
	sf.tiles[key] = te
	sf.mu.Unlock()
	defer close(te.ready)

	start := len(dst)
	sf.encoded.Add(1)
	dst, te.err = enc.Append(dst, sf.f, r)
	if te.err != nil {
		return dst, te.err
	}
	// Copy out of the encoder's arena, which its next batch reuses.
	n := 0
	for _, bd := range dst[start:] {
		n += len(bd.Data)
	}
	buf := make([]byte, 0, n)
	te.rects = make([]pdu.BitmapData, len(dst)-start)
	for i, bd := range dst[start:] {
		off := len(buf)
		buf = append(buf, bd.Data...)
		bd.Data = buf[off:len(buf):len(buf)]
		te.rects[i] = bd
	}
	return dst, nil
}
