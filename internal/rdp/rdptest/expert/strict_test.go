package expert

import (
	"errors"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"image"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

var rdp128 = serverConfig{security: acceptor.SecurityRDP}

// oneTile is a valid 8×8 uncompressed bitmap at (0,0).
func oneTile(t *testing.T) []pdu.BitmapData {
	return encodeTiles(t, shadow.Pattern(200, 150), image.Rect(0, 0, 8, 8), 8, 32, codecUncompressed)
}

// TestStrict: the server misbehaves after the connection sequence and the
// expert's Err says exactly how.
func TestStrict(t *testing.T) {
	cases := []struct {
		name     string
		finalize bool // play the whole server finalization first
		act      func(t *testing.T, s *testServer) error
		want     error  // errors.Is target
		contains string // substring of the error text
	}{{
		name: "bitmap-before-font-map",
		act: func(t *testing.T, s *testServer) error {
			if err := s.readBatch(); err != nil {
				return err
			}
			if err := s.sendData(pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: acceptor.ServerChannelID}); err != nil {
				return err
			}
			_, err := s.sendBitmaps(oneTile(t), 1)
			return err
		},
		want: ErrProtocol, contains: "before the session is active",
	}, {
		name: "font-map-first",
		act: func(t *testing.T, s *testServer) error {
			if err := s.readBatch(); err != nil {
				return err
			}
			return s.sendData(pdu.PDUType2FontMap, pdu.ServerFontMap())
		},
		want: ErrProtocol, contains: "font map before synchronize",
	}, {
		name: "granted-control-wrong-grant-id",
		act: func(t *testing.T, s *testServer) error {
			if err := s.readBatch(); err != nil {
				return err
			}
			return s.sendData(pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionGrantedControl, GrantID: 1003, ControlID: acceptor.ServerChannelID})
		},
		want: ErrProtocol, contains: "granted control with grantId 1003",
	}, {
		name: "bad-mac", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			data, _ := wire.Marshal(&pdu.BitmapUpdate{Rectangles: oneTile(t)})
			upd, _ := fastpath.AppendUpdate(nil, fastpath.UpdateBitmap, fastpath.FragmentSingle, data)
			s.mu.Lock()
			defer s.mu.Unlock()
			out, err := s.link.AppendFastPathOutput(nil, upd)
			if err != nil {
				return err
			}
			out[len(out)-1] ^= 0x01 // one bit of ciphertext
			return s.write(out)
		},
		want: stdsec.ErrBadMAC, contains: "fast-path output",
	}, {
		name: "destination-outside-desktop", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			r := oneTile(t)
			r[0].DestLeft, r[0].DestRight = 195, 202
			_, err := s.sendBitmaps(r, 1)
			return err
		},
		want: ErrProtocol, contains: "leaves the 200x150 desktop",
	}, {
		name: "destination-larger-than-bitmap", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			r := oneTile(t)
			r[0].DestBottom = 8
			_, err := s.sendBitmaps(r, 1)
			return err
		},
		want: ErrProtocol, contains: "larger than the 8x8 bitmap",
	}, {
		name: "corrupt-planar", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			r := encodeTiles(t, shadow.Pattern(200, 150), image.Rect(0, 0, 64, 64), 64, 32, codecPlanar)
			r[0].Data = r[0].Data[:len(r[0].Data)-5]
			_, err := s.sendBitmaps(r, 1)
			return err
		},
		want: ErrProtocol, contains: "rectangle 0 of 1",
	}, {
		name: "unadvertised-order", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			// One DstBlt (TS_ENC_DSTBLT_ORDER 0x00), all five fields.
			return s.sendUpdate(fastpath.UpdateOrders, []byte{1, 0, 0x09, 0x00, 0x1f, 0, 0, 0, 0, 1, 0, 1, 0, 0xff})
		},
		want: ErrProtocol, contains: "never advertised",
	}, {
		name: "scrblt-outside-desktop", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b, err := order.AppendUpdate(nil, []order.ScrBlt{{Left: 600, Top: 0, Width: 100, Height: 10, Rop: order.RopSrcCopy, SrcX: 0, SrcY: 0}})
			if err != nil {
				return err
			}
			return s.sendUpdate(fastpath.UpdateOrders, b)
		},
		want: ErrProtocol, contains: "outside",
	}, {
		name: "unknown-channel", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			out, err := s.link.AppendSlowPath(nil, 1020, 0, []byte{5, 0, 0, 0, 3, 0, 0, 0, 1, 2, 3, 4, 5})
			if err != nil {
				return err
			}
			return s.write(out)
		},
		want: ErrProtocol, contains: "channel 1020",
	}, {
		name: "demand-active-without-deactivate-all", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			out, err := acceptor.AppendDemandActive(nil, s.link, s.res.ServerCaps)
			if err != nil {
				return err
			}
			return s.write(out)
		},
		want: ErrProtocol, contains: "without a preceding deactivate all",
	}, {
		name: "set-error-info-with-pdu-source", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b, _ := pdu.AppendShareData(nil, acceptor.ServerChannelID, acceptor.ShareID, pdu.PDUType2SetErrorInfo, &pdu.SetErrorInfo{ErrorInfo: pdu.ErrInfoLogoffByUser})
			return s.sendIO(b)
		},
		want: ErrProtocol, contains: "pduSource 0x3ea, must be 0",
	}, {
		name: "wrong-share-id", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b, _ := pdu.AppendShareData(nil, acceptor.ServerChannelID, acceptor.ShareID+1, pdu.PDUType2Synchronize, &pdu.Synchronize{})
			return s.sendIO(b)
		},
		want: ErrProtocol, contains: "for share 0x103eb",
	}, {
		name: "x224-disconnect-request", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b, _ := (&x224.DisconnectRequest{Reason: x224.ReasonNormal}).AppendBinary(nil)
			return s.write(b)
		},
		want: ErrDisconnected, contains: "X.224 Disconnect Request",
	}, {
		name: "dpum", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendDPUm(mcs.ReasonUserRequested)
		},
		want: ErrDisconnected, contains: "rn-user-requested",
	}, {
		name: "eof", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.raw.Close()
		},
		want: ErrConnectionLost,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := connect(t, rdp128, Config{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.finalize {
				p.activate(t)
			}
			if err := tc.act(t, p.srv); err != nil {
				t.Fatal(err)
			}
			if tc.name != "eof" {
				p.srv.drain()
			}
			err = p.client.Wait(testCtx(t))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.contains) {
				t.Fatalf("Err = %v\nwant errors.Is %v and containing %q", err, tc.want, tc.contains)
			}
			// Senders report the end of the connection.
			if err := p.client.SendInput(input.Sync{}); err == nil {
				t.Error("SendInput after the reader stopped succeeded")
			}
		})
	}
}

// TestReactivation: Deactivate All and a new Demand Active with another
// desktop size ([MS-RDPBCGR] 1.3.1.3), built with the acceptor's own
// reactivation helpers; the expert confirms, finalizes again and resizes
// its framebuffer.
func TestReactivation(t *testing.T) {
	for _, tc := range securityCases[:3] {
		t.Run(tc.name, func(t *testing.T) {
			p, err := connect(t, tc.server, tc.client)
			if err != nil {
				t.Fatal(err)
			}
			p.activate(t)
			c, s := p.client, p.srv
			ctx := testCtx(t)

			da, err := pdu.AppendShareControl(nil, pdu.PDUTypeDeactivateAll, acceptor.ServerChannelID,
				&pdu.DeactivateAll{ShareID: acceptor.ShareID, SourceDescriptor: []byte{0}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.sendIO(da); err != nil {
				t.Fatal(err)
			}
			sets := acceptor.ServerCapabilities(acceptor.CapsConfig{
				Width: 320, Height: 240, BitsPerPixel: 32,
				StandardRDPSecurity:  tc.method != 0,
				MaxRequestSize:       acceptor.MultifragmentSize(320, 240),
				VirtualChannelChunks: 1600,
			})
			s.mu.Lock()
			out, err := acceptor.AppendDemandActive(nil, s.link, sets)
			if err == nil {
				err = s.write(out)
			}
			s.mu.Unlock()
			if err != nil {
				t.Fatal(err)
			}
			// The Confirm Active, checked by the acceptor's decoder.
			f, err := s.readFrame()
			if err != nil {
				t.Fatal(err)
			}
			s.mu.Lock()
			_, cd, err := s.link.ReadSlowPath(f, false)
			s.mu.Unlock()
			if err != nil {
				t.Fatal(err)
			}
			ca, err := acceptor.DecodeConfirmActive(cd.Data)
			if err != nil {
				t.Fatal(err)
			}
			if ca.SourceDescriptor != "FREERDP" {
				t.Errorf("source descriptor %q", ca.SourceDescriptor)
			}
			p.activate(t)
			res := c.Result()
			if res.DesktopWidth != 320 || res.DesktopHeight != 240 || c.Stats().Reactivations != 1 {
				t.Fatalf("after reactivation: %dx%d, %d reactivations", res.DesktopWidth, res.DesktopHeight, c.Stats().Reactivations)
			}
			want := shadow.Pattern(320, 240)
			if _, err := s.sendBitmaps(encodeTiles(t, want, want.Rect(), 64, 32, codecPlanar), 4); err != nil {
				t.Fatal(err)
			}
			if err := c.WaitFrame(ctx, matches(want)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestHandshakeFailures: the expert against acceptor configurations it
// must refuse, and the acceptor refusing the expert.
func TestHandshakeFailures(t *testing.T) {
	cases := []struct {
		name   string
		server serverConfig
		client Config
		want   error
		text   string
	}{
		{"tls-required-legacy-client", serverConfig{security: acceptor.SecurityTLS}, Config{Security: SecurityRDPLegacy},
			ErrProtocol, "no RDP_NEG_REQ"},
		{"tls-required-rdp-client", serverConfig{security: acceptor.SecurityTLS}, Config{Security: SecurityRDP},
			ErrNegotiationFailure, "SSL_REQUIRED_BY_SERVER"},
		{"client-requires-tls", serverConfig{security: acceptor.SecurityRDP}, Config{Security: SecurityTLS},
			ErrProtocol, "server selected RDP"},
		{"no-common-method", serverConfig{security: acceptor.SecurityRDP, methods: gcc.EncryptionMethod128Bit}, Config{Security: SecurityRDP, EncryptionMethods: gcc.EncryptionMethod40Bit},
			ErrConnectionLost, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := connect(t, tc.server, tc.client)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("err = %v\nwant errors.Is %v containing %q", err, tc.want, tc.text)
			}
			t.Logf("%v", err)
		})
	}
}
