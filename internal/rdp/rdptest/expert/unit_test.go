package expert

import (
	"bytes"
	"context"
	"errors"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"image"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/codec"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

func TestConfigDefaults(t *testing.T) {
	d := Config{Password: "x", UserName: "u"}.withDefaults()
	if d.EncryptionMethods != 0x0B || d.Width != 1024 || d.Height != 768 || d.HighColorDepth != 24 ||
		d.SupportedColorDepths != 0x0F || d.EarlyCapabilityFlags != 0x05E3 || d.Cookie != "u" ||
		!*d.FastPathOutput || !*d.FastPathInput || !*d.SaltedMAC || d.TLSConfig == nil || d.Rand == nil {
		t.Errorf("defaults %+v", d)
	}
	if !d.EarlyCapabilityFlags.Has(gcc.Want32BPPSession | gcc.SupportErrInfoPDU) {
		t.Error("early capability flags lack WANT_32BPP_SESSION or SUPPORT_ERRINFO_PDU")
	}
	if d.InfoFlags != xfreerdpInfoFlags|sec.InfoAutologon {
		t.Errorf("info flags %v", d.InfoFlags)
	}
	if got := (Config{}).withDefaults().InfoFlags; got.Has(sec.InfoAutologon) {
		t.Errorf("INFO_AUTOLOGON without a password: %v", got)
	}
	if len(d.Channels) != 4 || d.Channels[2].Name != "cliprdr" || !d.Channels[2].Options.Has(gcc.ChannelOptionShowProtocol) {
		t.Errorf("channels %v", d.Channels)
	}
	if got := (Config{Channels: []gcc.ChannelDef{}}).withDefaults().Channels; len(got) != 0 {
		t.Errorf("explicit empty channel list became %v", got)
	}
	if f := (Config{FastPathInput: new(false)}).withDefaults(); *f.FastPathInput || !*f.FastPathOutput {
		t.Error("new(false) not kept")
	}
}

// TestConfirmActiveSets: the client's Confirm Active decodes with the PDU
// packages and negotiates to what the client means.
func TestConfirmActiveSets(t *testing.T) {
	server := caps.Negotiate([]caps.Set{&caps.LargePointer{}, &caps.MultifragmentUpdate{MaxRequestSize: 1 << 20},
		&caps.Order{OrderFlags: caps.NegotiateOrderSupport, OrderSupport: [32]uint8{order.NegScrBlt: 1, 0: 1}}})
	for _, salted := range []bool{false, true} {
		sets := clientCapabilities(clientCapsConfig{
			fastPathOutput: true, fastPathInput: true, saltedMAC: salted,
			width: 640, height: 480, bitsPerPixel: 32, server: server, maxRequestSize: 1 << 20,
		})
		ca := pdu.ConfirmActive{ShareID: 0x103EA, OriginatorID: pdu.ServerChannelID, SourceDescriptor: "FREERDP", CapabilitySets: sets}
		b, err := wire.Marshal(&ca)
		if err != nil {
			t.Fatal(err)
		}
		var got pdu.ConfirmActive
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		n := caps.Negotiate(got.CapabilitySets)
		if !n.FastPathOutput || n.SaltedChecksum != salted || !n.NoBitmapCompressionHeader || n.PreferredBitsPerPixel != 32 ||
			n.DesktopWidth != 640 || !n.DesktopResize || n.ClientMaxRequestSize != 1<<20 || !n.HasPointerCacheSize ||
			n.InputFlags != caps.InputFlagScancodes|caps.InputFlagMouseX|caps.InputFlagUnicode|caps.InputFlagMouseHWheel|caps.InputFlagFastPathInput|caps.InputFlagFastPathInput2 ||
			n.LargePointerFlags == 0 || n.Has(caps.TypeSurfaceCommands) || n.Has(caps.TypeBitmapCodecs) {
			t.Errorf("salted %v: negotiated %+v", salted, n)
		}
		for _, s := range got.CapabilitySets {
			if o, ok := s.(*caps.Order); ok && o.OrderSupport != [32]uint8{order.NegScrBlt: 1} {
				t.Errorf("drawing orders advertised: %v, want ScrBlt only", o.OrderSupport)
			}
		}
		// Like xfreerdp, no order the server's Order set leaves out.
		for _, s := range clientCapabilities(clientCapsConfig{server: caps.Negotiate(nil)}) {
			if o, ok := s.(*caps.Order); ok && o.OrderSupport != [32]uint8{} {
				t.Errorf("orders advertised to a server without them: %v", o.OrderSupport)
			}
		}
	}
	// Without the server's Multifragment Update set the client sends none.
	sets := clientCapabilities(clientCapsConfig{bitsPerPixel: 16, width: 8, height: 8})
	if n := caps.Negotiate(sets); n.Has(caps.TypeMultifragmentUpdate) || n.Has(caps.TypeLargePointer) || n.FastPathOutput || n.InputFlags.Has(caps.InputFlagFastPathInput) {
		t.Errorf("minimal sets negotiate to %+v", n)
	}
}

func TestReadFrame(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want string // the frame, or "" when an error is expected
		err  error
	}{
		{"tpkt", "03 00 00 09 02 f0 80 21 80  ff", "03 00 00 09 02 f0 80 21 80", nil},
		{"fast-path-1-byte-length", "00 05 aa bb cc  ff", "00 05 aa bb cc", nil},
		{"fast-path-2-byte-length", "00 80 04 aa  ff", "00 80 04 aa", nil},
		{"bad-action", "01 05 aa bb cc", "", ErrProtocol},
		{"short", "03 00 00 09 02", "", io.ErrUnexpectedEOF},
		{"empty", "", "", io.EOF},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := rdptest.Hex(tc.in)
			for _, r := range []peeker{&exactReader{r: bytes.NewReader(in)}, newFrameReader(bytes.NewReader(in)).r} {
				got, err := readFrame(r)
				if tc.err != nil {
					if !errors.Is(err, tc.err) {
						t.Errorf("%T: err %v, want %v", r, err, tc.err)
					}
					continue
				}
				if err != nil || !bytes.Equal(got, rdptest.Hex(tc.want)) {
					t.Errorf("%T: % x, %v", r, got, err)
				}
			}
		})
	}
	// exactReader reads no byte beyond the frame.
	src := bytes.NewReader(rdptest.Hex("03 00 00 07 02 f0 80 16 03 01"))
	if _, err := readFrame(&exactReader{r: src}); err != nil || src.Len() != 3 {
		t.Errorf("exactReader left %d bytes, err %v", src.Len(), err)
	}
}

// TestDecodeRect covers the geometry checks and the clipping of bitmaps
// wider than their destination (padding to a multiple of 4).
func TestDecodeRect(t *testing.T) {
	src := shadow.Pattern(40, 30)
	enc := func(r image.Rectangle, w int) pdu.BitmapData {
		// Uncompressed data of w×h pixels: the rectangle, padded on the
		// right with copies of its last column.
		h := r.Dy()
		img := shadow.NewFrame(w, h)
		img.Draw(image.Pt(0, 0), cropped(src, r))
		for y := range h {
			for x := r.Dx(); x < w; x++ {
				img.Set(x, y, img.At(r.Dx()-1, y))
			}
		}
		data, err := codec.AppendUncompressed(nil, img.Pix, img.Stride, w, h, 24)
		if err != nil {
			t.Fatal(err)
		}
		return pdu.BitmapData{
			DestLeft: uint16(r.Min.X), DestTop: uint16(r.Min.Y), DestRight: uint16(r.Max.X - 1), DestBottom: uint16(r.Max.Y - 1),
			Width: uint16(w), Height: uint16(h), BitsPerPixel: 24, Data: data,
		}
	}
	c := &Client{}
	fb := shadow.NewFrame(40, 30)
	for _, r := range []image.Rectangle{image.Rect(0, 0, 13, 7), image.Rect(13, 0, 40, 7), image.Rect(0, 7, 40, 30)} {
		bd := enc(r, codec.AlignedWidth(r.Dx()))
		pix, err := c.decodeRect(&bd, 40, 30)
		if err != nil {
			t.Fatal(err)
		}
		blit(fb, bd, pix)
	}
	if err := shadow.Compare(src, fb, 0); err != nil {
		t.Error(err)
	}

	bad := []struct {
		name string
		mod  func(*pdu.BitmapData)
		want string
	}{
		{"inverted", func(b *pdu.BitmapData) { b.DestLeft, b.DestRight = 5, 4 }, "inverted"},
		{"right-edge", func(b *pdu.BitmapData) { b.DestRight = 40 }, "leaves the 40x30 desktop"},
		{"bottom-edge", func(b *pdu.BitmapData) { b.DestBottom = 30 }, "leaves the 40x30 desktop"},
		{"wider-than-bitmap", func(b *pdu.BitmapData) { b.DestRight = 16 }, "larger than the 16x7 bitmap"},
		{"short-data", func(b *pdu.BitmapData) { b.Data = b.Data[1:] }, "16x7 at 24 bpp"},
		{"8bpp", func(b *pdu.BitmapData) { b.BitsPerPixel = 8 }, "bits per pixel"},
		{"bad-interleaved", func(b *pdu.BitmapData) { b.Flags = pdu.BitmapCompression }, "16x7 at 24 bpp"},
		{"cd-header-mismatch", func(b *pdu.BitmapData) {
			b.Flags = pdu.BitmapCompression
			b.CompressedHeader = &pdu.CompressedDataHeader{ScanWidth: 8, UncompressedSize: 16 * 7 * 3}
		}, "cbScanWidth 8"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			bd := enc(image.Rect(0, 0, 13, 7), 16)
			tc.mod(&bd)
			_, err := c.decodeRect(&bd, 40, 30)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}

func cropped(f *shadow.Frame, r image.Rectangle) *shadow.Frame {
	out := shadow.NewFrame(r.Dx(), r.Dy())
	out.Draw(image.Pt(-r.Min.X, -r.Min.Y), f)
	return out
}

// TestCloseNoLeak: Close stops the reader and leaves no goroutine behind,
// also when the server never answers the finalization.
func TestCloseNoLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, wait := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		cconn, sconn := net.Pipe()
		go func() {
			s, err := acceptConn(ctx, t, sconn, serverConfig{security: acceptor.SecurityRDP})
			if err != nil {
				t.Error(err)
				return
			}
			s.drain()
		}()
		if wait {
			// Nobody finalizes: NewClient gives up when its ctx ends.
			short, scancel := context.WithTimeout(ctx, 300*time.Millisecond)
			_, err := NewClient(short, cconn, Config{})
			scancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("NewClient without finalization: %v", err)
			}
		} else {
			c, err := NewClient(ctx, cconn, Config{NoWaitActive: true})
			if err != nil {
				t.Fatal(err)
			}
			c.Close()
			c.Close() // idempotent
			if !errors.Is(c.Err(), ErrClosed) {
				t.Errorf("Err after Close: %v", c.Err())
			}
		}
		sconn.Close()
		cancel()
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

// TestServerData covers the checks of the server's GCC blocks
// (3.2.5.3.4) without a server.
func TestServerData(t *testing.T) {
	k := testKeys(t)
	good := func() *gcc.ServerData {
		req := uint32(x224.ProtocolSSL)
		return &gcc.ServerData{
			Core:     &gcc.ServerCoreData{Version: gcc.RDPVersion5Plus, ClientRequestedProtocols: &req},
			Security: &gcc.ServerSecurityData{},
			Network:  &gcc.ServerNetworkData{MCSChannelID: 1003, ChannelIDs: []uint16{1004, 1005}},
		}
	}
	rdp := func(method gcc.EncryptionMethod, cert []byte) func(*gcc.ServerData, *Client) {
		return func(sd *gcc.ServerData, c *Client) {
			c.res.Protocol = x224.ProtocolRDP
			sd.Security = &gcc.ServerSecurityData{EncryptionMethod: method, EncryptionLevel: gcc.EncryptionLevelClientCompatible,
				ServerRandom: make([]byte, 32), ServerCertificate: cert}
		}
	}
	badSig := append([]byte(nil), k.prop...)
	badSig[len(badSig)-9] ^= 1 // inside the signature
	cases := []struct {
		name string
		cfg  Config
		mod  func(*gcc.ServerData, *Client)
		want string // "" for success
	}{
		{"tls", Config{}, nil, ""},
		{"requested-protocols-echo", Config{}, func(sd *gcc.ServerData, _ *Client) {
			v := uint32(x224.ProtocolSSL | x224.ProtocolHybrid)
			sd.Core.ClientRequestedProtocols = &v
		}, "clientRequestedProtocols SSL|HYBRID"},
		{"tls-with-encryption", Config{}, func(sd *gcc.ServerData, _ *Client) {
			sd.Security.EncryptionMethod, sd.Security.EncryptionLevel = gcc.EncryptionMethod128Bit, gcc.EncryptionLevelClientCompatible
		}, "both must be NONE"},
		{"unsolicited-message-channel", Config{}, func(sd *gcc.ServerData, _ *Client) {
			sd.MessageChannel = &gcc.ServerMessageChannelData{MCSChannelID: 1006}
		}, "SC_MCS_MSGCHANNEL without CS_MCS_MSGCHANNEL"},
		{"message-channel", Config{MessageChannel: true}, func(sd *gcc.ServerData, _ *Client) {
			sd.MessageChannel = &gcc.ServerMessageChannelData{MCSChannelID: 1006}
		}, ""},
		{"message-channel-collides", Config{MessageChannel: true}, func(sd *gcc.ServerData, _ *Client) {
			sd.MessageChannel = &gcc.ServerMessageChannelData{MCSChannelID: 1005}
		}, "SC_MCS_MSGCHANNEL id 1005 collides"},
		{"channel-count", Config{}, func(sd *gcc.ServerData, _ *Client) { sd.Network.ChannelIDs = sd.Network.ChannelIDs[:1] }, "1 channel ids for 2"},
		{"channel-is-io", Config{}, func(sd *gcc.ServerData, _ *Client) { sd.Network.ChannelIDs[1] = 1003 }, "id 1003"},
		{"channel-twice", Config{}, func(sd *gcc.ServerData, _ *Client) { sd.Network.ChannelIDs[1] = 1004 }, "id 1004"},
		{"rdp-128", Config{}, rdp(gcc.EncryptionMethod128Bit, k.prop), ""},
		{"rdp-level-none", Config{}, func(sd *gcc.ServerData, c *Client) {
			c.res.Protocol = x224.ProtocolRDP
		}, ""},
		{"rdp-method-not-offered", Config{EncryptionMethods: gcc.EncryptionMethod40Bit}, rdp(gcc.EncryptionMethod128Bit, k.prop), "the client offered 40BIT"},
		{"rdp-fips", Config{}, rdp(gcc.EncryptionMethodFIPS, k.prop), "FIPS"},
		{"rdp-bad-signature", Config{}, rdp(gcc.EncryptionMethod128Bit, badSig), "signature does not verify"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Channels = []gcc.ChannelDef{{Name: "a"}, {Name: "b"}}
			c := &Client{cfg: cfg.withDefaults()}
			c.res.Protocol, c.res.RequestedProtocols = x224.ProtocolSSL, x224.ProtocolSSL
			sd := good()
			if tc.mod != nil {
				tc.mod(sd, c)
			}
			err := c.serverData(sd)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrProtocol) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want ErrProtocol containing %q", err, tc.want)
			}
		})
	}
}
