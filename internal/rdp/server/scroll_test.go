package server

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestScrollSendsScrBlt: a scrolling text area reaches an expert that
// takes ScrBlt as a move plus the new lines, and one that does not as
// bitmaps; both show exactly the novice's screen, and the move costs far
// fewer bytes.
func TestScrollSendsScrBlt(t *testing.T) {
	const lines = 13
	bytesFor := map[bool]uint64{}
	for _, noScrBlt := range []bool{false, true} {
		rng := rand.New(rand.NewPCG(1, 2))
		desk := fake.New(640, 480)
		f := desk.Frame()
		f.Fill(image.Rect(0, 0, 640, 20), color.RGBA{R: 200, A: 255}) // a title bar that stays
		text := image.Rect(0, 20, 640, 480)
		shadow.FillText(f, text, rng)
		desk.SetFrame(f)
		s := newTestServer(t, func(c *Config) { c.Screen, c.UnsafeNoAuth = desk, true })
		ctx, e := dialExpert(t, serve(t, s), expert.Config{NoScrBlt: noScrBlt})
		if err := e.WaitFrame(ctx, sameAs(desk.Frame())); err != nil {
			t.Fatal(err)
		}
		before := e.Stats().BytesReceived
		for i := range 5 {
			f := desk.Frame()
			f.Apply(shadow.Move{Dst: image.Rect(0, 20, 640, 480-lines), Src: image.Pt(0, 20+lines)})
			shadow.FillText(f, image.Rect(0, 480-lines, 640, 480), rng)
			desk.SetFrame(f)
			if err := e.WaitFrame(ctx, sameAs(f)); err != nil {
				t.Fatalf("noScrBlt %v, scroll %d: %v", noScrBlt, i, err)
			}
		}
		st := e.Stats()
		bytesFor[noScrBlt] = st.BytesReceived - before
		if noScrBlt && st.ScrBlts != 0 || !noScrBlt && st.ScrBlts == 0 {
			t.Errorf("noScrBlt %v: %d ScrBlts", noScrBlt, st.ScrBlts)
		}
	}
	if bytesFor[false]*4 > bytesFor[true] {
		t.Errorf("scrolling cost %d bytes with ScrBlt, %d without: want a fraction", bytesFor[false], bytesFor[true])
	}
}

// TestScrollBackoff: every capture is searched until scrollPatience
// searches in a row found nothing; then only every scrollProbeEvery-th,
// until a scroll is found again.
func TestScrollBackoff(t *testing.T) {
	var b scrollBackoff
	gen := uint64(1)
	for range scrollPatience {
		if !b.search(gen) {
			t.Fatalf("capture %d not searched after %d misses", gen, b.misses)
		}
		b.searched(false)
		gen++
	}
	searched := 0
	for range 4 * scrollProbeEvery {
		if b.search(gen) {
			searched++
			b.searched(false)
		}
		gen++
	}
	if searched != 4 {
		t.Fatalf("backing off: %d of %d captures searched, want 4", searched, 4*scrollProbeEvery)
	}
	for !b.search(gen) {
		gen++
	}
	b.searched(true)
	for range scrollPatience {
		gen++
		if !b.search(gen) {
			t.Fatalf("capture %d not searched right after a scroll was found", gen)
		}
		b.searched(false)
	}
}
