package server

import (
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestPause: while sharing is paused every expert, including one that
// connects meanwhile, sees the neutral placeholder and the screen is not
// captured; on resume the current desktop comes back.
func TestPause(t *testing.T) {
	desk := fake.New(320, 240)
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	addr := serve(t, s)
	grey := newPlaceholder(320, 240)
	ctx, e := dialExpert(t, addr, expert.Config{})
	if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
		t.Fatal(err)
	}
	if !s.SetPaused(true) || s.SetPaused(true) {
		t.Fatal("SetPaused(true) did not report one change")
	}
	if err := e.WaitFrame(ctx, sameAs(grey)); err != nil {
		t.Fatalf("the expert still sees the desktop while paused: %v", err)
	}
	_, late := dialExpert(t, addr, expert.Config{})
	if err := late.WaitFrame(ctx, sameAs(grey)); err != nil {
		t.Fatalf("an expert connecting while paused did not get the placeholder: %v", err)
	}
	captures := desk.Captures()
	desk.Fill(image.Rect(0, 0, 100, 100), color.RGBA{R: 0xFF, A: 0xFF})
	time.Sleep(100 * time.Millisecond) // a few frame intervals: nothing may be captured
	if n := desk.Captures(); n != captures {
		t.Errorf("%d captures while paused", n-captures)
	}
	if !s.SetPaused(false) {
		t.Fatal("SetPaused(false) reported no change")
	}
	for _, c := range []*expert.Client{e, late} {
		if err := c.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
			t.Fatalf("the desktop did not come back on resume: %v", err)
		}
	}
}
