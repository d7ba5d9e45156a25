//go:build linux

package x11test

import (
	"errors"
	"fmt"

	"github.com/jezek/xgb"

	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// SetRootImage makes f the background of display's root window and paints
// it, so a capture of the bare root (no windows mapped) shows exactly f at
// (0,0), tiled if the root is larger. It stays after this function's
// connection closes (the window keeps a reference to the pixmap; Xvfb
// needs -noreset, which Start passes, or it resets when its last client
// leaves).
//
// The image is uploaded with PutImage in pieces that stay under the
// server's maximum request length. Only the B,G,R,X visual of Xvfb's depth
// 24 and 32 screens is supported.
func SetRootImage(display string, f *shadow.Frame) error {
	if f.Width <= 0 || f.Height <= 0 || f.Width > 32767 || f.Height > 32767 {
		return fmt.Errorf("x11test: cannot set a %dx%d root image", f.Width, f.Height)
	}
	conn, scr, setup, err := connect(display)
	if err != nil {
		return err
	}
	defer xconn.Close(conn)
	if err := checkNative(setup, scr); err != nil {
		return err
	}

	pix, err := xproto.NewPixmapId(conn)
	if err != nil {
		return fmt.Errorf("x11test: %w", err)
	}
	if err := xproto.CreatePixmapChecked(conn, scr.RootDepth, pix, xproto.Drawable(scr.Root),
		uint16(f.Width), uint16(f.Height)).Check(); err != nil {
		return fmt.Errorf("x11test: CreatePixmap %dx%d: %w", f.Width, f.Height, err)
	}
	defer xproto.FreePixmap(conn, pix) // the root's background keeps its own reference
	gc, err := xproto.NewGcontextId(conn)
	if err != nil {
		return fmt.Errorf("x11test: %w", err)
	}
	if err := xproto.CreateGCChecked(conn, gc, xproto.Drawable(pix), 0, nil).Check(); err != nil {
		return fmt.Errorf("x11test: CreateGC: %w", err)
	}
	defer xproto.FreeGC(conn, gc)

	// PutImage is 24 bytes of header plus the data; the whole request
	// must fit in MaximumRequestLength 4-byte units.
	maxData := int(setup.MaximumRequestLength)*4 - 24
	cols := min(f.Width, maxData/4)
	rows := max(1, maxData/(cols*4))
	var cookies []xproto.PutImageCookie
	buf := make([]byte, 0, rows*cols*4)
	for y := 0; y < f.Height; y += rows {
		h := min(rows, f.Height-y)
		for x := 0; x < f.Width; x += cols {
			w := min(cols, f.Width-x)
			buf = buf[:0]
			for j := range h {
				off := f.PixOffset(x, y+j)
				buf = append(buf, f.Pix[off:off+w*4]...)
			}
			cookies = append(cookies, xproto.PutImageChecked(conn, xproto.ImageFormatZPixmap, xproto.Drawable(pix), gc,
				uint16(w), uint16(h), int16(x), int16(y), 0, scr.RootDepth, buf))
		}
	}
	for _, c := range cookies {
		if err := c.Check(); err != nil {
			return fmt.Errorf("x11test: PutImage: %w", err)
		}
	}
	if err := xproto.ChangeWindowAttributesChecked(conn, scr.Root, xproto.CwBackPixmap, []uint32{uint32(pix)}).Check(); err != nil {
		return fmt.Errorf("x11test: set root background: %w", err)
	}
	if err := xproto.ClearAreaChecked(conn, false, scr.Root, 0, 0, 0, 0).Check(); err != nil {
		return fmt.Errorf("x11test: clear root: %w", err)
	}
	return nil
}

// DrawPattern puts shadow.Pattern at the root window's current size on
// display (see SetRootImage) and returns it for comparison.
func DrawPattern(display string) (*shadow.Frame, error) {
	w, h, err := RootSize(display)
	if err != nil {
		return nil, err
	}
	f := shadow.Pattern(w, h)
	if err := SetRootImage(display, f); err != nil {
		return nil, err
	}
	return f, nil
}

// RootSize returns the current size of display's root window.
func RootSize(display string) (width, height int, err error) {
	conn, scr, _, err := connect(display)
	if err != nil {
		return 0, 0, err
	}
	defer xconn.Close(conn)
	geo, err := xproto.GetGeometry(conn, xproto.Drawable(scr.Root)).Reply()
	if err != nil {
		return 0, 0, fmt.Errorf("x11test: root geometry: %w", err)
	}
	return int(geo.Width), int(geo.Height), nil
}

// ErrCannotResize is returned (wrapped) by Resize when the server has no
// RandR or refuses the size. Xvfb cannot grow beyond the size it was
// started with.
var ErrCannotResize = errors.New("x11test: the server cannot resize its screen")

// Resize changes display's screen size with RandR, as `xrandr --fb WxH`
// does: CRTCs that would not fit are switched off first (Xvfb's single
// mode is as large as its initial screen), then the screen size is set.
func Resize(display string, width, height int) error {
	conn, scr, _, err := connect(display)
	if err != nil {
		return err
	}
	defer xconn.Close(conn)
	// Through xconn.InitExtension, which writes xgb's shared tables only
	// the first time in the process: a Screen under test may be receiving
	// events, and its reader reads those tables unlocked.
	if err := xconn.InitExtension(conn, "RANDR", randr.Init); err != nil {
		return fmt.Errorf("%w: %w", ErrCannotResize, err)
	}
	if _, err := randr.QueryVersion(conn, 1, 3).Reply(); err != nil {
		return fmt.Errorf("%w: RandR version: %w", ErrCannotResize, err)
	}
	res, err := randr.GetScreenResourcesCurrent(conn, scr.Root).Reply()
	if err != nil {
		return fmt.Errorf("%w: screen resources: %w", ErrCannotResize, err)
	}
	for _, crtc := range res.Crtcs {
		info, err := randr.GetCrtcInfo(conn, crtc, res.ConfigTimestamp).Reply()
		if err != nil {
			return fmt.Errorf("%w: CRTC info: %w", ErrCannotResize, err)
		}
		if info.Mode == 0 || (int(info.X)+int(info.Width) <= width && int(info.Y)+int(info.Height) <= height) {
			continue
		}
		if _, err := randr.SetCrtcConfig(conn, crtc, xproto.TimeCurrentTime, res.ConfigTimestamp,
			0, 0, 0, randr.RotationRotate0, nil).Reply(); err != nil {
			return fmt.Errorf("%w: switch CRTC off: %w", ErrCannotResize, err)
		}
	}
	// Keep 96 DPI: millimetres = pixels * 25.4 / 96.
	mmW, mmH := uint32(width*254/960), uint32(height*254/960)
	if err := randr.SetScreenSizeChecked(conn, scr.Root, uint16(width), uint16(height), mmW, mmH).Check(); err != nil {
		return fmt.Errorf("%w: %dx%d: %w", ErrCannotResize, width, height, err)
	}
	return nil
}

// errUnsupported is returned by the painting helpers for visuals other
// than the little-endian B,G,R,X one of Xvfb's depth 24 and 32 screens.
var errUnsupported = errors.New("x11test: root visual is not 32-bit little-endian BGRX")

func connect(display string) (*xgb.Conn, *xproto.ScreenInfo, *xproto.SetupInfo, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("x11test: connect to %q: %w", display, err)
	}
	setup := xproto.Setup(conn)
	if conn.DefaultScreen < 0 || conn.DefaultScreen >= len(setup.Roots) {
		xconn.Close(conn)
		return nil, nil, nil, fmt.Errorf("x11test: display %q has no screen %d", display, conn.DefaultScreen)
	}
	return conn, &setup.Roots[conn.DefaultScreen], setup, nil
}

// checkNative accepts only 32-bit little-endian pixels with blue, green and
// red in the low three bytes: shadow.Frame's layout, so Pix can be sent as
// it is.
func checkNative(setup *xproto.SetupInfo, scr *xproto.ScreenInfo) error {
	if setup.ImageByteOrder != xproto.ImageOrderLSBFirst {
		return errUnsupported
	}
	bpp := 0
	for _, f := range setup.PixmapFormats {
		if f.Depth == scr.RootDepth {
			bpp = int(f.BitsPerPixel)
		}
	}
	if bpp != 32 {
		return fmt.Errorf("%w (depth %d, %d bits per pixel)", errUnsupported, scr.RootDepth, bpp)
	}
	for _, d := range scr.AllowedDepths {
		for _, v := range d.Visuals {
			if v.VisualId == scr.RootVisual {
				if v.RedMask != 0xff0000 || v.GreenMask != 0xff00 || v.BlueMask != 0xff {
					return fmt.Errorf("%w (masks r=%#x g=%#x b=%#x)", errUnsupported, v.RedMask, v.GreenMask, v.BlueMask)
				}
				return nil
			}
		}
	}
	return fmt.Errorf("%w (root visual not found)", errUnsupported)
}
