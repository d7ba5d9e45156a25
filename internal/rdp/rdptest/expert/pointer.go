package expert

import (
	"context"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
)

// pointerCaps is what the client's Confirm Active said about pointers:
// the limits the server's pointer updates must respect.
type pointerCaps struct {
	colorCache int // colorPointerCacheSize: slots for Color Pointer Updates
	newCache   int // pointerCacheSize (0 when absent): slots for New and Large Pointer Updates
	maxSize    int // 32, or 96 with LARGE_POINTER_FLAG_96x96
	large      bool
}

// setPointerCaps records the pointer limits of the client's capability
// sets.
func (c *Client) setPointerCaps(sets []caps.Set) {
	n := caps.Negotiate(sets)
	pc := pointerCaps{colorCache: int(n.ColorPointerCacheSize), maxSize: pdu.MaxPointerSizeSmall}
	if n.HasPointerCacheSize {
		pc.newCache = int(n.PointerCacheSize)
	}
	if n.LargePointerFlags.Has(caps.LargePointerFlag96x96) {
		pc.maxSize = pdu.MaxPointerSize
	}
	pc.large = n.LargePointerFlags.Has(caps.LargePointerFlag384x384)
	c.mu.Lock()
	c.ptrCaps = pc
	c.mu.Unlock()
}

// CursorState is the client's pointer as the server's pointer updates
// ([MS-RDPBCGR] 2.2.9.1.1.4) left it.
type CursorState struct {
	// Set reports that a pointer shape update (system, color, new, large or
	// cached) arrived; before one the client shows its own pointer.
	Set bool
	// Visible is false after SYSPTR_NULL (FASTPATH_UPDATETYPE_PTR_NULL).
	Visible bool
	// Default is true after SYSPTR_DEFAULT: the client's default pointer,
	// with a zero Shape.
	Default bool
	// Shape is the pointer image (zero when hidden or default), as
	// pointer.Decode renders it: FreeRDP 2.11.7's rendering, transparent
	// pixels 0,0,0,0. WaitCursor's predicate sees the live shape and must
	// not modify it; CursorState returns a copy.
	Shape pointer.Shape
	// CacheIndex is the pointer cache slot Shape is in.
	CacheIndex int
	// X, Y are the last Pointer Position Update; HasPosition reports one.
	X, Y        int
	HasPosition bool
	// Updates counts the pointer updates applied.
	Updates int
}

// CursorState returns the pointer state (with a copy of the shape).
func (c *Client) CursorState() CursorState {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.cursor
	s.Shape = cloneShape(s.Shape)
	return s
}

func cloneShape(s pointer.Shape) pointer.Shape {
	s.Pix = append([]byte(nil), s.Pix...)
	return s
}

// Cursor returns the current pointer image. visible is false while the
// server hides the pointer; a visible zero shape is the client's default
// pointer. ok is false until a pointer shape update arrived.
func (c *Client) Cursor() (shape pointer.Shape, visible, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return cloneShape(c.cursor.Shape), c.cursor.Visible, c.cursor.Set
}

// CursorPos returns the position of the last Pointer Position Update.
func (c *Client) CursorPos() (x, y int, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cursor.X, c.cursor.Y, c.cursor.HasPosition
}

// CachedCursor returns the shape in the client's pointer cache slot index.
func (c *Client) CachedCursor(index int) (pointer.Shape, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if index < 0 || index > 0xFFFF {
		return pointer.Shape{}, false
	}
	s, ok := c.ptrCache[uint16(index)]
	return cloneShape(s), ok
}

// WaitCursor blocks until pred holds on the pointer state. pred runs with
// the client's lock held, first at once and then after every pointer
// update; it must not modify the shape. WaitCursor fails when the reader
// stops or ctx is done first.
func (c *Client) WaitCursor(ctx context.Context, pred func(CursorState) bool) error {
	for {
		c.mu.Lock()
		ok := pred(c.cursor)
		ch, err := c.cursorChanged, c.err
		c.mu.Unlock()
		if ok {
			return nil
		}
		if err != nil {
			return fmt.Errorf("expert: waiting for the cursor: %w", err)
		}
		select {
		case <-ch:
		case <-c.done:
		case <-ctx.Done():
			return fmt.Errorf("expert: waiting for the cursor: %w", ctx.Err())
		}
	}
}

// pointerUpdate applies one pointer update, fast- or slow-path. Shapes
// must respect what the client advertised, as FreeRDP 2.11.7 requires
// (update.c update_read_pointer_color: 32x32 without
// LARGE_POINTER_FLAG_96x96; cache/pointer.c: an index outside the cache,
// or a Cached Pointer Update of an empty slot, fails the update); this
// client additionally rejects a New or Large Pointer Update it did not
// advertise, a hot spot outside the shape and a position outside the
// desktop.
func (c *Client) pointerUpdate(attr pdu.PointerAttribute, path string) error {
	c.mu.Lock()
	active, pc, w, h := c.active, c.ptrCaps, c.res.DesktopWidth, c.res.DesktopHeight
	c.mu.Unlock()
	// Like graphics, pointer updates follow the finalization ([MS-RDPBCGR]
	// 1.3.1.1).
	if !active {
		return protocolErr("%s pointer update before the session is active", path)
	}
	var (
		set   func(*CursorState)
		store *pointer.Shape
		slot  uint16
	)
	switch a := attr.(type) {
	case *pdu.SystemPointer:
		visible, def := a.Type == pdu.SystemPointerDefault, a.Type == pdu.SystemPointerDefault
		set = func(s *CursorState) {
			s.Set, s.Visible, s.Default, s.Shape, s.CacheIndex = true, visible, def, pointer.Shape{}, 0
		}
	case *pdu.PointerPosition:
		if int(a.X) >= w || int(a.Y) >= h {
			return protocolErr("%s pointer position (%d,%d) outside the %dx%d desktop", path, a.X, a.Y, w, h)
		}
		set = func(s *CursorState) { s.X, s.Y, s.HasPosition = int(a.X), int(a.Y), true }
	case *pdu.CachedPointer:
		idx := a.CacheIndex
		if int(idx) >= max(pc.colorCache, pc.newCache) {
			return protocolErr("%s cached pointer %d, the client's caches have %d and %d slots", path, idx, pc.colorCache, pc.newCache)
		}
		set = func(s *CursorState) {
			// Checked again under the lock the state changes with.
			shape := c.ptrCache[idx]
			s.Set, s.Visible, s.Default, s.Shape, s.CacheIndex = true, true, false, shape, int(idx)
		}
		c.mu.Lock()
		_, filled := c.ptrCache[idx]
		c.mu.Unlock()
		if !filled {
			return protocolErr("%s cached pointer %d: the slot is empty", path, idx)
		}
	case *pdu.ColorPointer, *pdu.NewPointer, *pdu.LargePointer:
		shape, idx, err := c.checkShape(attr, pc, path)
		if err != nil {
			return err
		}
		store, slot = &shape, idx
		set = func(s *CursorState) {
			s.Set, s.Visible, s.Default, s.Shape, s.CacheIndex = true, true, false, shape, int(idx)
		}
	default:
		return protocolErr("%s pointer update %T", path, attr)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if store != nil {
		c.ptrCache[slot] = *store
	}
	set(&c.cursor)
	c.cursor.Updates++
	c.stats.PointerUpdates++
	close(c.cursorChanged)
	c.cursorChanged = make(chan struct{})
	return nil
}

// checkShape checks a Color, New or Large Pointer Update against the
// client's pointer capabilities and decodes its shape.
func (c *Client) checkShape(attr pdu.PointerAttribute, pc pointerCaps, path string) (pointer.Shape, uint16, error) {
	var (
		kind      string
		cacheSize int
		maxSize   = pc.maxSize
		w, h      int
	)
	switch a := attr.(type) {
	case *pdu.ColorPointer:
		kind, cacheSize, w, h = "color pointer", pc.colorCache, int(a.Width), int(a.Height)
	case *pdu.NewPointer:
		// 2.2.7.1.5: without a nonzero pointerCacheSize "the server will
		// not use the New Pointer Update".
		if pc.newCache == 0 {
			return pointer.Shape{}, 0, protocolErr("%s new pointer update, but the client sent no pointerCacheSize", path)
		}
		kind, cacheSize, w, h = "new pointer", pc.newCache, int(a.ColorPtrAttr.Width), int(a.ColorPtrAttr.Height)
	case *pdu.LargePointer:
		if !pc.large || pc.newCache == 0 {
			return pointer.Shape{}, 0, protocolErr("%s large pointer update, but the client did not advertise LARGE_POINTER_FLAG_384x384 and a pointer cache", path)
		}
		kind, cacheSize, maxSize, w, h = "large pointer", pc.newCache, pdu.MaxLargePointerSize, int(a.Width), int(a.Height)
	}
	if w > maxSize || h > maxSize {
		return pointer.Shape{}, 0, protocolErr("%s %s of %dx%d, the client takes at most %dx%d", path, kind, w, h, maxSize, maxSize)
	}
	shape, idx, err := pointer.Decode(attr)
	if err != nil {
		return pointer.Shape{}, 0, fmt.Errorf("%w: %s %s: %w", ErrProtocol, path, kind, err)
	}
	if int(idx) >= cacheSize {
		return pointer.Shape{}, 0, protocolErr("%s %s into cache slot %d, the client has %d", path, kind, idx, cacheSize)
	}
	return shape, idx, nil
}
