package server

import (
	"image"
	"image/color"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestResizeReactivates: when the novice's desktop changes size the
// expert is reactivated with the new size (Deactivate All, Demand Active,
// [MS-RDPBCGR] 1.3.1.3) and then receives the whole new desktop; a client
// without desktopResizeFlag keeps its size and the overlapping part.
func TestResizeReactivates(t *testing.T) {
	desk := fake.New(320, 240)
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
		t.Fatal(err)
	}
	for _, size := range []image.Point{{400, 300}, {200, 150}} {
		bigger := shadow.NewFrame(size.X, size.Y)
		bigger.Fill(bigger.Rect(), color.RGBA{G: 0x80, A: 0xFF})
		bigger.Fill(image.Rect(size.X-40, size.Y-30, size.X, size.Y), color.RGBA{R: 0xFF, A: 0xFF})
		desk.SetFrame(bigger)
		if err := e.WaitFrame(ctx, sameAs(bigger)); err != nil {
			t.Fatalf("the expert never showed the %v desktop: %v", size, err)
		}
	}
	if n := e.Stats().Reactivations; n != 2 {
		t.Errorf("%d reactivations, want 2", n)
	}
	// The session goes on at the new size.
	desk.Fill(image.Rect(0, 0, 10, 10), color.RGBA{B: 0xFF, A: 0xFF})
	if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
		t.Fatal(err)
	}
}

// TestResizeWithoutDesktopResizeFlag: a client that cannot follow keeps
// the size it connected with and sees the part of the new desktop that
// overlaps it.
func TestResizeWithoutDesktopResizeFlag(t *testing.T) {
	desk := fake.New(320, 240)
	s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{NoDesktopResize: true})
	bigger := shadow.NewFrame(400, 300)
	bigger.Fill(bigger.Rect(), color.RGBA{G: 0x80, A: 0xFF})
	bigger.Fill(image.Rect(300, 200, 320, 240), color.RGBA{R: 0xFF, A: 0xFF})
	desk.SetFrame(bigger)
	want := shadow.NewFrame(320, 240)
	want.Fill(want.Rect(), color.RGBA{G: 0x80, A: 0xFF})
	want.Fill(image.Rect(300, 200, 320, 240), color.RGBA{R: 0xFF, A: 0xFF})
	if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
		t.Fatalf("the expert never showed the overlapping part: %v", err)
	}
	if n := e.Stats().Reactivations; n != 0 {
		t.Errorf("%d reactivations for a client without desktopResizeFlag", n)
	}
}
