// Package expert is a small headless RDP client for tests: the "expert"
// side of a Remote Assistance connection, built from the module's own PDU
// packages so that server tests run without X or FreeRDP. It is imported
// only by tests and never shipped.
//
// Dial (or NewClient on an existing connection) runs the whole client side
// of the connection sequence ([MS-RDPBCGR] 1.3.1.1) the way xfreerdp 2.11.7
// does: X.224 negotiation, TLS or Standard RDP Security (RC4 with the
// salted MAC, 40, 56 or 128 bits), MCS with one channel join at a time,
// Client Info, the "valid client" licensing path, the capability exchange
// and connection finalization. Once the session is active a reader
// goroutine decodes every server PDU: bitmap updates are drawn into a
// framebuffer (Framebuffer, WaitFrame), pointer updates set the cursor
// through the client's pointer cache (Cursor, CursorPos, WaitCursor),
// static channel messages are queued per channel (ReceiveChannel), and any
// protocol violation, MAC failure or decoding error stops the reader and
// is kept as Err, precisely worded so tests can assert on it.
//
// The client is deliberately strict where ranoviced's server must be
// correct: it checks the [MS-RDPBCGR] 5.3.2 combination of the server's
// security data, verifies the proprietary certificate's signature as
// Windows clients do, rejects join confirms for the wrong channel, a user
// channel colliding with a static channel, graphics before the server's
// Font Map, bitmaps that do not fit the desktop, pointer shapes beyond its
// pointer capabilities or cache, share IDs that do not match the Demand
// Active, and anything it did not advertise (drawing orders, surface
// commands, bulk compression above the advertised type). It decodes RDP
// 5.0 and RDP 6.1 bulk compression of fast-path updates.
//
// Secrets (the password, the keys) are never logged.
package expert

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/order"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// Errors tests may tell apart with errors.Is.
var (
	// ErrClosed is Err after Close stopped a reader that had no other
	// reason to stop.
	ErrClosed = errors.New("expert: client closed")
	// ErrDisconnected reports that the server ended the connection with an
	// MCS Disconnect Provider Ultimatum (DisconnectReason gives its
	// reason) or an X.224 Disconnect Request.
	ErrDisconnected = errors.New("expert: server disconnected")
	// ErrConnectionLost reports that the transport ended (EOF, reset)
	// without a disconnect PDU.
	ErrConnectionLost = errors.New("expert: connection lost")
	// ErrProtocol wraps every protocol violation the client detects:
	// a PDU in the wrong state, a value the spec forbids, something the
	// client did not advertise.
	ErrProtocol = errors.New("expert: protocol violation")
	// ErrNegotiationFailure reports an RDP_NEG_FAILURE from the server; the
	// error text carries its failure code.
	ErrNegotiationFailure = errors.New("expert: server sent RDP_NEG_FAILURE")
)

// Security selects what the client offers in the X.224 Connection Request
// and which protocol it accepts in the Connection Confirm.
type Security uint8

const (
	// SecurityAuto offers PROTOCOL_SSL in the RDP_NEG_REQ and accepts the
	// server's choice of TLS or Standard RDP Security, like xfreerdp with
	// its defaults (which accepts a downgrade to PROTOCOL_RDP).
	SecurityAuto Security = iota
	// SecurityTLS offers PROTOCOL_SSL and requires the server to select it.
	SecurityTLS
	// SecurityRDP sends an RDP_NEG_REQ offering only PROTOCOL_RDP (0) and
	// requires Standard RDP Security.
	SecurityRDP
	// SecurityRDPLegacy sends no RDP_NEG_REQ at all, like `xfreerdp
	// /sec:rdp`; the Connection Confirm must then carry no rdpNegData,
	// neither RDP_NEG_RSP nor RDP_NEG_FAILURE ([MS-RDPBCGR] 3.3.5.3.2).
	SecurityRDPLegacy
)

func (s Security) String() string {
	switch s {
	case SecurityAuto:
		return "auto"
	case SecurityTLS:
		return "tls"
	case SecurityRDP:
		return "rdp"
	case SecurityRDPLegacy:
		return "rdp-legacy"
	}
	return fmt.Sprintf("Security(%d)", uint8(s))
}

// Config describes the client. The zero Config is a valid xfreerdp-like
// client; every zero field takes the default its comment gives.
type Config struct {
	// Security says what goes in the RDP_NEG_REQ (default SecurityAuto).
	Security Security
	// OfferProtocols, if nonzero, replaces requestedProtocols in the
	// RDP_NEG_REQ (say x224.ProtocolSSL|x224.ProtocolHybrid, as xfreerdp
	// sends by default). It is ignored under SecurityRDPLegacy. The server
	// must still select a protocol Security accepts.
	OfferProtocols x224.Protocols
	// Cookie is the mstshash value of the X.224 cookie; default UserName.
	Cookie string

	// EncryptionMethods is encryptionMethods of CS_SECURITY (default
	// 40BIT|56BIT|128BIT). The server must select one of them; FIPS is not
	// supported.
	EncryptionMethods gcc.EncryptionMethod
	// Channels are the static channels requested in CS_NET. nil means
	// FreeRDP's default set (rdpdr, rdpsnd, cliprdr, drdynvc with
	// xfreerdp's options); a non-nil empty slice requests none.
	Channels []gcc.ChannelDef

	// Width and Height are the requested desktop size (default 1024×768).
	// The session uses the size the server announces.
	Width, Height uint16
	// HighColorDepth, SupportedColorDepths and EarlyCapabilityFlags are
	// the CS_CORE fields (defaults as xfreerdp 2.11.7: 24 bpp, 0x000F,
	// 0x05E3, which includes RNS_UD_CS_WANT_32BPP_SESSION and
	// RNS_UD_CS_SUPPORT_ERRINFO_PDU).
	HighColorDepth       gcc.HighColorDepth
	SupportedColorDepths gcc.SupportedColorDepths
	EarlyCapabilityFlags gcc.EarlyCapabilityFlags
	// ClientName is clientName of CS_CORE (default "expert").
	ClientName string
	// MessageChannel adds the blocks xfreerdp 2.11.7 also sends:
	// CS_MCS_MSGCHANNEL and CS_MULTITRANSPORT (flags 0). A message channel
	// the server grants with SC_MCS_MSGCHANNEL is joined after the I/O
	// channel (rdp-server.md §1.3); nothing is sent on it.
	MessageChannel bool

	// Client Info fields. Password and AlternateShell are secrets (the RA
	// password travels in AlternateShell) and are never logged.
	UserName, Domain, Password, AlternateShell, WorkingDir string
	// InfoFlags are the Info Packet flags (default xfreerdp's 0x000B47F3,
	// plus INFO_AUTOLOGON when Password is set).
	InfoFlags sec.InfoFlags

	// FastPathOutput advertises FASTPATH_OUTPUT_SUPPORTED in the General
	// set (default true); FastPathInput sends fast-path input when the
	// server's Input set allows it (default true); SaltedMAC signs with
	// the salted MAC and advertises ENC_SALTED_CHECKSUM (default true, as
	// xfreerdp). Set them with new(false).
	FastPathOutput, FastPathInput, SaltedMAC *bool
	// BitmapCompressionHeader leaves NO_BITMAP_COMPRESSION_HDR out of the
	// General set, so compressed bitmaps must carry a TS_CD_HEADER
	// (2.2.9.1.1.3.1.2.3), as for pre-RDP 5.0 clients. xfreerdp and mstsc
	// advertise the flag.
	BitmapCompressionHeader bool
	// MaxRequestSize is the Multifragment Update MaxRequestSize the client
	// confirms. 0 echoes the server's value, as xfreerdp 2.11.7 does; the
	// client then refuses reassembled updates above it.
	MaxRequestSize uint32
	// NoScrBlt leaves ScrBlt out of the Order set's orderSupport (xfreerdp
	// advertises it), so the server must send scrolls as bitmaps.
	NoScrBlt bool
	// ColorPointersOnly leaves pointerCacheSize out of the Pointer set,
	// like xfreerdp with LargePointerFlag unset: the server may then send
	// only 24-bpp Color Pointer Updates, not New or Large ones
	// ([MS-RDPBCGR] 2.2.7.1.5).
	ColorPointersOnly bool
	// NoDesktopResize leaves desktopResizeFlag out of the Bitmap set, as
	// a client that cannot follow a Deactivation-Reactivation resize.
	NoDesktopResize bool

	// TLSConfig is used when TLS is selected (default: InsecureSkipVerify,
	// TLS 1.2 or later).
	TLSConfig *tls.Config
	// Rand supplies the client random (default crypto/rand.Reader).
	Rand io.Reader
	// NoWaitActive makes Dial and NewClient return as soon as the client's
	// finalization batch (Synchronize, Cooperate, Request Control, Font
	// List) is sent, without waiting for the server's four finalization
	// PDUs; WaitActive waits for them. Tests of the acceptor alone, whose
	// server side ends at the Confirm Active, use it.
	NoWaitActive bool
	// Logf, if set, receives debugging messages (never secrets).
	Logf func(format string, args ...any)
}

// FreeRDPChannels returns the static channels xfreerdp 2.11.7 requests by
// default, with its options (rdp-server.md §0.2 case A).
func FreeRDPChannels() []gcc.ChannelDef {
	return []gcc.ChannelDef{
		{Name: "rdpdr", Options: gcc.ChannelOptionInitialized | gcc.ChannelOptionEncryptRDP | gcc.ChannelOptionCompressRDP},
		{Name: "rdpsnd", Options: gcc.ChannelOptionInitialized | gcc.ChannelOptionEncryptRDP},
		{Name: "cliprdr", Options: gcc.ChannelOptionInitialized | gcc.ChannelOptionEncryptRDP | gcc.ChannelOptionCompressRDP | gcc.ChannelOptionShowProtocol},
		{Name: "drdynvc", Options: gcc.ChannelOptionInitialized | gcc.ChannelOptionEncryptRDP | gcc.ChannelOptionCompressRDP},
	}
}

// xfreerdpInfoFlags are the Info Packet flags xfreerdp 2.11.7 sends
// (sec.TestClientInfoFreeRDPAssistance): INFO_COMPRESSION with RDP 6.1,
// which this client decodes, as it does RDP 5.0; a PDU of any other
// compression type is an error.
const xfreerdpInfoFlags sec.InfoFlags = 0x000B47F3

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if cfg.EncryptionMethods == 0 {
		cfg.EncryptionMethods = gcc.EncryptionMethod40Bit | gcc.EncryptionMethod56Bit | gcc.EncryptionMethod128Bit
	}
	if cfg.Channels == nil {
		cfg.Channels = FreeRDPChannels()
	}
	if cfg.Width == 0 {
		cfg.Width = 1024
	}
	if cfg.Height == 0 {
		cfg.Height = 768
	}
	if cfg.HighColorDepth == 0 {
		cfg.HighColorDepth = gcc.HighColor24BPP
	}
	if cfg.SupportedColorDepths == 0 {
		cfg.SupportedColorDepths = gcc.Support24BPP | gcc.Support16BPP | gcc.Support15BPP | gcc.Support32BPP
	}
	if cfg.EarlyCapabilityFlags == 0 {
		cfg.EarlyCapabilityFlags = 0x05E3
	}
	if cfg.ClientName == "" {
		cfg.ClientName = "expert"
	}
	if cfg.Cookie == "" {
		cfg.Cookie = cfg.UserName
	}
	if cfg.InfoFlags == 0 {
		cfg.InfoFlags = xfreerdpInfoFlags
		if cfg.Password != "" {
			cfg.InfoFlags |= sec.InfoAutologon
		}
	}
	if cfg.FastPathOutput == nil {
		cfg.FastPathOutput = new(true)
	}
	if cfg.FastPathInput == nil {
		cfg.FastPathInput = new(true)
	}
	if cfg.SaltedMAC == nil {
		cfg.SaltedMAC = new(true)
	}
	if cfg.TLSConfig == nil {
		// A test client: tests check the server's key themselves (KH,
		// TLSState), not through a CA.
		cfg.TLSConfig = &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	return cfg
}

// Channel is a static channel the server granted.
type Channel struct {
	Name    string
	ID      uint16
	Options gcc.ChannelOptions
}

// Result is what the connection sequence established.
type Result struct {
	// RequestedProtocols is what the RDP_NEG_REQ offered (0 without one);
	// Protocol is what the server selected.
	RequestedProtocols x224.Protocols
	Protocol           x224.Protocols
	// EncryptionMethod and EncryptionLevel are the server's TS_UD_SC_SEC1
	// choice (NONE under TLS).
	EncryptionMethod gcc.EncryptionMethod
	EncryptionLevel  gcc.EncryptionLevel
	// ServerVersion is the version of TS_UD_SC_CORE.
	ServerVersion gcc.RDPVersion

	UserChannel uint16
	IOChannel   uint16
	// MessageChannel is the MCS message channel the server granted (0:
	// none).
	MessageChannel uint16
	Channels       []Channel

	// ShareID is the shareId of the latest Demand Active.
	ShareID uint32
	// DesktopWidth, DesktopHeight and BitsPerPixel are what the server's
	// Bitmap set announced (they change on reactivation).
	DesktopWidth, DesktopHeight int
	BitsPerPixel                int
	// MaxRequestSize is the Multifragment MaxRequestSize the client
	// confirmed (0 if it sent no Multifragment set).
	MaxRequestSize uint32
	// FastPathInput says whether input goes as fast-path PDUs.
	FastPathInput bool
	// SaltedMAC says whether the client currently signs with the salted
	// MAC (under Standard RDP Security).
	SaltedMAC bool
}

// Stats are counters over the connection's lifetime.
type Stats struct {
	FramesSent       int    // TPKT and fast-path PDUs written
	FramesReceived   int    // TPKT and fast-path PDUs read
	BytesReceived    uint64 // their bytes (after TLS)
	FastPathReceived int    // fast-path output PDUs read
	SlowPathReceived int    // TPKT PDUs read
	FastPathSent     int    // fast-path input PDUs written
	BitmapUpdates    int    // bitmap updates (fast- or slow-path) applied
	BitmapRects      int    // TS_BITMAP_DATA rectangles applied
	PointerUpdates   int    // pointer updates (fast- or slow-path) applied
	IgnoredPDUs      int    // server Data PDUs the client ignores (Save Session Info, Play Sound…)
	ChannelChunks    int    // static channel chunks read
	ChannelMessages  int    // reassembled static channel messages
	Reactivations    int    // Demand Actives after a Deactivate All
	ScrBlts          int    // ScrBlt orders applied
	// BulkCompressed counts fast-path update pieces that arrived bulk
	// compressed; BulkType is the compression type they used.
	BulkCompressed int
	BulkType       sec.CompressionType
	// Sealed and Opened are the Standard RDP Security packet counts of the
	// two RC4 streams (the salted-MAC counters), SealKeyUpdates and
	// OpenKeyUpdates their key updates (one every 4096 packets).
	Sealed, Opened                 uint32
	SealKeyUpdates, OpenKeyUpdates int
}

// Client is a connected RDP client. Its methods are safe for concurrent
// use.
type Client struct {
	cfg  Config
	conn net.Conn // the transport: the TLS connection when TLS is used
	raw  net.Conn // the underlying connection
	rd   *frameReader

	// Fixed once the connection sequence ends.
	tlsState     *tls.ConnectionState
	kh, kh2      string
	serverCrt    *stdsec.ServerCertificate
	serverRandom []byte
	channels     map[uint16]*channelState
	byName       map[string]*channelState

	// The send side: the seal cipher and the wire order belong together.
	sendMu sync.Mutex
	seal   *stdsec.Cipher

	// The receive side, owned by the handshake, then by the reader
	// goroutine.
	open   *stdsec.Cipher
	reasm  *fastpath.Reassembler
	unzip  *decompressor
	orders order.Decoder
	// scrBltOK: the latest Confirm Active advertised ScrBlt.
	scrBltOK bool
	scratch  []byte

	mu         sync.Mutex
	res        Result
	salted     bool
	encrypted  bool // Standard RDP Security with a method: every PDU carries a security header
	serverCaps []caps.Set
	serverNeg  caps.Negotiated
	// serverSource is the pduSource of the latest Demand Active.
	serverSource uint16
	// fragmentsAllowed: the confirmed MaxRequestSize lets the server send
	// fragmented fast-path updates.
	fragmentsAllowed bool
	fb               *shadow.Frame
	fbChanged        chan struct{} // closed and replaced on every framebuffer change
	stats            Stats
	finalized        finalizeFlags
	active           bool
	activeCh         chan struct{} // closed when the session becomes active; replaced on deactivation
	errorInfo        pdu.ErrorInfo
	errorInfos       []pdu.ErrorInfo
	dpum             *mcs.Reason
	err              error
	done             chan struct{}
	closeOnce        sync.Once
	closing          bool
	deactivated      bool

	// The pointer (pointer.go): what the client advertised, its cache and
	// what the server's pointer updates left on screen.
	ptrCaps       pointerCaps
	ptrCache      map[uint16]pointer.Shape
	cursor        CursorState
	cursorChanged chan struct{} // closed and replaced on every pointer update
}

// channelState is one static channel's reassembly and queue.
type channelState struct {
	Channel
	dechunk *svc.Dechunker
	queue   [][]byte
	notify  chan struct{} // closed and replaced when a message is queued
}

// Dial connects to addr over TCP and runs the connection sequence.
func Dial(ctx context.Context, addr string, cfg Config) (*Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("expert: dial: %w", err)
	}
	c, err := NewClient(ctx, conn, cfg)
	if err != nil {
		return nil, err // NewClient closed conn
	}
	return c, nil
}

// NewClient runs the connection sequence on conn, which it owns from now on
// (it is closed on error and by Close). It returns once the session is
// active (or, with Config.NoWaitActive, once the finalization batch is
// sent). Every step is bounded by ctx.
func NewClient(ctx context.Context, conn net.Conn, cfg Config) (*Client, error) {
	c := &Client{
		cfg:       cfg.withDefaults(),
		conn:      conn,
		raw:       conn,
		fbChanged: make(chan struct{}),
		activeCh:  make(chan struct{}),
		done:      make(chan struct{}),

		ptrCache:      make(map[uint16]pointer.Shape),
		cursorChanged: make(chan struct{}),
	}
	if err := c.handshake(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	go c.readLoop()
	if c.cfg.NoWaitActive {
		return c, nil
	}
	if err := c.WaitActive(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func (c *Client) logf(format string, args ...any) {
	if c.cfg.Logf != nil {
		c.cfg.Logf("expert: "+format, args...)
	}
}

// Close sends a Disconnect Provider Ultimatum (rn-user-requested) on a
// best-effort basis, closes the connection and waits for the reader
// goroutine. It is safe to call more than once.
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		c.mu.Lock()
		c.closing = true
		c.mu.Unlock()
		// A Send blocked on a full pipe must not hold sendMu forever.
		_ = c.raw.SetWriteDeadline(time.Now().Add(time.Second))
		dpum := mcs.DisconnectProviderUltimatum{Reason: mcs.ReasonUserRequested}
		if b, err := appendMCS(nil, &dpum); err == nil {
			c.sendMu.Lock()
			_, _ = c.conn.Write(b)
			c.sendMu.Unlock()
		}
		c.raw.Close()
	})
	<-c.done
	return nil
}

// Done is closed when the reader goroutine has stopped (see Err).
func (c *Client) Done() <-chan struct{} { return c.done }

// Err returns why the reader stopped, or nil while it runs: a wrapped
// ErrDisconnected, ErrConnectionLost, ErrClosed, or the protocol, MAC or
// decoding error that ended it.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Wait blocks until the reader stops or ctx is done and returns Err (or
// ctx's error).
func (c *Client) Wait(ctx context.Context) error {
	select {
	case <-c.done:
		return c.Err()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// DisconnectReason returns the reason of the server's Disconnect Provider
// Ultimatum, if one arrived.
func (c *Client) DisconnectReason() (mcs.Reason, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dpum == nil {
		return 0, false
	}
	return *c.dpum, true
}

// ErrorInfo returns the code of the last Set Error Info PDU
// (ERRINFO_NONE if none arrived).
func (c *Client) ErrorInfo() pdu.ErrorInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.errorInfo
}

// ErrorInfos returns every Set Error Info code received, in order.
func (c *Client) ErrorInfos() []pdu.ErrorInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]pdu.ErrorInfo(nil), c.errorInfos...)
}

// Result returns what the connection sequence established (the desktop
// fields follow reactivations).
func (c *Client) Result() Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.res
	r.Channels = append([]Channel(nil), r.Channels...)
	r.SaltedMAC = c.salted && c.encrypted
	return r
}

// ChannelID returns the MCS channel id the server gave the static channel
// name.
func (c *Client) ChannelID(name string) (uint16, bool) {
	ch, ok := c.byName[name]
	if !ok {
		return 0, false
	}
	return ch.ID, true
}

// KH returns the Remote Assistance key hashes of the server's proprietary
// certificate ([MS-RAI] 2.2.2); both are empty under TLS.
func (c *Client) KH() (kh, kh2 string) { return c.kh, c.kh2 }

// ServerCertificate returns the server's proprietary certificate (nil
// under TLS or without encryption).
func (c *Client) ServerCertificate() *stdsec.ServerCertificate { return c.serverCrt }

// TLSState returns the TLS connection state, nil without TLS.
func (c *Client) TLSState() *tls.ConnectionState { return c.tlsState }

// ServerCaps returns the server's latest Demand Active capability sets
// digested by caps.Negotiate (its fields read as the server's values).
func (c *Client) ServerCaps() caps.Negotiated {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.serverNeg
}

// ServerCapabilitySets returns the server's latest Demand Active
// capability sets as sent.
func (c *Client) ServerCapabilitySets() []caps.Set {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]caps.Set(nil), c.serverCaps...)
}

// Stats returns the counters.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// Updates returns the number of bitmap updates applied to the framebuffer.
func (c *Client) Updates() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats.BitmapUpdates
}

// Active reports whether the session is active: the server's four
// finalization PDUs arrived and no Deactivate All followed.
func (c *Client) Active() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.active
}

// WaitActive blocks until the session is active, the reader stops or ctx
// is done.
func (c *Client) WaitActive(ctx context.Context) error {
	for {
		c.mu.Lock()
		active, ch, err := c.active, c.activeCh, c.err
		c.mu.Unlock()
		if active {
			return nil
		}
		if err != nil {
			return fmt.Errorf("expert: waiting for activation: %w", err)
		}
		select {
		case <-ch:
		case <-c.done:
		case <-ctx.Done():
			return fmt.Errorf("expert: waiting for activation: %w", ctx.Err())
		}
	}
}

// Framebuffer returns a copy of the framebuffer (nil before the first
// Demand Active).
func (c *Client) Framebuffer() *shadow.Frame {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fb == nil {
		return nil
	}
	return c.fb.Clone()
}

// WaitFrame blocks until pred holds on the framebuffer. pred runs with the
// client's lock held, on the live framebuffer, first at once and then after
// every change; it must not keep or modify the frame. WaitFrame fails when
// the reader stops or ctx is done first.
func (c *Client) WaitFrame(ctx context.Context, pred func(*shadow.Frame) bool) error {
	for {
		c.mu.Lock()
		ok := c.fb != nil && pred(c.fb)
		ch, err := c.fbChanged, c.err
		c.mu.Unlock()
		if ok {
			return nil
		}
		if err != nil {
			return fmt.Errorf("expert: waiting for a frame: %w", err)
		}
		select {
		case <-ch:
		case <-c.done:
		case <-ctx.Done():
			return fmt.Errorf("expert: waiting for a frame: %w", ctx.Err())
		}
	}
}

// WaitUpdates blocks until at least n bitmap updates were applied.
func (c *Client) WaitUpdates(ctx context.Context, n int) error {
	return c.WaitFrame(ctx, func(*shadow.Frame) bool { return c.stats.BitmapUpdates >= n })
}

// ReceiveChannel returns the next whole message the server sent on the
// static channel name, waiting for one if none is queued.
func (c *Client) ReceiveChannel(ctx context.Context, name string) ([]byte, error) {
	ch, ok := c.byName[name]
	if !ok {
		return nil, fmt.Errorf("expert: no static channel %q", name)
	}
	for {
		c.mu.Lock()
		if len(ch.queue) > 0 {
			msg := ch.queue[0]
			ch.queue = ch.queue[1:]
			c.mu.Unlock()
			return msg, nil
		}
		notify, err := ch.notify, c.err
		c.mu.Unlock()
		if err != nil {
			return nil, fmt.Errorf("expert: channel %s: %w", name, err)
		}
		select {
		case <-notify:
		case <-c.done:
		case <-ctx.Done():
			return nil, fmt.Errorf("expert: channel %s: %w", name, ctx.Err())
		}
	}
}

// protocolErr formats a protocol violation wrapping ErrProtocol.
func protocolErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrProtocol, fmt.Sprintf(format, args...))
}
