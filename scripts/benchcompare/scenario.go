//go:build linux

package main

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// scenario is one scripted activity on the novice display. Every scenario
// starts from the same picture (shadow.Pattern as the root background and
// the grey latency marker) and keeps running while both servers are
// measured on it in turn.
type scenario struct {
	name  string
	title string // what the table says
	// start begins the activity; the returned stop ends it.
	start func(b *bench) (stop func(), err error)
}

// Scroll and image rates. A terminal printing as fast as it can scrolls
// several lines per refresh; one line every 16 ms keeps the window
// changing at display rate. Full-screen pictures change every 100 ms, as
// the scenario says.
const (
	scrollTick  = 16 * time.Millisecond
	scrollLineH = 13 // the height of a line of X's "fixed" font
	imageTick   = 100 * time.Millisecond
)

func scenarios() []scenario {
	return []scenario{
		{name: "ico", title: "ico 600x600", start: startIco},
		{name: "scroll", title: "scrolling text", start: startScroll},
		{name: "images", title: "full-screen images", start: startImages},
		{name: "idle", title: "idle", start: func(*bench) (func(), error) { return func() {}, nil }},
	}
}

// startIco runs `ico` (x11-apps) in a 600x600 window at the top left: its
// default wire-frame icosahedron, drawn as fast as the X server takes it.
func startIco(b *bench) (func(), error) {
	c, err := b.procs.start(spec{dir: b.dir, name: "ico", env: displayEnv(b.novice, b.dir),
		argv: []string{"ico", "-geometry", "600x600+0+0"}})
	if err != nil {
		return nil, err
	}
	// Let it map its window and start drawing.
	select {
	case <-c.exited:
		return nil, c.exitError()
	case <-time.After(500 * time.Millisecond):
	}
	return c.stop, nil
}

// painter runs paint every tick on its own X connection until stopped.
type painter struct {
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func (p *painter) stop() {
	p.cancel()
	p.wg.Wait()
}

func runPainter(b *bench, x *xclient, tick time.Duration, paint func(i int) error) *painter {
	ctx, cancel := context.WithCancel(context.Background())
	p := &painter{cancel: cancel}
	p.wg.Go(func() {
		defer x.close()
		t := time.NewTicker(tick)
		defer t.Stop()
		for i := 0; ; i++ {
			// Waiting for the server each time keeps the rate real
			// instead of queueing requests faster than X draws them.
			err := paint(i)
			if err == nil {
				err = x.sync()
			}
			if err != nil {
				b.logf("painter stopped: %v", err)
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return p
}

// startScroll shows a 1000x700 terminal-like window that scrolls one line
// of text up every scrollTick: CopyArea moves the window's contents up and
// a new line is copied in at the bottom, the way a terminal scrolls. The
// lines are drawn beforehand with the same 5x7 glyphs as shadow.Pattern,
// so no X fonts are needed.
func startScroll(b *bench) (func(), error) {
	x, err := dialX(b.novice)
	if err != nil {
		return nil, err
	}
	area := image.Rect(40, 40, 1040, 740)
	w, h := area.Dx(), area.Dy()
	win, err := x.window(area, color.RGBA{255, 255, 255, 255})
	if err != nil {
		x.close()
		return nil, err
	}
	const lines = 64
	text, err := x.upload(textLines(w, lines))
	if err != nil {
		x.close()
		return nil, err
	}
	d := xproto.Drawable(win)
	p := runPainter(b, x, scrollTick, func(i int) error {
		xproto.CopyArea(x.conn, d, d, x.gc, 0, scrollLineH, 0, 0, uint16(w), uint16(h-scrollLineH))
		xproto.CopyArea(x.conn, xproto.Drawable(text), d, x.gc, 0, int16(i%lines*scrollLineH), 0, int16(h-scrollLineH), uint16(w), scrollLineH)
		return nil
	})
	return p.stop, nil
}

// textLines draws n lines of text-like glyphs, each scrollLineH pixels
// high: black (sometimes blue or red) 5x7 glyphs in 6-pixel cells on
// white, words of 2 to 9 letters, lines of varying length. The generator
// is seeded, so every run shows the same text.
func textLines(width, n int) *shadow.Frame {
	f := shadow.NewFrame(width, n*scrollLineH)
	f.Fill(f.Rect(), color.RGBA{255, 255, 255, 255})
	rng := rand.New(rand.NewPCG(6, 8))
	inks := []color.RGBA{{0, 0, 0, 255}, {0, 0, 0, 255}, {0, 0, 0, 255}, {0, 0, 160, 255}, {160, 0, 0, 255}}
	const cellW = 6
	cols := (width - 4) / cellW
	for line := range n {
		y0 := line*scrollLineH + 3
		end := cols/3 + rng.IntN(cols*2/3)
		for cx := 0; cx < end; {
			word := 2 + rng.IntN(8)
			ink := inks[rng.IntN(len(inks))]
			for k := 0; k < word && cx < end; k, cx = k+1, cx+1 {
				bits := rng.Uint64()
				for gy := range 7 {
					for gx := range 5 {
						if bits>>(gy*5+gx)&1 != 0 {
							f.Set(2+cx*cellW+gx, y0+gy, ink)
						}
					}
				}
			}
			cx++ // the space between words
		}
	}
	return f
}

// startImages replaces the whole screen every imageTick, cycling through
// four pictures uploaded once as pixmaps: the test pattern, its negative,
// its mirror image and a photo-like gradient with fine noise. They are
// copied onto the root window, under the marker (windows clip the copy).
func startImages(b *bench) (func(), error) {
	x, err := dialX(b.novice)
	if err != nil {
		return nil, err
	}
	var pixmaps []xproto.Pixmap
	for _, f := range pictures(b.screen.Dx(), b.screen.Dy()) {
		pix, err := x.upload(f)
		if err != nil {
			x.close()
			return nil, err
		}
		pixmaps = append(pixmaps, pix)
	}
	root := xproto.Drawable(x.scr.Root)
	w, h := uint16(b.screen.Dx()), uint16(b.screen.Dy())
	p := runPainter(b, x, imageTick, func(i int) error {
		xproto.CopyArea(x.conn, xproto.Drawable(pixmaps[(i+1)%len(pixmaps)]), root, x.gc, 0, 0, 0, 0, w, h)
		return nil
	})
	return p.stop, nil
}

// pictures returns the full-screen images of startImages; the first is
// the starting picture every scenario has.
func pictures(w, h int) []*shadow.Frame {
	pattern := shadow.Pattern(w, h)
	negative := pattern.Clone()
	for i := 0; i+3 < len(negative.Pix); i += 4 {
		negative.Pix[i], negative.Pix[i+1], negative.Pix[i+2] = ^negative.Pix[i], ^negative.Pix[i+1], ^negative.Pix[i+2]
	}
	mirror := shadow.NewFrame(w, h)
	for y := range h {
		for x := range w {
			mirror.Set(x, y, pattern.At(w-1-x, y))
		}
	}
	photo := shadow.NewFrame(w, h)
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			n := rng.IntN(17) - 8
			photo.Set(x, y, color.RGBA{
				R: clamp8(x*255/max(w-1, 1) + n),
				G: clamp8(y*255/max(h-1, 1) + n),
				B: clamp8(160 - x*96/max(w-1, 1) + n),
				A: 255,
			})
		}
	}
	return []*shadow.Frame{pattern, negative, mirror, photo}
}

func clamp8(v int) uint8 { return uint8(min(max(v, 0), 255)) }

// prepareNovice paints the common starting picture: the test pattern as
// the root background. (The marker is created separately.)
func prepareNovice(display string, screen image.Rectangle) error {
	x, err := dialX(display)
	if err != nil {
		return err
	}
	defer x.close()
	if err := x.setBackground(shadow.Pattern(screen.Dx(), screen.Dy())); err != nil {
		return fmt.Errorf("novice background: %w", err)
	}
	return nil
}
