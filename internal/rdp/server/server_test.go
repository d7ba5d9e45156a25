package server

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// testKey is generated once per test binary: RSA key generation is slow.
var (
	testKeyOnce sync.Once
	testKey     *serverkey.Key
	testKeyErr  error
	testKeyDir  string
)

func key(t testing.TB) *serverkey.Key {
	t.Helper()
	testKeyOnce.Do(func() {
		dir, err := newKeyDir()
		if err != nil {
			testKeyErr = err
			return
		}
		testKeyDir = dir
		testKey, testKeyErr = serverkey.LoadOrCreate(dir, "test", time.Now())
	})
	if testKeyErr != nil {
		t.Fatal(testKeyErr)
	}
	return testKey
}

func newTestServer(t testing.TB, mod func(*Config)) *Server {
	t.Helper()
	cfg := Config{
		Key:                  key(t),
		Security:             acceptor.SecurityAuto,
		EncryptionMethods:    gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit,
		HandshakeTimeout:     20 * time.Second,
		StepTimeout:          10 * time.Second,
		MaxPendingHandshakes: 4,
		Screen:               fake.New(640, 480),
		Compression:          true,
	}
	if mod != nil {
		mod(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// closedWithin reports whether the server closed its end of c: a read
// returns EOF (or a closed-pipe error) rather than blocking.
func readClosed(c net.Conn) error {
	var b [1]byte
	_, err := c.Read(b[:])
	return err
}

// TestHandshakeTimeout: a client that connects and sends nothing, or that
// trickles bytes slower than the protocol needs, is disconnected when the
// step timeout or the overall handshake deadline passes (fake time).
func TestHandshakeTimeout(t *testing.T) {
	tests := []struct {
		name  string
		drip  time.Duration // 0: send nothing
		limit time.Duration // the server must have closed by then
	}{
		{"silent client hits the step timeout", 0, 10*time.Second + time.Millisecond},
		{"slowloris hits the overall deadline", 5 * time.Second, 20*time.Second + time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, nil)
			synctest.Test(t, func(t *testing.T) {
				client, server := net.Pipe()
				defer client.Close()
				start := time.Now()
				done := make(chan struct{})
				go func() { s.serveConn(context.Background(), server); close(done) }()
				dripped := make(chan struct{})
				if tt.drip == 0 {
					close(dripped)
				} else {
					// A Connection Request header, one byte every drip: each
					// read completes within the step timeout, but the
					// whole never does.
					go func() {
						defer close(dripped)
						for _, b := range []byte{0x03, 0x00, 0x00, 0x2C, 0x27, 0xE0, 0, 0, 0, 0, 0} {
							time.Sleep(tt.drip)
							if _, err := client.Write([]byte{b}); err != nil {
								return
							}
						}
					}()
				}
				err := readClosed(client)
				if err == nil {
					t.Fatal("server sent data instead of closing")
				}
				<-done
				if elapsed := time.Since(start); elapsed > tt.limit {
					t.Fatalf("closed after %v, want by %v", elapsed, tt.limit)
				}
				client.Close()
				<-dripped // its next write fails; no goroutine outlives the bubble
			})
		})
	}
}

// TestPendingHandshakeCap: connections beyond MaxPendingHandshakes that are
// still in the handshake are closed at once; the earlier ones stay open.
func TestPendingHandshakeCap(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxPendingHandshakes = 2 })
	synctest.Test(t, func(t *testing.T) {
		var clients []net.Conn
		var wg sync.WaitGroup
		for range 3 {
			client, server := net.Pipe()
			clients = append(clients, client)
			wg.Go(func() { s.serveConn(context.Background(), server) })
			synctest.Wait() // let serveConn take (or fail to take) a token
		}
		// The third connection was refused without waiting.
		if err := readClosed(clients[2]); !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrClosedPipe) {
			t.Fatalf("third connection: read err %v, want closed", err)
		}
		// The first two are still waiting for their Connection Request.
		synctest.Wait()
		select {
		case <-done(&wg):
			t.Fatal("pending connections were closed early")
		default:
		}
		for _, c := range clients {
			c.Close()
		}
		wg.Wait()
		// Their tokens were returned: a new connection is accepted again.
		client, server := net.Pipe()
		defer client.Close()
		go s.serveConn(context.Background(), server)
		synctest.Wait()
		if len(s.handshakes) != 1 {
			t.Fatalf("%d handshakes pending, want 1", len(s.handshakes))
		}
	})
}

func done(wg *sync.WaitGroup) <-chan struct{} {
	ch := make(chan struct{})
	go func() { wg.Wait(); close(ch) }()
	return ch
}

// TestGarbageConnectionRequest: a malformed first PDU ends the connection
// with an error, never a panic, and frees the handshake slot.
func TestGarbageConnectionRequest(t *testing.T) {
	s := newTestServer(t, nil)
	synctest.Test(t, func(t *testing.T) {
		for _, garbage := range [][]byte{
			{0x03, 0x00, 0x00, 0x08, 0xFF, 0xFF, 0xFF, 0xFF}, // TPKT holding no X.224 CR
			{0x16, 0x03, 0x01, 0x00, 0x05},                   // a TLS ClientHello without RDP negotiation
			{0x03, 0x01, 0x00, 0x13},                         // bad TPKT reserved byte
		} {
			client, server := net.Pipe()
			finished := make(chan struct{})
			go func() { s.serveConn(context.Background(), server); close(finished) }()
			go client.Write(garbage)
			if err := readClosed(client); err == nil {
				// An RDP_NEG_FAILURE or nothing at all may come back; read
				// until the server closes.
				for readClosed(client) == nil {
				}
			}
			<-finished
			client.Close()
		}
		if len(s.handshakes) != 0 {
			t.Fatalf("%d handshake slots leaked", len(s.handshakes))
		}
	})
}
