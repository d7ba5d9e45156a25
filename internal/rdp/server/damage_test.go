package server

import (
	"context"
	"image"
	"image/color"
	"net"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// polled hides a screen's Damager, as a backend without damage reports.
type polled struct{ shadow.Screen }

// TestDamageDrivenCapture: with a screen that reports damage, an idle
// desktop is not captured at all (fake time: ten seconds), and a change is
// captured and reaches the expert; a screen without damage reports is
// polled at the frame rate.
func TestDamageDrivenCapture(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage bool
	}{{"damage reports", true}, {"polled", false}} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				desk := fake.New(320, 240)
				var screen shadow.Screen = desk
				if !tc.damage {
					screen = polled{desk}
				}
				s := newTestServer(t, func(c *Config) {
					c.Screen, c.UnsafeNoAuth, c.MaxFrameRate = screen, true, 20
				})
				client, server := net.Pipe()
				ctx, cancel := context.WithCancel(context.Background())
				done := make(chan struct{})
				go func() { s.serveConn(ctx, server); close(done) }()
				e, err := expert.NewClient(ctx, client, expert.Config{})
				if err != nil {
					t.Fatal(err)
				}
				want := desk.Frame()
				if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
					t.Fatal(err)
				}
				synctest.Wait()
				before := desk.Captures()
				time.Sleep(10 * time.Second)
				synctest.Wait()
				idle := desk.Captures() - before
				if tc.damage && idle != 0 {
					t.Errorf("an idle desktop was captured %d times in 10 s", idle)
				}
				if !tc.damage && idle < 100 {
					t.Errorf("a polled desktop was captured %d times in 10 s, want about 200", idle)
				}

				desk.Fill(image.Rect(100, 100, 140, 120), color.RGBA{R: 0xFF, A: 0xFF})
				want = desk.Frame()
				if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
					t.Fatalf("the change never reached the expert: %v", err)
				}
				e.Close()
				cancel()
				<-done
				if err := s.Shutdown(context.Background()); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

// racyScreen reports damage areas, and changes can be made to land right
// before a capture (after the damage was fetched for it) or right after
// it (before the fetch that follows): the moments X DAMAGE leaves open.
// Their signal comes late, as an X event the reader has not handled yet.
type racyScreen struct {
	*fake.Screen
	sig      chan struct{}
	mu       sync.Mutex
	areas    []image.Rectangle
	unknown  bool
	onceCap  func()
	afterCap func()
}

func (r *racyScreen) Damaged(dst []image.Rectangle) ([]image.Rectangle, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	dst = append(dst, r.areas...)
	known := !r.unknown
	r.areas, r.unknown = nil, false
	return dst, known
}

func (r *racyScreen) Capture(dst *shadow.Frame) error {
	return r.racing(func() error { return r.Screen.Capture(dst) })
}

// Grab is the capture when the server copies only what changed
// (shadow.AreaCapturer).
func (r *racyScreen) Grab() error { return r.racing(r.Screen.Grab) }

// racing runs capture between the changes set to land right before and
// right after it.
func (r *racyScreen) racing(capture func() error) error {
	r.mu.Lock()
	before, after := r.onceCap, r.afterCap
	r.onceCap, r.afterCap = nil, nil
	r.mu.Unlock()
	if before != nil {
		before()
	}
	err := capture()
	if after != nil {
		after()
	}
	return err
}

func newRacyScreen(w, h int) *racyScreen {
	return &racyScreen{Screen: fake.New(w, h), sig: make(chan struct{}, 1), unknown: true}
}

func (r *racyScreen) Damage() <-chan struct{} { return r.sig }

func (r *racyScreen) signal() {
	select {
	case r.sig <- struct{}{}:
	default:
	}
}

// fill paints and reports the area, as a drawing request does, and
// signals.
func (r *racyScreen) fill(rect image.Rectangle, c color.RGBA) {
	r.quietFill(rect, c)
	r.signal()
}

// quietFill paints and reports the area; the signal follows 20 ms later.
func (r *racyScreen) quietFill(rect image.Rectangle, c color.RGBA) {
	r.mu.Lock()
	r.areas = append(r.areas, rect)
	r.mu.Unlock()
	r.Screen.Fill(rect, c)
	time.AfterFunc(20*time.Millisecond, r.signal)
}

// TestDamageRacingCapture: a change drawn between the damage fetch and the
// capture, or between the capture and the next fetch, reaches the expert,
// and so does every change after a report that lost track.
func TestDamageRacingCapture(t *testing.T) {
	desk := newRacyScreen(320, 240)
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
		t.Fatal(err)
	}
	red, blue, green := color.RGBA{R: 0xFF, A: 0xFF}, color.RGBA{B: 0xFF, A: 0xFF}, color.RGBA{G: 0xFF, A: 0xFF}
	for _, tc := range []struct {
		name string
		set  func(f func())
	}{
		{"before the capture", func(f func()) { desk.onceCap = f }},
		{"after the capture", func(f func()) { desk.afterCap = f }},
	} {
		late := image.Rect(200, 150, 240, 190)
		desk.mu.Lock()
		tc.set(func() { desk.quietFill(late, blue) })
		desk.mu.Unlock()
		desk.fill(image.Rect(10, 10, 50, 50), red)
		want := desk.Frame()
		want.Fill(late, blue)
		if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
			t.Fatalf("%s: the change never reached the expert: %v", tc.name, err)
		}
		desk.fill(late, red)
		desk.fill(image.Rect(10, 10, 50, 50), blue)
		if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
			t.Fatal(err)
		}
	}
	// A lost report (known false) makes every connection compare all.
	desk.mu.Lock()
	desk.unknown = true
	desk.mu.Unlock()
	desk.Screen.Fill(image.Rect(100, 100, 160, 160), green) // no area reported
	desk.signal()
	if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
		t.Fatalf("an unreported change after a lost report never reached the expert: %v", err)
	}
}
