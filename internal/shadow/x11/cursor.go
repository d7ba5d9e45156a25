package x11

import (
	"errors"
	"fmt"
	"image"

	"github.com/jezek/xgb/xfixes"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

var _ shadow.CursorSource = (*Screen)(nil)

// errNoCursor reports a Screen that cannot read the pointer shape (no
// XFIXES, or damage reports are off).
var errNoCursor = errors.New("x11: the pointer shape is not available (needs XFIXES)")

// Cursor fills dst with the pointer's shape (XFIXES GetCursorImage:
// premultiplied ARGB, rows top-down). The image is read again only after
// the X server reported a change (CursorNotify, which also signals
// Damage), so a frame that finds the shape unchanged does no request.
func (s *Screen) Cursor(dst *shadow.Cursor) error {
	d := &s.dmg
	if d.ch == nil {
		return errNoCursor
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return shadow.ErrClosed
	}
	d.mu.Lock()
	stale := d.cursorStale || s.cursor.Serial == 0
	d.cursorStale = false
	d.mu.Unlock()
	if stale {
		rep, err := xfixes.GetCursorImage(s.conn).Reply()
		if err == nil && rep == nil {
			err = errors.New("no reply")
		}
		if err != nil {
			d.mu.Lock()
			d.cursorStale = true
			d.mu.Unlock()
			return fmt.Errorf("x11: GetCursorImage: %w", err)
		}
		w, h := int(rep.Width), int(rep.Height)
		if len(rep.CursorImage) < w*h {
			return fmt.Errorf("x11: GetCursorImage: %d pixels for %dx%d", len(rep.CursorImage), w, h)
		}
		// The server's serial changes with the shape; 0 is reserved here
		// for "none yet", so it is shifted up by one.
		s.cursor = shadow.Cursor{
			Serial: uint64(rep.CursorSerial) + 1, Width: w, Height: h,
			HotX: int(rep.Xhot), HotY: int(rep.Yhot), Pix: append(s.cursor.Pix[:0], rep.CursorImage[:w*h]...),
		}
	}
	pix := dst.Pix // reused, never shared with s.cursor
	*dst = s.cursor
	dst.Pix = append(pix[:0], s.cursor.Pix...)
	return nil
}

var _ shadow.PointerSource = (*Screen)(nil)

// PointerPosition reports where the pointer is (QueryPointer on the root
// window, one round trip).
func (s *Screen) PointerPosition() (image.Point, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return image.Point{}, false, shadow.ErrClosed
	}
	rep, err := xproto.QueryPointer(s.conn, s.root).Reply()
	if err == nil && rep == nil {
		err = errors.New("no reply")
	}
	if err != nil {
		return image.Point{}, false, fmt.Errorf("x11: QueryPointer: %w", err)
	}
	return image.Pt(int(rep.RootX), int(rep.RootY)), rep.SameScreen, nil
}
