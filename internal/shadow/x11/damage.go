//go:build linux

package x11

import (
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xfixes"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

var (
	_ shadow.Damager      = (*Screen)(nil)
	_ shadow.DamageRegion = (*Screen)(nil)
)

// maxDamageAreas bounds the areas one Damaged call appends. A region the
// server hands back with more rectangles (text, many small widgets) is
// reported as its bounding box instead: larger than what changed, which
// the contract allows, and at most a full-screen tile compare for the
// caller. The RDP server bounds each capture's record to 64 areas the
// same way.
const maxDamageAreas = 64

// damageTracker follows the root window's damage with the X DAMAGE
// extension.
//
// # Report level
//
// The Damage object uses DamageReportLevelNonEmpty: the server sends one
// DamageNotify when the damage region goes from empty to non-empty, and
// nothing more until the client empties it with DamageSubtract (the
// usual fetch-and-clear pattern of damage clients). It keeps the cost
// independent of how busy the desktop is: however many drawing operations
// a video or a scrolling terminal makes, this process receives at most one
// event per Capture or Damaged, and the server merges the rectangles into
// an XFIXES region (banded, non-overlapping) that is fetched with one round
// trip when asked for. RawRectangles would send one 32-byte event per
// drawing operation (thousands per second while a video plays), each to be
// decoded by xgb and this goroutine and then merged or bounded here.
// (Either way the server damages the bounding box of each drawing request,
// not its exact shape: one PolyFillRectangle of two far-apart rectangles
// damages everything between them.)
//
// # Regions
//
// Two server-side regions belong to the tracker: tmp receives what
// DamageSubtract(damage, None, tmp) takes out of the damage (it replaces
// tmp's contents), and acc accumulates it (UnionRegion) until Damaged
// fetches and empties acc. Capture re-arms the notification when one has
// arrived (so a caller that only uses the channel keeps getting signals)
// by moving the damage into acc without a round trip; Damaged moves the
// rest and fetches acc, one round trip. So nothing subtracted by a Capture
// is lost to the next Damaged.
//
// # Goroutine
//
// readEvents, started by Open, is the only reader of the connection's
// event queue (it replaced polling in Capture). It sets flags under mu and
// sends on ch; it never takes Screen.mu and does no requests, so it never
// waits for a Capture. Requests (Subtract, FetchRegion) are made by
// Capture and Damaged under Screen.mu; xgb connections are safe for
// requests from several goroutines anyway. Close closes the connection,
// which makes WaitForEvent return (nil, nil), and waits for done.
type damageTracker struct {
	// Immutable after Open; ch is nil when damage is not reported.
	ch      chan struct{} // capacity 1: a pending signal absorbs later ones
	reason  error         // why ch is nil
	id      damage.Damage
	tmp     xfixes.Region
	acc     xfixes.Region
	done    chan struct{} // closed when readEvents has returned
	rootWin xproto.Window

	mu       sync.Mutex // guards the fields below; taken after Screen.mu
	notified bool       // a DamageNotify arrived since the last Subtract: the damage is not empty
	lost     bool       // the next Damaged reports known=false
	closing  bool       // Close has begun: the end of the connection is not news

	// The pointer shape (cursor.go): cursorStale is set by a CursorNotify.
	cursorStale bool
}

// initDamage sets up damage reports on conn for the root window. It must
// run in open(), next to MIT-SHM's initialisation and before any other
// xgb connection of the process has a reader receiving events (see
// xconn.InitExtension): xfixes.Init and damage.Init write xgb's shared
// event and error tables the first time. Failing is not an error for the
// Screen; the reason is kept and Damage returns nil.
func (s *Screen) initDamage(opt Options) {
	d := &s.dmg
	d.rootWin = s.root
	d.lost = true // the first Damaged knows nothing yet
	if opt.NoDamage {
		d.reason = errors.New("disabled by option")
		return
	}
	if err := d.setup(s.conn); err != nil {
		d.reason = err
		return
	}
	d.ch = make(chan struct{}, 1)
}

func (d *damageTracker) setup(conn *xgb.Conn) error {
	// DAMAGE 1.1 passes XFIXES regions, which need XFIXES 2.0 on this
	// client (the server refuses region requests from a client that has
	// not asked for that version).
	if err := xconn.InitExtension(conn, "XFIXES", xfixes.Init); err != nil {
		return fmt.Errorf("no XFIXES extension: %w", err)
	}
	fv, err := xfixes.QueryVersion(conn, 2, 0).Reply()
	if err == nil && fv == nil {
		err = errors.New("no reply")
	}
	if err != nil {
		return fmt.Errorf("XFIXES version: %w", err)
	}
	if fv.MajorVersion < 2 {
		return fmt.Errorf("XFIXES %d.%d has no regions, need 2.0", fv.MajorVersion, fv.MinorVersion)
	}
	if err := xconn.InitExtension(conn, "DAMAGE", damage.Init); err != nil {
		return fmt.Errorf("no DAMAGE extension: %w", err)
	}
	dv, err := damage.QueryVersion(conn, 1, 1).Reply()
	if err == nil && dv == nil {
		err = errors.New("no reply")
	}
	if err != nil {
		return fmt.Errorf("DAMAGE version: %w", err)
	}
	if dv.MajorVersion < 1 {
		return fmt.Errorf("DAMAGE %d.%d, need 1.x", dv.MajorVersion, dv.MinorVersion)
	}
	if d.tmp, err = xfixes.NewRegionId(conn); err != nil {
		return fmt.Errorf("DAMAGE: %w", err)
	}
	if d.acc, err = xfixes.NewRegionId(conn); err != nil {
		return fmt.Errorf("DAMAGE: %w", err)
	}
	if d.id, err = damage.NewDamageId(conn); err != nil {
		return fmt.Errorf("DAMAGE: %w", err)
	}
	// All sent before the first check, one round trip. The root's
	// damage includes drawing into every window on it (what is shown).
	// StructureNotify on the root brings ConfigureNotify on a RandR
	// resize, after which the areas are not known.
	cookies := []interface{ Check() error }{
		xfixes.CreateRegionChecked(conn, d.tmp, nil),
		xfixes.CreateRegionChecked(conn, d.acc, nil),
		damage.CreateChecked(conn, d.id, xproto.Drawable(d.rootWin), damage.ReportLevelNonEmpty),
		xproto.ChangeWindowAttributesChecked(conn, d.rootWin, xproto.CwEventMask,
			[]uint32{xproto.EventMaskStructureNotify}),
		// The pointer is not in captures: a shape change is reported
		// (CursorNotify) and read with GetCursorImage (cursor.go).
		xfixes.SelectCursorInputChecked(conn, d.rootWin, xfixes.CursorNotifyMaskDisplayCursor),
	}
	for _, c := range cookies {
		if err := c.Check(); err != nil {
			return fmt.Errorf("DAMAGE setup: %w", err)
		}
	}
	// A Damage object on a window starts with the whole window damaged,
	// and the server has already sent its DamageNotify. Empty the damage
	// and drop that event (it is in xgb's queue: events come before the
	// reply that follows them), so that an idle screen does not signal
	// once after Open; the first Damaged reports unknown anyway.
	if err := damage.SubtractChecked(conn, d.id, xfixes.RegionNone, xfixes.RegionNone).Check(); err != nil {
		return fmt.Errorf("DAMAGE setup: %w", err)
	}
	for {
		if ev, xerr := conn.PollForEvent(); ev == nil && xerr == nil {
			break
		}
	}
	// The drain may also have dropped the DamageNotify of drawing done
	// after the Subtract (an animation already running): the damage is
	// then non-empty and the server would never notify again. Treat it
	// as notified, without a signal: the first Capture or Damaged
	// subtracts again, which re-arms the notification.
	d.notified = true
	return nil
}

// Damage returns the channel that receives when the root window may have
// changed since the last Capture (see shadow.Damager). It is nil when the
// X server cannot report damage (no DAMAGE or XFIXES extension, or
// Options.NoDamage); DamageSupported says why, and the caller must then
// poll. The result is the same for the Screen's whole life.
//
// Signals coalesce: after a DamageNotify the server sends nothing more
// until Capture or Damaged has taken the damage, and the channel holds at
// most one pending signal. A resize of the root and the loss of the
// connection signal too (Capture then reports the new size or the error).
func (s *Screen) Damage() <-chan struct{} {
	if s.dmg.ch == nil {
		return nil // a nil chan, not a nil <-chan in a non-nil interface
	}
	return s.dmg.ch
}

// DamageSupported reports whether the Screen reports damage (Damage is
// not nil) and, if not, why.
func (s *Screen) DamageSupported() (ok bool, reason error) {
	return s.dmg.ch != nil, s.dmg.reason
}

// Damaged appends to dst the areas of the root window changed since the
// previous call and forgets them (see shadow.DamageRegion). known is false
// on the first call, after a resize of the root, after an X error that may
// have lost areas, when the Screen is closed and always when damage is not
// supported: the caller must then take the whole screen as changed.
// It makes one round trip on the capture's connection, waiting for a
// Capture in flight, even when no DamageNotify has been read since the
// previous call: the damage is taken from the server, so a change that a
// Capture returned before this call shows is reported now even if its
// event is still on its way (the shadow.DamageRegion contract).
//
// At most maxDamageAreas (64) areas are appended; a region with more
// rectangles is reported as its bounding box.
func (s *Screen) Damaged(dst []image.Rectangle) (areas []image.Rectangle, known bool) {
	d := &s.dmg
	if d.ch == nil {
		return dst, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return dst, false
	}
	d.mu.Lock()
	lost := d.lost
	d.notified, d.lost = false, false
	d.mu.Unlock()
	d.take(s.conn)
	// Fetch acc and empty it; the server handles the requests in order,
	// so the fetch sees acc before SetRegion clears it.
	cookie := xfixes.FetchRegion(s.conn, d.acc)
	xfixes.SetRegion(s.conn, d.acc, nil)
	rep, err := cookie.Reply()
	if err != nil || rep == nil || lost {
		return dst, false
	}
	if len(rep.Rectangles) > maxDamageAreas {
		return appendRect(dst, rep.Extents), true
	}
	for _, r := range rep.Rectangles {
		dst = appendRect(dst, r)
	}
	return dst, true
}

// take moves the damage into acc, which also re-arms the DamageNotify.
// The requests are unchecked: no round trip. An X error from them arrives
// in readEvents, which marks the areas lost.
func (d *damageTracker) take(conn *xgb.Conn) {
	damage.Subtract(conn, d.id, xfixes.RegionNone, d.tmp)
	xfixes.UnionRegion(conn, d.acc, d.tmp, d.acc)
}

// beforeCapture runs at the start of Capture, under Screen.mu: if damage
// was notified, it is moved into acc (so the next DamageNotify can come)
// before the image is read, so damage drawn after this point is notified
// again even if the capture already shows it.
func (s *Screen) beforeCapture() {
	d := &s.dmg
	if d.ch == nil {
		return
	}
	d.mu.Lock()
	notified := d.notified
	if notified {
		d.notified = false
	}
	d.mu.Unlock()
	if notified {
		d.take(s.conn)
	}
}

// sizeChanged runs when Capture sees a root size different from the
// previous one: the next Damaged reports known=false.
func (s *Screen) sizeChanged() {
	d := &s.dmg
	if d.ch == nil {
		return
	}
	d.mu.Lock()
	d.lost = true
	d.mu.Unlock()
	d.signal()
}

// signal sends on ch without blocking.
func (d *damageTracker) signal() {
	select {
	case d.ch <- struct{}{}:
	default:
	}
}

// readEvents takes everything the server sends unasked off the
// connection's event queue, so xgb's bounded queue never fills and stalls
// its reader, and turns DamageNotify and the root's ConfigureNotify into
// signals. It returns when the connection is closed or lost.
func (s *Screen) readEvents() {
	d := &s.dmg
	defer close(d.done)
	for {
		ev, xerr := s.conn.WaitForEvent()
		switch e := ev.(type) {
		case nil:
			if xerr == nil {
				// Closed by Close, or lost: wake the owner so that its
				// next Capture reports the error.
				if d.ch != nil {
					d.mu.Lock()
					d.lost = true
					closing := d.closing
					d.mu.Unlock()
					if !closing {
						d.signal()
					}
				}
				return
			}
			// An asynchronous error of an unchecked request (shm.Detach,
			// or Subtract and UnionRegion in take): areas may be lost.
			// No signal, so a failing request cannot make a busy loop.
			if d.ch != nil {
				d.mu.Lock()
				d.lost = true
				d.mu.Unlock()
			}
		case damage.NotifyEvent:
			if e.Damage != d.id {
				continue
			}
			d.mu.Lock()
			d.notified = true
			d.mu.Unlock()
			d.signal()
		case xfixes.CursorNotifyEvent:
			d.mu.Lock()
			d.cursorStale = true
			d.mu.Unlock()
			d.signal()
		case xproto.ConfigureNotifyEvent:
			if e.Window != d.rootWin || d.ch == nil {
				continue
			}
			d.mu.Lock()
			d.lost = true
			d.mu.Unlock()
			d.signal()
		}
	}
}

// appendRect appends r to dst unless it is empty.
func appendRect(dst []image.Rectangle, r xproto.Rectangle) []image.Rectangle {
	if r.Width == 0 || r.Height == 0 {
		return dst
	}
	x, y := int(r.X), int(r.Y)
	return append(dst, image.Rect(x, y, x+int(r.Width), y+int(r.Height)))
}
