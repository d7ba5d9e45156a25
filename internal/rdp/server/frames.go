package server

import (
	"image"
	"sync"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/encoder"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// Several experts watching one desktop share the work of each frame: one
// capture serves every connection that frames within reuseWindow of it;
// what changed since the capture before it (moves and changed tiles) is
// found once for every connection that sent that capture; and each tile
// is encoded once per encoder configuration (all xfreerdp clients share
// one). A connection that skipped captures takes the union of the tiles
// found for each capture it skipped; only one whose client shows
// something else (a placeholder, an unknown picture) or that skipped a
// capture with moves or older than the records compares on its own. Each
// connection's writer paces it alone.
//
// A capture is published as a sharedFrame, immutable once published and
// reference counted: the newest capture holds one reference, and so does
// each connection while it encodes from it.
//
// # Generations and damage
//
// Each capture is a generation, and the screen's damage areas are fetched
// right before it (only when a signal came) and right after it (always).
// A change drawn before a capture is in that capture, and in the areas of
// the fetch that follows it or an earlier one (the DamageRegion
// contract); a change drawn after it is in a later capture. So the areas
// fetched after capture g-1, before capture g and after capture g cover
// every pixel in which captures g-1 and g differ: that is generation g's
// record. A connection whose client shows capture s exactly and now sends
// capture g needs to look only in the union of the records s+1..g.

// maxPooledFrames bounds the captures kept for reuse.
const maxPooledFrames = 3

// genHistory is how many generations' records are kept: a connection
// more captures behind than this compares everything.
const genHistory = 8

// genRecord says where a capture may differ from the capture before it,
// and, once the first connection has found them (changesFrom), the tiles
// in which it does, per scroll setting.
type genRecord struct {
	gen   uint64
	areas []image.Rectangle // read by changesFrom and areasLocked
	known bool              // false: anywhere

	found [2]bool              // tiles and moved are set
	moved [2]bool              // moves were found: tiles alone do not say it
	tiles [2][]image.Rectangle // changed after the moves
}

// sharedFrame is one capture of the screen.
type sharedFrame struct {
	gen  uint64
	at   time.Time
	f    *shadow.Frame
	refs int // guarded by sharedScreen.mu
	// prev is the capture before this one, kept (one reference) while
	// this is the newest, so the changes between the two can be found
	// once for every connection. Guarded by sharedScreen.mu.
	prev *sharedFrame
	ss   *sharedScreen // the screen it came from (its records, counters)

	mu    sync.Mutex // guards tiles and changes
	tiles map[tileKey]*tileEntry
	// changes from prev, one per scroll setting (index 1: with moves).
	changes [2]*changeEntry
	// Scratch for finding changes: prev with moves applied, the damage
	// record.
	search sync.Mutex // guards scroll, moved and areas
	scroll shadow.ScrollDetector
	moved  shadow.Frame
	areas  []image.Rectangle
}

// tileKey names one encoding of one rectangle of a capture.
type tileKey struct {
	r   image.Rectangle
	cfg encoder.Config
}

// changeEntry is what changed from a frame's prev: moves, then the tiles
// that still differ. ready is closed once they are set.
type changeEntry struct {
	ready chan struct{}
	moves []shadow.Move
	tiles []image.Rectangle
}

// frameFor returns the capture a connection that last sent generation
// seen should send now: the newest capture if it is newer than seen and
// younger than reuseWindow, else a new one. It also appends the areas in
// which the capture may differ from capture seen (known is false when
// anywhere: seen is 0, too old, or the damage is not known), and more: the
// frame was reused while damage is waiting to be fetched, so the caller
// must frame again soon (nobody else may be capturing). The caller must
// release the frame.
func (ss *sharedScreen) frameFor(seen uint64, now time.Time, reuseWindow time.Duration, areas []image.Rectangle) (sf *sharedFrame, _ []image.Rectangle, known, more bool, err error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	sf = ss.latest
	if sf == nil || sf.gen <= seen || now.Sub(sf.at) >= reuseWindow {
		if sf, err = ss.captureLocked(now); err != nil {
			return nil, areas, false, false, err
		}
	} else if ss.damage != nil {
		more = ss.damage.unfetchedLocked()
	}
	sf.refs++
	areas, known = ss.areasLocked(areas, seen, sf.gen)
	return sf, areas, known, more, nil
}

// captureLocked makes a new capture the newest, with its damage record.
func (ss *sharedScreen) captureLocked(now time.Time) (*sharedFrame, error) {
	pre, preKnown := append(ss.preBuf[:0], ss.carry...), ss.carryKnown
	if ss.damage != nil {
		pre, preKnown = ss.fetchLocked(pre, preKnown, false)
	}
	ss.preBuf = pre
	next := ss.newFrameLocked()
	held := next.gen // the capture a pooled frame's pixels still show
	next.gen = 0     // until they show this one
	ss.captures.Add(1)
	grab, partial := ss.s.(shadow.AreaCapturer)
	var err error
	if partial {
		err = grab.Grab()
	} else {
		err = ss.s.Capture(next.f)
	}
	if err != nil {
		ss.putLocked(next)
		// The areas fetched belong to the next capture.
		ss.carry, ss.carryKnown = append(ss.carry[:0], pre...), preKnown
		return nil, err
	}
	post, postKnown := ss.postBuf[:0], false
	if ss.damage != nil {
		post, postKnown = ss.fetchLocked(post, true, true)
	}
	ss.postBuf = post
	if partial {
		if err := ss.copyGrabLocked(grab, next.f, held, pre, post, preKnown && postKnown); err != nil {
			ss.putLocked(next)
			ss.carry = append(append(ss.carry[:0], pre...), post...)
			ss.carryKnown = preKnown && postKnown
			return nil, err
		}
	}
	ss.gen++
	next.gen, next.at, next.refs = ss.gen, now, 1
	rec := &ss.hist[ss.gen%genHistory]
	rec.gen, rec.found = ss.gen, [2]bool{}
	rec.known = preKnown && postKnown && ss.latest != nil
	rec.areas = rec.areas[:0]
	if rec.known {
		rec.areas = bounded(append(append(rec.areas, pre...), post...), 0)
	}
	ss.carry, ss.carryKnown = append(ss.carry[:0], post...), postKnown
	if old := ss.latest; old != nil {
		// Only the newest capture keeps its previous one: the changes
		// of older captures are in the records.
		if old.prev != nil {
			ss.releaseLocked(old.prev)
			old.prev = nil
		}
		next.prev = old // the newest's reference moves to next
	}
	ss.latest = next
	return next, nil
}

// copyGrabLocked brings f, which shows capture held (0: nothing), up to
// the grab just made: only where the records since held and the areas
// fetched around the grab (pre, post; the next record) say the two may
// differ, or everything when that is not known. On a busy part of a
// large desktop this copies the part, not the screen.
func (ss *sharedScreen) copyGrabLocked(grab shadow.AreaCapturer, f *shadow.Frame, held uint64, pre, post []image.Rectangle, known bool) error {
	areas := ss.copyBuf[:0]
	if known && held != 0 && held != ss.gen {
		areas, known = ss.areasLocked(areas, held, ss.gen)
	}
	known = known && held != 0
	areas = bounded(append(append(areas, pre...), post...), 0)
	ss.copyBuf = areas
	// The records of consecutive captures repeat the same areas (an
	// animation redraws its window every frame): copy each pixel once.
	ss.copyAreas = ss.disjoint.Append(ss.copyAreas[:0], areas)
	return grab.CopyTo(f, ss.copyAreas, !known)
}

// fetchLocked appends the damage fetched now to areas (known so far);
// too many become their bounding box.
func (ss *sharedScreen) fetchLocked(areas []image.Rectangle, known, always bool) ([]image.Rectangle, bool) {
	areas, k := ss.damage.fetchLocked(areas, always)
	if !known || !k {
		return areas[:0], false
	}
	return bounded(areas, 0), true
}

// recordsLocked calls use with the record of each capture after seen up
// to gen, and reports whether all were kept and use accepted each.
func (ss *sharedScreen) recordsLocked(seen, gen uint64, use func(*genRecord) bool) bool {
	if seen == 0 || seen >= gen || gen-seen > genHistory {
		return false
	}
	for g := seen + 1; g <= gen; g++ {
		rec := &ss.hist[g%genHistory]
		if rec.gen != g || !use(rec) {
			return false
		}
	}
	return true
}

// areasLocked appends the areas where capture gen may differ from
// capture seen.
func (ss *sharedScreen) areasLocked(dst []image.Rectangle, seen, gen uint64) ([]image.Rectangle, bool) {
	n := len(dst)
	known := ss.recordsLocked(seen, gen, func(rec *genRecord) bool {
		dst = append(dst, rec.areas...)
		return rec.known
	})
	if !known {
		return dst[:n], false
	}
	return bounded(dst, n), true
}

// noteChanges records what changesFrom found for capture gen.
// searched says whether scrolls were looked for (see scrollBackoff).
func (ss *sharedScreen) noteChanges(gen uint64, scroll, searched bool, moves []shadow.Move, tiles []image.Rectangle) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if searched {
		ss.scrolls.searched(len(moves) > 0)
	}
	rec, i := &ss.hist[gen%genHistory], scrollIndex(scroll)
	if rec.gen != gen || rec.found[i] {
		return
	}
	rec.found[i], rec.moved[i] = true, len(moves) > 0
	rec.tiles[i] = append(rec.tiles[i][:0], tiles...)
}

// changedSince appends the tiles in which capture gen differs from
// capture seen, from the changes found for each capture in between; ok
// is false when they are not all known or include moves (which tiles
// alone cannot convey): the caller must compare on its own.
func (ss *sharedScreen) changedSince(dst []image.Rectangle, seen, gen uint64, scroll bool) (_ []image.Rectangle, ok bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	n, i := len(dst), scrollIndex(scroll)
	ok = ss.recordsLocked(seen, gen, func(rec *genRecord) bool {
		dst = append(dst, rec.tiles[i]...)
		return rec.found[i] && !rec.moved[i]
	})
	if !ok {
		return dst[:n], false
	}
	return dst, true
}

func scrollIndex(scroll bool) int {
	if scroll {
		return 1
	}
	return 0
}

// release gives back a frame from frameFor.
func (ss *sharedScreen) release(sf *sharedFrame) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.releaseLocked(sf)
}

// prevOf returns sf's previous capture with a reference the caller must
// release, or nil when it is no longer kept.
func (ss *sharedScreen) prevOf(sf *sharedFrame) *sharedFrame {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	p := sf.prev
	if p != nil {
		p.refs++
	}
	return p
}

func (ss *sharedScreen) releaseLocked(sf *sharedFrame) {
	sf.refs--
	if sf.refs == 0 {
		if sf.prev != nil {
			ss.releaseLocked(sf.prev)
			sf.prev = nil
		}
		ss.putLocked(sf)
	}
}

func (ss *sharedScreen) newFrameLocked() *sharedFrame {
	if n := len(ss.pool); n > 0 {
		sf := ss.pool[n-1]
		ss.pool = ss.pool[:n-1]
		return sf
	}
	return &sharedFrame{f: &shadow.Frame{}, ss: ss}
}

func (ss *sharedScreen) putLocked(sf *sharedFrame) {
	clear(sf.tiles)
	sf.changes = [2]*changeEntry{}
	if len(ss.pool) < maxPooledFrames {
		ss.pool = append(ss.pool, sf)
	}
}

// changesFrom returns the moves (with scroll) and changed tiles that turn
// prev, the capture before sf, into sf: found by the first connection
// that asks, in sf's damage record, then shared and recorded for
// connections further behind (changedSince). The result is read-only and
// valid until sf is released.
func (sf *sharedFrame) changesFrom(prev *sharedFrame, scroll bool) ([]shadow.Move, []image.Rectangle) {
	i := scrollIndex(scroll)
	sf.mu.Lock()
	if ce := sf.changes[i]; ce != nil {
		sf.mu.Unlock()
		<-ce.ready
		return ce.moves, ce.tiles
	}
	ce := &changeEntry{ready: make(chan struct{})}
	sf.changes[i] = ce
	sf.mu.Unlock()
	defer close(ce.ready)

	// The two settings' searches share the scratch.
	sf.search.Lock()
	defer sf.search.Unlock()
	sf.ss.mu.Lock()
	// A record already overwritten (sf is genHistory captures old) says
	// nothing: compare everything.
	var known bool
	sf.areas, known = sf.ss.areasLocked(sf.areas[:0], sf.gen-1, sf.gen)
	search := scroll && sf.ss.scrolls.search(sf.gen)
	sf.ss.mu.Unlock()
	sf.ss.diffs.Add(1)
	ce.moves, ce.tiles = findChanges(&sf.scroll, prev.f, sf.f, &sf.moved, sf.f.Rect(), sf.areas, known, search, nil, nil)
	sf.ss.noteChanges(sf.gen, scroll, search, ce.moves, ce.tiles)
	return ce.moves, ce.tiles
}

// Scroll search backoff. Looking for a scroll reads every row of the
// damaged areas of both captures, which on a desktop that animates
// without scrolling (ico) is a sixth of the work of a frame, spent for
// nothing. After scrollPatience searched captures in a row without a
// scroll, only every scrollProbeEvery-th capture is searched; a scroll
// found brings back searching every capture. A scroll that starts during
// the backoff goes out as bitmaps for at most scrollProbeEvery-1
// captures: a few more bytes, once per burst.
const (
	scrollPatience   = 8
	scrollProbeEvery = 4
)

// scrollBackoff decides which captures are searched for scrolls.
type scrollBackoff struct {
	misses int // searched captures in a row without a scroll
}

// search reports whether capture gen's changes should include a search.
func (b *scrollBackoff) search(gen uint64) bool {
	return b.misses < scrollPatience || gen%scrollProbeEvery == 0
}

// searched records the outcome of a search.
func (b *scrollBackoff) searched(found bool) {
	if found {
		b.misses = 0
	} else {
		b.misses++
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
	sf.ss.encoded.Add(1)
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
