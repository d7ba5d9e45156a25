package server

import (
	"context"
	"image"
	"image/color"
	"net"
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
				if err := e.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(want, f, 0) == nil }); err != nil {
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
				if err := e.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(want, f, 0) == nil }); err != nil {
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
