//go:build interop

package e2e

import (
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/render"
	"github.com/jezek/xgb/xfixes"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

// TestCursorShape: the pointer shape the expert's X server shows over the
// xfreerdp window is the novice's.
//
// The novice's root window gets a two-colour glyph cursor (the cursor
// font's pirate, red on yellow), then an ARGB cursor (RENDER CreateCursor)
// with opaque, semi-transparent and fully transparent pixels, then the
// pirate again: a shape the expert already holds, which the server
// selects from the client's pointer cache. After each change the expert's
// displayed cursor, read with XFIXES GetCursorImage, must match the
// novice's (cursorDiff says what "match" means). Before the novice
// consents, while the placeholder shows, the xfreerdp window keeps the
// expert's own default cursor, not the novice's shape.
//
// The cursors are created by the test's own connection, which stays open
// (see setGlyph and TestCursorShapeOwnerGone for why not by xsetroot).
func TestCursorShape(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp", "xdotool")
	pic := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pic)
	exp := startExpert(t)
	nov, ex := openCursorReaders(t, novice, exp)

	// The expert's own default, read while its pointer is over the bare
	// root (nothing is mapped yet).
	expertDefault := ex.mustRead(t)

	// The novice's first shape is set before anyone connects.
	pirate := nov.setPirate(t, nov.root)
	if cursorDiff(pirate, expertDefault) == "" {
		t.Fatalf("the pirate (%v) looks like the expert's default cursor (%v): the test could not tell them apart", pirate, expertDefault)
	}

	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, cursorConsentConfig)
	file, password, _ := d.newInvitation(t)
	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	view, _ := d.waitPrompt(t, cl)

	// Before consent: the placeholder, and no pointer shape. The server
	// writes a frame's pointer update before its bitmap update, and
	// xfreerdp applies both in order on one X connection, so once the
	// placeholder shows, a shape sent with it would already be defined
	// on the window (and nothing is sent while the placeholder stays).
	win := exp.waitPicture(t, placeholder(), cl)
	inWindow := pointInto(t, exp, win)
	before := ex.mustRead(t)
	if !inWindow(before) {
		t.Fatalf("the expert's pointer is at (%d,%d), outside the xfreerdp window %v", before.X, before.Y, win)
	}
	if cursorDiff(pirate, before) == "" {
		t.Fatalf("the expert shows the novice's pointer shape before the novice consented: %v", before)
	}
	if diff := cursorDiff(expertDefault, before); diff != "" {
		t.Errorf("before consent the xfreerdp window shows %v, not the expert's default cursor %v: %s", before, expertDefault, diff)
	}

	d.mustCtl(t, "answer", view, "yes")
	exp.waitPicture(t, pic, cl)
	ex.waitShape(t, cl, d, "the pirate", pirate, inWindow)

	// A second shape, while the desktop does not change: an ARGB cursor.
	arrow := nov.setARGB(t, argbArrow())
	ex.waitShape(t, cl, d, "the ARGB cursor", arrow, inWindow)

	// The pirate again: the same pixels under a new serial.
	nov.setPirate(t, nov.root)
	ex.waitShape(t, cl, d, "the pirate again", pirate, inWindow)

	endCursorTest(t, d, cl)
}

// TestCursorShapeOwnerGone: the novice's root cursor is set by a client
// that then exits, as `xsetroot -cursor_name left_ptr` in a session's
// startup script does. The SECURITY extension (in Xvfb, and in Xorg built
// from the same xorg-server) refuses access to a resource whose creator
// has disconnected (Xext/security.c, SecurityResource: "clients[cid] !=
// NULL"), so XFIXES GetCursorImage fails with BadAccess for every client
// while that cursor shows, unless another client has meanwhile taken the
// creator's client slot. The server then cannot know the shape; the
// expert must not go on showing the novice's previous shape as if it were
// current, but fall back to its default cursor. (Were the shape readable,
// the expert would have to show it.)
//
// So that the server cannot read the new cursor in the moment between
// xsetroot setting it and exiting, the novice's pointer is over an
// InputOnly window with the pirate while xsetroot runs; the root's cursor
// shows only when that window is unmapped, after xsetroot has gone.
func TestCursorShapeOwnerGone(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp", "xdotool", "xsetroot")
	pic := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pic)
	exp := startExpert(t)
	nov, ex := openCursorReaders(t, novice, exp)
	expertDefault := ex.mustRead(t)
	cover := nov.cover(t)
	pirate := nov.setPirate(t, cover)

	d := startDaemon(t, novice.Display, []string{"127.0.0.1"}, cursorConsentConfig)
	file, password, _ := d.newInvitation(t)
	cl := startXfreerdp(t, exp.Display, file, "/assistance:"+password, "/cert:ignore", "/log-level:INFO")
	view, _ := d.waitPrompt(t, cl)
	d.mustCtl(t, "answer", view, "yes")
	win := exp.waitPicture(t, pic, cl)
	inWindow := pointInto(t, exp, win)
	ex.waitShape(t, cl, d, "the pirate", pirate, inWindow)

	arrow := argbArrow()
	xcf := filepath.Join(t.TempDir(), "arrow.xcursor")
	if err := os.WriteFile(xcf, xcursorFile(arrow), 0o644); err != nil {
		t.Fatal(err)
	}
	runOn(t, novice.Display, "xsetroot", "-xcf", xcf, strconv.Itoa(max(arrow.W, arrow.H)))
	if got := nov.mustRead(t); cursorDiff(pirate, got) != "" {
		t.Fatalf("with the pointer over the InputOnly window the novice shows %v, not the pirate", got)
	}
	if err := xproto.UnmapWindowChecked(nov.conn, cover).Check(); err != nil {
		t.Fatalf("unmap the InputOnly window: %v", err)
	}
	// The root's cursor shows now. No client connects to the novice's
	// display from here on, so it stays as readable (or not) as it is.
	wantArrow := true
	if got, err := nov.read(); err != nil {
		t.Logf("the novice's cursor, set by xsetroot which has exited, cannot be read: %v", err)
		wantArrow = false
	} else if diff := cursorDiff(arrow, got); diff != "" {
		t.Fatalf("the novice shows %v, not the cursor xsetroot set: %s", got, diff)
	}
	what := "the new shape"
	if !wantArrow {
		what = "its default cursor (or the new shape), the novice's shape being unknown"
	}
	waitFor(t, eventTimeout, "the expert's pointer to show "+what, func() (bool, string) {
		select {
		case <-cl.exited:
			t.Fatalf("xfreerdp exited: %v\n%s", cl.waitErr, cl.Log())
		default:
		}
		got := ex.mustRead(t)
		if !inWindow(got) {
			return false, fmt.Sprintf("the pointer is at (%d,%d), outside the xfreerdp window", got.X, got.Y)
		}
		diff := cursorDiff(arrow, got)
		if diff != "" && !wantArrow && cursorDiff(expertDefault, got) == "" {
			diff = ""
		}
		if diff != "" && cursorDiff(pirate, got) == "" {
			diff = "it still shows the novice's previous shape, the pirate"
		}
		return diff == "", fmt.Sprintf("%s (daemon logged a failed read: %v)", diff,
			strings.Contains(d.log(), "reading the pointer shape failed"))
	})
	log := cl.Log()
	cl.Kill()
	checkLog(t, log)
}

// cursorConsentConfig is consentConfig with a timeout long enough that a
// slow machine never refuses the helper while the test looks at the
// placeholder.
const cursorConsentConfig = "[consent]\ndialog = false\ntimeout = \"2m\"\n"

// openCursorReaders opens the cursor readers of the novice's and the
// expert's displays; the novice's can also set cursors. It runs after
// startExpert, which opens the process's first x11.Screen (see
// xconn.InitExtension), and initialises RENDER before any connection it
// opens receives events or errors.
func openCursorReaders(t testing.TB, novice *x11test.Server, exp *expert) (nov, ex *cursorReader) {
	t.Helper()
	nov = openCursorReader(t, novice.Display)
	if err := xconn.InitExtension(nov.conn, "RENDER", render.Init); err != nil {
		t.Fatalf("RENDER on %s: %v", novice.Display, err)
	}
	return nov, openCursorReader(t, exp.Display)
}

// endCursorTest checks that the daemon read and sent every shape and that
// xfreerdp is still up and logged no error, then stops xfreerdp.
func endCursorTest(t testing.TB, d *daemonProc, cl *client) {
	t.Helper()
	for _, bad := range []string{"the pointer shape cannot be sent", "reading the pointer shape failed"} {
		if strings.Contains(d.log(), bad) {
			t.Errorf("the daemon logged %q", bad)
		}
	}
	select {
	case <-cl.exited:
		t.Fatalf("xfreerdp exited: %v", cl.waitErr)
	default:
	}
	log := cl.Log()
	cl.Kill()
	checkLog(t, log)
}

// ---------------------------------------------------------------------
// Cursor images

// cursorImage is what XFIXES GetCursorImage reports: the cursor the X
// server displays, its hot spot and where the pointer is. Pix holds
// W*H 0xAARRGGBB words, rows top-down; the X server holds them
// premultiplied (an Xcursor client is supposed to give them so).
type cursorImage struct {
	X, Y       int // the pointer's position on the root
	W, H       int
	HotX, HotY int
	Serial     uint32
	Pix        []uint32
}

func (c cursorImage) String() string {
	opaque, partial := 0, 0
	for _, p := range c.Pix {
		switch p >> 24 {
		case 0xFF:
			opaque++
		case 0:
		default:
			partial++
		}
	}
	return fmt.Sprintf("%dx%d cursor, hot spot (%d,%d), serial %d, %d opaque and %d semi-transparent pixels",
		c.W, c.H, c.HotX, c.HotY, c.Serial, opaque, partial)
}

// samePixels reports whether c and o are the same image: size, hot spot
// and every word.
func (c cursorImage) samePixels(o cursorImage) bool {
	if c.W != o.W || c.H != o.H || c.HotX != o.HotX || c.HotY != o.HotY || len(c.Pix) != len(o.Pix) {
		return false
	}
	for i := range c.Pix {
		if c.Pix[i] != o.Pix[i] {
			return false
		}
	}
	return true
}

// hasColor reports whether c has a pixel of exactly argb.
func hasColor(c cursorImage, argb uint32) bool {
	for _, p := range c.Pix {
		if p == argb {
			return true
		}
	}
	return false
}

// colorTolerance is the largest difference allowed per colour component
// of a semi-transparent pixel (see cursorDiff).
const colorTolerance = 1

// cursorDiff describes how got, the cursor the expert's X server shows,
// differs from want, the novice's, or returns "" when it shows the same
// shape.
//
// The path is: the novice's X server (premultiplied ARGB) → the server
// makes it straight alpha (pointer.FromARGB32) and sends a 32-bpp New
// Pointer Update, whose XOR mask carries B,G,R and 8 bits of alpha and
// whose AND mask marks the fully transparent pixels → xfreerdp 2.11.7
// converts the masks to 32-bit pixels (freerdp_image_copy_from_pointer_data)
// and hands them to XcursorImageLoadCursor as they are, without
// premultiplying → the expert's X server stores them. Hence:
//
//   - size and hot spot are exact (shapes this small are neither trimmed
//     nor scaled);
//   - alpha is exact: 8 bits each way, no loss at 32 bpp;
//   - a fully transparent pixel is only checked for being transparent:
//     its colour is not sent;
//   - an opaque pixel is exact: premultiplied and straight are the same;
//   - a semi-transparent pixel's colour is compared in straight alpha,
//     which is what the expert's X server ends up holding, within
//     colorTolerance for the rounding of un-premultiplying. (Had the
//     server sent the premultiplied values as they were, these pixels
//     would be darker by the factor alpha/255 and fail.)
func cursorDiff(want, got cursorImage) string {
	switch {
	case want.W != got.W || want.H != got.H:
		return fmt.Sprintf("size %dx%d, want %dx%d", got.W, got.H, want.W, want.H)
	case want.HotX != got.HotX || want.HotY != got.HotY:
		return fmt.Sprintf("hot spot (%d,%d), want (%d,%d)", got.HotX, got.HotY, want.HotX, want.HotY)
	case len(want.Pix) != len(got.Pix):
		return fmt.Sprintf("%d pixels, want %d", len(got.Pix), len(want.Pix))
	}
	bad, first := 0, ""
	for i, w := range want.Pix {
		g := got.Pix[i]
		wa, ga := w>>24, g>>24
		ok := wa == ga
		if ok && wa != 0 {
			for _, shift := range []uint{16, 8, 0} {
				wc, gc := (w>>shift)&0xFF, (g>>shift)&0xFF
				tol := uint32(0)
				if wa != 0xFF {
					wc, tol = unpremultiply(wc, wa), colorTolerance
				}
				if max(wc, gc)-min(wc, gc) > tol {
					ok = false
				}
			}
		}
		if !ok {
			if bad == 0 {
				first = fmt.Sprintf("pixel (%d,%d) is %#08x, want %#08x", i%want.W, i/want.W, g, straight(w))
				if wa != 0 && wa != 0xFF {
					first += fmt.Sprintf(" (%#08x premultiplied)", w)
				}
			}
			bad++
		}
	}
	if bad > 0 {
		return fmt.Sprintf("%d of %d pixels differ; first: %s", bad, len(want.Pix), first)
	}
	return ""
}

// straight returns the premultiplied pixel p with straight alpha.
func straight(p uint32) uint32 {
	a := p >> 24
	if a == 0 || a == 0xFF {
		return p
	}
	return a<<24 | unpremultiply(p>>16&0xFF, a)<<16 | unpremultiply(p>>8&0xFF, a)<<8 | unpremultiply(p&0xFF, a)
}

// unpremultiply returns the straight-alpha value of component c of a
// premultiplied pixel of alpha a (0 < a), rounded.
func unpremultiply(c, a uint32) uint32 { return min((c*255+a/2)/a, 255) }

// ---------------------------------------------------------------------
// Reading and setting the pointer shape

// cursorReader reads the displayed cursor of one X server with its own
// connection. Every read is a GetCursorImage request: x11.Screen.Cursor
// would do too, but it reads again only after its event reader has seen
// a CursorNotify, so right after a change it may still return the old
// shape, which the check before consent would take for a pass.
type cursorReader struct {
	display string
	conn    *xgb.Conn
	root    xproto.Window
}

func openCursorReader(t testing.TB, display string) *cursorReader {
	t.Helper()
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to %s: %v", display, err)
	}
	t.Cleanup(func() { xconn.Close(conn) })
	if err := xconn.InitExtension(conn, "XFIXES", xfixes.Init); err != nil {
		t.Fatalf("XFIXES on %s: %v", display, err)
	}
	// GetCursorImage is an XFIXES 1.0 request; the server refuses it
	// from a client that has not asked for a version.
	if _, err := xfixes.QueryVersion(conn, 4, 0).Reply(); err != nil {
		t.Fatalf("XFIXES version on %s: %v", display, err)
	}
	return &cursorReader{display: display, conn: conn, root: xproto.Setup(conn).DefaultScreen(conn).Root}
}

func (r *cursorReader) read() (cursorImage, error) {
	rep, err := xfixes.GetCursorImage(r.conn).Reply()
	if err == nil && rep == nil {
		err = fmt.Errorf("no reply")
	}
	if err != nil {
		return cursorImage{}, fmt.Errorf("GetCursorImage on %s: %w", r.display, err)
	}
	w, h := int(rep.Width), int(rep.Height)
	if len(rep.CursorImage) < w*h {
		return cursorImage{}, fmt.Errorf("GetCursorImage on %s: %d pixels for %dx%d", r.display, len(rep.CursorImage), w, h)
	}
	return cursorImage{
		X: int(rep.X), Y: int(rep.Y), W: w, H: h, HotX: int(rep.Xhot), HotY: int(rep.Yhot),
		Serial: rep.CursorSerial, Pix: append([]uint32(nil), rep.CursorImage[:w*h]...),
	}, nil
}

func (r *cursorReader) mustRead(t testing.TB) cursorImage {
	t.Helper()
	c, err := r.read()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// waitShape waits until the X server shows want (see cursorDiff) with the
// pointer where inside says; on timeout it fails with the last
// difference.
func (r *cursorReader) waitShape(t testing.TB, cl *client, d *daemonProc, what string, want cursorImage, inside func(cursorImage) bool) {
	t.Helper()
	waitFor(t, eventTimeout, "the expert's pointer to show "+what+" ("+want.String()+")", func() (bool, string) {
		select {
		case <-cl.exited:
			t.Fatalf("xfreerdp exited: %v\n%s", cl.waitErr, cl.Log())
		default:
		}
		got := r.mustRead(t)
		if !inside(got) {
			return false, fmt.Sprintf("the pointer is at (%d,%d), outside the xfreerdp window", got.X, got.Y)
		}
		diff := cursorDiff(want, got)
		return diff == "", fmt.Sprintf("shows %v: %s (daemon logged a failed read: %v)",
			got, diff, strings.Contains(d.log(), "reading the pointer shape failed"))
	})
}

// Glyphs of the X cursor font (X11/cursorfont.h); the mask is the next
// glyph.
const xcPirate = 88

// Cursor colours, as 16-bit X RGB and as the ARGB the X server reports.
var (
	red    = [3]uint16{0xFFFF, 0, 0}
	yellow = [3]uint16{0xFFFF, 0xFFFF, 0}
)

// setGlyph makes glyph of the cursor font, fg on bg, the root window's
// cursor. That is what `xsetroot -cursor_name` asks for, but libX11 lets
// libXcursor substitute the installed theme's image (Adwaita's 24×24
// ARGB pirate here; its watch is animated), and xsetroot exits, which
// makes the cursor unreadable (TestCursorShapeOwnerGone); this
// connection stays open.
func (r *cursorReader) setGlyph(t testing.TB, win xproto.Window, glyph uint16, fg, bg [3]uint16) {
	t.Helper()
	font, err := xproto.NewFontId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.OpenFontChecked(r.conn, font, uint16(len("cursor")), "cursor").Check(); err != nil {
		t.Fatalf("open the cursor font on %s: %v", r.display, err)
	}
	defer xproto.CloseFont(r.conn, font)
	cur, err := xproto.NewCursorId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateGlyphCursorChecked(r.conn, cur, font, font, glyph, glyph+1,
		fg[0], fg[1], fg[2], bg[0], bg[1], bg[2]).Check(); err != nil {
		t.Fatalf("create glyph cursor %d on %s: %v", glyph, r.display, err)
	}
	defer xproto.FreeCursor(r.conn, cur) // the window keeps its own reference
	if err := xproto.ChangeWindowAttributesChecked(r.conn, win, xproto.CwCursor, []uint32{uint32(cur)}).Check(); err != nil {
		t.Fatalf("set the cursor of window %#x on %s: %v", win, r.display, err)
	}
}

// setPirate makes the pirate, red on yellow, the cursor of win and waits
// until the X server shows it (the pointer is over win); it returns the
// image the server reports.
func (r *cursorReader) setPirate(t testing.TB, win xproto.Window) cursorImage {
	t.Helper()
	r.setGlyph(t, win, xcPirate, red, yellow)
	var got cursorImage
	waitFor(t, eventTimeout, "the novice's display to show the pirate", func() (bool, string) {
		got = r.mustRead(t)
		return hasColor(got, 0xFFFF0000) && hasColor(got, 0xFFFFFF00), "it shows " + got.String()
	})
	return got
}

// cover maps an InputOnly window over the whole screen, which takes the
// pointer without changing a pixel, and returns it.
func (r *cursorReader) cover(t testing.TB) xproto.Window {
	t.Helper()
	scr := xproto.Setup(r.conn).DefaultScreen(r.conn)
	win, err := xproto.NewWindowId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateWindowChecked(r.conn, 0, win, r.root, 0, 0, scr.WidthInPixels, scr.HeightInPixels, 0,
		xproto.WindowClassInputOnly, 0, 0, nil).Check(); err != nil {
		t.Fatalf("create an InputOnly window on %s: %v", r.display, err)
	}
	if err := xproto.MapWindowChecked(r.conn, win).Check(); err != nil {
		t.Fatalf("map the InputOnly window on %s: %v", r.display, err)
	}
	return win
}

// setARGB makes c (premultiplied) the root's cursor through RENDER
// CreateCursor, checks that the X server shows exactly c and returns what
// it reports.
func (r *cursorReader) setARGB(t testing.TB, c cursorImage) cursorImage {
	t.Helper()
	formats, err := render.QueryPictFormats(r.conn).Reply()
	if err != nil {
		t.Fatalf("QueryPictFormats on %s: %v", r.display, err)
	}
	var argb32 render.Pictformat
	for _, f := range formats.Formats {
		d := f.Direct
		if f.Type == render.PictTypeDirect && f.Depth == 32 && d.AlphaShift == 24 && d.AlphaMask == 0xFF &&
			d.RedShift == 16 && d.RedMask == 0xFF && d.GreenShift == 8 && d.GreenMask == 0xFF && d.BlueShift == 0 && d.BlueMask == 0xFF {
			argb32 = f.Id
		}
	}
	if argb32 == 0 {
		t.Fatalf("%s has no a8r8g8b8 picture format", r.display)
	}
	pix, err := xproto.NewPixmapId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreatePixmapChecked(r.conn, 32, pix, xproto.Drawable(r.root), uint16(c.W), uint16(c.H)).Check(); err != nil {
		t.Fatalf("CreatePixmap on %s: %v", r.display, err)
	}
	defer xproto.FreePixmap(r.conn, pix)
	gc, err := xproto.NewGcontextId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := xproto.CreateGCChecked(r.conn, gc, xproto.Drawable(pix), 0, nil).Check(); err != nil {
		t.Fatalf("CreateGC on %s: %v", r.display, err)
	}
	defer xproto.FreeGC(r.conn, gc)
	data := make([]byte, 0, 4*len(c.Pix))
	for _, p := range c.Pix {
		data = binary.LittleEndian.AppendUint32(data, p) // Xvfb's image byte order is LSB first
	}
	if err := xproto.PutImageChecked(r.conn, xproto.ImageFormatZPixmap, xproto.Drawable(pix), gc,
		uint16(c.W), uint16(c.H), 0, 0, 0, 32, data).Check(); err != nil {
		t.Fatalf("PutImage on %s: %v", r.display, err)
	}
	picture, err := render.NewPictureId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := render.CreatePictureChecked(r.conn, picture, xproto.Drawable(pix), argb32, 0, nil).Check(); err != nil {
		t.Fatalf("CreatePicture on %s: %v", r.display, err)
	}
	defer render.FreePicture(r.conn, picture)
	cur, err := xproto.NewCursorId(r.conn)
	if err != nil {
		t.Fatal(err)
	}
	if err := render.CreateCursorChecked(r.conn, cur, picture, uint16(c.HotX), uint16(c.HotY)).Check(); err != nil {
		t.Fatalf("RENDER CreateCursor on %s: %v", r.display, err)
	}
	defer xproto.FreeCursor(r.conn, cur)
	if err := xproto.ChangeWindowAttributesChecked(r.conn, r.root, xproto.CwCursor, []uint32{uint32(cur)}).Check(); err != nil {
		t.Fatalf("set the root cursor on %s: %v", r.display, err)
	}
	var got cursorImage
	waitFor(t, eventTimeout, "the novice's display to show the ARGB cursor", func() (bool, string) {
		got = r.mustRead(t)
		return got.samePixels(c), "it shows " + got.String()
	})
	return got
}

// pointInto moves the expert's pointer into the xfreerdp window, which
// covers win on the expert's root, and returns the test that a cursor
// image was read with the pointer there.
func pointInto(t testing.TB, exp *expert, win image.Rectangle) func(cursorImage) bool {
	t.Helper()
	at := win.Min.Add(image.Pt(300, 200))
	exp.xdotool(t, "mousemove", "--sync", strconv.Itoa(at.X), strconv.Itoa(at.Y))
	return func(c cursorImage) bool { return image.Pt(c.X, c.Y).In(win) }
}

// argbArrow returns a 20×28 ARGB cursor, premultiplied, with its hot spot
// off centre, which a flip, a transposition or a shifted hot spot would
// change: a transparent first row and column; opaque rows whose colour
// varies with x and y; a row of alternating opaque white and black (the
// two colours FreeRDP treats specially in AND-masked pixels); rows of
// rising partial alpha; and transparent rows at the bottom with one
// opaque pixel each.
func argbArrow() cursorImage {
	const w, h = 20, 28
	c := cursorImage{W: w, H: h, HotX: 4, HotY: 21, Pix: make([]uint32, w*h)}
	for y := range h {
		for x := range w {
			var a, r, g, b uint32
			switch {
			case x == 0 || y == 0:
				// transparent
			case y < 18:
				a, r, g, b = 0xFF, uint32(x*12), uint32(y*14), 0x60
			case y == 18:
				a = 0xFF
				if x%2 == 0 {
					r, g, b = 0xFF, 0xFF, 0xFF
				}
			case y < 25:
				a = uint32(0x20 + (y-19)*0x28) // 0x20 … 0xE8
				r, g, b = uint32(x*12), 200, uint32(255-x*10)
			default:
				if x == y-20 {
					a, r, g, b = 0xFF, 0x10, 0xC0, 0x30
				}
			}
			pm := func(v uint32) uint32 { return (v*a + 127) / 255 }
			c.Pix[y*w+x] = a<<24 | pm(r)<<16 | pm(g)<<8 | pm(b)
		}
	}
	return c
}

// xcursorFile returns c as an Xcursor file with one image (the format of
// libXcursor's XcursorFilenameLoad: little-endian words, a header, a table
// of contents, an image chunk).
func xcursorFile(c cursorImage) []byte {
	const (
		magic     = 0x72756358 // "Xcur"
		imageType = 0xfffd0002
	)
	nominal := uint32(max(c.W, c.H))
	le := binary.LittleEndian
	var b []byte
	for _, v := range []uint32{
		magic, 16, 0x10000, 1, // header: size, version, one entry
		imageType, nominal, 28, // the entry: the image chunk follows at byte 28
		36, imageType, nominal, 1, // chunk header: size, type, nominal size, version
		uint32(c.W), uint32(c.H), uint32(c.HotX), uint32(c.HotY), 0, // no animation delay
	} {
		b = le.AppendUint32(b, v)
	}
	for _, p := range c.Pix {
		b = le.AppendUint32(b, p)
	}
	return b
}

// runOn runs a program on display and fails the test if it fails.
func runOn(t testing.TB, display, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), eventTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = clientEnv(display, t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s on %s: %v\n%s", name, strings.Join(args, " "), display, err, out)
	}
}
