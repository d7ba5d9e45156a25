package xi2

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// Claimer is the part of the daemon's injection ledger the watcher uses;
// *shadow.KeyLedger implements it. Claim reports whether a press of
// keycode seen at now is one the daemon injected, and consumes that entry.
type Claimer interface {
	Claim(keycode uint8, now time.Time) bool
}

// Options configures Watch.
type Options struct {
	// Display is the X display name; "" means $DISPLAY. Its screen
	// number picks the root window to select on (raw events go to every
	// root window, so any screen will do).
	Display string
	// Keycode is the X keycode of the panic key (8-255). Escape is 9 in
	// the evdev keymap of Xorg and Xvfb; a caller with another keymap
	// looks the keysym up.
	Keycode uint8
	// Ledger identifies the daemon's own injected presses. nil means
	// there is none: every press from an XTEST device is reported. (An
	// interface holding a nil *shadow.KeyLedger is not nil.)
	Ledger Claimer
	// Now is the clock for ledger claims and Press.Time; nil means
	// time.Now.
	Now func() time.Time
}

// Press is a local press of the panic key.
type Press struct {
	// Time is when the watcher received the event (Options.Now).
	Time time.Time
	// ServerTime is the X server's timestamp of the press, in
	// milliseconds.
	ServerTime uint32
	// Keycode is the key pressed as the server reported it: always
	// Options.Keycode.
	Keycode uint8
	// Device is the XInput2 id of the slave device the press came from,
	// and DeviceName its name ("" if the watcher does not know it).
	Device     uint16
	DeviceName string
	// XTest is set when the press came from an XTEST device without a
	// ledger entry: another XTest client on the novice's machine
	// (xdotool, an accessibility tool), not a keyboard.
	XTest bool
}

// ErrNoXInput2 is returned (wrapped) by Watch when the X server lacks the
// XInput extension at version 2.1 or later.
var ErrNoXInput2 = errors.New("xi2: the X server has no XInput 2.1")

const (
	// handshakeTimeout bounds the connection setup and the requests
	// before Watch returns, when ctx has no earlier deadline: a wedged
	// server must not hang the daemon's start.
	handshakeTimeout = 10 * time.Second
	// pressBuffer is how many unread presses the watcher holds. It never
	// blocks on a slow receiver (the X server would queue our events
	// meanwhile); a press that finds the buffer full is dropped, as
	// there are unread presses to act upon anyway.
	pressBuffer = 16
)

// Watcher reports local presses of the panic key.
type Watcher struct {
	presses chan Press
	done    chan struct{} // closed, after err is set, when the watcher stops
	err     error
}

// Presses returns the channel on which each local press is reported. It is
// closed when the watcher stops: ctx ended or the connection failed.
func (w *Watcher) Presses() <-chan Press { return w.presses }

// Err says why the watcher stopped: ctx's cause (context.Canceled or
// context.DeadlineExceeded) or the connection's error. It is nil while the
// watcher runs.
func (w *Watcher) Err() error {
	select {
	case <-w.done:
		return w.err
	default:
		return nil
	}
}

// Watch connects to the display, selects XInput2 raw key presses and
// hierarchy changes on the root window, and reports each local press of
// the key until ctx ends or the connection fails. It returns once the
// server has processed the selection, so a key pressed after Watch returns
// is seen.
func Watch(ctx context.Context, opt Options) (*Watcher, error) {
	if opt.Keycode < 8 {
		return nil, fmt.Errorf("xi2: keycode %d is not an X keycode (8-255)", opt.Keycode)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	name := opt.Display
	if name == "" {
		name = os.Getenv("DISPLAY")
	}
	d, err := parseDisplay(name)
	if err != nil {
		return nil, err
	}

	hctx, cancel := context.WithTimeout(ctx, handshakeTimeout)
	defer cancel()
	c, err := dial(hctx, d)
	if err != nil {
		return nil, handshakeErr(ctx, err)
	}
	// Closing the connection is what unblocks its reader when ctx ends,
	// both during the handshake and after; the deadline bounds the
	// handshake.
	stop := context.AfterFunc(ctx, func() { c.close() })
	fail := func(err error) (*Watcher, error) {
		stop()
		c.close()
		return nil, handshakeErr(ctx, err)
	}
	if dl, ok := hctx.Deadline(); ok {
		if err := c.nc.SetDeadline(dl); err != nil {
			return fail(err)
		}
	}
	info, err := c.setup(d.number)
	if err != nil {
		return fail(err)
	}
	xiOpcode, s, early, err := handshake(c, info, d.screen, opt)
	if err != nil {
		return fail(err)
	}
	if err := c.nc.SetDeadline(time.Time{}); err != nil {
		return fail(err)
	}

	w := &Watcher{presses: make(chan Press, pressBuffer), done: make(chan struct{})}
	// Raw events that arrived with the handshake's replies. Hierarchy
	// changes among them are already in the device list, which the
	// server produced after them.
	for _, msg := range early {
		ev, err := parseGenericEvent(msg, xiOpcode)
		if err != nil {
			return fail(err)
		}
		if ev.extension == xiOpcode {
			if p, ok := s.rawEvent(ev, opt.Now()); ok {
				w.deliver(p)
			}
		}
	}
	go w.run(ctx, stop, c, xiOpcode, s, opt.Now)
	return w, nil
}

// handshake checks for XInput 2.1, selects the events and fetches the
// device list. It returns the extension's major opcode, the session and
// the GenericEvents that arrived before the device list.
func handshake(c *conn, info setupInfo, screen int, opt Options) (uint8, *session, [][]byte, error) {
	if screen >= len(info.roots) {
		return 0, nil, nil, fmt.Errorf("xi2: display has no screen %d", screen)
	}
	root := info.roots[screen]

	reply, err := c.roundTrip(encodeQueryExtension("XInputExtension"), nil)
	if err != nil {
		return 0, nil, nil, err
	}
	ext, err := parseQueryExtensionReply(reply)
	if err != nil {
		return 0, nil, nil, err
	}
	if !ext.present {
		return 0, nil, nil, ErrNoXInput2
	}

	// Ask for 2.2 (what this client understands); sourceid in raw events
	// and raw events during other clients' grabs need 2.1.
	reply, err = c.roundTrip(encodeXIQueryVersion(ext.major, 2, 2), nil)
	if err != nil {
		return 0, nil, nil, err
	}
	major, minor, err := parseXIQueryVersionReply(reply)
	if err != nil {
		return 0, nil, nil, err
	}
	if major < 2 || (major == 2 && minor < 1) {
		return 0, nil, nil, fmt.Errorf("%w (server has %d.%d)", ErrNoXInput2, major, minor)
	}

	// One mask for XIAllDevices: HierarchyChanged may only be selected
	// there, and it makes raw events come from every slave, floating ones
	// included (XIAllMasterDevices would only give the masters' copies).
	sel := encodeXISelectEvents(ext.major, root, []eventMask{{
		deviceid: xiAllDevices,
		mask:     1<<xiRawKeyPress | 1<<xiHierarchyChanged,
	}})
	if _, err := c.send(sel); err != nil {
		return 0, nil, nil, err
	}
	// Querying the devices after selecting both misses no hierarchy
	// change and is the round trip after which the selection holds.
	var early [][]byte
	reply, err = c.roundTrip(encodeXIQueryDevice(ext.major, xiAllDevices), &early)
	if err != nil {
		return 0, nil, nil, err
	}
	devs, err := parseXIQueryDeviceReply(reply)
	if err != nil {
		return 0, nil, nil, err
	}
	var claim func(time.Time) bool
	if opt.Ledger != nil {
		claim = func(now time.Time) bool { return opt.Ledger.Claim(opt.Keycode, now) }
	}
	return ext.major, newSession(opt.Keycode, claim, devs), early, nil
}

// run reads the connection until it fails or ctx ends.
func (w *Watcher) run(ctx context.Context, stop func() bool, c *conn, xiOpcode uint8, s *session, now func() time.Time) {
	err := w.loop(c, xiOpcode, s, now)
	stop()
	c.close()
	w.err = ctxErr(ctx, err)
	close(w.done)
	close(w.presses)
}

func (w *Watcher) loop(c *conn, xiOpcode uint8, s *session, now func() time.Time) error {
	var querySeq uint16 // sequence of the outstanding XIQueryDevice
	for {
		msg, err := c.read()
		if err != nil {
			return fmt.Errorf("xi2: read: %w", err)
		}
		switch msg[0] &^ sendEventBit {
		case msgError:
			// The only request sent from here is XIQueryDevice.
			xerr, err := parseError(msg)
			if err != nil {
				return err
			}
			return xerr
		case msgReply:
			if !s.refreshing || sequence(msg) != querySeq {
				return malformed("unexpected reply for sequence %d", sequence(msg))
			}
			devs, err := parseXIQueryDeviceReply(msg)
			if err != nil {
				return err
			}
			for _, p := range s.devicesReplied(devs) {
				w.deliver(p)
			}
		case msgGenericEvent:
			ev, err := parseGenericEvent(msg, xiOpcode)
			if err != nil {
				return err
			}
			if ev.extension != xiOpcode {
				continue
			}
			switch ev.evtype {
			case xiHierarchyChanged:
				if s.hierarchyChanged() {
					if querySeq, err = c.send(encodeXIQueryDevice(xiOpcode, xiAllDevices)); err != nil {
						return err
					}
				}
			case xiRawKeyPress:
				if p, ok := s.rawEvent(ev, now()); ok {
					w.deliver(p)
				}
			}
		}
		// Core events (MappingNotify goes to every client) are skipped.
	}
}

// deliver reports p without ever blocking (see pressBuffer).
func (w *Watcher) deliver(p Press) {
	select {
	case w.presses <- p:
	default:
	}
}

// handshakeErr is ctxErr for the handshake, whose reads also end at the
// handshake deadline.
func handshakeErr(ctx context.Context, err error) error {
	if ctx.Err() == nil && errors.Is(err, os.ErrDeadlineExceeded) {
		// ctx's own deadline may be the one that passed, its timer not
		// yet fired.
		return fmt.Errorf("xi2: the X server did not answer in time: %w", context.DeadlineExceeded)
	}
	return ctxErr(ctx, err)
}

// ctxErr prefers ctx's cause over err once ctx has ended: the connection
// error is then only the consequence of closing it.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}
