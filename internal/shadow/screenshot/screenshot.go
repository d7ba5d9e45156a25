// Package screenshot is a shadow.Screen on github.com/kbinani/screenshot,
// the portable capturer (Windows GDI, macOS CoreGraphics, X11 on Linux and
// the BSDs). It is the only backend on Windows and macOS for now. On X11
// prefer shadow/x11: kbinani opens a new X connection, creates a new
// shared-memory segment and allocates a new RGBA image on every call, which
// makes it many times slower (see the benchmarks).
//
// The whole desktop is the union of the bounds of all active displays, as
// kbinani reports them (relative to the primary display's origin). On X11
// the display comes from $DISPLAY and $XAUTHORITY only (there is no
// parameter), and with XDG_SESSION_TYPE=wayland kbinani goes through the
// xdg-desktop-portal Screenshot call instead, which is not a streaming path.
package screenshot

import (
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/kbinani/screenshot"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// ErrNoDisplay is returned when kbinani finds no active display (on X11:
// $DISPLAY unset or unreachable, or no XINERAMA).
var ErrNoDisplay = errors.New("screenshot: no active display")

// Screen captures the desktop through kbinani/screenshot. Capture is called
// from one goroutine at a time; Close may come from another.
type Screen struct {
	mu     sync.Mutex // guards the fields below; held for all of Capture
	closed bool
	bounds image.Rectangle // desktop bounds seen at Open or by the latest Capture
}

var _ shadow.Screen = (*Screen)(nil)

// Open checks that a display is available and returns a Screen for it.
func Open() (*Screen, error) {
	b, err := desktopBounds()
	if err != nil {
		return nil, err
	}
	return &Screen{bounds: b}, nil
}

// desktopBounds returns the union of all active displays' bounds.
func desktopBounds() (image.Rectangle, error) {
	n := screenshot.NumActiveDisplays()
	var r image.Rectangle
	for i := range n {
		r = r.Union(screenshot.GetDisplayBounds(i))
	}
	if r.Empty() {
		return r, ErrNoDisplay
	}
	return r, nil
}

// Size returns the desktop size seen at Open or by the latest Capture.
func (s *Screen) Size() (width, height int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bounds.Dx(), s.bounds.Dy()
}

// Capture re-reads the display layout (so resolution changes show up),
// captures it and converts kbinani's RGBA image into dst's B,G,R,X pixels.
func (s *Screen) Capture(dst *shadow.Frame) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("screenshot: capture: %w", shadow.ErrClosed)
	}
	b, err := desktopBounds()
	if err != nil {
		return err
	}
	img, err := screenshot.CaptureRect(b)
	if err != nil {
		return fmt.Errorf("screenshot: capture %v: %w", b, err)
	}
	s.bounds = b
	dst.SetImage(img)
	return nil
}

// Close marks the Screen closed; kbinani holds nothing between calls. It is
// safe to call more than once.
func (s *Screen) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}
