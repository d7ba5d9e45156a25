//go:build interop

package e2e

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// textPicture is a desktop with a fixed title bar and text-like rows
// below it, different on every row.
func textPicture(rng *rand.Rand, w, h int) *shadow.Frame {
	f := shadow.NewFrame(w, h)
	f.Fill(image.Rect(0, 0, w, 30), color.RGBA{R: 40, G: 90, B: 160, A: 255})
	shadow.FillText(f, image.Rect(0, 30, w, h), rng)
	return f
}

// TestScrollRealClient: the novice's text scrolls up three times and then
// down; the server sends each scroll as a ScrBlt order plus the exposed
// lines, and xfreerdp's window shows every step pixel-exact, which only
// happens if xfreerdp moved its own pixels the way the order says,
// overlapping in both directions.
func TestScrollRealClient(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	rng := rand.New(rand.NewPCG(3, 4))
	pic := textPicture(rng, noviceW, noviceH)
	novice := startNovice(t, pic)
	srv := startServer(t, novice, serverOptions{})
	exp := startExpert(t)
	cl := startClient(t, exp.Display, srv.Addr)
	c := waitActive(t, srv, cl)
	exp.waitPicture(t, pic, cl)

	body := image.Rect(0, 30, noviceW, noviceH)
	for _, dy := range []int{13, 13, 39, -26} {
		next := pic.Clone()
		if dy > 0 {
			next.Apply(shadow.Move{Dst: image.Rect(0, body.Min.Y, noviceW, body.Max.Y-dy), Src: image.Pt(0, body.Min.Y+dy)})
			shadow.FillText(next, image.Rect(0, body.Max.Y-dy, noviceW, body.Max.Y), rng)
		} else {
			next.Apply(shadow.Move{Dst: image.Rect(0, body.Min.Y-dy, noviceW, body.Max.Y), Src: body.Min})
			shadow.FillText(next, image.Rect(0, body.Min.Y, noviceW, body.Min.Y-dy), rng)
		}
		paint(t, novice, next)
		exp.waitPicture(t, next, cl)
		pic = next
	}
	if n := stats(t, c).ScrBlts; n < 4 {
		t.Errorf("%d ScrBlt orders sent for 4 scrolls", n)
	}
	finish(t, srv, cl)
}
