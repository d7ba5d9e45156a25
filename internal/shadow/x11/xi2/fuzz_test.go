package xi2

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

func FuzzParseDisplay(f *testing.F) {
	for _, s := range []string{":0", ":1.2", "unix:3", "host:4", "tcp/[::1]:5.6", "/tmp/sock", "/a/b:7.8", "decnet::0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		d, err := parseDisplay(name)
		if err != nil {
			return
		}
		if len(d.endpoints) == 0 || d.number < 0 || d.screen < 0 {
			t.Errorf("parseDisplay(%q) = %+v", name, d)
		}
	})
}

func FuzzXauthority(f *testing.F) {
	f.Add(appendAuthEntry(nil, authEntry{family: familyLocal, address: []byte("vm"), number: "7", name: cookieName, data: testCookie}))
	f.Add(appendAuthEntry(appendAuthEntry(nil, authEntry{family: familyWild}), authEntry{family: familyInternet, address: []byte{127, 0, 0, 1}}))
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := parseXauthority(b)
		// The entries read are exactly a prefix of the file, and all of
		// it when there is no error.
		var enc []byte
		for _, e := range entries {
			enc = appendAuthEntry(enc, e)
		}
		if !bytes.HasPrefix(b, enc) || (err == nil && len(enc) != len(b)) {
			t.Errorf("entries %+v (err %v) do not re-encode to the file's prefix", entries, err)
		}
		findCookie(entries, familyLocal, []byte("vm"), "7")
	})
}

func FuzzSetupReply(f *testing.F) {
	f.Add(unhex(f, goldenSetup))
	f.Add([]byte{setupFailed, 3, 11, 0, 0, 0, 1, 0, 'a', 'b', 'c', 0})
	f.Add([]byte{setupAuthenticate, 0, 0, 0, 0, 0, 1, 0, 'x', 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		if n, err := setupReplyLen(b); err == nil && n < setupHeaderLen {
			t.Errorf("setupReplyLen = %d", n)
		}
		info, err := parseSetupReply(b)
		if err == nil && len(info.roots) == 0 {
			t.Error("success without a root window")
		}
	})
}

func FuzzGenericEvent(f *testing.F) {
	f.Add(unhex(f, recordedRawKeyPress))
	hier := make([]byte, 32)
	hier[0], hier[1], hier[8] = msgGenericEvent, 131, xiHierarchyChanged
	f.Add(hier)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) >= msgHeaderLen {
			if n, err := messageLen(b[:msgHeaderLen]); err == nil && (n < msgHeaderLen || n > maxMessageLen) {
				t.Errorf("messageLen = %d", n)
			}
		}
		ev, err := parseGenericEvent(b, 131)
		if err != nil {
			return
		}
		s := newSession(esc, func(time.Time) bool { return true }, xvfbDevs)
		if p, ok := s.rawEvent(ev, time.Time{}); ok && (p.Keycode != esc || ev.detail != esc) {
			t.Errorf("press %+v reported for event %+v", p, ev)
		}
	})
}

func FuzzXIQueryDeviceReply(f *testing.F) {
	f.Add(unhex(f, goldenQueryDevice))
	f.Add(unhex(f, "01 30 04 00 00 00 00 00 00 00 00 00 0000000000000000000000000000000000000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		devs, err := parseXIQueryDeviceReply(b)
		if err != nil {
			return
		}
		// Each device took at least its fixed part and padded name.
		n := msgHeaderLen
		for _, d := range devs {
			n += deviceInfoLen + pad4(len(d.name))
		}
		if n > len(b) {
			t.Errorf("%d devices need %d bytes, reply has %d", len(devs), n, len(b))
		}
	})
}

// FuzzWatchLoop feeds arbitrary server bytes to the watcher's reader loop,
// as they would arrive after the handshake: it must end with an error (the
// stream ends), never panic or hang.
func FuzzWatchLoop(f *testing.F) {
	ev := unhex(f, recordedRawKeyPress)
	hier := make([]byte, 32)
	hier[0], hier[1], hier[8] = msgGenericEvent, 131, xiHierarchyChanged
	reply := unhex(f, goldenQueryDevice)
	put16(reply[2:], 1) // the sequence of the first request the loop sends
	f.Add(bytes.Join([][]byte{ev, hier, ev, reply, ev}, nil))
	f.Add(append(make([]byte, 32), ev...)) // an error message
	f.Fuzz(func(t *testing.T, b []byte) {
		c := &conn{nc: fakeNetConn{bytes.NewReader(b)}, r: bufio.NewReader(bytes.NewReader(b))}
		w := &Watcher{presses: make(chan Press, pressBuffer), done: make(chan struct{})}
		s := newSession(esc, func(time.Time) bool { return false }, xvfbDevs)
		err := w.loop(c, 131, s, func() time.Time { return time.Time{} })
		if err == nil {
			t.Fatal("loop ended without an error")
		}
		if len(b) == 0 && !errors.Is(err, io.EOF) {
			t.Errorf("empty stream: err = %v, want EOF", err)
		}
	})
}

// fakeNetConn is a net.Conn whose writes vanish; reads are not used
// (conn reads through its bufio.Reader).
type fakeNetConn struct{ io.Reader }

func (fakeNetConn) Write(b []byte) (int, error)      { return len(b), nil }
func (fakeNetConn) Close() error                     { return nil }
func (fakeNetConn) LocalAddr() net.Addr              { return &net.UnixAddr{} }
func (fakeNetConn) RemoteAddr() net.Addr             { return &net.UnixAddr{} }
func (fakeNetConn) SetDeadline(time.Time) error      { return nil }
func (fakeNetConn) SetReadDeadline(time.Time) error  { return nil }
func (fakeNetConn) SetWriteDeadline(time.Time) error { return nil }
