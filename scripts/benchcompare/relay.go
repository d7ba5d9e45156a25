//go:build linux

package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// relayHandshakeTimeout bounds the X.224 and TLS exchanges the relay takes
// part in.
const relayHandshakeTimeout = 20 * time.Second

// relay sits between the client and the server and measures what the
// server sends. RDP over TLS hides the PDUs, so the relay terminates TLS
// on both sides (the client is told to ignore certificates): it forwards
// the X.224 negotiation as it is, then does a TLS handshake as the server
// towards the client and as a client towards the server, and copies
// plaintext between them. Bytes are counted below TLS, on the server's
// socket, so they are exactly what the server put on the wire; PDUs are
// counted on the plaintext (rdpStream).
//
// The copy is a plain blocking loop with one 64 KiB buffer, so a slow
// client still pushes back on the server as over a direct connection: a
// server that paces by its socket (ranoviced pulls a new frame only when
// its writer is idle) sees the same back-pressure.
type relay struct {
	ln     net.Listener
	target string
	cert   tls.Certificate
	gap    time.Duration

	serverBytes atomic.Int64 // bytes read from the server's socket

	mu     sync.Mutex // guards the fields below
	stats  streamStats
	errs   []error // why connections failed or stopped being counted
	conns  []net.Conn
	closed bool
	wg     sync.WaitGroup
}

// relaySnapshot is the relay's counters at one moment.
type relaySnapshot struct {
	bytes int64
	at    time.Time
	streamStats
}

func newRelay(target string, cert tls.Certificate, gap time.Duration) (*relay, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &relay{ln: ln, target: target, cert: cert, gap: gap}
	r.wg.Go(r.accept)
	return r, nil
}

func (r *relay) addr() string { return r.ln.Addr().String() }

func (r *relay) snapshot() relaySnapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	return relaySnapshot{bytes: r.serverBytes.Load(), at: time.Now(), streamStats: r.stats}
}

// errors returns what went wrong so far.
func (r *relay) errors() []error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]error(nil), r.errs...)
}

func (r *relay) fail(err error) {
	r.mu.Lock()
	r.errs = append(r.errs, err)
	r.mu.Unlock()
}

// close stops accepting, closes every connection and waits for the
// copying goroutines.
func (r *relay) close() {
	r.mu.Lock()
	r.closed = true
	conns := r.conns
	r.conns = nil
	r.mu.Unlock()
	r.ln.Close()
	for _, c := range conns {
		c.Close()
	}
	r.wg.Wait()
}

// track registers c to be closed by close; it reports false (and closes
// c) if the relay is already closed.
func (r *relay) track(c net.Conn) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		c.Close()
		return false
	}
	r.conns = append(r.conns, c)
	return true
}

func (r *relay) accept() {
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		if !r.track(c) {
			return
		}
		r.wg.Go(func() {
			if err := r.serve(c); err != nil {
				r.fail(err)
			}
		})
	}
}

// countingConn counts the bytes read from the server.
type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (r *relay) serve(client net.Conn) error {
	defer client.Close()
	raw, err := net.DialTimeout("tcp", r.target, relayHandshakeTimeout)
	if err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	if !r.track(raw) {
		return nil
	}
	defer raw.Close()
	server := countingConn{Conn: raw, n: &r.serverBytes}

	deadline := time.Now().Add(relayHandshakeTimeout)
	client.SetDeadline(deadline)
	server.SetDeadline(deadline)
	// X.224 Connection Request, then Connection Confirm, both forwarded
	// untouched.
	cr, err := readTPKT(client)
	if err != nil {
		return fmt.Errorf("relay: client's Connection Request: %w", err)
	}
	if _, err := server.Write(cr); err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	cc, err := readTPKT(server)
	if err != nil {
		return fmt.Errorf("relay: server's Connection Confirm: %w", err)
	}
	if _, err := client.Write(cc); err != nil {
		return fmt.Errorf("relay: %w", err)
	}
	var confirm x224.ConnectionConfirm
	if err := confirm.UnmarshalBinary(cc); err != nil {
		return fmt.Errorf("relay: Connection Confirm: %w", err)
	}
	if confirm.NegRsp == nil || confirm.NegRsp.Protocol != x224.ProtocolSSL {
		// Standard RDP Security (or NLA) cannot be looked into: pass the
		// bytes through and count only them.
		r.fail(errors.New("relay: the server did not select plain TLS; only bytes are counted"))
		client.SetDeadline(time.Time{})
		server.SetDeadline(time.Time{})
		return r.pump(client, server, client, server, nil)
	}

	toServer := tls.Client(server, &tls.Config{InsecureSkipVerify: true})
	if err := toServer.Handshake(); err != nil {
		return fmt.Errorf("relay: TLS with the server: %w", err)
	}
	toClient := tls.Server(client, &tls.Config{Certificates: []tls.Certificate{r.cert}})
	if err := toClient.Handshake(); err != nil {
		return fmt.Errorf("relay: TLS with the client: %w", err)
	}
	client.SetDeadline(time.Time{})
	server.SetDeadline(time.Time{})
	r.mu.Lock()
	stream := newRDPStream(&r.stats, r.gap)
	r.mu.Unlock()
	return r.pump(toClient, toServer, client, raw, stream)
}

// pump copies both ways until either side ends, counting the server's
// PDUs into stream (nil: do not parse). Closing the raw connections stops
// both copies.
func (r *relay) pump(client, server io.ReadWriter, rawClient, rawServer net.Conn, stream *rdpStream) error {
	done := make(chan struct{}, 2)
	go func() {
		io.Copy(server, client)
		done <- struct{}{}
	}()
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := server.Read(buf)
			if n > 0 && stream != nil {
				r.mu.Lock()
				stream.feed(buf[:n], time.Now())
				if stream.err != nil {
					r.errs = append(r.errs, fmt.Errorf("relay: stopped counting PDUs: %w", stream.err))
					stream = nil
				}
				r.mu.Unlock()
			}
			if n > 0 {
				if _, werr := client.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		done <- struct{}{}
	}()
	<-done
	rawClient.Close()
	rawServer.Close()
	<-done
	return nil
}

// readTPKT reads one TPKT (used only for the X.224 connection PDUs,
// which always travel as TPKTs).
func readTPKT(r io.Reader) ([]byte, error) {
	hdr := make([]byte, 4)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return nil, err
	}
	n, err := x224.ParseTPKTHeader(hdr)
	if err != nil {
		return nil, err
	}
	if n < 4 {
		return nil, fmt.Errorf("TPKT length %d", n)
	}
	b := make([]byte, n)
	copy(b, hdr)
	if _, err := io.ReadFull(r, b[4:]); err != nil {
		return nil, err
	}
	return b, nil
}

// selfSignedCert makes the certificate the relay shows the client (RSA,
// which every RDP client takes).
func selfSignedCert() (tls.Certificate, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "benchcompare relay"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
