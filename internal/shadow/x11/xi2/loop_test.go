package xi2

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"
	"time"
)

// recordingConn is a fakeNetConn that keeps what is written to it.
type recordingConn struct {
	fakeNetConn
	written *bytes.Buffer
}

func (c recordingConn) Write(b []byte) (int, error) { return c.written.Write(b) }

// TestWatchLoop replays a server stream after the handshake: a press, a
// hierarchy change (the loop asks for the devices), a press while the
// query is outstanding (held back), the reply, a press, and checks what is
// reported and sent.
func TestWatchLoop(t *testing.T) {
	press := func(src uint16, key uint32) []byte {
		b := unhex(t, recordedRawKeyPress)
		put16(b[10:], src)
		put16(b[20:], src)
		put32(b[16:], key)
		return b
	}
	hier := make([]byte, 32)
	hier[0], hier[1], hier[8] = msgGenericEvent, 131, xiHierarchyChanged
	reply := unhex(t, goldenQueryDevice) // devices 3 and 5 only: 7 is gone
	put16(reply[2:], 1)
	mapping := make([]byte, 32)
	mapping[0] = 34 // MappingNotify
	stream := bytes.Join([][]byte{
		press(7, esc), mapping, press(7, 38), hier, press(5, esc), hier, reply, press(7, esc),
	}, nil)

	var written bytes.Buffer
	c := &conn{nc: recordingConn{written: &written}, r: bufio.NewReader(bytes.NewReader(stream))}
	w := &Watcher{presses: make(chan Press, pressBuffer), done: make(chan struct{})}
	s := newSession(esc, func(time.Time) bool { return false }, xvfbDevs)
	err := w.loop(c, 131, s, func() time.Time { return time.Unix(7, 0) })
	if !errors.Is(err, io.EOF) {
		t.Errorf("loop: %v, want EOF at the end of the stream", err)
	}
	if want := encodeXIQueryDevice(131, xiAllDevices); !bytes.Equal(written.Bytes(), want) {
		t.Errorf("sent %x, want one XIQueryDevice %x", written.Bytes(), want)
	}
	close(w.presses)
	var got []string
	for p := range w.presses {
		got = append(got, p.DeviceName)
	}
	want := []string{"Xvfb keyboard", "Virtual core XTEST keyboard", ""}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("presses from %q, want %q", got, want)
	}
}

func TestWatchLoopFailures(t *testing.T) {
	xerr := make([]byte, 32)
	xerr[1] = 2
	strayReply := unhex(t, goldenQueryDevice)
	badEvent := unhex(t, recordedRawKeyPress)
	put16(badEvent[22:], 100) // valuator mask overruns the event
	for name, stream := range map[string][]byte{
		"X error":          xerr,
		"unexpected reply": strayReply,
		"bad raw event":    badEvent,
		"truncated event":  unhex(t, recordedRawKeyPress)[:36],
	} {
		c := &conn{nc: fakeNetConn{}, r: bufio.NewReader(bytes.NewReader(stream))}
		w := &Watcher{presses: make(chan Press, pressBuffer), done: make(chan struct{})}
		err := w.loop(c, 131, newSession(esc, nil, xvfbDevs), time.Now)
		if err == nil || errors.Is(err, io.EOF) {
			t.Errorf("%s: loop: %v, want an error before the end of the stream", name, err)
		}
	}
}
