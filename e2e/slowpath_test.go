//go:build interop

package e2e

import (
	"fmt"
	"image"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// TestSlowPathOutput proves the "Done when" item: a client without
// fast-path output gets the desktop through slow-path Update PDUs, and its
// slow-path input is decoded.
//
// xfreerdp's -fast-path turns off fast-path input and output together
// (FreeRDP 2.11 client/common/cmdline.c sets FastPathInput and
// FastPathOutput from the one switch), so its General Capability Set
// lacks FASTPATH_OUTPUT_SUPPORTED and it sends slow-path input — but only
// with a connection type other than its default, auto-detect, which turns
// on RemoteFX and the graphics pipeline and with them fast-path output
// again (freerdp_set_connection_type, and the end of
// freerdp_client_settings_parse_command_line_arguments, FreeRDP 2.11).
// /network:lan avoids that. /bpp:24 makes the server send Interleaved RLE
// bitmaps, lossless too, which the 32-bpp tests do not reach. Standard RDP
// Security puts a security header with a MAC on every one of these PDUs.
func TestSlowPathOutput(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	pattern := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pattern)
	srv := startServer(t, novice, serverOptions{Security: acceptor.SecurityRDP, Methods: gcc.EncryptionMethod128Bit})
	ex := startExpert(t)
	cl := startClient(t, ex.Display, srv.Addr, "/sec:rdp", "-fast-path", "/network:lan", "/bpp:24")
	c := waitActive(t, srv, cl)
	res := result(t, c)
	if res.BitsPerPixel != 24 {
		t.Errorf("session at %d bpp, want 24", res.BitsPerPixel)
	}
	if res.ClientCaps.FastPathOutput {
		t.Fatalf("xfreerdp -fast-path announced FASTPATH_OUTPUT_SUPPORTED (extraFlags %#04x %v); this test would not exercise slow-path output", uint16(res.ClientCaps.ExtraFlags), res.ClientCaps.ExtraFlags)
	}
	win := ex.waitPicture(t, pattern, cl)

	// Slow-path input: pointer moves.
	pts := []image.Point{{200, 150}, {300, 250}}
	for i := range pts {
		pts[i] = pts[i].Add(win.Min)
	}
	ex.movePointer(t, pts)
	want := []expectation{mouseMove(200, 150), mouseMove(300, 250)}
	waitFor(t, eventTimeout, "slow-path pointer moves", func() (bool, string) {
		got := srv.Rec.Inputs()
		n := matchSubsequence(want, got)
		if n == len(want) {
			return true, ""
		}
		return false, fmt.Sprintf("matched %d of %d; received:\n%s", n, len(want), formatEvents(got))
	})

	// A change after the first frame travels the same way.
	noise := noiseFrame(noviceW, noviceH, 3)
	paint(t, novice, noise)
	ex.waitPicture(t, noise, cl)
	st := stats(t, c)
	t.Logf("%d frames; %d packets sealed, %d opened", st.FramesSent, st.Sealed, st.Opened)
	finish(t, srv, cl)
}

// TestSixteenBitSession: with the colour depth capped at 16 bpp (policy
// bandwidth.level = "full"), xfreerdp, which asks for 32 bpp, follows the
// depth the server announces in its Bitmap Capability Set and shows the
// desktop from 16-bit Interleaved RLE bitmaps, within 16-bit precision.
func TestSixteenBitSession(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	pattern := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, pattern)
	srv := startServer(t, novice, serverOptions{Security: acceptor.SecurityTLS, MaxBitsPerPixel: 16})
	ex := startExpert(t)
	cl := startClient(t, ex.Display, srv.Addr, "/sec:tls")
	c := waitActive(t, srv, cl)
	if res := result(t, c); res.BitsPerPixel != 16 {
		t.Errorf("session at %d bpp, want 16", res.BitsPerPixel)
	}
	ex.waitPictureWithin(t, pattern, cl, 8)
	checkLog(t, cl.Log())
}
