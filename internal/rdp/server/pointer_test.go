package server

import (
	"errors"
	"image"
	"image/color"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestPointerShape: the expert keeps its default pointer while the
// placeholder shows, gets the novice's pointer shape once it may view, and a
// new shape when the novice's pointer changes; a shape it already holds is
// selected from its cache rather than sent again.
func TestPointerShape(t *testing.T) {
	desk := fake.New(320, 240)
	arrow := shadow.Cursor{Width: 2, Height: 2, HotX: 1, HotY: 1, Pix: []uint32{0xFF0000FF, 0x00000000, 0xFFFFFFFF, 0x80404040}}
	beam := shadow.Cursor{Width: 1, Height: 3, Pix: []uint32{0xFF000000, 0xFF000000, 0xFF000000}}
	desk.SetCursor(arrow)
	s := newTestServer(t, func(c *Config) { c.Screen = desk })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	if err := e.WaitUpdates(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if st := e.CursorState(); st.Set && !st.Default {
		t.Fatalf("a pointer shape before the expert may view: %+v", st)
	}

	conn := onlyConn(t, s)
	conn.Post(func(c *Conn) { c.SetViewing(true) })
	wantShape := func(want shadow.Cursor) {
		t.Helper()
		if err := e.WaitCursor(ctx, func(c expert.CursorState) bool {
			return c.Set && !c.Default && c.Shape.Width == want.Width && c.Shape.Height == want.Height
		}); err != nil {
			t.Fatalf("the expert never got the %dx%d pointer: %v", want.Width, want.Height, err)
		}
	}
	wantShape(arrow)
	first := e.CursorState()
	if first.Shape.HotX != 1 || first.Shape.HotY != 1 {
		t.Errorf("hot spot %d,%d, want 1,1", first.Shape.HotX, first.Shape.HotY)
	}
	desk.SetCursor(beam)
	wantShape(beam)
	desk.SetCursor(arrow) // same pixels: a cached update selects the first slot
	wantShape(arrow)
	if st := e.CursorState(); st.CacheIndex != first.CacheIndex {
		t.Errorf("the arrow came back in slot %d, first sent to slot %d", st.CacheIndex, first.CacheIndex)
	}
}

// onlyConn returns the server's one connection once it is there.
func onlyConn(t *testing.T, s *Server) *Conn {
	t.Helper()
	for range 2000 {
		s.mu.Lock()
		for c := range s.conns {
			s.mu.Unlock()
			return c
		}
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no connection")
	return nil
}

// unreadableCursor is a screen whose pointer shape cannot be read once
// fail is set, as X refuses GetCursorImage for a cursor whose creator has
// disconnected.
type unreadableCursor struct {
	*fake.Screen
	fail atomic.Bool
}

func (u *unreadableCursor) Cursor(dst *shadow.Cursor) error {
	if u.fail.Load() {
		return errors.New("BadAccess")
	}
	return u.Screen.Cursor(dst)
}

// TestPointerShapeUnreadable: when the shape cannot be read the expert
// gets the default arrow, not the last shape it was sent.
func TestPointerShapeUnreadable(t *testing.T) {
	desk := &unreadableCursor{Screen: fake.New(320, 240)}
	desk.SetCursor(shadow.Cursor{Width: 1, Height: 3, Pix: []uint32{0xFF000000, 0xFF000000, 0xFF000000}})
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	if err := e.WaitCursor(ctx, func(c expert.CursorState) bool { return c.Set && !c.Default && c.Shape.Height == 3 }); err != nil {
		t.Fatal(err)
	}
	desk.fail.Store(true)
	desk.Fill(image.Rect(0, 0, 10, 10), color.RGBA{R: 0xFF, A: 0xFF}) // a frame
	if err := e.WaitCursor(ctx, func(c expert.CursorState) bool { return c.Set && c.Default }); err != nil {
		t.Fatalf("the expert kept a stale pointer shape: %v", err)
	}
}

// TestPointerPosition: once the expert may view, it gets the novice's
// pointer position and every move of it, but not while it moves its own
// pointer (clientPointerQuiet), and not while the placeholder shows.
func TestPointerPosition(t *testing.T) {
	desk := fake.New(320, 240)
	desk.SetPointer(image.Pt(10, 20))
	s := newTestServer(t, func(c *Config) { c.Screen = desk })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	if err := e.WaitUpdates(ctx, 1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // a few ticks
	if _, _, ok := e.CursorPos(); ok {
		t.Fatal("a pointer position before the expert may view")
	}
	conn := onlyConn(t, s)
	conn.Post(func(c *Conn) { c.SetViewing(true) })
	wantPos := func(x, y int) {
		t.Helper()
		if err := e.WaitCursor(ctx, func(c expert.CursorState) bool {
			return c.HasPosition && c.X == x && c.Y == y
		}); err != nil {
			st := e.CursorState()
			t.Fatalf("the expert's pointer never went to %d,%d (at %d,%d): %v", x, y, st.X, st.Y, err)
		}
	}
	wantPos(10, 20)
	desk.SetPointer(image.Pt(300, 200))
	wantPos(300, 200)
	desk.SetPointer(image.Pt(400, 10)) // outside the desktop: not sent
	desk.SetPointer(image.Pt(0, 0))
	wantPos(0, 0)

	// The expert moves its own pointer: the novice's position is held
	// back for a while, then sent.
	if err := e.SendInput(input.Mouse{X: 50, Y: 60, Move: true}); err != nil {
		t.Fatal(err)
	}
	for seen := false; !seen; {
		got := make(chan bool, 1)
		conn.Post(func(c *Conn) { got <- !c.gfx.clientMouse.IsZero() })
		seen = <-got
	}
	desk.SetPointer(image.Pt(70, 80))
	time.Sleep(clientPointerQuiet / 4)
	if x, y, _ := e.CursorPos(); x == 70 && y == 80 {
		t.Error("the novice's position was sent while the expert was moving its own pointer")
	}
	wantPos(70, 80)
}

// TestPointerHidden: a fully transparent pointer (how X11 applications
// hide it) hides the expert's pointer (SYSPTR_NULL); a visible shape
// shows it again.
func TestPointerHidden(t *testing.T) {
	desk := fake.New(320, 240)
	desk.SetCursor(shadow.Cursor{Width: 2, Height: 1, Pix: []uint32{0, 0}})
	s := newTestServer(t, func(c *Config) { c.Screen = desk })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	onlyConn(t, s).Post(func(c *Conn) { c.SetViewing(true) })
	if err := e.WaitCursor(ctx, func(c expert.CursorState) bool { return c.Set && !c.Visible }); err != nil {
		t.Fatalf("the expert's pointer was not hidden: %+v: %v", e.CursorState(), err)
	}
	desk.SetCursor(shadow.Cursor{Width: 1, Height: 1, Pix: []uint32{0xFF000000}})
	if err := e.WaitCursor(ctx, func(c expert.CursorState) bool { return c.Set && c.Visible && !c.Default }); err != nil {
		t.Fatalf("the expert's pointer did not come back: %+v: %v", e.CursorState(), err)
	}
}
