package server

import (
	"fmt"
	"image"
	"image/color"
	"time"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/rdp/encoder"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// reactivationTimeout bounds how long a client may take to confirm and
// finalize a reactivation before the connection is given up (FreeRDP's
// client waits for its TcpAckTimeout, 9 s by default, on its side).
const reactivationTimeout = 30 * time.Second

// placeholderColor is the neutral grey shown while the expert may not see
// the desktop (before authentication and consent, or while paused).
const placeholderColor = 0x40

// graphics decides what and when a connection's screen updates are sent.
// It belongs to the connection's owner goroutine.
//
// It follows a pull model: a frame is captured and encoded only when the
// writer has drained everything queued and at most MaxFrameRate times a
// second, and it is always compared with what was last sent, so a slow
// client gets fewer, fresher frames instead of a growing queue.
//
// INVARIANT: while viewing is false or paused is true, no captured desktop
// pixel is encoded; the source is the placeholder frame.
type graphics struct {
	c        *Conn
	enc      *encoder.Encoder
	area     image.Rectangle // the session's desktop
	interval time.Duration

	active     bool // finalization done
	viewing    bool // the desktop may be shown
	paused     bool // the novice paused sharing (Server.SetPaused)
	suppressed bool // the client asked for no updates
	pending    bool // a frame is due once the writer is idle

	sent        *shadow.Frame // what the client shows
	placeholder *shadow.Frame
	seenGen     uint64       // the shared capture last sent (frames.go)
	clean       bool         // the client shows capture seenGen exactly
	shared      *sharedFrame // the capture being sent, during frame
	forced      []image.Rectangle
	lastFrame   time.Time
	// linkBehind: since the last frame, one was due while the writer
	// still held updates (the link did not keep up; see
	// session.Session.LinkKeepsUp).
	linkBehind bool

	// dmg wakes the connection when the screen reports damage; nil when
	// the screen must be polled.
	dmg   *damageSub
	areas []image.Rectangle // where the capture may differ from seenGen's

	tiles      []image.Rectangle
	rects      []pdu.BitmapData
	scroll     shadow.ScrollDetector
	moves      []shadow.Move
	blts       []order.ScrBlt
	capFail    bool // a capture error was logged (log once until it recovers)
	sizeWarned bool // a desktop size change the client cannot follow was logged
	// resizeStarted is when a reactivation for a new desktop size began;
	// zero when none is in flight.
	resizeStarted time.Time

	// The novice's pointer shape, sent when it changes.
	ptrFormat pointer.Format
	ptrCache  *pointer.Cache
	cursor    shadow.Cursor
	ptrSerial uint64 // the shape the client shows; 0: its default arrow
	ptrFail   bool   // a pointer failure was logged

	// The novice's pointer position, polled every tick and sent when it
	// moved (pointerPosition). ptrPos is where the client's pointer is as
	// far as the server knows: the last position sent or reported by the
	// client's own mouse input.
	ptrPos      image.Point
	ptrPosKnown bool
	clientMouse time.Time // the client's last mouse input
	ptrPosFail  bool      // a position failure was logged
	ptrMoves    int       // Pointer Position Updates sent
	ptrMovedAt  time.Time // the last position sent

	framesSent    int
	desktopFrames int // frames that carried desktop pixels, not the placeholder
	scrBlts       int // ScrBlt orders sent (scrolls)
}

func newGraphics(c *Conn) *graphics {
	res := c.res
	g := &graphics{
		c:        c,
		area:     image.Rect(0, 0, int(res.DesktopWidth), int(res.DesktopHeight)),
		interval: time.Second / time.Duration(c.srv.cfg.MaxFrameRate),
		sent:     shadow.NewFrame(int(res.DesktopWidth), int(res.DesktopHeight)),
	}
	g.placeholder = newPlaceholder(g.area.Dx(), g.area.Dy())
	enc, err := newEncoder(c)
	if err != nil {
		// The acceptor only announces depths the encoder takes.
		panic(err)
	}
	g.enc = enc
	if c.srv.damage != nil {
		g.dmg = c.srv.damage.subscribe()
	}
	g.paused = c.srv.paused.Load()
	return g
}

// newPlaceholder returns the neutral picture shown instead of the desktop.
func newPlaceholder(w, h int) *shadow.Frame {
	f := shadow.NewFrame(w, h)
	f.Fill(f.Rect(), color.RGBA{R: placeholderColor, G: placeholderColor, B: placeholderColor, A: 0xFF})
	return f
}

// newEncoder returns the encoder for the session's current capabilities.
func newEncoder(c *Conn) (*encoder.Encoder, error) {
	res := c.res
	return encoder.New(encoder.Config{
		BitsPerPixel:      int(res.BitsPerPixel),
		Compress:          c.srv.cfg.Compression,
		CompressionHeader: !res.ClientCaps.NoBitmapCompressionHeader,
		MaxRectBytes:      c.sess.UpdateLimit() - 64,
	})
}

// damaged returns the signal that the screen changed, nil when polled.
func (g *graphics) damaged() <-chan struct{} {
	if g.dmg == nil {
		return nil
	}
	return g.dmg.ch
}

// close stops the damage subscription.
func (g *graphics) close() {
	if g.dmg != nil {
		g.dmg.unsubscribe()
	}
}

// damage runs when the screen reported a change: a frame is due.
func (g *graphics) damage() error {
	g.pending = true
	return g.maybeFrame()
}

// ready marks finalization complete and sends the first full frame at
// once rather than at the next tick.
func (g *graphics) ready() error {
	g.active = true
	g.ptrFormat = g.c.sess.PointerFormat()
	if g.ptrFormat.CanSendShapes() {
		g.ptrCache = pointer.NewCache(g.ptrFormat.CacheSize)
	}
	g.forceAll()
	return g.maybeFrame()
}

func (g *graphics) setViewing(v bool) {
	if g.viewing != v {
		g.viewing = v
		g.forceAll()
	}
}

// setPaused pauses or resumes: the placeholder replaces the desktop while
// paused, and everything is sent again either way.
func (g *graphics) setPaused(p bool) {
	if g.paused != p {
		g.paused = p
		g.forceAll()
	}
}

// showDesktop reports whether frames may carry desktop pixels.
func (g *graphics) showDesktop() bool { return g.viewing && !g.paused }

// refresh handles Refresh Rect: the areas are sent again in full.
func (g *graphics) refresh(areas []pdu.Rectangle16) {
	for _, a := range areas {
		g.forced = append(g.forced, image.Rect(int(a.Left), int(a.Top), int(a.Right)+1, int(a.Bottom)+1))
	}
	g.pending = true
}

// suppress handles Suppress Output. On resume the visible area (or the
// whole desktop) is sent again, as 2.2.11.3 expects.
func (g *graphics) suppress(off bool, rect *pdu.Rectangle16) {
	g.suppressed = off
	if off {
		return
	}
	if rect != nil {
		g.refresh([]pdu.Rectangle16{*rect})
	} else {
		g.forceAll()
	}
}

func (g *graphics) forceAll() {
	g.forced = append(g.forced[:0], g.area)
	g.pending = true
}

// Tick periods (tickPeriod). An idle desktop with damage reports needs
// ticks only to poll the novice's pointer position, which X reports no
// event for: stillPointerPoll keeps that to a few round trips a second,
// at the price of up to that long before the expert sees a still pointer
// start to move (then polling is at the frame rate again). quietTick
// covers a connection with nothing to poll.
const (
	stillPointerPoll = 250 * time.Millisecond
	quietTick        = time.Second
	// busyFor is how long after the last frame or pointer move ticks stay
	// at the frame rate, so an animation keeps one steady cadence.
	busyFor = time.Second
)

// tickPeriod is how often tick should run now: at the frame rate while
// the screen is polled, a frame waits, a resize is in flight, or frames
// or pointer moves were recent; less often when all is still.
func (g *graphics) tickPeriod(now time.Time) time.Duration {
	busy := g.dmg == nil || g.pending || !g.resizeStarted.IsZero() ||
		now.Sub(g.lastFrame) < busyFor || now.Sub(g.ptrMovedAt) < busyFor || now.Sub(g.clientMouse) < busyFor
	switch {
	case busy:
		return g.interval
	case g.active && !g.suppressed && g.showDesktop() && g.c.srv.screen != nil:
		return max(g.interval, stillPointerPoll)
	default:
		return max(g.interval, quietTick)
	}
}

// tick runs every tickPeriod. A polled screen is compared every tick;
// with damage reports a tick only sends a frame that pacing held back and
// polls the pointer position.
func (g *graphics) tick() error {
	if !g.resizeStarted.IsZero() && g.c.srv.cfg.Now().Sub(g.resizeStarted) > reactivationTimeout {
		return fmt.Errorf("server: the client did not complete the reactivation for a desktop resize within %v", reactivationTimeout)
	}
	if g.dmg == nil {
		g.pending = true
	}
	if err := g.pointerPosition(); err != nil {
		return err
	}
	return g.maybeFrame()
}

// clientPointerQuiet is how long after the client's own mouse input the
// novice's pointer position is not sent to it: while the expert moves
// the pointer (controlling, or only over the view), a polled position
// lags its input and warping the expert's pointer back would fight its
// hand (xfreerdp warps its pointer on every Pointer Position Update).
const clientPointerQuiet = time.Second

// clientInput notes the client's own pointer position from its mouse
// input: its pointer is already there.
func (g *graphics) clientInput(ev input.Event) {
	var p image.Point
	switch e := ev.(type) {
	case input.Mouse:
		p = image.Pt(int(e.X), int(e.Y))
	case input.Wheel:
		p = image.Pt(int(e.X), int(e.Y))
	default:
		return
	}
	g.clientMouse = g.c.srv.cfg.Now()
	g.ptrPos, g.ptrPosKnown = p, true
}

// pointerPosition sends a Pointer Position Update ([MS-RDPBCGR]
// 2.2.9.1.1.4.2) when the novice's pointer moved, so the expert sees
// where the novice points: not while the placeholder shows, not to a
// client that just moved its own pointer, and not outside the desktop.
func (g *graphics) pointerPosition() error {
	if !g.active || g.suppressed || !g.showDesktop() || g.c.srv.screen == nil {
		return nil
	}
	now := g.c.srv.cfg.Now()
	if !g.clientMouse.IsZero() && now.Sub(g.clientMouse) < clientPointerQuiet {
		return nil
	}
	p, ok, err := g.c.srv.screen.pointerPosition(now, g.interval/2)
	if err != nil {
		if !g.ptrPosFail {
			g.c.log.Debug("reading the pointer position failed", zap.Error(err))
			g.ptrPosFail = true
		}
		return nil
	}
	g.ptrPosFail = false
	if !ok || !p.In(g.area) || (g.ptrPosKnown && p == g.ptrPos) {
		return nil
	}
	out, err := g.c.sess.AppendPointerUpdate(g.c.out[:0], &pdu.PointerPosition{X: uint16(p.X), Y: uint16(p.Y)})
	if err != nil {
		return err
	}
	g.ptrPos, g.ptrPosKnown = p, true
	g.ptrMoves++
	g.ptrMovedAt = now
	return g.c.queue(out)
}

// writerIdle runs when the writer finished a write.
func (g *graphics) writerIdle() error { return g.maybeFrame() }

func (g *graphics) maybeFrame() error {
	if !g.active || g.suppressed || !g.pending {
		return nil
	}
	now := g.c.srv.cfg.Now()
	// A tenth of the interval absorbs the ticker's jitter; half (as
	// before) let damage between ticks double the frame rate.
	due := g.lastFrame.IsZero() || now.Sub(g.lastFrame) >= g.interval-g.interval/10
	if len(g.c.send) > 0 {
		// The writer still holds earlier updates: a frame now would
		// queue behind them. If one is due, the link is behind.
		g.linkBehind = g.linkBehind || due
		return nil
	}
	if !due {
		return nil // the next tick comes soon enough
	}
	// Until a frame has gone out, how the link keeps up is not known.
	g.c.sess.LinkKeepsUp(!g.linkBehind && !g.lastFrame.IsZero())
	g.pending, g.linkBehind = false, false
	g.lastFrame = now
	return g.frame()
}

// frame captures (or takes the placeholder), finds what changed since the
// last frame sent and sends it.
func (g *graphics) frame() error {
	src := g.placeholder
	known := false // the areas where src may differ from g.sent are known
	found := false // moves and tiles were found with other connections
	g.moves, g.tiles = g.moves[:0], g.tiles[:0]
	if g.showDesktop() && g.c.srv.screen != nil {
		ss := g.c.srv.screen
		sf, areas, k, more, err := ss.frameFor(g.seenGen, g.c.srv.cfg.Now(), g.interval/2, g.areas[:0])
		if err != nil {
			if !g.capFail {
				g.c.log.Warn("screen capture failed; keeping the last picture", zap.Error(err))
				g.capFail = true
			}
			return nil
		}
		defer ss.release(sf)
		if more {
			g.pending = true // the next tick captures what is waiting
		}
		g.areas, g.shared = areas, sf
		defer func() { g.shared = nil }()
		if g.capFail {
			g.c.log.Info("screen capture works again")
			g.capFail = false
		}
		if w, h := desktopSize(sf.f.Width, sf.f.Height); w != g.area.Dx() || h != g.area.Dy() {
			if g.c.sess.CanResize() {
				// The expert's window follows by reactivation; this
				// capture is of no use at the old size.
				return g.reactivate(w, h)
			}
			if !g.sizeWarned {
				g.c.log.Warn("desktop size changed; the expert's client cannot follow (no desktopResizeFlag) and keeps the size it connected with",
					zap.Int("width", w), zap.Int("height", h),
					zap.Int("session_width", g.area.Dx()), zap.Int("session_height", g.area.Dy()))
				g.sizeWarned = true
			}
		}
		src = sf.f
		// The areas are of use only if the client shows capture seenGen.
		known = k && g.clean
		if g.clean && src.Rect() == g.area && g.sent.Rect() == g.area {
			// The changes from the previous capture are found once, by
			// the first connection that sends this capture, and recorded
			// for connections further behind; without damage areas (a
			// polled screen, lost reports) by one full compare.
			scroll := g.c.sess.CanScrBlt()
			if prev := ss.prevOf(sf); prev != nil {
				moves, tiles := sf.changesFrom(prev, scroll)
				ss.release(prev)
				if sf.gen == g.seenGen+1 {
					// In step: just what this client needs.
					for _, m := range moves {
						g.sent.Apply(m)
					}
					g.moves = append(g.moves, moves...)
					g.tiles = append(g.tiles, tiles...)
					found = true
				}
			}
			if !found {
				g.tiles, found = ss.changedSince(g.tiles, g.seenGen, sf.gen, scroll)
			}
		}
		g.seenGen = sf.gen
	}
	if !found {
		if src != g.placeholder {
			g.c.srv.screen.diffs.Add(1)
		}
		scroll := src != g.placeholder && g.c.sess.CanScrBlt()
		g.moves, g.tiles = findChanges(&g.scroll, g.sent, src, nil, g.area, g.areas, known, scroll, g.moves, g.tiles)
	}
	// After this frame the client shows the capture exactly: every pixel
	// that differs is sent or moved.
	g.clean = src != g.placeholder
	for _, f := range g.forced {
		g.tiles = appendTilesIn(g.tiles, f.Intersect(g.area))
	}
	g.forced = g.forced[:0]
	if err := g.pointer(src == g.placeholder); err != nil {
		return err
	}
	if len(g.tiles) == 0 && len(g.moves) == 0 {
		return nil
	}
	out := g.c.out[:0]
	var err error
	if len(g.moves) > 0 {
		// Before the bitmaps: they draw over the moved pixels.
		g.blts = g.blts[:0]
		for _, m := range g.moves {
			g.blts = append(g.blts, order.ScrBlt{
				Left: int16(m.Dst.Min.X), Top: int16(m.Dst.Min.Y),
				Width: int16(m.Dst.Dx()), Height: int16(m.Dst.Dy()),
				Rop:  order.RopSrcCopy,
				SrcX: int16(m.Src.X), SrcY: int16(m.Src.Y),
			})
		}
		if out, err = g.c.sess.AppendScrBlt(out, g.blts); err != nil {
			return err
		}
		g.scrBlts += len(g.moves)
	}
	if len(g.tiles) == 0 {
		g.framesSent++
		g.desktopFrames++
		return g.c.queue(out)
	}
	g.tiles = shadow.MergeTiles(dedupe(g.tiles))
	g.enc.Reset()
	g.rects = g.rects[:0]
	for _, t := range g.tiles {
		for _, tile := range splitTiles(t.Intersect(g.area)) {
			if g.shared != nil {
				g.rects, err = g.shared.encode(g.enc, g.rects, tile)
			} else {
				g.rects, err = g.enc.Append(g.rects, src, tile)
			}
			if err != nil {
				return err
			}
		}
	}
	out, err = g.c.sess.AppendBitmapUpdate(out, g.rects)
	if err != nil {
		return err
	}
	if g.sent.Width != src.Width || g.sent.Height != src.Height {
		g.sent.CopyFrom(src)
	} else {
		for _, t := range g.tiles {
			copyRect(g.sent, src, t.Intersect(g.area))
		}
	}
	g.framesSent++
	if src != g.placeholder {
		g.desktopFrames++
	}
	return g.c.queue(out)
}

// findChanges appends what turns prev into cur inside area: with scroll,
// the scrolled bands (ScrBlt moves), applied to prev, or to a copy of it
// in scratch when scratch is not nil (prev is then left alone); then the
// tiles of cur that still differ. When known, cur differs from prev only
// inside areas: the scroll candidates are those areas (X DAMAGE reports a
// scrolled window as one), merged where they overlap, and only they are
// compared, with each move's destination. Otherwise the candidate is the
// whole area and everything is compared.
func findChanges(det *shadow.ScrollDetector, prev, cur, scratch *shadow.Frame, area image.Rectangle, areas []image.Rectangle, known, scroll bool, moves []shadow.Move, tiles []image.Rectangle) ([]shadow.Move, []image.Rectangle) {
	first := len(moves)
	if scroll && prev.Width == cur.Width && prev.Height == cur.Height {
		cands := []image.Rectangle{area}
		if known {
			cands = shadow.MergeOverlapping(nil, areas)
		}
		for _, a := range cands {
			m, ok := det.Find(prev, cur, a.Intersect(area))
			if !ok {
				continue
			}
			if scratch != nil {
				scratch.CopyFrom(prev)
				prev, scratch = scratch, nil
			}
			prev.Apply(m)
			moves = append(moves, m)
		}
	}
	if !known {
		return moves, shadow.AppendTileDiff(tiles, prev, cur, encoder.TileSize)
	}
	if len(moves) > first {
		// A move changed prev in its destination: compare it too (a copy:
		// areas may be shared).
		areas = areas[:len(areas):len(areas)]
		for _, m := range moves[first:] {
			areas = append(areas, m.Dst)
		}
	}
	return moves, shadow.AppendTileDiffIn(tiles, prev, cur, encoder.TileSize, areas)
}

// desktopSize clamps a screen size to what RDP can announce: 1 to 8192
// pixels a side ([MS-RDPBCGR] 2.2.1.3.2 desktopWidth, desktopHeight).
func desktopSize(w, h int) (int, int) {
	return min(max(w, 1), 8192), min(max(h, 1), 8192)
}

// reactivate starts a Deactivation-Reactivation Sequence for the novice's
// new desktop size ([MS-RDPBCGR] 1.3.1.3). Graphics stop until the client
// has finalized again (reactivated).
func (g *graphics) reactivate(w, h int) error {
	out, err := g.c.sess.Reactivate(g.c.out[:0], uint16(w), uint16(h))
	if err != nil {
		return err
	}
	g.c.log.Info("desktop size changed; reactivating so the expert follows",
		zap.Int("width", w), zap.Int("height", h),
		zap.Int("old_width", g.area.Dx()), zap.Int("old_height", g.area.Dy()))
	g.active = false
	g.resizeStarted = g.c.srv.cfg.Now()
	g.clean = false
	return g.c.queue(out)
}

// reactivated runs when the client finalized again after a reactivation:
// everything is sized anew and sent in full.
func (g *graphics) reactivated() error {
	res := g.c.res
	w, h := int(res.DesktopWidth), int(res.DesktopHeight)
	enc, err := newEncoder(g.c)
	if err != nil {
		return err
	}
	g.enc = enc
	g.area = image.Rect(0, 0, w, h)
	g.sent = shadow.NewFrame(w, h)
	g.clean = false
	g.placeholder = newPlaceholder(w, h)
	g.resizeStarted = time.Time{}
	// The client may have dropped its pointer cache with the share;
	// ready starts a new one, and the shape is sent again.
	g.ptrSerial = 0
	g.lastFrame = time.Time{}
	return g.ready()
}

// pointer sends the novice's pointer shape when it changed, and the
// default arrow while the placeholder shows: captures do not include the
// pointer, so without this the expert sees only its own.
func (g *graphics) pointer(placeholder bool) error {
	if g.ptrCache == nil || g.c.srv.screen == nil {
		return nil
	}
	serial := uint64(0)
	if !placeholder {
		ok, err := g.c.srv.screen.cursor(&g.cursor)
		switch {
		case !ok:
			return nil
		case err != nil:
			if !g.ptrFail {
				g.c.log.Debug("reading the pointer shape failed; showing the default arrow", zap.Error(err))
				g.ptrFail = true
			}
			// The shape is unknown (X refuses GetCursorImage for a cursor
			// whose creator has disconnected): the default arrow, not a
			// stale shape.
		default:
			serial = g.cursor.Serial
		}
	}
	if serial == g.ptrSerial {
		return nil
	}
	var attr pdu.PointerAttribute = &pdu.SystemPointer{Type: pdu.SystemPointerDefault}
	if serial != 0 && invisible(&g.cursor) {
		// An application hid the pointer (a blank cursor, as X11 has no
		// other way): SYSPTR_NULL hides the client's too.
		attr = &pdu.SystemPointer{Type: pdu.SystemPointerNull}
	} else if serial != 0 {
		s, err := pointer.FromARGB32(g.cursor.Width, g.cursor.Height, g.cursor.HotX, g.cursor.HotY, g.cursor.Pix, true)
		if err == nil {
			attr, err = g.ptrFormat.Update(g.ptrCache, s)
		}
		if err != nil {
			if !g.ptrFail {
				g.c.log.Debug("the pointer shape cannot be sent; showing the default arrow", zap.Error(err))
				g.ptrFail = true
			}
			attr = &pdu.SystemPointer{Type: pdu.SystemPointerDefault}
		}
	}
	out, err := g.c.sess.AppendPointerUpdate(g.c.out[:0], attr)
	if err != nil {
		return err
	}
	g.ptrSerial = serial
	return g.c.queue(out)
}

// invisible reports whether every pixel of c is fully transparent.
func invisible(c *shadow.Cursor) bool {
	for _, p := range c.Pix[:min(len(c.Pix), c.Width*c.Height)] {
		if p>>24 != 0 {
			return false
		}
	}
	return true
}

// copyRect copies r of src into dst (both of the same size).
func copyRect(dst, src *shadow.Frame, r image.Rectangle) {
	r = r.Intersect(src.Rect())
	if r.Empty() {
		return
	}
	n := r.Dx() * shadow.BytesPerPixel
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o, so := dst.PixOffset(r.Min.X, y), src.PixOffset(r.Min.X, y)
		copy(dst.Pix[o:o+n], src.Pix[so:so+n])
	}
}

// appendTilesIn appends the tile-grid squares that cover r.
func appendTilesIn(dst []image.Rectangle, r image.Rectangle) []image.Rectangle {
	const t = encoder.TileSize
	for y := r.Min.Y / t * t; y < r.Max.Y; y += t {
		for x := r.Min.X / t * t; x < r.Max.X; x += t {
			dst = append(dst, image.Rect(x, y, x+t, y+t))
		}
	}
	return dst
}

// dedupe removes repeated tiles (a forced area overlapping changed tiles).
func dedupe(tiles []image.Rectangle) []image.Rectangle {
	seen := make(map[image.Point]bool, len(tiles))
	out := tiles[:0]
	for _, t := range tiles {
		if !seen[t.Min] {
			seen[t.Min] = true
			out = append(out, t)
		}
	}
	return out
}

// splitTiles cuts a merged run back into tile-sized pieces: each becomes
// one bitmap, small enough for one fast-path PDU.
func splitTiles(r image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	const t = encoder.TileSize
	for y := r.Min.Y; y < r.Max.Y; y += t {
		for x := r.Min.X; x < r.Max.X; x += t {
			out = append(out, image.Rect(x, y, min(x+t, r.Max.X), min(y+t, r.Max.Y)))
		}
	}
	return out
}
