//go:build linux

// Package x11 captures an X11 desktop for the RDP server: one persistent
// connection (github.com/jezek/xgb, pure Go) to the display's default
// screen, reading the root window into a System V shared-memory segment
// with MIT-SHM, or with plain GetImage over the socket where MIT-SHM is not
// available (remote displays, separate IPC namespaces, no extension).
// With the DAMAGE and XFIXES extensions it also reports where the desktop
// changed (shadow.Damager, shadow.DamageRegion; see damage.go).
//
// The X server is found as usual: the display name (default $DISPLAY) and,
// through xgb, the cookie in $XAUTHORITY (default ~/.Xauthority). A system
// service attaching to a user's session must set both.
package x11

import (
	"errors"
	"fmt"
	"image"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jezek/xgb"

	"github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xproto"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// ErrNoDisplay is returned by Open when no display is given and $DISPLAY is
// empty.
var ErrNoDisplay = errors.New("x11: no display given and DISPLAY is not set")

// Options adjusts Open.
type Options struct {
	// NoSHM disables MIT-SHM: every capture uses plain GetImage over the
	// socket. Tests use it to exercise the fallback path.
	NoSHM bool

	// MaxChunkBytes bounds the image data of one plain GetImage reply;
	// taller captures are split into bands of rows, requested back to
	// back. 0 means the server's maximum request length (256 KiB on
	// Xvfb and Xorg without BIG-REQUESTS), which keeps every request and
	// reply within what any server accepts and the per-reply buffers
	// small.
	MaxChunkBytes int

	// NoDamage disables damage reports: Damage returns nil and the
	// Screen must be polled, as on a server without DAMAGE.
	NoDamage bool
}

// Screen captures the root window of an X display. It implements
// shadow.Screen: Capture is called from one goroutine at a time; Close may
// come from another and waits for a Capture in flight.
type Screen struct {
	cursor shadow.Cursor // the last pointer shape read (cursor.go), guarded by mu
	// Immutable after Open:
	display    string
	conn       *xgb.Conn
	root       xproto.Window
	format     pixelFormat
	chunkBytes int // maximum image bytes per plain GetImage reply

	// dmg follows the damage; its channel and X resources are immutable
	// after Open, its flags have their own lock. Its goroutine reads the
	// connection's events whether or not damage is reported.
	dmg damageTracker

	mu            sync.Mutex // guards the fields below; held for all of Capture and Close
	closed        bool
	width, height int
	seg           *segment // nil: plain GetImage
	noSHM         error    // why seg is nil; nil while MIT-SHM is in use
	// What the latest Grab read, for CopyTo: grabbed is false when
	// there is nothing to copy; the image is in seg (grabSHM) or in
	// plain.
	grabbed bool
	grabSHM bool
	plain   shadow.Frame
}

var (
	_ shadow.Screen       = (*Screen)(nil)
	_ shadow.AreaCapturer = (*Screen)(nil)
)

// segment is a System V shared-memory segment attached by both this process
// and the X server.
type segment struct {
	id  int     // System V id, already marked for removal
	xid shm.Seg // the X server's name for it
	mem []byte  // this process's mapping
}

// Open connects to display (empty: $DISPLAY) and prepares to capture the
// root window of its default screen, with MIT-SHM when possible. It fails
// when there is no display, the server cannot be reached or refuses the
// connection, or the root visual is not a 24/32-bit TrueColor one
// (ErrUnsupportedDepth). Not having MIT-SHM is not an error; see SHM.
// Neither is not having DAMAGE; see DamageSupported.
//
// xgb's tables of extension events and errors are shared by all
// connections and written unlocked when an extension is first initialised
// (here MIT-SHM, XFIXES and DAMAGE), while every connection's reader reads
// them: open the first Screen of the process before any other xgb
// connection that receives events (the XTEST injector, the XInput2
// watcher). Later Screens on servers of the same build write nothing (see
// xconn.InitExtension).
func Open(display string) (*Screen, error) {
	return OpenOptions(display, Options{})
}

// OpenOptions is Open with options.
func OpenOptions(display string, opt Options) (*Screen, error) {
	return withConn(display, func(conn *xgb.Conn, display string) (*Screen, error) { return open(conn, display, opt) })
}

// withConn connects to display (empty: $DISPLAY) and hands the connection
// to use, closing it again if use fails.
func withConn[T any](display string, use func(conn *xgb.Conn, display string) (T, error)) (T, error) {
	var zero T
	if display == "" {
		display = os.Getenv("DISPLAY")
	}
	if display == "" {
		return zero, ErrNoDisplay
	}
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return zero, fmt.Errorf("x11: cannot connect to display %q: %w", display, err)
	}
	v, err := use(conn, display)
	if err != nil {
		xconn.Close(conn)
		return zero, err
	}
	return v, nil
}

// defaultScreen returns the connection's default screen.
func defaultScreen(conn *xgb.Conn, display string) (*xproto.SetupInfo, *xproto.ScreenInfo, error) {
	setup := xproto.Setup(conn)
	if conn.DefaultScreen < 0 || conn.DefaultScreen >= len(setup.Roots) {
		return nil, nil, fmt.Errorf("x11: display %q: screen %d does not exist (the server has %d)", display, conn.DefaultScreen, len(setup.Roots))
	}
	return setup, &setup.Roots[conn.DefaultScreen], nil
}

func open(conn *xgb.Conn, display string, opt Options) (*Screen, error) {
	setup, scr, err := defaultScreen(conn, display)
	if err != nil {
		return nil, err
	}
	format, err := formatOf(setup, scr)
	if err != nil {
		return nil, fmt.Errorf("x11: display %q: %w", display, err)
	}
	s := &Screen{
		display:    display,
		conn:       conn,
		root:       scr.Root,
		format:     format,
		chunkBytes: opt.MaxChunkBytes,
		width:      int(scr.WidthInPixels),
		height:     int(scr.HeightInPixels),
	}
	if s.chunkBytes <= 0 {
		s.chunkBytes = int(setup.MaximumRequestLength) * 4
	}
	// The extensions are initialised here, before this function returns
	// and the caller opens other connections (see Open). XFIXES and DAMAGE
	// first: they do not depend on anything below.
	s.initDamage(opt)
	switch {
	case opt.NoSHM:
		s.noSHM = errors.New("disabled by option")
	case !isLocal(display):
		s.noSHM = errors.New("remote display: the server cannot see this host's shared memory")
	case !sysvShmSupported:
		s.noSHM = errors.New("System V shared memory not implemented for this architecture")
	default:
		if err := xconn.InitExtension(conn, "MIT-SHM", shm.Init); err != nil {
			s.noSHM = fmt.Errorf("no MIT-SHM extension: %w", err)
			break
		}
		s.seg, s.noSHM = s.newSegment(format.stride(s.width) * s.height)
		if s.noSHM == nil {
			if err := s.verifySegment(); err != nil {
				s.dropSegment(err)
			}
		}
	}
	// Started last: nothing below can fail, so a failed Open leaves no
	// goroutine behind.
	s.dmg.done = make(chan struct{})
	go s.readEvents()
	return s, nil
}

// isLocal reports whether display names a server on this host reached
// through a Unix socket, the only case where MIT-SHM can work: over TCP
// (including ssh's localhost:10 forwarding) the server is on another host
// or cannot check this client's credentials.
func isLocal(display string) bool {
	if strings.HasPrefix(display, "/") {
		return true // a socket path, as launchd gives
	}
	colon := strings.LastIndex(display, ":")
	if colon < 0 {
		return false
	}
	// As xgb dials: "[protocol/]host:display"; no host or "unix" means
	// the Unix socket, whatever the protocol.
	host := display[:colon]
	if slash := strings.LastIndex(host, "/"); slash >= 0 {
		host = host[slash+1:]
	}
	return host == "" || host == "unix"
}

// Size returns the root window size seen at Open or by the latest Capture.
func (s *Screen) Size() (width, height int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.width, s.height
}

// SHM reports whether captures go through MIT-SHM and, if not, why.
func (s *Screen) SHM() (ok bool, reason error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seg != nil, s.noSHM
}

// Capture reads the whole root window into dst (see shadow.Screen): a
// Grab followed by copying all of it.
func (s *Screen) Capture(dst *shadow.Frame) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Without MIT-SHM the replies are read straight into dst.
	if err := s.grabLocked(dst); err != nil {
		return err
	}
	if !s.grabSHM {
		s.grabbed = false // the image is in dst, not in plain
		return nil
	}
	return s.copyLocked(dst, nil, true)
}

// Grab reads the whole root window into the shared-memory segment, or
// without MIT-SHM into a frame of this Screen's (one more copy), for
// CopyTo (see
// shadow.AreaCapturer). The root size is queried first on every call
// (one short round trip), so a RandR resize shows on the next copy. An X
// error during an MIT-SHM read is retried once (the root may have shrunk
// in between); if MIT-SHM keeps failing the Screen switches to plain
// GetImage for good. A lost connection is returned as an error wrapping
// io.EOF or the socket error. With damage reports, a DamageNotify
// received since the last Grab or Damaged is taken first (its areas are
// kept for Damaged), which re-arms the notification.
func (s *Screen) Grab() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.grabLocked(&s.plain)
}

// grabLocked reads the root into the segment, or without MIT-SHM into
// plain.
func (s *Screen) grabLocked(plain *shadow.Frame) error {
	if s.closed {
		return fmt.Errorf("x11: capture: %w", shadow.ErrClosed)
	}
	s.grabbed = false
	s.beforeCapture()
	var err error
	for range 2 {
		if err = s.grabOnce(plain); err == nil {
			s.grabbed = true
			return nil
		}
		var xerr xgb.Error
		if !errors.As(err, &xerr) {
			return err // connection errors are final
		}
	}
	if s.seg == nil {
		return err
	}
	s.dropSegment(fmt.Errorf("MIT-SHM capture failed: %w", err))
	if err = s.grabOnce(plain); err == nil {
		s.grabbed = true
	}
	return err
}

// CopyTo copies the latest Grab into dst (see shadow.AreaCapturer): the
// parts inside areas, or all of it when all is set or dst has another
// size.
func (s *Screen) CopyTo(dst *shadow.Frame, areas []image.Rectangle, all bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.copyLocked(dst, areas, all)
}

func (s *Screen) copyLocked(dst *shadow.Frame, areas []image.Rectangle, all bool) error {
	if !s.grabbed {
		return errors.New("x11: copy: nothing grabbed (Grab failed or was not called)")
	}
	w, h := s.width, s.height
	if dst.Width != w || dst.Height != h {
		dst.SetSize(w, h)
		all = true
	}
	if !s.grabSHM {
		if all {
			dst.CopyFrom(&s.plain)
			return nil
		}
		for _, a := range areas {
			a = a.Intersect(dst.Rect())
			n := a.Dx() * shadow.BytesPerPixel
			for y := a.Min.Y; y < a.Max.Y; y++ {
				copy(dst.Pix[dst.PixOffset(a.Min.X, y):][:n], s.plain.Pix[s.plain.PixOffset(a.Min.X, y):][:n])
			}
		}
		return nil
	}
	stride := s.format.stride(w)
	if all {
		s.format.toFrame(dst.Pix, dst.Stride, s.seg.mem, stride, w, h)
		return nil
	}
	for _, a := range areas {
		a = a.Intersect(dst.Rect())
		if a.Empty() {
			continue
		}
		s.format.toFrame(dst.Pix[dst.PixOffset(a.Min.X, a.Min.Y):], dst.Stride,
			s.seg.mem[a.Min.Y*stride+a.Min.X*4:], stride, a.Dx(), a.Dy())
	}
	return nil
}

func (s *Screen) grabOnce(plain *shadow.Frame) error {
	geo, err := xproto.GetGeometry(s.conn, xproto.Drawable(s.root)).Reply()
	if err != nil {
		return fmt.Errorf("x11: root geometry: %w", err)
	}
	if w, h := int(geo.Width), int(geo.Height); w != s.width || h != s.height {
		s.width, s.height = w, h
		s.sizeChanged()
	}
	s.grabSHM = s.seg != nil
	if !s.grabSHM {
		plain.SetSize(s.width, s.height)
	}
	if s.width == 0 || s.height == 0 {
		return nil
	}
	if s.grabSHM {
		return s.grabSHMOnce(plain)
	}
	return s.captureGetImage(plain)
}

// grabSHMOnce reads the root into the segment, replacing it with a larger
// one first if the root grew; without a segment it falls back to plain
// GetImage.
func (s *Screen) grabSHMOnce(plain *shadow.Frame) error {
	w, h := s.width, s.height
	stride := s.format.stride(w)
	if need := stride * h; need > len(s.seg.mem) {
		// The root grew: replace the segment.
		fallBack := func(err error) error {
			s.seg, s.noSHM, s.grabSHM = nil, err, false
			plain.SetSize(w, h)
			return s.captureGetImage(plain)
		}
		if err := s.releaseSegment(); err != nil {
			return fallBack(err)
		}
		seg, err := s.newSegment(need)
		if err != nil {
			return fallBack(err)
		}
		s.seg = seg
	}
	rep, err := shm.GetImage(s.conn, xproto.Drawable(s.root), 0, 0, uint16(w), uint16(h),
		0xffffffff, xproto.ImageFormatZPixmap, s.seg.xid, 0).Reply()
	if err != nil {
		return fmt.Errorf("x11: MIT-SHM GetImage %dx%d: %w", w, h, err)
	}
	if int(rep.Size) < stride*h {
		return fmt.Errorf("x11: MIT-SHM GetImage %dx%d: server wrote %d bytes, want %d", w, h, rep.Size, stride*h)
	}
	return nil
}

// captureGetImage reads the root with plain GetImage requests, one band of
// rows per request (at most chunkBytes of image data each), all sent
// before the first reply is awaited.
func (s *Screen) captureGetImage(dst *shadow.Frame) error {
	w, h := s.width, s.height
	stride := s.format.stride(w)
	rows := max(1, s.chunkBytes/stride)
	cookies := make([]xproto.GetImageCookie, 0, (h+rows-1)/rows)
	for y := 0; y < h; y += rows {
		cookies = append(cookies, xproto.GetImage(s.conn, xproto.ImageFormatZPixmap, xproto.Drawable(s.root),
			0, int16(y), uint16(w), uint16(min(rows, h-y)), 0xffffffff))
	}
	var first error
	for i, c := range cookies {
		// The raw reply: 32 bytes of header, then the image. Reading it
		// directly saves xgb's copy into GetImageReply.Data.
		buf, err := c.Cookie.Reply()
		if first != nil {
			continue // drain the remaining replies
		}
		y := i * rows
		n := min(rows, h-y)
		switch {
		case err != nil:
			first = fmt.Errorf("x11: GetImage rows %d-%d: %w", y, y+n, err)
		case len(buf) < 32+stride*n:
			first = fmt.Errorf("x11: GetImage rows %d-%d: %d bytes of image, want %d", y, y+n, len(buf)-32, stride*n)
		default:
			s.format.toFrame(dst.Pix[y*dst.Stride:], dst.Stride, buf[32:], stride, w, n)
		}
	}
	return first
}

// Close releases the shared-memory segment and the connection, and stops
// the event goroutine. It is safe to call more than once.
func (s *Screen) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.dmg.mu.Lock()
	s.dmg.closing = true
	s.dmg.mu.Unlock()
	err := s.releaseSegment()
	// The server frees the Damage object and the regions with the
	// connection.
	xconn.Close(s.conn)
	// The event queue is closed once xgb's reader has exited, which
	// xconn.Close waited for; bounded all the same, for a server that
	// never answers (xgb's own goroutines then stay too).
	t := time.NewTimer(xconn.CloseTimeout)
	select {
	case <-s.dmg.done:
	case <-t.C:
	}
	t.Stop()
	if err != nil {
		return fmt.Errorf("x11: close: %w", err)
	}
	return nil
}

// newSegment creates a segment of size bytes, attaches it here and in the
// server, and marks it for removal, so it disappears when both have
// detached, even if this process dies.
func (s *Screen) newSegment(size int) (*segment, error) {
	id, err := shmGet(size)
	if err != nil {
		return nil, fmt.Errorf("shmget %d bytes: %w", size, err)
	}
	mem, err := shmAttach(id, size)
	if err != nil {
		_ = shmRemove(id)
		return nil, fmt.Errorf("shmat: %w", err)
	}
	xid, err := shm.NewSegId(s.conn)
	if err == nil {
		err = shm.AttachChecked(s.conn, xid, uint32(id), false).Check()
	}
	// Linux lets the server attach a segment already marked for removal,
	// but other kernels do not: remove it only once the server has it.
	rmErr := shmRemove(id)
	if err != nil {
		_ = shmDetach(mem)
		return nil, fmt.Errorf("MIT-SHM attach: %w", err)
	}
	if rmErr != nil {
		shm.Detach(s.conn, xid)
		_ = shmDetach(mem)
		return nil, fmt.Errorf("shmctl IPC_RMID: %w", rmErr)
	}
	return &segment{id: id, xid: xid, mem: mem}, nil
}

// verifySegment checks that the server really writes into our segment: in
// a different IPC namespace (a container, systemd's PrivateIPC=) the same
// id can name another segment, or none, on the server's side. It captures a
// small strip through MIT-SHM over two different canaries and compares it
// with plain GetImage.
func (s *Screen) verifySegment() error {
	w := min(s.width, 16)
	if w == 0 || s.height == 0 {
		return nil
	}
	n := w * 4
	plain, err := xproto.GetImage(s.conn, xproto.ImageFormatZPixmap, xproto.Drawable(s.root), 0, 0, uint16(w), 1, 0xffffffff).Reply()
	if err != nil {
		return fmt.Errorf("verify: GetImage: %w", err)
	}
	for _, canary := range []byte{0xa5, 0x5a} {
		mem := s.seg.mem[:n]
		for i := range mem {
			mem[i] = canary
		}
		if _, err := shm.GetImage(s.conn, xproto.Drawable(s.root), 0, 0, uint16(w), 1, 0xffffffff,
			xproto.ImageFormatZPixmap, s.seg.xid, 0).Reply(); err != nil {
			return fmt.Errorf("verify: MIT-SHM GetImage: %w", err)
		}
		if !sameColours(mem, plain.Data[:n]) {
			return errors.New("verify: the server does not write into this process's segment (different IPC namespace?)")
		}
	}
	return nil
}

// sameColours compares two strips of 32-bit pixels ignoring the unused
// byte of depth-24 pixels (servers may leave it as it was).
func sameColours(a, b []byte) bool {
	for i := 0; i+4 <= len(a); i += 4 {
		if a[i] != b[i] || a[i+1] != b[i+1] || a[i+2] != b[i+2] {
			return false
		}
	}
	return true
}

// dropSegment gives up on MIT-SHM for good, recording why.
func (s *Screen) dropSegment(why error) {
	_ = s.releaseSegment() // nothing to do about a failed shmdt
	s.noSHM = why
}

// releaseSegment detaches the segment from the server and from this
// process; the kernel then frees it (it was marked for removal at attach).
func (s *Screen) releaseSegment() error {
	if s.seg == nil {
		return nil
	}
	shm.Detach(s.conn, s.seg.xid) // unchecked: the connection may be gone
	err := shmDetach(s.seg.mem)
	s.seg = nil
	if s.grabSHM {
		s.grabbed = false // the image went with the segment
	}
	if err != nil {
		return fmt.Errorf("shmdt: %w", err)
	}
	return nil
}
