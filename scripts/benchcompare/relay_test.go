//go:build linux

package main

import (
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// TestRelayCountsThroughTLS runs the relay between a fake client and a
// fake server that negotiate TLS the RDP way (X.224 in the clear, then
// TLS) and checks that the client gets the server's bytes unchanged, that
// the PDUs are counted on the plaintext and the bytes under TLS.
func TestRelayCountsThroughTLS(t *testing.T) {
	cert, err := selfSignedCert()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	// Three fast-path bitmap updates in one burst, then one 50 ms later:
	// two frames.
	var burst []byte
	for range 3 {
		burst = append(burst, fastPathPDU(t, fastpath.Update{Code: fastpath.UpdateBitmap, Data: make([]byte, 1000)})...)
	}
	late := fastPathPDU(t, fastpath.Update{Code: fastpath.UpdateBitmap, Data: make([]byte, 10)})

	serverErr := make(chan error, 1)
	go func() {
		serverErr <- func() error {
			c, err := ln.Accept()
			if err != nil {
				return err
			}
			defer c.Close()
			if _, err := readTPKT(c); err != nil {
				return err
			}
			cc := x224.ConnectionConfirm{NegRsp: &x224.NegotiationResponse{Protocol: x224.ProtocolSSL}}
			b, err := cc.AppendBinary(nil)
			if err != nil {
				return err
			}
			if _, err := c.Write(b); err != nil {
				return err
			}
			tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}})
			if _, err := tc.Write(burst); err != nil {
				return err
			}
			time.Sleep(50 * time.Millisecond)
			if _, err := tc.Write(late); err != nil {
				return err
			}
			// Wait for the client to hang up (how is not the test's
			// business).
			io.Copy(io.Discard, tc)
			return nil
		}()
	}()

	rl, err := newRelay(ln.Addr().String(), cert, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer rl.close()
	c, err := net.Dial("tcp", rl.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	cr := []byte{0x03, 0x00, 0x00, 0x0b, 0x06, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00}
	if _, err := c.Write(cr); err != nil {
		t.Fatal(err)
	}
	cc, err := readTPKT(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(cc) != 19 {
		t.Fatalf("Connection Confirm of %d bytes", len(cc))
	}
	tc := tls.Client(c, &tls.Config{InsecureSkipVerify: true})
	got := make([]byte, len(burst)+len(late))
	if _, err := io.ReadFull(tc, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, append(burst, late...)) {
		t.Error("the client did not get the server's bytes")
	}

	s := rl.snapshot()
	if s.Updates != 4 || s.Frames != 2 || s.FastPath != 4 {
		t.Errorf("counted %+v; want 4 updates in 2 frames", s.streamStats)
	}
	// Under TLS: at least the plaintext plus the Connection Confirm and
	// the server's handshake.
	if s.bytes < int64(len(got)+len(cc)+500) {
		t.Errorf("counted %d bytes from the server, fewer than it sent", s.bytes)
	}
	if errs := rl.errors(); len(errs) > 0 {
		t.Errorf("relay errors: %v", errs)
	}
	tc.Close()
	if err := <-serverErr; err != nil {
		t.Errorf("server: %v", err)
	}
}
