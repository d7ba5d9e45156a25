package expert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// securityCase is one way of securing a connection.
type securityCase struct {
	name       string
	server     serverConfig
	client     Config
	protocol   x224.Protocols
	method     gcc.EncryptionMethod
	requested  x224.Protocols
	saltedWant bool
}

var securityCases = []securityCase{
	{name: "tls", server: serverConfig{security: acceptor.SecurityTLS}, client: Config{Security: SecurityTLS},
		protocol: x224.ProtocolSSL, requested: x224.ProtocolSSL},
	{name: "auto-picks-tls", server: serverConfig{security: acceptor.SecurityAuto}, client: Config{Security: SecurityAuto, OfferProtocols: x224.ProtocolSSL | x224.ProtocolHybrid, MessageChannel: true},
		protocol: x224.ProtocolSSL, requested: x224.ProtocolSSL | x224.ProtocolHybrid},
	{name: "rdp-128", server: serverConfig{security: acceptor.SecurityRDP}, client: Config{Security: SecurityRDP},
		protocol: x224.ProtocolRDP, method: gcc.EncryptionMethod128Bit, saltedWant: true},
	{name: "rdp-legacy-128", server: serverConfig{security: acceptor.SecurityAuto}, client: Config{Security: SecurityRDPLegacy, MessageChannel: true},
		protocol: x224.ProtocolRDP, method: gcc.EncryptionMethod128Bit, saltedWant: true},
	{name: "downgrade-to-rdp-56", server: serverConfig{security: acceptor.SecurityRDP, methods: gcc.EncryptionMethod56Bit | gcc.EncryptionMethod40Bit}, client: Config{Security: SecurityAuto},
		protocol: x224.ProtocolRDP, method: gcc.EncryptionMethod56Bit, requested: x224.ProtocolSSL, saltedWant: true},
	{name: "rdp-56", server: serverConfig{security: acceptor.SecurityRDP}, client: Config{Security: SecurityRDPLegacy, EncryptionMethods: gcc.EncryptionMethod56Bit},
		protocol: x224.ProtocolRDP, method: gcc.EncryptionMethod56Bit, saltedWant: true},
	{name: "rdp-40", server: serverConfig{security: acceptor.SecurityRDP}, client: Config{Security: SecurityRDPLegacy, EncryptionMethods: gcc.EncryptionMethod40Bit},
		protocol: x224.ProtocolRDP, method: gcc.EncryptionMethod40Bit, saltedWant: true},
	{name: "rdp-128-unsalted", server: serverConfig{security: acceptor.SecurityRDP}, client: Config{Security: SecurityRDP, SaltedMAC: new(false)},
		protocol: x224.ProtocolRDP, method: gcc.EncryptionMethod128Bit},
}

// TestAcceptor runs the expert against the lead's acceptor up to its
// StateDone (the Confirm Active) and checks what each side established and
// that the client's finalization batch arrives intact.
func TestAcceptor(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.client
			cfg.UserName, cfg.Password, cfg.WorkingDir, cfg.AlternateShell = "expert", "s3cret", "session-id", "ra-pass"
			p, err := connect(t, tc.server, cfg)
			if err != nil {
				t.Fatal(err)
			}
			c, s := p.client, p.srv
			res := c.Result()
			if res.Protocol != tc.protocol || s.res.Protocol != tc.protocol {
				t.Errorf("protocol: client %v, server %v, want %v", res.Protocol, s.res.Protocol, tc.protocol)
			}
			if res.RequestedProtocols != tc.requested || s.res.RequestedProtocols != tc.requested {
				t.Errorf("requested protocols: client %v, server %v, want %v", res.RequestedProtocols, s.res.RequestedProtocols, tc.requested)
			}
			if res.EncryptionMethod != tc.method || s.res.EncryptionMethod != tc.method {
				t.Errorf("method: client %v, server %v, want %v", res.EncryptionMethod, s.res.EncryptionMethod, tc.method)
			}
			if res.UserChannel != s.res.UserChannel || res.UserChannel != 1008 {
				t.Errorf("user channel: client %d, server %d, want 1008", res.UserChannel, s.res.UserChannel)
			}
			if len(res.Channels) != len(s.res.Channels) {
				t.Fatalf("channels: client %v, server %v", res.Channels, s.res.Channels)
			}
			for i, ch := range res.Channels {
				if sc := s.res.Channels[i]; ch.Name != sc.Name || ch.ID != sc.ID || ch.Options != sc.Options {
					t.Errorf("channel %d: client %+v, server %+v", i, ch, sc)
				}
			}
			if id, ok := c.ChannelID("drdynvc"); !ok || id != 1007 {
				t.Errorf("ChannelID(drdynvc) = %d, %v", id, ok)
			}
			kh, kh2 := c.KH()
			if tc.protocol == x224.ProtocolSSL {
				if kh != "" || kh2 != "" || c.TLSState() == nil {
					t.Errorf("TLS: KH %q %q, TLS state %v", kh, kh2, c.TLSState())
				}
			} else {
				k := testKeys(t)
				if kh != k.kh || kh2 != k.kh2 {
					t.Errorf("KH = %q %q, want %q %q", kh, kh2, k.kh, k.kh2)
				}
			}
			if res.DesktopWidth != 200 || res.DesktopHeight != 150 || res.BitsPerPixel != 32 {
				t.Errorf("desktop %dx%d@%d", res.DesktopWidth, res.DesktopHeight, res.BitsPerPixel)
			}
			if res.SaltedMAC != tc.saltedWant {
				t.Errorf("salted MAC %v, want %v", res.SaltedMAC, tc.saltedWant)
			}

			// What the acceptor saw of the expert.
			info := s.res.ClientInfo
			if info.UserName != "expert" || info.Password != "s3cret" || info.WorkingDir != "session-id" || info.AlternateShell != "ra-pass" {
				t.Errorf("client info %v", info)
			}
			if info.Flags != xfreerdpInfoFlags|sec.InfoAutologon {
				t.Errorf("info flags %v", info.Flags)
			}
			if s.res.Cookie != "expert" {
				t.Errorf("cookie %q", s.res.Cookie)
			}
			cc := s.res.ClientCaps
			if !cc.FastPathOutput || cc.SaltedChecksum != tc.saltedWant || cc.PreferredBitsPerPixel != 32 ||
				cc.ClientMaxRequestSize != acceptor.MultifragmentSize(200, 150) || !cc.HasPointerCacheSize ||
				cc.InputFlags&caps.InputFlagFastPathInput2 == 0 {
				t.Errorf("client caps as negotiated by the server: %+v", cc)
			}
			if res.MaxRequestSize != acceptor.MultifragmentSize(200, 150) {
				t.Errorf("MaxRequestSize %d", res.MaxRequestSize)
			}
			if !res.FastPathInput {
				t.Error("fast-path input not selected")
			}

			// The finalization batch arrives after the Confirm Active.
			if err := s.readBatch(); err != nil {
				t.Fatal(err)
			}
			if c.Active() {
				t.Error("active before the server's finalization")
			}
			if err := c.Err(); err != nil {
				t.Errorf("reader error: %v", err)
			}
		})
	}
}

// TestNewClientPipe runs the connection sequence over a net.Pipe, which
// has no buffering: every write must be matched by a read.
func TestNewClientPipe(t *testing.T) {
	for name, sec := range map[string]acceptor.Security{"tls": acceptor.SecurityTLS, "rdp": acceptor.SecurityRDP} {
		t.Run(name, func(t *testing.T) {
			ctx := testCtx(t)
			cconn, sconn := net.Pipe()
			srvCh := make(chan *testServer, 1)
			errCh := make(chan error, 1)
			go func() {
				s, err := acceptConn(ctx, t, sconn, serverConfig{security: sec})
				if err == nil {
					err = s.finalize()
				}
				srvCh <- s
				errCh <- err
			}()
			c, err := NewClient(ctx, cconn, Config{Logf: t.Logf})
			if err != nil {
				t.Fatal(err)
			}
			s := <-srvCh
			if err := <-errCh; err != nil {
				t.Fatal(err)
			}
			s.drain()
			if !c.Active() {
				t.Error("not active")
			}
			c.Close()
			if err := c.Err(); !errors.Is(err, ErrClosed) {
				t.Errorf("Err after Close = %v, want ErrClosed", err)
			}
			if err := c.SendInput(input.Sync{}); !errors.Is(err, ErrClosed) {
				t.Errorf("SendInput after Close = %v", err)
			}
		})
	}
}

// TestSession exercises the reader and the senders against a session
// played on top of the acceptor's Link, for every security case.
func TestSession(t *testing.T) {
	for _, tc := range securityCases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := connect(t, tc.server, tc.client)
			if err != nil {
				t.Fatal(err)
			}
			p.activate(t)
			c, s := p.client, p.srv
			s.startReader()
			ctx := testCtx(t)

			// Graphics: the whole test pattern as planar 64×64 tiles
			// (32 bpp), several rectangles per update.
			want := shadow.Pattern(200, 150)
			n, err := s.sendBitmaps(encodeTiles(t, want, want.Rect(), 64, 32, codecPlanar), 3)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.WaitUpdates(ctx, n); err != nil {
				t.Fatal(err)
			}
			if err := shadow.Compare(want, c.Framebuffer(), 0); err != nil {
				t.Fatalf("planar: %v", err)
			}

			// A fragmented update: four uncompressed 64×64 tiles (64 KiB)
			// in one update, split into FIRST/NEXT/LAST.
			want.Fill(image.Rect(10, 10, 60, 60), colorRGBA(0x10, 0x80, 0xF0))
			rects := encodeTiles(t, want, image.Rect(0, 0, 128, 128), 64, 32, codecUncompressed)
			if _, err := s.sendBitmaps(rects, len(rects)); err != nil {
				t.Fatal(err)
			}
			if err := c.WaitUpdates(ctx, n+1); err != nil {
				t.Fatal(err)
			}
			if err := shadow.Compare(want, c.Framebuffer(), 0); err != nil {
				t.Fatalf("fragmented uncompressed: %v", err)
			}

			// Static channels both ways, across the 1600-byte chunk size.
			msg := bytes.Repeat([]byte("0123456789"), 500)
			if err := c.SendChannel("cliprdr", msg); err != nil {
				t.Fatal(err)
			}
			select {
			case m := <-s.channel:
				if m.id != 1006 || !bytes.Equal(m.msg, msg) {
					t.Errorf("server got %d bytes on %d", len(m.msg), m.id)
				}
			case err := <-s.readErr:
				t.Fatal(err)
			case <-ctx.Done():
				t.Fatal(ctx.Err())
			}
			if err := sendChannel(s, 1007, msg); err != nil {
				t.Fatal(err)
			}
			got, err := c.ReceiveChannel(ctx, "drdynvc")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, msg) {
				t.Errorf("client got %d bytes", len(got))
			}

			// Input, fast-path (the server's Input set allows it).
			evs := []input.Event{
				input.Key{Scancode: 0x0F, Flags: input.KeyRelease},
				input.Sync{Toggles: input.NumLock},
				input.Mouse{X: 100, Y: 100, Move: true},
				input.Mouse{X: 100, Y: 100, Button: input.ButtonLeft, Down: true},
				input.Unicode{Code: 'é'},
				input.Wheel{X: 1, Y: 2, Delta: -120},
			}
			if err := c.SendInput(evs...); err != nil {
				t.Fatal(err)
			}
			gotEv, fp := receiveInput(t, ctx, s)
			if fmt.Sprint(gotEv) != fmt.Sprint(evs) || !fp {
				t.Errorf("server got %v (fast-path %v), want %v", gotEv, fp, evs)
			}

			// Refresh Rect and Suppress Output.
			if err := c.SendRefreshRect(pdu.Rectangle16{Right: 9, Bottom: 9}); err != nil {
				t.Fatal(err)
			}
			if err := c.SendSuppressOutput(false, nil); err != nil {
				t.Fatal(err)
			}
			if err := c.SendSuppressOutput(true, nil); err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{
				"*pdu.RefreshRect &{[{0 0 9 9}]}",
				"*pdu.SuppressOutput &{false <nil>}",
				"*pdu.SuppressOutput &{true 0x",
			} {
				d := receiveData(t, ctx, s)
				if got := fmt.Sprintf("%T %v", d.body, d.body); !strings.HasPrefix(got, w) {
					t.Errorf("server got %s, want %s", got, w)
				}
			}

			// Set Error Info, then a disconnect.
			if err := s.sendData(pdu.PDUType2SetErrorInfo, &pdu.SetErrorInfo{ErrorInfo: pdu.ErrInfoRPCInitiatedDisconnect}); err != nil {
				t.Fatal(err)
			}
			if err := s.sendDPUm(mcs.ReasonProviderInitiated); err != nil {
				t.Fatal(err)
			}
			err = c.Wait(ctx)
			if !errors.Is(err, ErrDisconnected) {
				t.Fatalf("Err = %v, want ErrDisconnected", err)
			}
			if r, ok := c.DisconnectReason(); !ok || r != mcs.ReasonProviderInitiated {
				t.Errorf("DisconnectReason = %v, %v", r, ok)
			}
			if c.ErrorInfo() != pdu.ErrInfoRPCInitiatedDisconnect {
				t.Errorf("ErrorInfo = %v", c.ErrorInfo())
			}
			st := c.Stats()
			if st.BitmapUpdates != n+1 || st.ChannelMessages != 1 || st.FastPathSent != 1 {
				t.Errorf("stats %+v", st)
			}
			if tc.method != 0 && (st.Sealed == 0 || st.Opened == 0) {
				t.Errorf("no encrypted packets counted: %+v", st)
			}
		})
	}
}

func colorRGBA(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 0xFF} }

// sendChannel sends msg from the server on channel id, chunked.
func sendChannel(s *testServer, id uint16, msg []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, chunk := range svc.AppendChunks(nil, msg, svc.ChunkSize, 0) {
		out, err := s.link.AppendSlowPath(nil, id, 0, chunk)
		if err != nil {
			return err
		}
		if err := s.write(out); err != nil {
			return err
		}
	}
	return nil
}

func receiveInput(t *testing.T, ctx context.Context, s *testServer) ([]input.Event, bool) {
	t.Helper()
	var all []input.Event
	fpAll := true
	for {
		select {
		case evs := <-s.inputs:
			fp := <-s.inputFP
			all = append(all, evs...)
			fpAll = fpAll && fp
			if len(s.inputs) == 0 {
				return all, fpAll
			}
		case err := <-s.readErr:
			t.Fatal(err)
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		}
	}
}

func receiveData(t *testing.T, ctx context.Context, s *testServer) dataPDU {
	t.Helper()
	select {
	case d := <-s.data:
		return d
	case err := <-s.readErr:
		t.Fatal(err)
	case <-ctx.Done():
		t.Fatal(ctx.Err())
	}
	return dataPDU{}
}

// TestAcceptorColorDepth checks the session colour depth the acceptor
// picks from what CS_CORE offers, as FreeRDP's server picks it.
func TestAcceptorColorDepth(t *testing.T) {
	cases := []struct {
		name      string
		high      gcc.HighColorDepth
		supported gcc.SupportedColorDepths
		early     gcc.EarlyCapabilityFlags
		want      int
	}{
		{"xfreerdp-default", 0, 0, 0, 32},
		{"24-without-want32", gcc.HighColor24BPP, gcc.Support24BPP | gcc.Support16BPP | gcc.Support32BPP, gcc.SupportErrInfoPDU, 24},
		{"16-only", gcc.HighColor16BPP, gcc.Support16BPP, gcc.SupportErrInfoPDU, 16},
		{"xfreerdp-bpp16", gcc.HighColor16BPP, gcc.Support24BPP | gcc.Support16BPP | gcc.Support15BPP | gcc.Support32BPP, gcc.SupportErrInfoPDU, 16},
		{"15-only", gcc.HighColor15BPP, gcc.Support15BPP, gcc.SupportErrInfoPDU, 15},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := connect(t, serverConfig{security: acceptor.SecurityTLS}, Config{
				Security: SecurityTLS, HighColorDepth: tc.high, SupportedColorDepths: tc.supported, EarlyCapabilityFlags: tc.early,
			})
			if err != nil {
				t.Fatal(err)
			}
			got := int(p.srv.res.BitsPerPixel)
			if got != tc.want || p.client.Result().BitsPerPixel != tc.want {
				t.Errorf("acceptor chose %d bpp, client has %d, want %d", got, p.client.Result().BitsPerPixel, tc.want)
			}
		})
	}
}
