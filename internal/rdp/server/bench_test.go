package server

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// BenchmarkAcceptToFirstFrame measures, on loopback, the time from TCP
// connect to the expert holding the whole first frame of a 1280×800
// desktop (the test pattern): the connection sequence, the TLS or RSA key
// exchange, finalization, capture, Planar encoding and decoding. The Go
// test expert is the client, so its own decoding is included.
func BenchmarkAcceptToFirstFrame(b *testing.B) {
	pattern := shadow.Pattern(1280, 800)
	for _, bc := range []struct {
		name string
		sec  acceptor.Security
		cli  expert.Security
	}{
		{"tls", acceptor.SecurityTLS, expert.SecurityTLS},
		{"rdp-128", acceptor.SecurityRDP, expert.SecurityRDPLegacy},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s := newTestServer(b, func(c *Config) {
				c.Security = bc.sec
				c.Screen = fake.NewFrame(pattern)
				c.UnsafeNoAuth = true
				c.MaxPendingHandshakes = 64
			})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			go s.Serve(ctx, ln)
			defer func() {
				cancel()
				sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer scancel()
				s.Shutdown(sctx)
			}()
			for b.Loop() {
				dctx, dcancel := context.WithTimeout(ctx, 30*time.Second)
				c, err := expert.Dial(dctx, ln.Addr().String(), expert.Config{Security: bc.cli, Width: 1280, Height: 800})
				if err != nil {
					b.Fatal(err)
				}
				if err := c.WaitFrame(dctx, func(f *shadow.Frame) bool { return complete(pattern, f) }); err != nil {
					b.Fatal(err)
				}
				dcancel()
				c.Close()
			}
		})
	}
}

// complete reports whether f shows all of want. Tiles arrive in row-major
// order, so the bottom-right pixel gates the full comparison, which would
// otherwise dominate the measurement by running after every update.
func complete(want, f *shadow.Frame) bool {
	x, y := want.Width-1, want.Height-1
	return f.Width == want.Width && f.Height == want.Height && f.At(x, y) == want.At(x, y) &&
		shadow.Compare(want, f, 0) == nil
}
