package server

import (
	"context"
	"image"
	"image/color"
	"net"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestPause: while sharing is paused every expert, including one that
// connects meanwhile, sees the neutral placeholder and the screen is not
// captured; on resume the current desktop comes back.
func TestPause(t *testing.T) {
	desk := fake.New(320, 240)
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go s.Serve(ctx, ln)
	defer s.Shutdown(context.Background())
	same := func(want *shadow.Frame) func(f *shadow.Frame) bool {
		return func(f *shadow.Frame) bool { return shadow.Compare(want, f, 0) == nil }
	}
	grey := newPlaceholder(320, 240)

	e, err := expert.Dial(ctx, ln.Addr().String(), expert.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.WaitFrame(ctx, same(desk.Frame())); err != nil {
		t.Fatal(err)
	}
	if !s.SetPaused(true) || s.SetPaused(true) {
		t.Fatal("SetPaused(true) did not report one change")
	}
	if err := e.WaitFrame(ctx, same(grey)); err != nil {
		t.Fatalf("the expert still sees the desktop while paused: %v", err)
	}
	late, err := expert.Dial(ctx, ln.Addr().String(), expert.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	if err := late.WaitFrame(ctx, same(grey)); err != nil {
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
		if err := c.WaitFrame(ctx, same(desk.Frame())); err != nil {
			t.Fatalf("the desktop did not come back on resume: %v", err)
		}
	}
}
