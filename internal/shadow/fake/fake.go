// Package fake is an in-memory shadow.Screen for unit tests: it serves a
// frame (initially shadow.Pattern) that the test replaces or paints on,
// counts captures, can be told to fail, and signals damage like a platform
// backend would.
package fake

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"sync"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// ErrInjected is a ready-made error for FailNext.
var ErrInjected = errors.New("fake: injected capture failure")

// Screen is a fake shadow.Screen and shadow.Damager. All methods are safe
// for concurrent use, so a test may change the picture while a session
// goroutine captures.
type Screen struct {
	// damage has capacity 1: a pending signal absorbs later ones
	// (edge-triggered and coalescing, as shadow.Damager requires).
	damage chan struct{}

	mu       sync.Mutex // guards the fields below
	frame    shadow.Frame
	captures int
	failNext error
	closed   bool
	cursor   shadow.Cursor // Serial 0: no shape known
	pointer  image.Point
	onScreen bool // pointer is on this screen (SetPointer was called)
	// Damage areas since the last Damaged (DamageRegion); tracked false
	// until the first call and after SetFrame: the next call reports
	// known=false, as the X11 backend does.
	areas   []image.Rectangle
	tracked bool
	// The picture as the latest Grab saw it (AreaCapturer).
	grab    shadow.Frame
	grabbed bool
}

var (
	_ shadow.Screen        = (*Screen)(nil)
	_ shadow.Damager       = (*Screen)(nil)
	_ shadow.DamageRegion  = (*Screen)(nil)
	_ shadow.CursorSource  = (*Screen)(nil)
	_ shadow.PointerSource = (*Screen)(nil)
	_ shadow.AreaCapturer  = (*Screen)(nil)
)

// New returns a screen of the given size showing shadow.Pattern.
func New(width, height int) *Screen {
	return NewFrame(shadow.Pattern(width, height))
}

// NewFrame returns a screen showing a copy of f.
func NewFrame(f *shadow.Frame) *Screen {
	s := &Screen{damage: make(chan struct{}, 1)}
	s.frame.CopyFrom(f)
	return s
}

// Size returns the current picture's size.
func (s *Screen) Size() (width, height int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.frame.Width, s.frame.Height
}

// Capture copies the current picture into dst and counts the capture (a
// failed capture counts too).
func (s *Screen) Capture(dst *shadow.Frame) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("fake: capture: %w", shadow.ErrClosed)
	}
	s.captures++
	if err := s.failNext; err != nil {
		s.failNext = nil
		return err
	}
	dst.CopyFrom(&s.frame)
	return nil
}

// Grab takes a copy of the current picture for CopyTo and counts as a
// capture (Captures, FailNext).
func (s *Screen) Grab() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.grabbed = false
	if s.closed {
		return fmt.Errorf("fake: capture: %w", shadow.ErrClosed)
	}
	s.captures++
	if err := s.failNext; err != nil {
		s.failNext = nil
		return err
	}
	s.grab.CopyFrom(&s.frame)
	s.grabbed = true
	return nil
}

// CopyTo copies the parts of the latest Grab inside areas into dst, or
// all of it when all is set or the size differs. Only those parts: a
// caller that leaves out a change keeps the old pixels, as with a real
// backend.
func (s *Screen) CopyTo(dst *shadow.Frame, areas []image.Rectangle, all bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.grabbed {
		return errors.New("fake: copy: nothing grabbed")
	}
	if all || dst.Width != s.grab.Width || dst.Height != s.grab.Height {
		dst.CopyFrom(&s.grab)
		return nil
	}
	for _, a := range areas {
		dst.Draw(a.Intersect(dst.Rect()).Min, subFrame(&s.grab, a.Intersect(dst.Rect())))
	}
	return nil
}

// subFrame returns the part r of f, sharing its pixels.
func subFrame(f *shadow.Frame, r image.Rectangle) *shadow.Frame {
	if r.Empty() {
		return &shadow.Frame{}
	}
	return &shadow.Frame{Pix: f.Pix[f.PixOffset(r.Min.X, r.Min.Y):], Stride: f.Stride, Width: r.Dx(), Height: r.Dy()}
}

// Close marks the screen closed; Capture then fails with shadow.ErrClosed.
// It is safe to call more than once.
func (s *Screen) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// Damage returns the damage channel: it receives after SetFrame, Fill or
// Draw, coalescing signals the reader has not taken yet.
func (s *Screen) Damage() <-chan struct{} {
	return s.damage
}

// SetFrame replaces the picture with a copy of f; a different size is a
// resolution change.
func (s *Screen) SetFrame(f *shadow.Frame) {
	s.mu.Lock()
	s.frame.CopyFrom(f)
	s.tracked = false
	s.mu.Unlock()
	s.signal()
}

// SetCursor changes the pointer shape (a new Serial) and signals damage,
// as the X11 backend does on XFIXES CursorNotify.
func (s *Screen) SetCursor(c shadow.Cursor) {
	s.mu.Lock()
	c.Pix = append([]uint32(nil), c.Pix...)
	c.Serial = s.cursor.Serial + 1
	s.cursor = c
	s.mu.Unlock()
	s.signal()
}

// Cursor returns the shape SetCursor set last.
func (s *Screen) Cursor(dst *shadow.Cursor) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	*dst = s.cursor
	dst.Pix = append(dst.Pix[:0:0], s.cursor.Pix...)
	return nil
}

// SetPointer moves the pointer to p. Like X, it signals no damage: a
// position is polled.
func (s *Screen) SetPointer(p image.Point) {
	s.mu.Lock()
	s.pointer, s.onScreen = p, true
	s.mu.Unlock()
}

// PointerPosition returns where SetPointer put the pointer; ok is false
// before the first SetPointer.
func (s *Screen) PointerPosition() (image.Point, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pointer, s.onScreen, nil
}

// Fill paints r (clipped to the screen) with c.
func (s *Screen) Fill(r image.Rectangle, c color.RGBA) {
	s.mu.Lock()
	s.frame.Fill(r, c)
	s.damagedLocked(r)
	s.mu.Unlock()
	s.signal()
}

// Draw copies src onto the screen with src's (0,0) at dp, clipped.
func (s *Screen) Draw(dp image.Point, src *shadow.Frame) {
	s.mu.Lock()
	s.frame.Draw(dp, src)
	s.damagedLocked(src.Rect().Add(dp))
	s.mu.Unlock()
	s.signal()
}

// Frame returns a copy of the current picture.
func (s *Screen) Frame() *shadow.Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.frame.Clone()
}

// Captures returns how many times Capture has been called on the open
// screen.
func (s *Screen) Captures() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.captures
}

// FailNext makes the next Capture return err (then captures work again).
// A nil err cancels a pending failure.
func (s *Screen) FailNext(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = err
}

func (s *Screen) signal() {
	select {
	case s.damage <- struct{}{}:
	default: // a signal is already pending
	}
}

// Damaged returns the areas painted by Fill and Draw since the previous
// call (shadow.DamageRegion); known is false on the first call and after
// SetFrame or more than 64 areas.
func (s *Screen) Damaged(dst []image.Rectangle) ([]image.Rectangle, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	known := s.tracked
	if known {
		dst = append(dst, s.areas...)
	}
	s.areas, s.tracked = s.areas[:0], true
	return dst, known
}

func (s *Screen) damagedLocked(r image.Rectangle) {
	r = r.Intersect(s.frame.Rect())
	switch {
	case !s.tracked || r.Empty():
	case len(s.areas) == 64:
		s.tracked = false
	default:
		s.areas = append(s.areas, r)
	}
}
