package server

import (
	"image"
	"image/color"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestGenerationRecords: each capture's record covers every pixel in which
// it differs from the capture before, including changes drawn right before
// it (after the damage was fetched for it) and right after it (before the
// next fetch); a connection several captures behind gets the union, and
// the changes found from the previous capture are what differs.
func TestGenerationRecords(t *testing.T) {
	desk := newRacyScreen(320, 240)
	ss := &sharedScreen{s: desk}
	ss.damage = newDamageFanout(ss) // not running: signals are set by hand
	now := time.Unix(0, 0)
	frame := func(seen uint64) (*sharedFrame, []image.Rectangle, bool) {
		t.Helper()
		now = now.Add(time.Second) // never reuse
		ss.damage.unfetched = true
		sf, areas, known, _, err := ss.frameFor(seen, now, time.Millisecond, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ss.release(sf) })
		return sf, areas, known
	}
	covers := func(areas []image.Rectangle, r image.Rectangle) bool {
		return slices.ContainsFunc(areas, func(a image.Rectangle) bool { return r.In(a) })
	}
	red, blue := color.RGBA{R: 0xFF, A: 0xFF}, color.RGBA{B: 0xFF, A: 0xFF}

	sf1, _, known := frame(0)
	if known {
		t.Fatal("the first capture has known areas")
	}
	// The lost report came before capture 1: what follows is known.
	if _, _, known := frame(sf1.gen); !known {
		t.Fatal("capture 2 has unknown areas")
	}

	early, before, after := image.Rect(0, 0, 64, 64), image.Rect(128, 64, 192, 128), image.Rect(256, 128, 320, 192)
	desk.fill(early, red)
	desk.onceCap = func() { desk.quietFill(before, blue) }
	sf3, areas, known := frame(2)
	if !known || !covers(areas, early) || !covers(areas, before) {
		t.Fatalf("capture 3: areas %v (known %v), want %v and the change drawn just before it, %v", areas, known, early, before)
	}
	prev := ss.prevOf(sf3)
	_, tiles := sf3.changesFrom(prev, false)
	ss.release(prev)
	if !slices.Equal(tiles, []image.Rectangle{early, before}) {
		t.Errorf("capture 3 changed tiles %v, want %v", tiles, []image.Rectangle{early, before})
	}

	desk.afterCap = func() { desk.quietFill(after, red) }
	sf4, areas, known := frame(3)
	if !known || !covers(areas, after) {
		t.Fatalf("capture 4: areas %v (known %v), want the change drawn just after it, %v", areas, known, after)
	}
	if sf4.f.At(after.Min.X, after.Min.Y) == red {
		t.Fatal("the test drew too early")
	}
	sf5, areas, known := frame(4)
	if !known || !covers(areas, after) {
		t.Fatalf("capture 5: areas %v (known %v), want the change drawn after capture 4, %v", areas, known, after)
	}
	prev = ss.prevOf(sf5)
	_, tiles = sf5.changesFrom(prev, false)
	ss.release(prev)
	if !slices.Equal(tiles, []image.Rectangle{after}) {
		t.Errorf("capture 5 changed tiles %v, want %v", tiles, []image.Rectangle{after})
	}

	// The tiles found for captures 3 to 5 (changesFrom recorded 3 and 5)
	// tell a connection that sent capture 2 what to send, unless one is
	// missing or had moves.
	if _, ok := ss.changedSince(nil, 2, 5, false); ok {
		t.Error("changedSince answered without the changes of capture 4")
	}
	ss.noteChanges(4, false, false, nil, nil)
	if got, ok := ss.changedSince(nil, 2, 5, false); !ok || !slices.Equal(got, []image.Rectangle{early, before, after}) {
		t.Errorf("changedSince(2, 5) = %v, %v; want %v", got, ok, []image.Rectangle{early, before, after})
	}
	if _, ok := ss.changedSince(nil, 2, 5, true); ok {
		t.Error("changedSince answered for the other scroll setting")
	}
	ss.noteChanges(4, true, true, []shadow.Move{{Dst: early, Src: image.Pt(0, 8)}}, nil)
	ss.noteChanges(3, true, true, nil, nil)
	ss.noteChanges(5, true, true, nil, nil)
	if _, ok := ss.changedSince(nil, 2, 5, true); ok {
		t.Error("changedSince answered across a move")
	}

	// Three captures behind: the union; too far behind: unknown.
	if _, areas, known := frame(2); !known || !covers(areas, early) || !covers(areas, before) || !covers(areas, after) {
		t.Errorf("from capture 2: areas %v (known %v), want every change since", areas, known)
	}
	for range genHistory {
		frame(sf5.gen)
	}
	if _, _, known := frame(sf5.gen); known {
		t.Errorf("a connection %d captures behind got known areas", genHistory+1)
	}
}

// copyCounter counts how a shadow.AreaCapturer is asked to copy, and can
// paint right before a grab: after the damage was fetched for it, as X
// DAMAGE allows.
type copyCounter struct {
	*fake.Screen
	all, partial int
	overlaps     int // partial copies asked to copy a pixel twice
	beforeGrab   func()
}

func (c *copyCounter) Grab() error {
	if c.beforeGrab != nil {
		c.beforeGrab()
	}
	return c.Screen.Grab()
}

func (c *copyCounter) CopyTo(dst *shadow.Frame, areas []image.Rectangle, all bool) error {
	if all {
		c.all++
	} else {
		c.partial++
		for i, a := range areas {
			for _, b := range areas[i+1:] {
				if a.Overlaps(b) {
					c.overlaps++
				}
			}
		}
	}
	return c.Screen.CopyTo(dst, areas, all)
}

// TestPartialCopyExact: with a screen that copies only the areas asked
// for, every capture still shows the screen exactly, whichever pooled
// frame it reuses and however many captures that frame is behind, across
// changes drawn right before a grab (reported only after it), lost damage
// reports and a resize; and most copies are partial, each pixel copied
// once.
func TestPartialCopyExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	desk := &copyCounter{Screen: fake.New(256, 192)}
	ss := &sharedScreen{s: desk}
	ss.damage = newDamageFanout(ss) // not running: signals are set by hand
	now := time.Unix(0, 0)
	paint := func(i int) {
		w, h := desk.Size()
		x, y := rng.IntN(w), rng.IntN(h)
		r := image.Rect(x, y, x+1+rng.IntN(60), y+1+rng.IntN(40))
		desk.Fill(r, color.RGBA{R: uint8(rng.Uint32()), G: uint8(i), B: 7, A: 255})
	}
	var held []*sharedFrame // frames kept a while, as slow connections do
	var seen uint64
	for i := range 300 {
		desk.beforeGrab = nil
		if i%3 == 0 {
			desk.beforeGrab = func() { paint(i) }
		}
		switch {
		case i == 150:
			desk.SetFrame(shadow.Pattern(200, 150)) // a resize, reports lost
		case i%40 == 39:
			desk.SetFrame(desk.Frame()) // reports lost, same size
		default:
			for range rng.IntN(4) {
				paint(i)
			}
		}
		now = now.Add(time.Second)
		ss.damage.unfetched = true
		sf, _, _, _, err := ss.frameFor(seen, now, time.Millisecond, nil)
		if err != nil {
			t.Fatal(err)
		}
		seen = sf.gen
		if err := shadow.Compare(desk.Frame(), sf.f, 0); err != nil {
			t.Fatalf("capture %d: %v", sf.gen, err)
		}
		held = append(held, sf)
		for len(held) > 0 && (len(held) > 4 || rng.IntN(3) == 0) {
			k := rng.IntN(len(held))
			ss.release(held[k])
			held = slices.Delete(held, k, k+1)
		}
	}
	for _, sf := range held {
		ss.release(sf)
	}
	if desk.partial < 200 {
		t.Errorf("%d partial copies and %d full ones in 300 captures: want mostly partial", desk.partial, desk.all)
	}
	if desk.overlaps > 0 {
		t.Errorf("%d overlapping pairs of areas asked to be copied: each pixel should be copied once", desk.overlaps)
	}
}
