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

// racyScreen reports damage areas, and a change lands between the moment
// the areas are taken and the capture, outside them; its own damage report
// comes only after that capture (as X DAMAGE can).
type racyScreen struct {
	*fake.Screen
	mu      sync.Mutex
	areas   []image.Rectangle
	onceCap func()
}

func (r *racyScreen) Damaged(dst []image.Rectangle) ([]image.Rectangle, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	dst = append(dst, r.areas...)
	r.areas = nil
	return dst, true
}

func (r *racyScreen) Capture(dst *shadow.Frame) error {
	r.mu.Lock()
	f := r.onceCap
	r.onceCap = nil
	r.mu.Unlock()
	if f != nil {
		f()
	}
	return r.Screen.Capture(dst)
}

func (r *racyScreen) fill(rect image.Rectangle, c color.RGBA) {
	r.mu.Lock()
	r.areas = append(r.areas, rect)
	r.mu.Unlock()
	r.Screen.Fill(rect, c)
}

// TestDamageLateChangeNotLost: a change captured before its damage was
// reported, outside the areas compared, still reaches the expert once its
// report arrives.
func TestDamageLateChangeNotLost(t *testing.T) {
	desk := &racyScreen{Screen: fake.New(320, 240)}
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	want := desk.Frame()
	if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
		t.Fatal(err)
	}
	late := image.Rect(200, 150, 240, 190)
	desk.mu.Lock()
	desk.onceCap = func() {
		// Paint without a report yet: the report follows the capture.
		desk.Screen.Fill(late, color.RGBA{B: 0xFF, A: 0xFF})
		go func() {
			time.Sleep(20 * time.Millisecond)
			desk.mu.Lock()
			desk.areas = append(desk.areas, late)
			desk.mu.Unlock()
			desk.Screen.Fill(image.Rect(0, 0, 0, 0), color.RGBA{}) // signal damage
		}()
	}
	desk.mu.Unlock()
	desk.fill(image.Rect(10, 10, 50, 50), color.RGBA{R: 0xFF, A: 0xFF})
	want = desk.Frame()
	want.Fill(late, color.RGBA{B: 0xFF, A: 0xFF})
	if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
		t.Fatalf("the late change never reached the expert: %v", err)
	}
}
