// Package shadow defines the novice's desktop as the RDP server sees it: a
// Frame of pixels, the Screen a backend fills it from, and the pure helpers
// around them (tile diff, test pattern). It does no I/O itself; the capture
// backends live in subpackages:
//
//   - shadow/x11: X11 on a persistent connection with MIT-SHM (Linux);
//   - shadow/screenshot: github.com/kbinani/screenshot (portable, slower);
//   - shadow/fake: an in-memory screen for tests.
//
// # Pixel convention
//
// A Frame holds 32-bit pixels in B, G, R, X byte order (X is ignored and may
// hold anything), rows top-down, row y starting at Pix[y*Stride]. This is the
// little-endian 0xXXRRGGBB word the codecs and most X servers use natively.
package shadow

import (
	"errors"
	"image"
)

// ErrClosed is returned (possibly wrapped) by Capture on a Screen that has
// been closed.
var ErrClosed = errors.New("shadow: screen closed")

// Screen is a capture source for the whole desktop.
//
// A Screen is used from one goroutine at a time: the session's owner
// goroutine pulls frames when the writer has room (the pull model of the
// session design); backends do not capture on their own. Close may also be
// called from another goroutine to shut a capture down; it waits for a
// Capture in flight to finish.
type Screen interface {
	// Size returns the desktop size in pixels as last observed (when the
	// Screen was opened or by the latest Capture). It does no I/O.
	Size() (width, height int)

	// Capture fills dst with the current contents of the whole desktop.
	// It reuses dst.Pix when its capacity is large enough and otherwise
	// allocates. dst.Width and dst.Height are set to the current desktop
	// size, so a resolution change shows up as a new size; dst.Stride is
	// set too (callers must not assume Stride == 4*Width, although the
	// backends in this module produce tightly packed rows). On error the
	// contents of dst are unspecified.
	Capture(dst *Frame) error

	// Close releases the backend's resources (connection, shared
	// memory). It is safe to call more than once; Capture after Close
	// returns an error wrapping ErrClosed.
	Close() error
}

// Damager is an optional interface a Screen implements when it learns about
// changes from the platform (X DAMAGE, DXGI dirty rectangles) instead of
// having to be polled.
//
// Damage returns a channel of capacity 1 that receives a value when the
// screen may have changed since the last Capture. Signals coalesce (a send
// never blocks; a pending signal absorbs later ones), so the session's
// owner goroutine can select on it and then Capture and TileDiff. A Screen
// that does not implement Damager must be polled at the frame rate, and so
// must one whose Damage returns nil: a backend that can report damage only
// on some platforms (shadow/x11 needs the X server's DAMAGE and XFIXES
// extensions) implements the interface and returns nil where it cannot.
// The result does not change during the Screen's life, so the caller may
// decide once, right after opening the Screen.
//
// shadow/fake and shadow/x11 (X DAMAGE) implement it.
type Damager interface {
	Damage() <-chan struct{}
}

// DamageRegion is an optional refinement of Damager: it says where the
// screen changed. Damaged appends to dst the areas changed since the
// previous call and forgets them; known is false when the backend lost
// track (an overflow, a resize, the first call, or Damage returns nil),
// and the caller must then treat the whole screen as changed. The areas
// may overlap and may be larger than what changed, never smaller.
//
// Every change a Capture shows is in the areas of the first Damaged call
// that starts after that Capture returned, or of an earlier call: a
// change is reported no later than it can be seen. (X DAMAGE gives this:
// the server adds to the damage region as it draws, and handles the
// capture and the fetch in order.) Callers rely on it to compare only the
// areas reported around a capture.
type DamageRegion interface {
	Damaged(dst []image.Rectangle) (areas []image.Rectangle, known bool)
}

// AreaCapturer is an optional refinement of Screen for a backend that
// reads the desktop into memory of its own before copying it into a
// Frame (shadow/x11 reads into a shared-memory segment): Grab reads the
// whole desktop, and CopyTo copies that reading into a frame. A caller
// that knows where dst may differ from the new reading (dst holds an
// earlier one, and the DamageRegion areas since cover every change)
// copies only those areas, so a small change on a large desktop costs a
// small copy. Grab counts as the capture for the DamageRegion contract.
// Capture is Grab followed by CopyTo(dst, nil, true).
type AreaCapturer interface {
	// Grab reads the whole desktop. After an error there is nothing
	// to copy until the next Grab succeeds.
	Grab() error
	// CopyTo copies the latest Grab into dst: the parts inside areas
	// (clipped to the desktop), or everything when all is set or dst
	// has another size (dst is then resized). It fails when there is
	// nothing to copy; a CopyTo with all set may use up the reading.
	CopyTo(dst *Frame, areas []image.Rectangle, all bool) error
}

// Cursor is the novice's pointer shape as a CursorSource reports it.
type Cursor struct {
	// Serial identifies the shape: it changes whenever the shape does.
	Serial uint64
	// Width, Height and the hot spot, in pixels.
	Width, Height, HotX, HotY int
	// Pix holds premultiplied ARGB pixels (0xAARRGGBB), rows top-down,
	// as X11's XFIXES reports them.
	Pix []uint32
}

// CursorSource is an optional interface of a Screen that knows the
// pointer's shape (screen captures do not include the pointer). Cursor
// fills dst with the current shape; a shape change also signals the
// Screen's Damager, so a damage-driven caller looks again.
type CursorSource interface {
	Cursor(dst *Cursor) error
}

// PointerSource is an optional interface of a Screen that knows where the
// pointer is. PointerPosition returns the hot spot in screen pixels; ok is
// false while the pointer is not on this screen. Nothing signals a move:
// callers poll it, as FreeRDP's X11 shadow server polls QueryPointer.
type PointerSource interface {
	PointerPosition() (p image.Point, ok bool, err error)
}
