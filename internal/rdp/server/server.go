// Package server is the I/O driver of the RDP stack: it accepts TCP
// connections, runs the sans-IO acceptor under deadlines, upgrades to TLS
// when the acceptor asks, and then runs each connection's session on one
// owner goroutine with a reader and a writer goroutine beside it.
package server

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"image"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// ErrServerClosed is returned by Serve after Shutdown or context cancel.
var ErrServerClosed = errors.New("server: closed")

// Config configures a Server.
type Config struct {
	Logger *zap.Logger
	Key    *serverkey.Key

	Security          acceptor.Security
	EncryptionMethods gcc.EncryptionMethod

	// HandshakeTimeout bounds the connection sequence from accept to
	// activation; StepTimeout bounds each read within it.
	HandshakeTimeout time.Duration
	StepTimeout      time.Duration
	// MaxPendingHandshakes caps connections in the connection sequence;
	// more are closed at once.
	MaxPendingHandshakes int
	// WriteTimeout bounds one write to a client; a client that stops
	// reading for longer is disconnected.
	WriteTimeout time.Duration

	// Screen is the shared desktop. The server serialises Capture calls.
	Screen shadow.Screen
	// MaxFrameRate caps screen updates per second per connection.
	MaxFrameRate int
	// MaxBitsPerPixel caps the session colour depth (see
	// acceptor.Config.MaxBitsPerPixel; 0: the client's choice).
	MaxBitsPerPixel uint16
	// Compression selects compressed bitmap codecs (Planar at 32 bpp,
	// Interleaved below); false sends uncompressed bitmaps.
	Compression bool
	// NoBulkCompression leaves fast-path updates uncompressed even for
	// clients that advertise bulk compression (MPPC or RDP 6.1), trading
	// bytes on the wire for server CPU.
	NoBulkCompression bool

	// Handler returns the application side of a new connection; nil means
	// a handler that logs input and shows the placeholder picture.
	Handler func(*Conn) Handler
	// Channels registers a processor per static virtual channel name. When
	// a client joins a registered channel its connection gets a processor of
	// its own: its Start messages go out once the connection is active, and
	// every whole message the client sends on the channel goes through
	// Process. Messages on other channels go to Handler.ChannelMessage.
	Channels map[string]func(*Conn) svc.Processor
	// UnsafeNoAuth shows the real desktop to every connection without
	// any Remote Assistance authentication or consent. It exists for
	// interop tests and benchmarks and logs a warning per connection.
	UnsafeNoAuth bool
	// CheckClientInfo decides from the client's address and Client Info
	// PDU whether it may continue, before licensing and capabilities: the
	// daemon refuses a WorkingDir that names no live invitation. It must
	// not block. nil accepts every client.
	CheckClientInfo func(remote net.Addr, ci *sec.ClientInfo) error

	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Server serves RDP connections.
type Server struct {
	cfg      Config
	log      *zap.Logger
	tlsConf  *tls.Config
	certBlob []byte // the encoded SERVER_CERTIFICATE for Standard RDP Security
	kh, kh2  string

	screen *sharedScreen
	damage *damageFanout // nil: the screen is polled at the frame rate

	handshakes chan struct{} // semaphore: one token per connection in the handshake
	nextID     atomic.Uint64
	paused     atomic.Bool // SetPaused: every connection shows the placeholder

	mu     sync.Mutex // guards conns, closed
	conns  map[*Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// New checks cfg and prepares the server identity.
func New(cfg Config) (*Server, error) {
	if cfg.Key == nil {
		return nil, errors.New("server: no key")
	}
	if cfg.Logger == nil {
		cfg.Logger = zap.NewNop()
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = 20 * time.Second
	}
	if cfg.StepTimeout <= 0 || cfg.StepTimeout > cfg.HandshakeTimeout {
		cfg.StepTimeout = cfg.HandshakeTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 30 * time.Second
	}
	if cfg.MaxPendingHandshakes <= 0 {
		cfg.MaxPendingHandshakes = 8
	}
	if cfg.MaxFrameRate <= 0 {
		cfg.MaxFrameRate = 20
	}
	cert, err := stdsec.NewProprietaryCertificate(&cfg.Key.Private.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("server: proprietary certificate: %w", err)
	}
	blob, err := cert.AppendBinary(nil)
	if err != nil {
		return nil, fmt.Errorf("server: proprietary certificate: %w", err)
	}
	pkb, err := cert.PublicKeyBlob()
	if err != nil {
		return nil, fmt.Errorf("server: proprietary certificate: %w", err)
	}
	s := &Server{
		cfg:        cfg,
		log:        cfg.Logger,
		certBlob:   blob,
		handshakes: make(chan struct{}, cfg.MaxPendingHandshakes),
		conns:      map[*Conn]struct{}{},
	}
	s.kh, s.kh2 = stdsec.KeyHashes(pkb)
	s.tlsConf = &tls.Config{
		Certificates: []tls.Certificate{cfg.Key.TLSCertificate()},
		MinVersion:   tls.VersionTLS12, // Windows 10/11 mstsc negotiate 1.2; xfreerdp 2.11 does 1.3
		Rand:         cfg.Rand,
	}
	if cfg.Screen != nil {
		s.screen = &sharedScreen{s: cfg.Screen}
		s.damage = newDamageFanout(s.screen)
		s.screen.damage = s.damage
	}
	return s, nil
}

// KeyHashes returns the Remote Assistance key hashes of the server key:
// KH (base64 SHA-1 of the proprietary certificate's public-key blob) and
// KH2 ("sha256:" + base64 SHA-256), [MS-RAI] 2.2.2.
func (s *Server) KeyHashes() (kh, kh2 string) { return s.kh, s.kh2 }

// Serve accepts connections on ln until ctx is cancelled or Shutdown is
// called; it then returns ErrServerClosed.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var delay time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil || s.isClosed() || errors.Is(err, net.ErrClosed) {
				return ErrServerClosed
			}
			// Back off on temporary errors (out of file descriptors) as
			// net/http does, rather than spinning.
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			s.log.Warn("accept failed; retrying", zap.Error(err), zap.Duration("delay", delay))
			select {
			case <-time.After(delay):
			case <-ctx.Done():
				return ErrServerClosed
			}
			continue
		}
		delay = 0
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serveConn(ctx, nc)
		}()
	}
}

// Shutdown stops every connection and waits for them, or until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.damage != nil {
		s.damage.stop()
	}
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		c.cancel(ErrServerClosed)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// serveConn runs one connection to its end. A panic is contained to it.
func (s *Server) serveConn(ctx context.Context, nc net.Conn) {
	id := s.nextID.Add(1)
	log := s.log.With(zap.Uint64("conn", id), zap.Stringer("remote", nc.RemoteAddr()))
	defer nc.Close()
	log.Debug("connection accepted", zap.Stringer("local", nc.LocalAddr()))
	defer func() {
		if r := recover(); r != nil {
			log.Error("panic serving connection", zap.Any("panic", r), zap.Stack("stack"))
		}
	}()
	select {
	case s.handshakes <- struct{}{}:
	default:
		log.Warn("too many connections in the handshake; closing", zap.Int("max_pending_handshakes", cap(s.handshakes)))
		return
	}
	var once sync.Once
	release := func() { once.Do(func() { <-s.handshakes }) }
	defer release()
	c := newConn(s, nc, id, log)
	c.releaseHandshake = release
	if !s.track(c) {
		return
	}
	defer s.untrack(c)
	c.serve(ctx)
}

func (s *Server) track(c *Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c *Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
}

// ConnInfo describes an active connection.
type ConnInfo struct {
	ID     uint64
	Remote string
	User   string // Client Info UserName
	// WorkingDir is the Client Info WorkingDir: in Remote Assistance, the
	// ID of the invitation the expert used.
	WorkingDir string
	Since      time.Time
}

// Connections lists the connections that completed the connection
// sequence.
func (s *Server) Connections() []ConnInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ConnInfo
	for c := range s.conns {
		if info := c.info.Load(); info != nil {
			out = append(out, *info)
		}
	}
	return out
}

// SetPaused pauses (true) or resumes sharing for every connection, now
// and later: while paused, no desktop pixel is captured or sent and the
// experts see the neutral placeholder picture; on resume they get the
// whole desktop again. It reports whether the state changed.
func (s *Server) SetPaused(p bool) bool {
	if s.paused.Swap(p) == p {
		return false
	}
	s.mu.Lock()
	conns := make([]*Conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		// A connection still in its handshake runs this once active; its
		// graphics read the flag when they start anyway.
		c.Post(func(c *Conn) {
			if c.gfx != nil {
				c.gfx.setPaused(s.paused.Load())
			}
		})
	}
	return true
}

// Paused reports whether sharing is paused (SetPaused).
func (s *Server) Paused() bool { return s.paused.Load() }

// CloseWhere ends every active connection for which match reports true,
// telling the client why, and returns how many it asked to close.
func (s *Server) CloseWhere(match func(ConnInfo) bool, why pdu.ErrorInfo) int {
	s.mu.Lock()
	var victims []*Conn
	for c := range s.conns {
		if info := c.info.Load(); info != nil && match(*info) {
			victims = append(victims, c)
		}
	}
	s.mu.Unlock()
	for _, c := range victims {
		c.Post(func(c *Conn) { c.Close(why) })
	}
	return len(victims)
}

// sharedScreen serialises access to one Screen across connections (the
// X11 backend keeps one X connection, which is not safe for concurrent
// use) and shares its captures: see frames.go.
type sharedScreen struct {
	mu sync.Mutex
	s  shadow.Screen

	// Guarded by mu (frames.go):
	damage *damageFanout // nil: polled
	latest *sharedFrame  // the newest capture, nil before the first
	gen    uint64        // generation of the newest capture
	pool   []*sharedFrame
	// hist records where each recent capture may differ from the one
	// before; carry holds the areas fetched after the newest capture,
	// which belong to the next record too (frames.go).
	hist            [genHistory]genRecord
	carry           []image.Rectangle
	carryKnown      bool
	preBuf, postBuf []image.Rectangle
	copyBuf         []image.Rectangle
	copyAreas       []image.Rectangle // copyBuf made disjoint
	disjoint        shadow.Disjoint
	scrolls         scrollBackoff

	// The last pointer position polled (pointerPosition), shared like
	// captures. Guarded by mu.
	ptrAt  time.Time
	ptrPos image.Point
	ptrOn  bool

	captures, encoded, diffs atomic.Uint64 // counters, for tests
}

// cursor fills dst with the pointer shape; ok is false when the screen
// does not know it.
func (ss *sharedScreen) cursor(dst *shadow.Cursor) (ok bool, err error) {
	cs, ok := ss.s.(shadow.CursorSource)
	if !ok {
		return false, nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return true, cs.Cursor(dst)
}

// pointerPosition returns where the novice's pointer is: polled anew
// unless another connection polled it within maxAge. ok is false when the
// screen cannot tell or the pointer is on another screen.
func (ss *sharedScreen) pointerPosition(now time.Time, maxAge time.Duration) (p image.Point, ok bool, err error) {
	ps, can := ss.s.(shadow.PointerSource)
	if !can {
		return image.Point{}, false, nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !ss.ptrAt.IsZero() && now.Sub(ss.ptrAt) < maxAge {
		return ss.ptrPos, ss.ptrOn, nil
	}
	p, ok, err = ps.PointerPosition()
	if err != nil {
		return image.Point{}, false, err
	}
	ss.ptrAt, ss.ptrPos, ss.ptrOn = now, p, ok
	return p, ok, nil
}

func (ss *sharedScreen) size() (int, int) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.s.Size()
}
