package expert

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// startSession plays the server's side of the finalization with the
// shipped session package on the acceptor's result, and waits until the
// expert is active. The server side stops reading afterwards.
func startSession(t *testing.T, p *pair) *session.Session {
	t.Helper()
	sess := session.New(p.srv.res, session.Config{})
	for !sess.Ready() {
		f, err := p.srv.readFrame()
		if err != nil {
			t.Fatal(err)
		}
		_, out, err := sess.Handle(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.srv.write(out); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.client.WaitActive(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	p.srv.drain()
	return sess
}

// testCursor is a w×h cursor with every alpha from 0 to 255 and a hot
// spot inside.
func testCursor(w, h, hx, hy int, seed byte) pointer.Shape {
	s := pointer.Shape{Width: w, Height: h, HotX: hx, HotY: hy, Pix: make([]byte, w*h*4)}
	for i := 0; i < len(s.Pix); i += 4 {
		px := i / 4
		s.Pix[i], s.Pix[i+1], s.Pix[i+2] = byte(px)+seed, byte(px*3), byte(px*7)^seed
		s.Pix[i+3] = byte(px * 11)
	}
	return s
}

// rendered is what the client shows for s sent at depth: 32 bpp keeps
// it, 24 bpp cuts alpha at 128.
func rendered(s pointer.Shape, depth int) pointer.Shape {
	if depth == 32 {
		return s
	}
	t := s
	t.Pix = append([]byte(nil), s.Pix...)
	for i := 0; i < len(t.Pix); i += 4 {
		if t.Pix[i+3] < 128 {
			copy(t.Pix[i:i+4], []byte{0, 0, 0, 0})
		} else {
			t.Pix[i+3] = 0xFF
		}
	}
	return t
}

// TestPointer sends pointer updates through the session package (fast-
// and slow-path, TLS and Standard RDP Security) and checks what the expert
// decodes: New then Cached shapes, hiding, the default pointer, position,
// and a shape fitted to the client's 32x32 limit.
func TestPointer(t *testing.T) {
	tls := serverConfig{security: acceptor.SecurityTLS}
	cases := []struct {
		name   string
		server serverConfig
		client Config
		depth  int
	}{
		{"tls-fast-path", tls, Config{Security: SecurityTLS}, 32},
		{"tls-slow-path", tls, Config{Security: SecurityTLS, FastPathOutput: new(false)}, 32},
		{"rdp-128-fast-path", rdp128, Config{Security: SecurityRDP}, 32},
		{"rdp-40-slow-path", serverConfig{security: acceptor.SecurityRDP, methods: gcc.EncryptionMethod40Bit},
			Config{Security: SecurityRDPLegacy, EncryptionMethods: gcc.EncryptionMethod40Bit, FastPathOutput: new(false)}, 32},
		{"color-pointers-only", tls, Config{Security: SecurityTLS, ColorPointersOnly: true}, 24},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := connect(t, tc.server, tc.client)
			if err != nil {
				t.Fatal(err)
			}
			sess := startSession(t, p)
			c, ctx := p.client, testCtx(t)
			f := sess.PointerFormat()
			if f.Depth != tc.depth || f.MaxSize != pdu.MaxPointerSizeSmall || f.CacheSize != 20 {
				t.Fatalf("PointerFormat %+v", f)
			}
			cache := pointer.NewCache(f.CacheSize)
			updates := 0
			send := func(attr pdu.PointerAttribute) {
				t.Helper()
				out, err := sess.AppendPointerUpdate(nil, attr)
				if err != nil {
					t.Fatal(err)
				}
				if err := p.srv.write(out); err != nil {
					t.Fatal(err)
				}
				updates++
				n := updates
				if err := c.WaitCursor(ctx, func(s CursorState) bool { return s.Updates >= n }); err != nil {
					t.Fatal(err)
				}
			}
			show := func(s pointer.Shape, wantCached bool, wantIndex int) {
				t.Helper()
				attr, err := f.Update(cache, s)
				if err != nil {
					t.Fatal(err)
				}
				if _, cached := attr.(*pdu.CachedPointer); cached != wantCached {
					t.Errorf("%T, want cached %v", attr, wantCached)
				}
				send(attr)
				got, visible, ok := c.Cursor()
				if want := rendered(s, tc.depth); !ok || !visible || !pointer.Equal(want, got) {
					t.Errorf("cursor (visible %v, set %v): %s", visible, ok, pointer.Diff(want, got))
				}
				if st := c.CursorState(); st.CacheIndex != wantIndex || st.Default {
					t.Errorf("state %+v, want slot %d", st, wantIndex)
				}
			}

			arrow, hand := testCursor(24, 24, 0, 0, 1), testCursor(32, 32, 10, 3, 2)
			show(arrow, false, 0)
			show(hand, false, 1)
			show(arrow, true, 0)

			send(&pdu.SystemPointer{Type: pdu.SystemPointerNull})
			if shape, visible, ok := c.Cursor(); visible || !ok || shape.Width != 0 {
				t.Errorf("after SYSPTR_NULL: %dx%d visible %v set %v", shape.Width, shape.Height, visible, ok)
			}
			send(&pdu.SystemPointer{Type: pdu.SystemPointerDefault})
			if st := c.CursorState(); !st.Visible || !st.Default || st.Shape.Width != 0 {
				t.Errorf("after SYSPTR_DEFAULT: %+v", st)
			}
			send(&pdu.PointerPosition{X: 50, Y: 60})
			if x, y, ok := c.CursorPos(); x != 50 || y != 60 || !ok {
				t.Errorf("CursorPos = %d, %d, %v", x, y, ok)
			}

			// A 64x64 cursor goes out scaled to the client's 32x32.
			attr, err := f.Update(cache, testCursor(64, 64, 40, 20, 3))
			if err != nil {
				t.Fatal(err)
			}
			send(attr)
			if st := c.CursorState(); st.Shape.Width != 32 || st.Shape.Height != 32 || st.Shape.HotX != 20 || st.Shape.HotY != 10 || st.CacheIndex != 2 {
				t.Errorf("scaled cursor: %dx%d hot (%d,%d) slot %d", st.Shape.Width, st.Shape.Height, st.Shape.HotX, st.Shape.HotY, st.CacheIndex)
			}
			if s, ok := c.CachedCursor(1); !ok || !pointer.Equal(rendered(hand, tc.depth), s) {
				t.Error("slot 1 does not hold the hand")
			}
			st := c.Stats()
			if st.PointerUpdates != updates {
				t.Errorf("PointerUpdates = %d, want %d", st.PointerUpdates, updates)
			}
			if fast := tc.client.FastPathOutput == nil; (st.FastPathReceived > 0) != fast {
				t.Errorf("fast-path output %v, but %d fast-path PDUs arrived", fast, st.FastPathReceived)
			}
			if err := c.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestPointerStrict: pointer updates the client did not allow end the
// reader with a precise error.
func TestPointerStrict(t *testing.T) {
	shape := func(w, h int) pointer.Shape { return testCursor(w, h, 0, 0, 0) }
	newPointer := func(t *testing.T, s pointer.Shape, idx uint16) []byte {
		attr, err := pointer.Format{Depth: 32, CacheSize: 1 << 16, MaxSize: 96}.Encode(s, idx)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := wire.Marshal(attr)
		return b
	}
	cases := []struct {
		name     string
		client   Config
		finalize bool
		act      func(t *testing.T, s *testServer) error
		contains string
	}{{
		name: "before-active",
		act: func(t *testing.T, s *testServer) error {
			if err := s.readBatch(); err != nil {
				return err
			}
			return s.sendUpdate(fastpath.UpdatePtrNull, nil)
		},
		contains: "fast-path pointer update before the session is active",
	}, {
		name: "cached-empty-slot", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendUpdate(fastpath.UpdateCached, []byte{5, 0})
		},
		contains: "cached pointer 5: the slot is empty",
	}, {
		name: "cached-beyond-cache", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendUpdate(fastpath.UpdateCached, []byte{20, 0})
		},
		contains: "cached pointer 20, the client's caches have 20 and 20 slots",
	}, {
		name: "new-pointer-over-32", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendUpdate(fastpath.UpdatePointer, newPointer(t, shape(33, 8), 0))
		},
		contains: "new pointer of 33x8, the client takes at most 32x32",
	}, {
		name: "new-pointer-slot-20", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendUpdate(fastpath.UpdatePointer, newPointer(t, shape(8, 8), 20))
		},
		contains: "into cache slot 20, the client has 20",
	}, {
		name: "new-pointer-to-color-only-client", client: Config{ColorPointersOnly: true}, finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendUpdate(fastpath.UpdatePointer, newPointer(t, shape(8, 8), 0))
		},
		contains: "new pointer update, but the client sent no pointerCacheSize",
	}, {
		name: "large-pointer-not-advertised", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			attr, _ := pointer.Encode(shape(8, 8), 0, true)
			b, _ := wire.Marshal(&pdu.LargePointer{XorBpp: 32, Width: 8, Height: 8,
				XorMask: attr.(*pdu.NewPointer).ColorPtrAttr.XorMask, AndMask: attr.(*pdu.NewPointer).ColorPtrAttr.AndMask})
			return s.sendUpdate(fastpath.UpdateLargePointer, b)
		},
		contains: "large pointer update, but the client did not advertise LARGE_POINTER_FLAG_384x384",
	}, {
		name: "hot-spot-outside", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b := newPointer(t, shape(8, 8), 0)
			b[4] = 8 // hotSpot.xPos (after xorBpp and cacheIndex)
			return s.sendUpdate(fastpath.UpdatePointer, b)
		},
		contains: "hot spot (8,0) outside the 8x8 shape",
	}, {
		name: "monochrome", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b, _ := wire.Marshal(&pdu.NewPointer{XorBpp: 1, ColorPtrAttr: pdu.ColorPointer{Width: 1, Height: 1, XorMask: []byte{0, 0}, AndMask: []byte{0, 0}}})
			return s.sendUpdate(fastpath.UpdatePointer, b)
		},
		contains: "1-bpp pointer shapes are not decoded",
	}, {
		name: "ptr-null-with-data", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendUpdate(fastpath.UpdatePtrNull, []byte{0})
		},
		contains: "the size MUST be zero",
	}, {
		name: "position-outside-desktop", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			return s.sendData(pdu.PDUType2Pointer, &pdu.PointerUpdate{Attribute: &pdu.PointerPosition{X: 200, Y: 10}})
		},
		contains: "slow-path pointer position (200,10) outside the 200x150 desktop",
	}, {
		name: "slow-path-message-type", finalize: true,
		act: func(t *testing.T, s *testServer) error {
			b, _ := pdu.AppendShareData(nil, acceptor.ServerChannelID, acceptor.ShareID, pdu.PDUType2Pointer, &pdu.PointerUpdate{Attribute: &pdu.CachedPointer{}})
			b[18] = 0x02 // messageType
			return s.sendIO(b)
		},
		contains: "messageType",
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := connect(t, rdp128, tc.client)
			if err != nil {
				t.Fatal(err)
			}
			if tc.finalize {
				p.activate(t)
			}
			if err := tc.act(t, p.srv); err != nil {
				t.Fatal(err)
			}
			p.srv.drain()
			err = p.client.Wait(testCtx(t))
			if !errors.Is(err, ErrProtocol) || !strings.Contains(err.Error(), tc.contains) {
				t.Fatalf("Err = %v\nwant ErrProtocol containing %q", err, tc.contains)
			}
		})
	}
}

// TestPointerLarge feeds a client that advertised both Large Pointer
// flags fragmented fast-path New (96x96) and Large (200x120) Pointer
// Updates, as the session sends them, through its fast-path reader.
func TestPointerLarge(t *testing.T) {
	c := &Client{
		active:           true,
		fragmentsAllowed: true,
		reasm:            fastpath.NewReassembler(1 << 20),
		res:              Result{DesktopWidth: 1024, DesktopHeight: 768},
		ptrCaps:          pointerCaps{colorCache: 20, newCache: 20, maxSize: 96, large: true},
		ptrCache:         make(map[uint16]pointer.Shape),
		cursorChanged:    make(chan struct{}),
		done:             make(chan struct{}),
	}
	f := pointer.Format{Depth: 32, CacheSize: 20, MaxSize: 96, MaxLargeSize: 384}
	for i, s := range []pointer.Shape{testCursor(96, 96, 95, 0, 4), testCursor(200, 120, 100, 60, 5)} {
		attr, err := f.Encode(s, uint16(i))
		if err != nil {
			t.Fatal(err)
		}
		code, data, err := pointer.FastPath(attr)
		if err != nil {
			t.Fatal(err)
		}
		pieces := fastpath.Split(code, data, fastpath.MaxFragmentSize)
		if len(pieces) < 3 {
			t.Fatalf("%v of %d bytes in %d pieces", code, len(data), len(pieces))
		}
		for _, piece := range pieces {
			u, _ := piece.AppendBinary(nil)
			frame, err := fastpath.AppendOutputPDU(nil, 0, nil, u)
			if err != nil {
				t.Fatal(err)
			}
			out, err := fastpath.DecodeOutput(frame)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.fastPathOutput(&out); err != nil {
				t.Fatal(err)
			}
		}
		got, visible, ok := c.Cursor()
		if !ok || !visible || !pointer.Equal(s, got) || c.CursorState().CacheIndex != i {
			t.Errorf("%v: %s", code, pointer.Diff(s, got))
		}
	}
	// A client without LARGE_POINTER_FLAG_384x384 refuses the same update.
	c.ptrCaps.large = false
	attr, _ := f.Encode(testCursor(200, 120, 0, 0, 6), 3)
	if err := c.pointerUpdate(attr, "fast-path"); !errors.Is(err, ErrProtocol) {
		t.Errorf("large pointer without the flag: %v", err)
	}
}
