//go:build interop

package e2e

import (
	"image"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// TestSecurityModes proves the "Done when" item: xfreerdp 2.11.7 connects
// over TLS and over Standard RDP Security with 40-, 56- and 128-bit RC4,
// shows the novice's desktop pixel for pixel, and logs no error.
//
// The server offers all three RC4 methods; xfreerdp's
// /encryption-methods offers one, so the server's choice of the strongest
// method the client supports is checked as well.
func TestSecurityModes(t *testing.T) {
	requireTools(t, "Xvfb", "xfreerdp")
	want := shadow.Pattern(noviceW, noviceH)
	novice := startNovice(t, want)

	for _, tc := range []struct {
		name       string
		security   acceptor.Security
		args       []string
		wantProto  x224.Protocols
		wantMethod gcc.EncryptionMethod
	}{
		{"tls", acceptor.SecurityAuto, []string{"/sec:tls"}, x224.ProtocolSSL, gcc.EncryptionMethodNone},
		{"rdp-40", acceptor.SecurityRDP, []string{"/sec:rdp", "/encryption-methods:40"}, x224.ProtocolRDP, gcc.EncryptionMethod40Bit},
		{"rdp-56", acceptor.SecurityRDP, []string{"/sec:rdp", "/encryption-methods:56"}, x224.ProtocolRDP, gcc.EncryptionMethod56Bit},
		{"rdp-128", acceptor.SecurityRDP, []string{"/sec:rdp", "/encryption-methods:128"}, x224.ProtocolRDP, gcc.EncryptionMethod128Bit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startServer(t, novice, serverOptions{Security: tc.security})
			ex := startExpert(t)
			cl := startClient(t, ex.Display, srv.Addr, tc.args...)
			c := waitActive(t, srv, cl)

			res := result(t, c)
			if res.Protocol != tc.wantProto || res.EncryptionMethod != tc.wantMethod {
				t.Errorf("negotiated protocol %v, encryption %v; want %v, %v", res.Protocol, res.EncryptionMethod, tc.wantProto, tc.wantMethod)
			}

			win := ex.waitPicture(t, want, cl)
			if win.Min != (image.Point{}) {
				t.Logf("the xfreerdp window is at %v, not at the origin (a window manager?)", win.Min)
			}
			st := stats(t, c)
			t.Logf("window %v; %d frames; %d packets sealed, %d opened", win, st.FramesSent, st.Sealed, st.Opened)
			if tc.wantProto == x224.ProtocolRDP && (st.Sealed == 0 || st.Opened == 0) {
				t.Errorf("Standard RDP Security, but %d packets sealed and %d opened", st.Sealed, st.Opened)
			}
			finish(t, srv, cl)
		})
	}
}
