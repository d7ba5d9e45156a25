//go:build linux

package x11

import (
	"errors"
	"image"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// signalTimeout bounds the wait for a damage signal; it normally comes
// within a millisecond.
const signalTimeout = 5 * time.Second

// quiet is how long a test watches an idle channel.
const quiet = 300 * time.Millisecond

// drawer is another client of the display that paints on the root.
type drawer struct {
	conn *xgb.Conn
	root xproto.Window
	gc   xproto.Gcontext
}

func newDrawer(t testing.TB, display string) *drawer {
	t.Helper()
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { xconn.Close(conn) })
	root := xproto.Setup(conn).DefaultScreen(conn).Root
	gc, err := xproto.NewGcontextId(conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateGCChecked(conn, gc, xproto.Drawable(root),
		xproto.GcForeground|xproto.GcSubwindowMode,
		[]uint32{0xff0000, xproto.SubwindowModeIncludeInferiors}).Check(); err != nil {
		t.Fatal(err)
	}
	return &drawer{conn: conn, root: root, gc: gc}
}

// fill paints rs in colour c and waits until the server has done it.
func (d *drawer) fill(t testing.TB, c uint32, rs ...image.Rectangle) {
	t.Helper()
	xproto.ChangeGC(d.conn, d.gc, xproto.GcForeground, []uint32{c})
	xr := make([]xproto.Rectangle, len(rs))
	for i, r := range rs {
		xr[i] = xproto.Rectangle{X: int16(r.Min.X), Y: int16(r.Min.Y), Width: uint16(r.Dx()), Height: uint16(r.Dy())}
	}
	xproto.PolyFillRectangle(d.conn, xproto.Drawable(d.root), d.gc, xr)
	d.sync(t)
}

// sync makes a round trip, so every request sent before has been handled.
func (d *drawer) sync(t testing.TB) {
	t.Helper()
	if _, err := xproto.GetInputFocus(d.conn).Reply(); err != nil {
		t.Fatal(err)
	}
}

// openDamage opens a Screen on display that must report damage, and
// takes the first (unknown) Damaged.
func openDamage(t testing.TB, display string, opt Options) *Screen {
	t.Helper()
	s, err := OpenOptions(display, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if ok, why := s.DamageSupported(); !ok {
		t.Fatalf("DamageSupported() = false (%v)", why)
	}
	if _, known := s.Damaged(nil); known {
		t.Error("the first Damaged says known")
	}
	return s
}

func waitSignal(t testing.TB, ch <-chan struct{}) {
	t.Helper()
	tm := time.NewTimer(signalTimeout)
	defer tm.Stop()
	select {
	case <-ch:
	case <-tm.C:
		t.Fatalf("no damage signal within %v", signalTimeout)
	}
}

func expectQuiet(t *testing.T, ch <-chan struct{}, d time.Duration) {
	t.Helper()
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ch:
		t.Errorf("damage signalled on an idle screen (within %v)", d)
	case <-tm.C:
	}
}

// uncovered returns the first rectangle of want with a pixel in no area.
func uncovered(areas []image.Rectangle, want ...image.Rectangle) (image.Rectangle, bool) {
	for _, w := range want {
		for y := w.Min.Y; y < w.Max.Y; y++ {
			for x := w.Min.X; x < w.Max.X; x++ {
				p, in := image.Pt(x, y), false
				for _, a := range areas {
					if p.In(a) {
						in = true
						break
					}
				}
				if !in {
					return w, true
				}
			}
		}
	}
	return image.Rectangle{}, false
}

func areaSum(areas []image.Rectangle) int {
	n := 0
	for _, a := range areas {
		n += a.Dx() * a.Dy()
	}
	return n
}

func TestDamageIdle(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	if _, err := x11test.DrawPattern(srv.Display); err != nil {
		t.Fatal(err)
	}
	s := openDamage(t, srv.Display, Options{})
	var f shadow.Frame
	if err := s.Capture(&f); err != nil { // capturing damages nothing
		t.Fatal(err)
	}
	expectQuiet(t, s.Damage(), quiet)
	if areas, known := s.Damaged(nil); !known || len(areas) != 0 {
		t.Errorf("idle Damaged = %v, %v; want none, known", areas, known)
	}
}

func TestDamageSmallDraw(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	if _, err := x11test.DrawPattern(srv.Display); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths[:2] {
		t.Run(p.name, func(t *testing.T) {
			s := openDamage(t, srv.Display, p.opt)
			d := newDrawer(t, srv.Display)
			r := image.Rect(100, 50, 130, 70)
			d.fill(t, 0x123456, r)
			waitSignal(t, s.Damage())
			areas, known := s.Damaged(nil)
			if !known {
				t.Fatal("Damaged after a small draw: known=false")
			}
			if u, bad := uncovered(areas, r); bad {
				t.Errorf("areas %v do not cover the drawn %v", areas, u)
			}
			if n := areaSum(areas); n > 320*200/4 {
				t.Errorf("areas %v (%d pixels) for a %v draw", areas, n, r)
			}
			var f shadow.Frame
			if err := s.Capture(&f); err != nil {
				t.Fatal(err)
			}
			if px := f.Pix[f.PixOffset(110, 60):]; px[0] != 0x56 || px[1] != 0x34 || px[2] != 0x12 {
				t.Errorf("captured pixel %x, want the fill", px[:4])
			}
			// The damage was taken: idle again.
			expectQuiet(t, s.Damage(), quiet)
			if areas, known := s.Damaged(nil); !known || len(areas) != 0 {
				t.Errorf("Damaged after taking the draw = %v, %v", areas, known)
			}
		})
	}
}

// TestDamageChildWindow: the root's damage includes windows mapped on it.
func TestDamageChildWindow(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s := openDamage(t, srv.Display, Options{})
	d := newDrawer(t, srv.Display)
	win, err := xproto.NewWindowId(d.conn)
	if err != nil {
		t.Fatal(err)
	}
	r := image.Rect(200, 120, 260, 160)
	if err := xproto.CreateWindowChecked(d.conn, 0, win, d.root, int16(r.Min.X), int16(r.Min.Y),
		uint16(r.Dx()), uint16(r.Dy()), 0, xproto.WindowClassInputOutput, 0,
		xproto.CwBackPixel, []uint32{0x00ff00}).Check(); err != nil {
		t.Fatal(err)
	}
	if err := xproto.MapWindowChecked(d.conn, win).Check(); err != nil {
		t.Fatal(err)
	}
	waitSignal(t, s.Damage())
	areas, known := s.Damaged(nil)
	if !known {
		t.Fatal("known=false")
	}
	if u, bad := uncovered(areas, r); bad {
		t.Errorf("areas %v do not cover the mapped window %v", areas, u)
	}
}

// TestDamageCoalesces: many draws make one pending signal, and no more
// until the damage is taken; Damaged then covers them all within its
// bound on the number of areas.
func TestDamageCoalesces(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s := openDamage(t, srv.Display, Options{})
	d := newDrawer(t, srv.Display)
	var rs []image.Rectangle
	for i := range 200 {
		x, y := (i%20)*16, (i/20)*20
		r := image.Rect(x, y, x+5, y+3)
		rs = append(rs, r)
		d.fill(t, uint32(0x010101*i), r) // one request and round trip each
	}
	waitSignal(t, s.Damage())
	expectQuiet(t, s.Damage(), quiet)
	areas, known := s.Damaged(nil)
	if !known {
		t.Fatal("known=false")
	}
	if len(areas) > maxDamageAreas {
		t.Errorf("%d areas, more than %d", len(areas), maxDamageAreas)
	}
	t.Logf("200 rectangles reported as %v", areas)
	if u, bad := uncovered(areas, rs...); bad {
		t.Errorf("areas %v do not cover the drawn %v", areas, u)
	}
	// A few rectangles are returned as they are. (Drawn by separate
	// requests: the server damages the bounding box of each request.)
	few := []image.Rectangle{image.Rect(10, 10, 20, 20), image.Rect(200, 150, 210, 160)}
	for _, r := range few {
		d.fill(t, 0x808080, r)
	}
	waitSignal(t, s.Damage())
	areas, known = s.Damaged(areas[:0])
	if !known {
		t.Fatal("known=false")
	}
	if u, bad := uncovered(areas, few...); bad {
		t.Errorf("areas %v do not cover the drawn %v", areas, u)
	}
	if n := areaSum(areas); n != 200 {
		t.Errorf("areas %v cover %d pixels, want exactly the 200 drawn", areas, n)
	}
}

// TestDamageCaptureRearms: a caller that only captures keeps getting
// signals, and what those captures took is still reported by Damaged.
func TestDamageCaptureRearms(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s := openDamage(t, srv.Display, Options{})
	d := newDrawer(t, srv.Display)
	var f shadow.Frame
	a, b := image.Rect(0, 0, 10, 10), image.Rect(300, 180, 320, 200)
	d.fill(t, 0xffffff, a)
	waitSignal(t, s.Damage())
	if err := s.Capture(&f); err != nil {
		t.Fatal(err)
	}
	d.fill(t, 0xffffff, b)
	waitSignal(t, s.Damage())
	if err := s.Capture(&f); err != nil {
		t.Fatal(err)
	}
	areas, known := s.Damaged(nil)
	if !known {
		t.Fatal("known=false")
	}
	if u, bad := uncovered(areas, a, b); bad {
		t.Errorf("areas %v do not cover the drawn %v", areas, u)
	}
}

func TestDamageResize(t *testing.T) {
	srv := x11test.Start(t, 640, 400)
	// A first resize before the Screen exists: the first RANDR
	// initialisation of the process writes xgb's shared tables, which
	// must not happen while the Screen's reader receives events.
	if err := x11test.Resize(srv.Display, 640, 400); err != nil {
		if errors.Is(err, x11test.ErrCannotResize) {
			t.Skipf("Xvfb cannot resize here: %v", err)
		}
		t.Fatal(err)
	}
	s := openDamage(t, srv.Display, Options{})
	var f shadow.Frame
	for _, size := range []image.Point{{320, 200}, {640, 400}} {
		if err := x11test.Resize(srv.Display, size.X, size.Y); err != nil {
			if errors.Is(err, x11test.ErrCannotResize) {
				t.Skipf("Xvfb cannot resize here: %v", err)
			}
			t.Fatal(err)
		}
		waitSignal(t, s.Damage())
		if _, known := s.Damaged(nil); known {
			t.Errorf("Damaged after resizing to %v: known=true", size)
		}
		if err := s.Capture(&f); err != nil {
			t.Fatal(err)
		}
		if f.Width != size.X || f.Height != size.Y {
			t.Errorf("captured %dx%d, want %v", f.Width, f.Height, size)
		}
	}
}

// TestDamageCaptureSeesResize: a resize Capture notices before the
// event arrives also makes the next Damaged unknown.
func TestDamageCaptureSeesResize(t *testing.T) {
	srv := x11test.Start(t, 640, 400)
	s := openDamage(t, srv.Display, Options{})
	s.mu.Lock()
	s.width = 1 // as if the root had been another size
	s.mu.Unlock()
	var f shadow.Frame
	if err := s.Capture(&f); err != nil {
		t.Fatal(err)
	}
	waitSignal(t, s.Damage())
	if _, known := s.Damaged(nil); known {
		t.Error("Damaged after a size change seen by Capture: known=true")
	}
}

func TestDamageUnsupported(t *testing.T) {
	t.Run("no DAMAGE extension", func(t *testing.T) {
		// Prefix runs Xvfb through sh to append -extension DAMAGE.
		srv := x11test.StartConfig(t, x11test.Config{Width: 320, Height: 200,
			Prefix: []string{"sh", "-c", `exec "$0" "$@" -extension DAMAGE`}})
		checkNoDamage(t, srv, Options{}, "DAMAGE")
	})
	t.Run("option", func(t *testing.T) {
		srv := x11test.Start(t, 320, 200)
		checkNoDamage(t, srv, Options{NoDamage: true}, "option")
	})
}

func checkNoDamage(t *testing.T, srv *x11test.Server, opt Options, reason string) {
	want, err := x11test.DrawPattern(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenOptions(srv.Display, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ok, why := s.DamageSupported()
	if ok || why == nil || !strings.Contains(why.Error(), reason) {
		t.Errorf("DamageSupported() = %v, %v; want false and a reason about %s", ok, why, reason)
	}
	t.Logf("reason: %v", why)
	if s.Damage() != nil {
		t.Error("Damage() is not nil")
	}
	var dmg shadow.Damager = s
	if dmg.Damage() != nil {
		t.Error("Damage() through shadow.Damager is not nil")
	}
	if areas, known := s.Damaged(nil); known || len(areas) != 0 {
		t.Errorf("Damaged = %v, %v; want none, unknown", areas, known)
	}
	var f shadow.Frame
	if err := s.Capture(&f); err != nil {
		t.Fatal(err)
	}
	if err := shadow.Compare(want, &f, 0); err != nil {
		t.Fatal(err)
	}
}

// TestDamageClose: Close ends the event goroutine, and Damaged reports
// unknown afterwards.
func TestDamageClose(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s, err := Open(srv.Display)
	if err != nil {
		t.Fatal(err)
	}
	d := newDrawer(t, srv.Display)
	d.fill(t, 0xffffff, image.Rect(0, 0, 50, 50))
	waitSignal(t, s.Damage())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.dmg.done:
	default:
		t.Error("the event goroutine is still running after Close")
	}
	if _, known := s.Damaged(nil); known {
		t.Error("Damaged after Close: known=true")
	}
	xconn.Close(d.conn)
	checkNoXGBGoroutines(t)
}

// TestDamageServerGone: losing the connection wakes the owner, whose
// Capture then fails.
func TestDamageServerGone(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s := openDamage(t, srv.Display, Options{})
	srv.Stop()
	waitSignal(t, s.Damage())
	var f shadow.Frame
	if err := s.Capture(&f); err == nil {
		t.Error("Capture succeeded after the server exited")
	}
	if _, known := s.Damaged(nil); known {
		t.Error("Damaged after the server exited: known=true")
	}
	s.Close()
	checkNoXGBGoroutines(t)
}

// TestDamageConcurrent runs Capture, Damaged and drawing at once, for the
// race detector, and checks that the last draw is reported.
func TestDamageConcurrent(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	s := openDamage(t, srv.Display, Options{})
	d := newDrawer(t, srv.Display)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var f shadow.Frame
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.Capture(&f); err != nil {
				t.Error(err)
				return
			}
		}
	})
	wg.Go(func() {
		var buf []image.Rectangle
		for {
			select {
			case <-stop:
				return
			case <-s.Damage():
				buf, _ = s.Damaged(buf[:0])
			}
		}
	})
	for i := range 100 {
		d.fill(t, uint32(i), image.Rect(i%300, i%180, i%300+20, i%180+20))
	}
	close(stop)
	wg.Wait()
	// Whatever the goroutines took, a new draw is reported. A signal
	// (or the event) of the draws above may still be on its way, so
	// collect as the RDP server does: wait, take, until covered.
	r := image.Rect(5, 5, 15, 15)
	d.fill(t, 0xabcdef, r)
	var areas []image.Rectangle
	deadline := time.Now().Add(signalTimeout)
	for {
		waitSignal(t, s.Damage())
		var known bool
		if areas, known = s.Damaged(areas); !known {
			t.Fatal("known=false")
		}
		if _, bad := uncovered(areas, r); !bad {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("areas %v do not cover the drawn %v", areas, r)
		}
	}
}

// BenchmarkDamagedFetch measures one small draw by another client until
// Damaged has returned its area: the signal plus one round trip.
func BenchmarkDamagedFetch(b *testing.B) {
	srv := x11test.Start(b, 1280, 800)
	s := openDamage(b, srv.Display, Options{})
	d := newDrawer(b, srv.Display)
	var buf []image.Rectangle
	r := []xproto.Rectangle{{X: 100, Y: 100, Width: 64, Height: 64}}
	for i := 0; b.Loop(); i++ {
		xproto.ChangeGC(d.conn, d.gc, xproto.GcForeground, []uint32{uint32(i)})
		xproto.PolyFillRectangle(d.conn, xproto.Drawable(d.root), d.gc, r)
		waitSignal(b, s.Damage())
		var known bool
		buf, known = s.Damaged(buf[:0])
		if !known || len(buf) == 0 {
			b.Fatalf("Damaged = %v, %v", buf, known)
		}
	}
}

// TestDamageOpenWhileDrawing opens Screens while another client draws
// without pause (an animation already running when the daemon starts):
// the damage drawn during Open must not leave the notification disarmed,
// which would stop every later signal.
func TestDamageOpenWhileDrawing(t *testing.T) {
	srv := x11test.Start(t, 320, 200)
	d := newDrawer(t, srv.Display)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := uint32(0); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			xproto.ChangeGC(d.conn, d.gc, xproto.GcForeground, []uint32{i * 0x010203})
			xproto.PolyFillRectangle(d.conn, xproto.Drawable(d.root), d.gc,
				[]xproto.Rectangle{{X: int16(i % 300), Y: 10, Width: 20, Height: 20}})
			if i%16 == 0 {
				xproto.GetInputFocus(d.conn).Reply()
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	for range 20 {
		s, err := OpenOptions(srv.Display, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var f shadow.Frame
		for range 3 {
			if err := s.Capture(&f); err != nil {
				t.Fatal(err)
			}
			waitSignal(t, s.Damage())
			s.Damaged(nil)
		}
		s.Close()
	}
}
