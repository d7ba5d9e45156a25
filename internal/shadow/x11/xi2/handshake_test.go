package xi2

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitTimeout bounds every wait for something an X server does within
// milliseconds.
const waitTimeout = 10 * time.Second

// fakeServer listens on a Unix socket (its path is the display name) and
// runs script on the first connection, after reading the setup request.
func fakeServer(t *testing.T, script func(c net.Conn)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "X")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	serve(t, l, script)
	return path
}

// serve runs script on l's first connection, after reading the setup
// request, until the test ends.
func serve(t *testing.T, l net.Listener, script func(c net.Conn)) {
	t.Setenv("XAUTHORITY", filepath.Join(t.TempDir(), "none")) // no cookie: a 12-byte setup request
	done := make(chan struct{})
	t.Cleanup(func() {
		l.Close()
		<-done
	})
	go func() {
		defer close(done)
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		setup := make([]byte, 12)
		if _, err := io.ReadFull(c, setup); err != nil || !bytes.Equal(setup, encodeSetupRequest("", nil)) {
			t.Errorf("setup request %x, %v", setup, err)
			return
		}
		script(c)
	}()
}

// readRequest reads one request and checks it against want.
func readRequest(t *testing.T, c net.Conn, want []byte) bool {
	head := make([]byte, 4)
	if _, err := io.ReadFull(c, head); err != nil {
		t.Errorf("read request: %v", err)
		return false
	}
	req := make([]byte, 4*int(get16(head[2:])))
	if len(req) < 4 {
		t.Errorf("request of length 0: %x", head)
		return false
	}
	copy(req, head)
	if _, err := io.ReadFull(c, req[4:]); err != nil {
		t.Errorf("read request: %v", err)
		return false
	}
	if !bytes.Equal(req, want) {
		t.Errorf("request %x, want %x", req, want)
		return false
	}
	return true
}

func reply(seq uint16, body ...byte) []byte {
	b := make([]byte, 32)
	b[0] = msgReply
	put16(b[2:], seq)
	copy(b[8:], body)
	return b
}

// serveUntilSelect answers the setup, QueryExtension (XInput at 131) and
// XIQueryVersion (with version major.minor), then reads XISelectEvents
// and XIQueryDevice.
func serveUntilSelect(t *testing.T, c net.Conn, present bool, major, minor byte) bool {
	c.Write(unhex(t, goldenSetup))
	if !readRequest(t, c, encodeQueryExtension("XInputExtension")) {
		return false
	}
	p := byte(0)
	if present {
		p = 1
	}
	c.Write(reply(1, p, 131, 66, 129))
	if !present {
		return false
	}
	if !readRequest(t, c, encodeXIQueryVersion(131, 2, 2)) {
		return false
	}
	c.Write(reply(2, major, 0, minor, 0))
	if major < 2 || minor < 1 {
		return false
	}
	return readRequest(t, c, encodeXISelectEvents(131, 0x50d, []eventMask{{xiAllDevices, 1<<xiRawKeyPress | 1<<xiHierarchyChanged}})) &&
		readRequest(t, c, encodeXIQueryDevice(131, xiAllDevices))
}

// TestWatchHandshake has a scripted server send a raw ESC press before
// the device list; Watch reports it once the list is known.
func TestWatchHandshake(t *testing.T) {
	display := fakeServer(t, func(c net.Conn) {
		if !serveUntilSelect(t, c, true, 2, 4) {
			return
		}
		c.Write(unhex(t, recordedRawKeyPress)) // from device 5
		devs := unhex(t, goldenQueryDevice)
		put16(devs[2:], 4)
		c.Write(devs)
		io.Copy(io.Discard, c) // until the watcher hangs up
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := Watch(ctx, Options{Display: display, Keycode: esc})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-w.Presses():
		if p.DeviceName != "Virtual core XTEST keyboard" || !p.XTest || p.ServerTime != 0x01045474 {
			t.Errorf("press = %+v", p)
		}
	case <-time.After(waitTimeout):
		t.Fatal("the press sent before the device list was not reported")
	}
	cancel()
	for range w.Presses() {
	}
}

// TestWatchTCP reaches a server at host:N on port 6000+N (a free N).
func TestWatchTCP(t *testing.T) {
	var l net.Listener
	n := 0
	for n = 70; n < 100; n++ {
		var err error
		if l, err = net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(x11TCPPort+n)); err == nil {
			break
		}
	}
	if l == nil {
		t.Skip("no free port in 6070-6099")
	}
	serve(t, l, func(c net.Conn) {
		if serveUntilSelect(t, c, true, 2, 2) {
			devs := unhex(t, goldenQueryDevice)
			put16(devs[2:], 4)
			c.Write(devs)
			io.Copy(io.Discard, c)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w, err := Watch(ctx, Options{Display: "127.0.0.1:" + strconv.Itoa(n), Keycode: esc})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	for range w.Presses() {
	}
}

func TestWatchHandshakeFailures(t *testing.T) {
	tests := []struct {
		name   string
		script func(t *testing.T, c net.Conn)
		want   string
	}{
		{"no XInput", func(t *testing.T, c net.Conn) { serveUntilSelect(t, c, false, 0, 0) }, "no XInput 2.1"},
		{"XI 2.0", func(t *testing.T, c net.Conn) { serveUntilSelect(t, c, true, 2, 0) }, "no XInput 2.1 (server has 2.0)"},
		{"select refused", func(t *testing.T, c net.Conn) {
			if serveUntilSelect(t, c, true, 2, 2) {
				xerr := make([]byte, 32)
				xerr[1], xerr[10] = 2, 131 // BadValue in XInput's request 46
				xerr[8] = xiSelectEvents
				put16(xerr[2:], 3)
				c.Write(xerr)
			}
		}, "X error 2 for request 131.46"},
		{"hang up", func(t *testing.T, c net.Conn) {
			c.Write(unhex(t, goldenSetup))
			readRequest(t, c, encodeQueryExtension("XInputExtension"))
		}, "EOF"},
		{"refused", func(t *testing.T, c net.Conn) {
			c.Write([]byte{setupFailed, 5, 11, 0, 0, 0, 2, 0, 'N', 'o', '!', '!', '!', 0, 0, 0})
		}, "refused the connection: No!!!"},
		{"garbage setup", func(t *testing.T, c net.Conn) {
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
		}, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			display := fakeServer(t, func(c net.Conn) { tt.script(t, c) })
			_, err := Watch(context.Background(), Options{Display: display, Keycode: esc})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Watch: %v, want an error containing %q", err, tt.want)
			}
			if tt.want == "no XInput 2.1" && !errors.Is(err, ErrNoXInput2) {
				t.Errorf("Watch: %v, want ErrNoXInput2", err)
			}
		})
	}
}

// TestWatchHandshakeDeadline: a server that accepts but never answers
// holds Watch only until ctx's deadline.
func TestWatchHandshakeDeadline(t *testing.T) {
	display := fakeServer(t, func(c net.Conn) { io.Copy(io.Discard, c) })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Watch(ctx, Options{Display: display, Keycode: esc})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Watch: %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > waitTimeout {
		t.Errorf("Watch took %v", d)
	}
}
