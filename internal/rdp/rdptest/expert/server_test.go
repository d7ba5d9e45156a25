package expert

import (
	"context"
	"errors"
	"fmt"
	"image"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// This file runs the expert against the lead's whole server (acceptor,
// session, encoder, I/O driver) with a fake screen: the end-to-end proof
// that both sides agree.

// recorder is a server.Handler that keeps what the client did.
type recorder struct {
	server.NopHandler
	mu       sync.Mutex
	conn     *server.Conn
	inputs   []input.Event
	channels map[string][][]byte
	closed   chan error
	changed  chan struct{}
}

func newRecorder() *recorder {
	return &recorder{channels: map[string][][]byte{}, closed: make(chan error, 1), changed: make(chan struct{}, 1)}
}

func (r *recorder) poke() {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

func (r *recorder) Active(c *server.Conn) {
	r.mu.Lock()
	r.conn = c
	r.mu.Unlock()
	r.poke()
}

func (r *recorder) Input(_ *server.Conn, ev input.Event) {
	r.mu.Lock()
	r.inputs = append(r.inputs, ev)
	r.mu.Unlock()
	r.poke()
}

func (r *recorder) ChannelMessage(_ *server.Conn, name string, data []byte) {
	r.mu.Lock()
	r.channels[name] = append(r.channels[name], append([]byte(nil), data...))
	r.mu.Unlock()
	r.poke()
}

func (r *recorder) DVC(*server.Conn, session.Event) {}

func (r *recorder) Closed(_ *server.Conn, err error) { r.closed <- err }

// connection returns the server side of the connection once it is active.
func (r *recorder) connection(ctx context.Context, t *testing.T) *server.Conn {
	t.Helper()
	var c *server.Conn
	if err := r.waitFor(ctx, func(r *recorder) bool { c = r.conn; return c != nil }); err != nil {
		t.Fatal(err)
	}
	return c
}

// waitFor polls cond after every change the handler sees.
func (r *recorder) waitFor(ctx context.Context, cond func(r *recorder) bool) error {
	for {
		r.mu.Lock()
		ok := cond(r)
		r.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-r.changed:
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

type liveServer struct {
	addr   string
	screen *fake.Screen
	rec    *recorder
	srv    *server.Server
}

func startServer(t *testing.T, security acceptor.Security, w, h int, compression bool) *liveServer {
	t.Helper()
	k := testKeys(t)
	ls := &liveServer{screen: fake.New(w, h), rec: newRecorder()}
	srv, err := server.New(server.Config{
		Key:               &serverkey.Key{Private: k.priv, CertDER: k.tls.Certificate[0]},
		Security:          security,
		EncryptionMethods: gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit,
		Screen:            ls.screen,
		Compression:       compression,
		MaxFrameRate:      100,
		UnsafeNoAuth:      true,
		Handler:           func(*server.Conn) server.Handler { return ls.rec },
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ctx, ln)
	}()
	t.Cleanup(func() {
		cancel()
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		srv.Shutdown(sctx)
		<-done
	})
	ls.addr, ls.srv = ln.Addr().String(), srv
	return ls
}

// quantized returns f as a client at bpp sees it.
func quantized(f *shadow.Frame, bpp int) *shadow.Frame {
	q := f.Clone()
	for y := range q.Height {
		for x := range q.Width {
			o := q.PixOffset(x, y)
			q.Pix[o], q.Pix[o+1], q.Pix[o+2] = codec.Quantize(q.Pix[o], q.Pix[o+1], q.Pix[o+2], bpp)
		}
	}
	return q
}

func matches(want *shadow.Frame) func(*shadow.Frame) bool {
	return func(f *shadow.Frame) bool { return shadow.Compare(want, f, 0) == nil }
}

// TestServer connects the expert to the lead's server for each security
// and colour depth and checks the picture, a change of the picture, input,
// channels and both ways of ending.
func TestServer(t *testing.T) {
	cases := []struct {
		name        string
		security    acceptor.Security
		cfg         Config
		compression bool
		bpp         int
	}{
		{"tls-planar", acceptor.SecurityTLS, Config{Security: SecurityTLS}, true, 32},
		{"tls-uncompressed", acceptor.SecurityAuto, Config{}, false, 32},
		{"rdp128-planar", acceptor.SecurityRDP, Config{Security: SecurityRDPLegacy}, true, 32},
		{"rdp56-interleaved24", acceptor.SecurityRDP, Config{Security: SecurityRDP, EncryptionMethods: gcc.EncryptionMethod56Bit,
			SupportedColorDepths: gcc.Support24BPP | gcc.Support16BPP, EarlyCapabilityFlags: gcc.SupportErrInfoPDU}, true, 24},
		{"rdp40-interleaved16", acceptor.SecurityRDP, Config{Security: SecurityRDPLegacy, EncryptionMethods: gcc.EncryptionMethod40Bit,
			SupportedColorDepths: gcc.Support16BPP, HighColorDepth: gcc.HighColor16BPP, EarlyCapabilityFlags: gcc.SupportErrInfoPDU}, true, 16},
		{"tls-planar-cd-header", acceptor.SecurityTLS, Config{Security: SecurityTLS, BitmapCompressionHeader: true}, true, 32},
		{"tls-interleaved24-cd-header", acceptor.SecurityTLS, Config{Security: SecurityTLS, BitmapCompressionHeader: true,
			SupportedColorDepths: gcc.Support24BPP, EarlyCapabilityFlags: gcc.SupportErrInfoPDU}, true, 24},
		{"rdp128-planar-slowpath", acceptor.SecurityRDP, Config{Security: SecurityRDP, FastPathOutput: new(false)}, true, 32},
		{"tls-uncompressed16-slowpath", acceptor.SecurityTLS, Config{Security: SecurityTLS, FastPathOutput: new(false), FastPathInput: new(false),
			SupportedColorDepths: gcc.Support16BPP, HighColorDepth: gcc.HighColor16BPP, EarlyCapabilityFlags: gcc.SupportErrInfoPDU}, false, 16},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := testCtx(t)
			ls := startServer(t, tc.security, 300, 200, tc.compression)
			cfg := tc.cfg
			cfg.UserName, cfg.Logf = "expert", t.Logf
			c, err := Dial(ctx, ls.addr, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if got := c.Result().BitsPerPixel; got != tc.bpp {
				t.Fatalf("session at %d bpp, want %d", got, tc.bpp)
			}
			want := quantized(ls.screen.Frame(), tc.bpp)
			if err := c.WaitFrame(ctx, matches(want)); err != nil {
				t.Fatalf("first frame: %v; %v", err, shadow.Compare(want, c.Framebuffer(), 0))
			}

			// A change on the novice's screen reaches the expert.
			ls.screen.Fill(image.Rect(37, 21, 151, 99), colorRGBA(0xC0, 0x20, 0x60))
			want = quantized(ls.screen.Frame(), tc.bpp)
			if err := c.WaitFrame(ctx, matches(want)); err != nil {
				t.Fatalf("changed frame: %v; %v", err, shadow.Compare(want, c.Framebuffer(), 0))
			}

			// Input reaches the handler in order.
			evs := []input.Event{
				input.Key{Scancode: 0x1E},
				input.Key{Scancode: 0x1E, Flags: input.KeyRelease},
				input.Mouse{X: 10, Y: 20, Move: true},
				input.Wheel{X: 10, Y: 20, Delta: 120},
			}
			if err := c.SendInput(evs...); err != nil {
				t.Fatal(err)
			}
			if err := ls.rec.waitFor(ctx, func(r *recorder) bool { return len(r.inputs) >= len(evs) }); err != nil {
				t.Fatal(err)
			}
			ls.rec.mu.Lock()
			if fmt.Sprint(ls.rec.inputs) != fmt.Sprint(evs) {
				t.Errorf("server got %v, want %v", ls.rec.inputs, evs)
			}
			ls.rec.mu.Unlock()

			// Static channel data both ways.
			if err := c.SendChannel("rdpsnd", []byte("hello")); err != nil {
				t.Fatal(err)
			}
			if err := ls.rec.waitFor(ctx, func(r *recorder) bool { return len(r.channels["rdpsnd"]) == 1 }); err != nil {
				t.Fatal(err)
			}
			ls.rec.connection(ctx, t).Post(func(sc *server.Conn) {
				if err := sc.SendChannel("rdpdr", []byte("from the novice")); err != nil {
					t.Error(err)
				}
			})
			msg, err := c.ReceiveChannel(ctx, "rdpdr")
			if err != nil || string(msg) != "from the novice" {
				t.Errorf("ReceiveChannel = %q, %v", msg, err)
			}

			// The server ends the connection: Set Error Info, Deactivate
			// All, Disconnect Provider Ultimatum.
			ls.rec.connection(ctx, t).Post(func(sc *server.Conn) { sc.Close(pdu.ErrInfoLogoffByUser) })
			err = c.Wait(ctx)
			if !errors.Is(err, ErrDisconnected) {
				t.Fatalf("Err = %v, want ErrDisconnected", err)
			}
			if got := c.ErrorInfo(); got != pdu.ErrInfoLogoffByUser {
				t.Errorf("ErrorInfo = %v", got)
			}
			select {
			case <-ls.rec.closed:
			case <-ctx.Done():
				t.Fatal("server handler not closed")
			}
		})
	}
}

// TestServerKeyUpdate drives both RC4 streams past 4096 packets against
// the lead's server ([MS-RDPBCGR] 5.3.7.1): the expert sends that many
// fast-path input PDUs, the server that many channel chunks.
func TestServerKeyUpdate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"128-salted", Config{Security: SecurityRDPLegacy}},
		{"40-unsalted", Config{Security: SecurityRDP, EncryptionMethods: gcc.EncryptionMethod40Bit, SaltedMAC: new(false)}},
		{"56-slow-path-input", Config{Security: SecurityRDP, EncryptionMethods: gcc.EncryptionMethod56Bit, FastPathInput: new(false)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const n = stdsec.KeyUpdateInterval + 100
			ctx := testCtx(t)
			ls := startServer(t, acceptor.SecurityRDP, 128, 64, true)
			cfg := tc.cfg
			cfg.Logf = t.Logf
			c, err := Dial(ctx, ls.addr, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := c.WaitFrame(ctx, matches(ls.screen.Frame())); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				if err := c.SendInput(input.Mouse{X: uint16(i % 128), Y: uint16(i % 64), Move: true}); err != nil {
					t.Fatalf("input %d: %v", i, err)
				}
			}
			if err := ls.rec.waitFor(ctx, func(r *recorder) bool { return len(r.inputs) >= n }); err != nil {
				t.Fatalf("server got %d inputs: %v (client Err %v)", len(ls.rec.inputs), err, c.Err())
			}
			ls.rec.connection(ctx, t).Post(func(sc *server.Conn) {
				for i := range n {
					if err := sc.SendChannel("rdpsnd", []byte{byte(i), byte(i >> 8)}); err != nil {
						t.Errorf("SendChannel %d: %v", i, err)
						return
					}
				}
			})
			for i := range n {
				msg, err := c.ReceiveChannel(ctx, "rdpsnd")
				if err != nil {
					t.Fatalf("message %d: %v", i, err)
				}
				if len(msg) != 2 || int(msg[0])|int(msg[1])<<8 != i&0xFFFF {
					t.Fatalf("message %d = %x", i, msg)
				}
			}
			// The picture still flows after both key updates.
			ls.screen.Fill(image.Rect(0, 0, 64, 64), colorRGBA(0x11, 0x22, 0x33))
			if err := c.WaitFrame(ctx, matches(ls.screen.Frame())); err != nil {
				t.Fatal(err)
			}
			st := c.Stats()
			if st.Sealed < n || st.Opened < n || st.SealKeyUpdates < 1 || st.OpenKeyUpdates < 1 {
				t.Errorf("stats %+v", st)
			}
			var sst server.Stats
			done := make(chan struct{})
			ls.rec.connection(ctx, t).Post(func(sc *server.Conn) { sst = sc.Stats(); close(done) })
			<-done
			if sst.Opened < n || sst.Sealed < n {
				t.Errorf("server stats %+v", sst)
			}
		})
	}
}

// TestServerControlPDUs: Refresh Rect, Suppress Output, the client's
// Shutdown Request and the client's own disconnect, against the lead's
// server.
func TestServerControlPDUs(t *testing.T) {
	ctx := testCtx(t)
	ls := startServer(t, acceptor.SecurityRDP, 160, 120, true)
	c, err := Dial(ctx, ls.addr, Config{Security: SecurityRDPLegacy, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.WaitFrame(ctx, matches(ls.screen.Frame())); err != nil {
		t.Fatal(err)
	}
	// Refresh Rect: the area comes again although nothing changed.
	n := c.Updates()
	if err := c.SendRefreshRect(pdu.Rectangle16{Left: 0, Top: 0, Right: 63, Bottom: 63}); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitUpdates(ctx, n+1); err != nil {
		t.Fatal(err)
	}
	// Suppress Output, a change, then resume: the change arrives.
	if err := c.SendSuppressOutput(false, nil); err != nil {
		t.Fatal(err)
	}
	ls.screen.Fill(image.Rect(100, 100, 160, 120), colorRGBA(1, 2, 3))
	if err := c.SendSuppressOutput(true, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFrame(ctx, matches(ls.screen.Frame())); err != nil {
		t.Fatal(err)
	}
	// Shutdown Request: the server ends the connection, naming the user.
	if err := c.SendShutdownRequest(); err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(ctx); !errors.Is(err, ErrDisconnected) {
		t.Fatalf("Err = %v", err)
	}
	if got := c.ErrorInfo(); got != pdu.ErrInfoRPCInitiatedDisconnectByUser {
		t.Errorf("ErrorInfo = %v", got)
	}

	// The client's own disconnect (Disconnect Provider Ultimatum).
	c2, err := Dial(ctx, ls.addr, Config{Security: SecurityRDP, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	<-ls.rec.closed // the first connection's
	c2.Close()
	select {
	case err := <-ls.rec.closed:
		if err != nil && !errors.Is(err, session.ErrClientDisconnected) {
			t.Errorf("server saw %v", err)
		}
	case <-ctx.Done():
		t.Fatal(ctx.Err())
	}
}

// TestServerEarlyInput: input and Refresh Rect sent right after the
// Confirm Active, before the server's finalization (2.2.1.13.2: "Once the
// Confirm Active PDU has been sent, the client can start sending input
// PDUs"), as xfreerdp sends its focus triple.
func TestServerEarlyInput(t *testing.T) {
	ctx := testCtx(t)
	ls := startServer(t, acceptor.SecurityRDP, 160, 120, true)
	c, err := Dial(ctx, ls.addr, Config{Security: SecurityRDP, NoWaitActive: true, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// FreeRDP's focus triple right after the Confirm Active.
	if err := c.SendInput(input.Key{Scancode: 0x0F, Flags: input.KeyRelease}, input.Sync{}, input.Key{Scancode: 0x0F, Flags: input.KeyRelease}); err != nil {
		t.Fatal(err)
	}
	if err := c.SendRefreshRect(pdu.Rectangle16{Right: 10, Bottom: 10}); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitActive(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitFrame(ctx, matches(ls.screen.Frame())); err != nil {
		t.Fatal(err, c.Err())
	}
	if err := ls.rec.waitFor(ctx, func(r *recorder) bool { return len(r.inputs) == 3 }); err != nil {
		t.Fatal(err)
	}
}
