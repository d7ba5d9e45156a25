//go:build interop

package e2e

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"sync"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/dvc"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// echoChannel is the dynamic channel name of [MS-RDPEECO]; xfreerdp's
// /echo plugin listens for it and writes back every message it receives,
// whole (FreeRDP 2.11.7 channels/echo/client/echo_main.c: the drdynvc
// client reassembles DATA_FIRST and DATA before the plugin sees the
// message, and fragments the echo again).
const echoChannel = "ECHO"

// TestDVCEcho proves the "Done when" item: the server opens a dynamic
// virtual channel on xfreerdp and exchanges whole messages over it in both
// directions, from 1 byte to well beyond one channel chunk: 1 byte, 1,590
// bytes (dvc.MaxDataSize, the most the server puts in one DYNVC_DATA) and
// 100 KiB (DYNVC_DATA_FIRST and many DYNVC_DATA, reassembled by both
// sides). Each echo must equal
// what was sent, in order.
func TestDVCEcho(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	// Random contents, and each a different length, so a lost, repeated or
	// reordered echo shows.
	msgs := make([][]byte, 0, 3)
	for _, n := range []int{1, dvc.MaxDataSize, 100 << 10} {
		m := make([]byte, n)
		rand.Read(m)
		msgs = append(msgs, m)
	}

	// The handler opens the channel when the connection is active and
	// sends the messages when the client has accepted it.
	var mu sync.Mutex
	var errs []error
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	opt := serverOptions{
		Security: acceptor.SecurityRDP,
		OnActive: func(c *server.Conn) {
			if _, err := c.OpenDVC(echoChannel); err != nil {
				fail(fmt.Errorf("OpenDVC: %w", err))
			}
		},
		OnDVC: func(c *server.Conn, ev session.Event) {
			if o, ok := ev.(session.DVCOpened); ok && o.Name == echoChannel {
				for _, m := range msgs {
					if err := c.SendDVC(o.ID, m); err != nil {
						fail(fmt.Errorf("SendDVC of %d bytes: %w", len(m), err))
					}
				}
			}
		},
	}
	novice := startNovice(t, shadow.Pattern(noviceW, noviceH))
	srv := startServer(t, novice, opt)
	ex := startExpert(t)
	// Standard RDP Security: the channel data is encrypted and MACed too.
	cl := startClient(t, ex.Display, srv.Addr, "/sec:rdp", "/echo")
	waitActive(t, srv, cl)

	var id uint32
	var echoes [][]byte
	var log []string
	waitFor(t, eventTimeout, "echoes", func() (bool, string) {
		mu.Lock()
		e := errs
		mu.Unlock()
		if len(e) > 0 {
			t.Fatalf("handler: %v", e)
		}
		id, echoes, log = 0, nil, nil
		for _, ev := range srv.Rec.DVCEvents() {
			switch e := ev.(type) {
			case session.DVCOpened:
				log = append(log, fmt.Sprintf("opened %q as %d", e.Name, e.ID))
				if e.Name == echoChannel {
					id = e.ID
				}
			case session.DVCOpenFailed:
				t.Fatalf("xfreerdp refused channel %q (status %#x)", e.Name, uint32(e.Status))
			case session.DVCMessage:
				log = append(log, fmt.Sprintf("%d bytes on %d", len(e.Data), e.ID))
				if id != 0 && e.ID == id {
					echoes = append(echoes, e.Data)
				}
			case session.DVCClosed:
				t.Fatalf("channel %q (%d) closed", e.Name, e.ID)
			}
		}
		return len(echoes) >= len(msgs), fmt.Sprintf("DVC events: %v", log)
	})
	t.Logf("DVC events: %v", log)
	if len(echoes) != len(msgs) {
		t.Errorf("%d echoes, want %d", len(echoes), len(msgs))
	}
	for i := range min(len(echoes), len(msgs)) {
		if !bytes.Equal(echoes[i], msgs[i]) {
			t.Errorf("echo %d: %d bytes, want the %d bytes sent (first difference at %d)", i, len(echoes[i]), len(msgs[i]), firstDiff(echoes[i], msgs[i]))
		}
	}
	finish(t, srv, cl)
}

// firstDiff returns the index of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
