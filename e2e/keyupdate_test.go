//go:build interop

package e2e

import (
	"image"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// keyUpdateTarget is how many packets each direction must carry: past
// 4096 the direction's RC4 key has been updated once ([MS-RDPBCGR]
// 5.3.7.1), with a margin so that a good number of packets use the new key.
const keyUpdateTarget = 4200

// keyUpdateTimeout bounds the traffic phase. At about 190 PDUs per noise
// frame it needs some 25 frames: under ten seconds even under the race
// detector, where encoding one such frame takes a few hundred
// milliseconds.
const keyUpdateTimeout = 60 * time.Second

// TestKeyUpdateBothDirections proves the "Done when" item: under Standard
// RDP Security with 128-bit RC4, more than 4096 PDUs flow in each
// direction, so both directions' keys are updated, and the session goes
// on working: the server keeps decrypting the client's input (it would
// close the connection on a bad MAC), xfreerdp still shows the novice's
// desktop exactly, and its log has no error and no "invalid packet
// signature".
//
// Server to client, the novice's root alternates between two noise
// pictures (every tile changes, and noise does not compress, so each frame
// is some 190 PDUs) and ends on the test pattern; client to server, the
// expert's pointer is moved inside the xfreerdp window with XTEST, each
// move one input PDU.
func TestKeyUpdateBothDirections(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	pattern := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pattern)
	srv := startServer(t, novice, serverOptions{Security: acceptor.SecurityRDP, Methods: gcc.EncryptionMethod128Bit})
	ex := startExpert(t)
	cl := startClient(t, ex.Display, srv.Addr, "/sec:rdp", "/encryption-methods:128")
	c := waitActive(t, srv, cl)
	if res := result(t, c); res.EncryptionMethod != gcc.EncryptionMethod128Bit {
		t.Fatalf("negotiated %v, want 128-bit RC4", res.EncryptionMethod)
	}
	win := ex.waitPicture(t, pattern, cl)

	pics := [2]*shadow.Frame{noiseFrame(noviceW, noviceH, 1), noiseFrame(noviceW, noviceH, 2)}
	painted, framesAtPaint := 0, -1
	moves := 0
	deadline := time.Now().Add(keyUpdateTimeout)
	for {
		s := stats(t, c)
		if s.Sealed > keyUpdateTarget && s.Opened > keyUpdateTarget {
			t.Logf("%d packets sealed, %d opened; %d frames sent, %d repaints, %d pointer moves", s.Sealed, s.Opened, s.FramesSent, painted, moves)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %d packets sealed and %d opened, want more than %d each (%d frames sent, %d repaints, %d pointer moves)",
				keyUpdateTimeout, s.Sealed, s.Opened, keyUpdateTarget, s.FramesSent, painted, moves)
		}
		select {
		case <-cl.exited:
			t.Fatalf("xfreerdp exited: %v", cl.waitErr)
		default:
		}
		// Repaint once the server has sent a frame since the last repaint:
		// faster repaints would only be coalesced.
		if s.Sealed <= keyUpdateTarget && s.FramesSent > framesAtPaint {
			paint(t, novice, pics[painted%2])
			painted++
			framesAtPaint = s.FramesSent
		}
		if s.Opened <= keyUpdateTarget {
			pts := make([]image.Point, 200)
			for i := range pts {
				n := moves + i
				pts[i] = win.Min.Add(image.Pt(100+n%800, 100+n/800%500))
			}
			ex.movePointer(t, pts)
			moves += len(pts)
		}
		time.Sleep(pollInterval)
	}

	// End on the pattern.
	paint(t, novice, pattern)
	ex.waitPicture(t, pattern, cl)
	if n := len(srv.Rec.Inputs()); n < 1000 {
		t.Errorf("only %d input events reached the handler after %d pointer moves", n, moves)
	}
	finish(t, srv, cl)
}

// noiseFrame returns a frame of pseudo-random pixels, the same for the
// same seed.
func noiseFrame(w, h int, seed uint64) *shadow.Frame {
	f := shadow.NewFrame(w, h)
	r := rand.New(rand.NewPCG(seed, seed))
	for i := 0; i < len(f.Pix); i += 8 {
		v := r.Uint64()
		for j := range 8 {
			f.Pix[i+j] = byte(v >> (8 * j))
		}
	}
	for i := 3; i < len(f.Pix); i += 4 {
		f.Pix[i] = 0xff
	}
	return f
}
