package server

import (
	"testing"
	"time"
)

// TestTickPeriod: ticks run at the frame rate whenever something may need
// them soon, and slow down on a still, damage-reported desktop.
func TestTickPeriod(t *testing.T) {
	const interval = 50 * time.Millisecond
	now := time.Unix(1000, 0)
	long := now.Add(-time.Hour)
	still := func() *graphics {
		return &graphics{
			c:        &Conn{srv: &Server{screen: &sharedScreen{}}},
			interval: interval,
			dmg:      &damageSub{},
			active:   true, viewing: true,
			lastFrame: long, ptrMovedAt: long, clientMouse: long,
		}
	}
	for _, tc := range []struct {
		name   string
		change func(g *graphics)
		want   time.Duration
	}{
		{"still desktop: poll the pointer now and then", func(*graphics) {}, stillPointerPoll},
		{"polled screen", func(g *graphics) { g.dmg = nil }, interval},
		{"a frame waits", func(g *graphics) { g.pending = true }, interval},
		{"a resize in flight", func(g *graphics) { g.resizeStarted = now }, interval},
		{"a frame was just sent", func(g *graphics) { g.lastFrame = now.Add(-busyFor / 2) }, interval},
		{"a frame a while ago", func(g *graphics) { g.lastFrame = now.Add(-busyFor) }, stillPointerPoll},
		{"the pointer just moved", func(g *graphics) { g.ptrMovedAt = now.Add(-busyFor / 2) }, interval},
		{"the expert just moved its mouse", func(g *graphics) { g.clientMouse = now.Add(-busyFor / 2) }, interval},
		{"not viewing: no pointer to poll", func(g *graphics) { g.viewing = false }, quietTick},
		{"paused", func(g *graphics) { g.paused = true }, quietTick},
		{"suppressed", func(g *graphics) { g.suppressed = true }, quietTick},
		{"before finalization", func(g *graphics) { g.active = false }, quietTick},
		{"no screen", func(g *graphics) { g.c.srv.screen = nil }, quietTick},
		{"a slow frame rate wins", func(g *graphics) { g.interval = 2 * time.Second }, 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := still()
			tc.change(g)
			if got := g.tickPeriod(now); got != tc.want {
				t.Errorf("tickPeriod = %v, want %v", got, tc.want)
			}
		})
	}
}
