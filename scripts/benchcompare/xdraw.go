//go:build linux

package main

import (
	"errors"
	"fmt"
	"image"
	"image/color"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// xclient is one connection to the novice display that paints on it.
// Each painter and the latency marker have their own, so a marker change
// never waits behind a painter's multi-megabyte uploads.
type xclient struct {
	conn  *xgb.Conn
	setup *xproto.SetupInfo
	scr   *xproto.ScreenInfo
	gc    xproto.Gcontext // for the root's depth, without graphics exposures
}

func dialX(display string) (*xclient, error) {
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connect to X display %s: %w", display, err)
	}
	x := &xclient{conn: conn, setup: xproto.Setup(conn)}
	x.scr = &x.setup.Roots[conn.DefaultScreen]
	if err := x.checkFormat(); err != nil {
		x.close()
		return nil, err
	}
	if x.gc, err = xproto.NewGcontextId(conn); err != nil {
		x.close()
		return nil, err
	}
	// No GraphicsExpose/NoExpose events for CopyArea: nobody reads them.
	if err := xproto.CreateGCChecked(conn, x.gc, xproto.Drawable(x.scr.Root),
		xproto.GcGraphicsExposures, []uint32{0}).Check(); err != nil {
		x.close()
		return nil, fmt.Errorf("CreateGC: %w", err)
	}
	return x, nil
}

func (x *xclient) close() { xconn.Close(x.conn) }

// sync waits until the server has processed every request sent so far.
func (x *xclient) sync() error {
	_, err := xproto.GetInputFocus(x.conn).Reply()
	return err
}

// checkFormat accepts only the 32-bit little-endian BGRX pixels of the
// depth-24 Xvfb the harness starts, shadow.Frame's layout, so frames are
// uploaded as they are.
func (x *xclient) checkFormat() error {
	if x.setup.ImageByteOrder != xproto.ImageOrderLSBFirst {
		return errors.New("novice display: not little-endian")
	}
	for _, f := range x.setup.PixmapFormats {
		if f.Depth == x.scr.RootDepth && f.BitsPerPixel != 32 {
			return fmt.Errorf("novice display: depth %d has %d bits per pixel, want 32", f.Depth, f.BitsPerPixel)
		}
	}
	return nil
}

// pixel is c as a TrueColor pixel value of the root visual (0xRRGGBB).
func pixel(c color.RGBA) uint32 { return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B) }

// upload puts f into a new pixmap of the root's depth.
func (x *xclient) upload(f *shadow.Frame) (xproto.Pixmap, error) {
	pix, err := xproto.NewPixmapId(x.conn)
	if err != nil {
		return 0, err
	}
	if err := xproto.CreatePixmapChecked(x.conn, x.scr.RootDepth, pix, xproto.Drawable(x.scr.Root),
		uint16(f.Width), uint16(f.Height)).Check(); err != nil {
		return 0, fmt.Errorf("CreatePixmap %dx%d: %w", f.Width, f.Height, err)
	}
	// Each PutImage (24 bytes of header and the rows) must fit in the
	// server's maximum request length.
	maxData := int(x.setup.MaximumRequestLength)*4 - 24
	rows := max(1, maxData/(f.Width*4))
	var cookies []xproto.PutImageCookie
	for y := 0; y < f.Height; y += rows {
		h := min(rows, f.Height-y)
		data := f.SubPix(image.Rect(0, y, f.Width, y+h))
		cookies = append(cookies, xproto.PutImageChecked(x.conn, xproto.ImageFormatZPixmap, xproto.Drawable(pix), x.gc,
			uint16(f.Width), uint16(h), 0, int16(y), 0, x.scr.RootDepth, data))
	}
	for _, c := range cookies {
		if err := c.Check(); err != nil {
			return 0, fmt.Errorf("PutImage: %w", err)
		}
	}
	return pix, nil
}

// setBackground makes f the root window's background and paints it.
func (x *xclient) setBackground(f *shadow.Frame) error {
	pix, err := x.upload(f)
	if err != nil {
		return err
	}
	defer xproto.FreePixmap(x.conn, pix) // the root keeps its own reference
	if err := xproto.ChangeWindowAttributesChecked(x.conn, x.scr.Root, xproto.CwBackPixmap, []uint32{uint32(pix)}).Check(); err != nil {
		return fmt.Errorf("set the root background: %w", err)
	}
	return xproto.ClearAreaChecked(x.conn, false, x.scr.Root, 0, 0, 0, 0).Check()
}

// window creates and maps an override-redirect window (no window manager
// runs, and none may move it) filled with bg.
func (x *xclient) window(r image.Rectangle, bg color.RGBA) (xproto.Window, error) {
	win, err := xproto.NewWindowId(x.conn)
	if err != nil {
		return 0, err
	}
	if err := xproto.CreateWindowChecked(x.conn, 0 /* CopyFromParent */, win, x.scr.Root,
		int16(r.Min.X), int16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), 0,
		xproto.WindowClassInputOutput, 0 /* CopyFromParent */, xproto.CwBackPixel|xproto.CwOverrideRedirect,
		[]uint32{pixel(bg), 1}).Check(); err != nil {
		return 0, fmt.Errorf("CreateWindow: %w", err)
	}
	if err := xproto.MapWindowChecked(x.conn, win).Check(); err != nil {
		return 0, fmt.Errorf("MapWindow: %w", err)
	}
	return win, nil
}

// marker is a small window on the novice display whose colour the
// latency phase changes; the measuring client then waits for that colour
// at the same place in its framebuffer. It sits in the bottom-right
// corner, where no scenario draws.
type marker struct {
	x    *xclient
	win  xproto.Window
	rect image.Rectangle
}

// markerIdle is the marker's colour outside the latency phase.
var markerIdle = color.RGBA{0x80, 0x80, 0x80, 0xff}

func newMarker(display string, screen image.Rectangle) (*marker, error) {
	x, err := dialX(display)
	if err != nil {
		return nil, err
	}
	r := image.Rect(screen.Max.X-40, screen.Max.Y-40, screen.Max.X-8, screen.Max.Y-8)
	win, err := x.window(r, markerIdle)
	if err != nil {
		x.close()
		return nil, err
	}
	return &marker{x: x, win: win, rect: r}, nil
}

// set paints the marker c and returns once the X server has done it.
func (m *marker) set(c color.RGBA) error {
	xproto.ChangeWindowAttributes(m.x.conn, m.win, xproto.CwBackPixel, []uint32{pixel(c)})
	xproto.ClearArea(m.x.conn, false, m.win, 0, 0, 0, 0)
	return m.x.sync()
}

// center is the pixel the measuring client watches.
func (m *marker) center() image.Point {
	return image.Pt((m.rect.Min.X+m.rect.Max.X)/2, (m.rect.Min.Y+m.rect.Max.Y)/2)
}

func (m *marker) close() {
	xproto.DestroyWindow(m.x.conn, m.win)
	m.x.close()
}
