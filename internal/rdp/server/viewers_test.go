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

// viewersWork connects n experts to a damage-reporting screen, makes the
// same ten changes, waits until every expert shows each one, and returns
// how many captures, change searches and tile encodings that took (fake
// time).
func viewersWork(t *testing.T, n int, screen func(*fake.Screen) shadow.Screen) (captures, diffs, encoded uint64) {
	synctest.Test(t, func(t *testing.T) {
		desk := fake.New(640, 480)
		s := newTestServer(t, func(c *Config) {
			c.Screen, c.UnsafeNoAuth, c.MaxFrameRate = screen(desk), true, 20
		})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var experts []*expert.Client
		done := make(chan struct{}, n)
		for range n {
			client, server := net.Pipe()
			go func() { s.serveConn(ctx, server); done <- struct{}{} }()
			e, err := expert.NewClient(ctx, client, expert.Config{Width: 640, Height: 480})
			if err != nil {
				t.Fatal(err)
			}
			experts = append(experts, e)
		}
		waitAll := func() {
			t.Helper()
			want := desk.Frame()
			for _, e := range experts {
				if err := e.WaitFrame(ctx, sameAs(want)); err != nil {
					t.Fatal(err)
				}
			}
		}
		waitAll()
		time.Sleep(time.Second)
		synctest.Wait()
		c0, d0, e0 := s.screen.captures.Load(), s.screen.diffs.Load(), s.screen.encoded.Load()
		for i := range 10 {
			desk.Fill(image.Rect(i*60, i*40, i*60+90, i*40+50), color.RGBA{R: uint8(20 * i), G: 0x80, A: 0xFF})
			waitAll()
			time.Sleep(200 * time.Millisecond)
			synctest.Wait()
		}
		captures, diffs, encoded = s.screen.captures.Load()-c0, s.screen.diffs.Load()-d0, s.screen.encoded.Load()-e0
		for _, e := range experts {
			e.Close()
		}
		cancel()
		for range n {
			<-done
		}
		s.Shutdown(context.Background())
	})
	return captures, diffs, encoded
}

// TestViewersShareWork: four experts cost the screen no more captures,
// searches for what changed and tile encodings than one: each frame is
// captured, compared and encoded once and sent to all.
func TestViewersShareWork(t *testing.T) {
	for _, tc := range []struct {
		name   string
		screen func(*fake.Screen) shadow.Screen
		// Each expert joined on its own capture, so the first change
		// finds the others behind: they compare on their own once.
		slack uint64
	}{
		{"damage areas", func(f *fake.Screen) shadow.Screen { return f }, 3},
		// Polled: every capture is compared in full, once for all.
		{"polled", func(f *fake.Screen) shadow.Screen { return polled{f} }, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c1, d1, e1 := viewersWork(t, 1, tc.screen)
			c4, d4, e4 := viewersWork(t, 4, tc.screen)
			t.Logf("one viewer: %d captures, %d change searches, %d tiles encoded; four viewers: %d, %d, %d", c1, d1, e1, c4, d4, e4)
			if c1 == 0 || d1 == 0 || e1 == 0 {
				t.Fatal("no work measured")
			}
			if c4 > c1 || d4 > d1+tc.slack || e4 > e1 {
				t.Errorf("four viewers took %d captures, %d change searches and %d tile encodings, one viewer %d, %d and %d: the work is not shared", c4, d4, e4, c1, d1, e1)
			}
		})
	}
}
