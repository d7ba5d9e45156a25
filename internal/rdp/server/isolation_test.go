package server

import (
	"context"
	"image"
	"image/color"
	"net"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// TestBadPDUEndsOnlyThatConnection: after activation, a malformed PDU from
// one expert ends that connection with a Set Error Info, a disconnect and
// a logged reason; another expert connected to the same server keeps
// receiving the desktop.
func TestBadPDUEndsOnlyThatConnection(t *testing.T) {
	for _, bc := range []struct {
		name string
		sec  acceptor.Security
		cli  expert.Security
		raw  []byte // sent after activation, outside the RC4 stream
		want pdu.ErrorInfo
	}{
		{"tls truncated share control", acceptor.SecurityTLS, expert.SecurityTLS,
			[]byte{0x03, 0x00, 0x00, 0x10, 0x02, 0xF0, 0x80, 0x64, 0x00, 0x05, 0x03, 0xEB, 0x70, 0x03, 0x10, 0x00}, pdu.ErrInfoUnknownPDUType},
		{"rdp forged encrypted input", acceptor.SecurityRDP, expert.SecurityRDPLegacy,
			[]byte{0xC4, 0x0E, 1, 2, 3, 4, 5, 6, 7, 8, 0x10, 0x20, 0x30, 0x40}, pdu.ErrInfoDecryptFailed},
	} {
		t.Run(bc.name, func(t *testing.T) {
			core, logs := observer.New(zap.InfoLevel)
			screen := fake.New(320, 240)
			s := newTestServer(t, func(c *Config) {
				c.Logger = zap.New(core)
				c.Security = bc.sec
				c.Screen = screen
				c.UnsafeNoAuth = true
			})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			go s.Serve(ctx, ln)
			defer s.Shutdown(context.Background())

			good, err := expert.Dial(ctx, ln.Addr().String(), expert.Config{Security: bc.cli})
			if err != nil {
				t.Fatal(err)
			}
			defer good.Close()
			bad, err := expert.Dial(ctx, ln.Addr().String(), expert.Config{Security: bc.cli})
			if err != nil {
				t.Fatal(err)
			}
			defer bad.Close()
			if err := bad.SendRaw(bc.raw); err != nil {
				t.Fatal(err)
			}
			select {
			case <-bad.Done():
			case <-ctx.Done():
				t.Fatal("the server did not end the connection that sent garbage")
			}
			if got := bad.ErrorInfo(); got != bc.want {
				t.Errorf("error info %v, want %v", got, bc.want)
			}
			// The other expert still gets what changes on the desktop.
			screen.Fill(image.Rect(0, 0, 320, 240), color.RGBA{R: 0x12, G: 0x34, B: 0x56, A: 0xFF})
			if err := good.WaitFrame(ctx, func(f *shadow.Frame) bool { return f.At(100, 100) == color.RGBA{R: 0x12, G: 0x34, B: 0x56, A: 0xFF} }); err != nil {
				t.Fatalf("the other connection stopped working: %v", err)
			}
			found := false
			for _, e := range logs.FilterMessage("connection ended").All() {
				for _, f := range e.Context {
					if f.Key == "error" && strings.TrimSpace(f.Interface.(error).Error()) != "" {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no \"connection ended\" log with the reason; logs: %v", logs.All())
			}
		})
	}
}
