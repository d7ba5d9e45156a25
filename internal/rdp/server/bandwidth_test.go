package server

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestMaxBitsPerPixel: with the colour depth capped at 16 bpp (Remote
// Assistance's full bandwidth optimization), a client that asks for a
// 32-bpp session gets 16 bpp and sees the desktop within 16-bit
// precision (5 or 6 bits a channel).
func TestMaxBitsPerPixel(t *testing.T) {
	desk := fake.New(320, 240)
	s := newTestServer(t, func(c *Config) { c.Screen = desk; c.MaxBitsPerPixel = 16; c.UnsafeNoAuth = true })
	ctx, e := dialExpert(t, serve(t, s), expert.Config{})
	if err := e.WaitActive(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.Result().BitsPerPixel; got != 16 {
		t.Fatalf("session at %d bpp, want 16", got)
	}
	if err := e.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(desk.Frame(), f, 8) == nil }); err != nil {
		t.Fatalf("the 16-bpp picture never matched: %v (%v)", err, shadow.Compare(desk.Frame(), e.Framebuffer(), 8))
	}
}
