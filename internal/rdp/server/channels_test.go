package server

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

func serve(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go s.Serve(ctx, ln)
	t.Cleanup(func() {
		cancel()
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		if err := s.Shutdown(sctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return ln.Addr().String()
}

// dialExpert connects the Go test expert to addr for the rest of the test
// and returns it with a context that bounds the test's waits.
func dialExpert(t *testing.T, addr string, cfg expert.Config) (context.Context, *expert.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	e, err := expert.Dial(ctx, addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return ctx, e
}

// sameAs reports frames equal to want, for WaitFrame.
func sameAs(want *shadow.Frame) func(*shadow.Frame) bool {
	return func(f *shadow.Frame) bool { return shadow.Compare(want, f, 0) == nil }
}

// reverser greets on Start and answers every message reversed; "drop" is a
// channel-scoped error and "die" a fatal one.
type reverser struct{}

func (reverser) Name() string             { return "rdpdr" }
func (reverser) Start() ([][]byte, error) { return [][]byte{[]byte("hello")}, nil }
func (reverser) Process(msg []byte) ([][]byte, error) {
	switch string(msg) {
	case "drop":
		return nil, &svc.ChannelError{Channel: "rdpdr", Err: errors.New("dropped")}
	case "die":
		return nil, errors.New("fatal")
	}
	out := slices.Clone(msg)
	slices.Reverse(out)
	return [][]byte{out}, nil
}

// TestChannelProcessors: a processor registered for a channel name greets
// the client once the connection is active and answers its messages
// (reassembled from several chunks); a channel-scoped error drops one
// message, any other error ends the connection.
func TestChannelProcessors(t *testing.T) {
	for _, bc := range []struct {
		name string
		sec  acceptor.Security
		cli  expert.Security
	}{{"tls", acceptor.SecurityTLS, expert.SecurityTLS}, {"rdp", acceptor.SecurityRDP, expert.SecurityRDPLegacy}} {
		t.Run(bc.name, func(t *testing.T) {
			s := newTestServer(t, func(c *Config) {
				c.Security = bc.sec
				c.Channels = map[string]func(*Conn) svc.Processor{"rdpdr": func(*Conn) svc.Processor { return reverser{} }}
			})
			addr := serve(t, s)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			c, err := expert.Dial(ctx, addr, expert.Config{Security: bc.cli})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if got, err := c.ReceiveChannel(ctx, "rdpdr"); err != nil || string(got) != "hello" {
				t.Fatalf("greeting %q, %v", got, err)
			}
			long := bytes.Repeat([]byte("0123456789"), 500) // four chunks
			for _, msg := range [][]byte{[]byte("ab"), []byte("drop"), long} {
				if err := c.SendChannel("rdpdr", msg); err != nil {
					t.Fatal(err)
				}
			}
			for _, want := range [][]byte{[]byte("ba"), reversed(long)} {
				got, err := c.ReceiveChannel(ctx, "rdpdr")
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("reply of %d bytes (%v), want %d", len(got), err, len(want))
				}
			}
			if err := c.SendChannel("rdpdr", []byte("die")); err != nil {
				t.Fatal(err)
			}
			if err := c.Wait(ctx); err == nil {
				t.Fatal("connection survived a fatal processor error")
			}
		})
	}
}

func reversed(b []byte) []byte {
	out := slices.Clone(b)
	slices.Reverse(out)
	return out
}

// TestNoDesktopWithoutAuthorization: unless the connection is allowed to
// view (UnsafeNoAuth here; Remote Assistance consent later), the expert gets
// the neutral placeholder and no pixel of the desktop, also after a
// refresh; once viewing is allowed the desktop appears.
func TestNoDesktopWithoutAuthorization(t *testing.T) {
	desktop := fake.New(256, 192)
	conns := make(chan *Conn, 1)
	s := newTestServer(t, func(c *Config) {
		c.Screen = desktop
		c.Handler = func(c *Conn) Handler { return activeNotifier{conns} }
	})
	addr := serve(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := expert.Dial(ctx, addr, expert.Config{Security: expert.SecurityTLS})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	grey := color.RGBA{R: placeholderColor, G: placeholderColor, B: placeholderColor, A: 0xFF}
	placeholder := shadow.NewFrame(256, 192)
	placeholder.Fill(placeholder.Rect(), grey)
	if err := c.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(placeholder, f, 0) == nil }); err != nil {
		t.Fatal(err)
	}
	conn := <-conns
	// More frames while the desktop changes: the desktop is not even
	// captured, and the expert's picture stays grey.
	for i := range 5 {
		desktop.Fill(desktop.Frame().Rect(), color.RGBA{R: uint8(i * 40), G: 0x80, B: 0x20, A: 0xFF})
		errc := make(chan error, 1)
		conn.Post(func(c *Conn) { c.gfx.lastFrame = time.Time{}; errc <- c.gfx.tick() })
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	if n := desktop.Captures(); n != 0 {
		t.Fatalf("the desktop was captured %d times for an unauthorised expert", n)
	}
	if st := statsOf(conn); st.FramesSent != 1 {
		t.Errorf("%d frames sent for an unchanging placeholder, want 1", st.FramesSent)
	}
	if err := shadow.Compare(placeholder, c.Framebuffer(), 0); err != nil {
		t.Fatalf("desktop pixels reached an unauthorised expert: %v", err)
	}
	conn.Post(func(c *Conn) { c.SetViewing(true) })
	if err := c.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(desktop.Frame(), f, 0) == nil }); err != nil {
		t.Fatalf("desktop did not appear once viewing was allowed: %v", err)
	}
}

type activeNotifier struct {
	ch chan<- *Conn
}

func (activeNotifier) Input(*Conn, input.Event)             {}
func (activeNotifier) ChannelMessage(*Conn, string, []byte) {}
func (activeNotifier) DVC(*Conn, session.Event)             {}
func (activeNotifier) Closed(*Conn, error)                  {}
func (a activeNotifier) Active(c *Conn)                     { a.ch <- c }

func statsOf(c *Conn) Stats {
	ch := make(chan Stats, 1)
	c.Post(func(c *Conn) { ch <- c.Stats() })
	return <-ch
}

// TestKeyHashesMatchTheCertificate: the KH and KH2 the server exposes for
// invitations are the hashes of the proprietary certificate a client
// receives under Standard RDP Security, and they stay the same for every
// connection (one persistent key).
func TestKeyHashesMatchTheCertificate(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.Security = acceptor.SecurityRDP })
	addr := serve(t, s)
	kh, kh2 := s.KeyHashes()
	if kh == "" || len(kh2) < len("sha256:") || kh2[:7] != "sha256:" {
		t.Fatalf("KeyHashes = %q, %q", kh, kh2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for range 2 {
		c, err := expert.Dial(ctx, addr, expert.Config{Security: expert.SecurityRDPLegacy})
		if err != nil {
			t.Fatal(err)
		}
		gotKH, gotKH2 := c.KH()
		c.Close()
		if gotKH != kh || gotKH2 != kh2 {
			t.Fatalf("client computed KH %q KH2 %q from the certificate, server says %q %q", gotKH, gotKH2, kh, kh2)
		}
	}
}

// TestCheckClientInfoAndCloseWhere: the Client Info check refuses a
// client before any capability exchange; an accepted connection is listed
// with its WorkingDir and CloseWhere ends it with the reason given.
func TestCheckClientInfoAndCloseWhere(t *testing.T) {
	s := newTestServer(t, func(c *Config) {
		c.Security = acceptor.SecurityRDP
		c.CheckClientInfo = func(_ net.Addr, ci *sec.ClientInfo) error {
			if ci.WorkingDir != "live-invitation-id" {
				return errors.New("no such invitation")
			}
			return nil
		}
	})
	addr := serve(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if c, err := expert.Dial(ctx, addr, expert.Config{Security: expert.SecurityRDPLegacy, WorkingDir: "stale-id"}); err == nil {
		c.Close()
		t.Fatal("a client naming no live invitation got through")
	}
	c, err := expert.Dial(ctx, addr, expert.Config{Security: expert.SecurityRDPLegacy, WorkingDir: "live-invitation-id", UserName: "helper"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var conns []ConnInfo
	for len(conns) == 0 && ctx.Err() == nil {
		conns = s.Connections()
	}
	if len(conns) != 1 || conns[0].WorkingDir != "live-invitation-id" || conns[0].User != "helper" {
		t.Fatalf("Connections = %+v", conns)
	}
	n := s.CloseWhere(func(ci ConnInfo) bool { return ci.WorkingDir == "live-invitation-id" }, pdu.ErrInfoRPCInitiatedDisconnect)
	if n != 1 {
		t.Fatalf("CloseWhere closed %d", n)
	}
	if err := c.Wait(ctx); err == nil {
		t.Fatal("connection still open")
	}
	if got := c.ErrorInfo(); got != pdu.ErrInfoRPCInitiatedDisconnect {
		t.Errorf("error info %v", got)
	}
}
