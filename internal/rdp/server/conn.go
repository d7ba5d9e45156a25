package server

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
)

// Handler is the application side of one connection: the Remote
// Assistance layer in the daemon, a recorder in tests. Its methods run on
// the connection's owner goroutine and must not block; they may call the
// Conn's methods.
type Handler interface {
	// Active is called once the connection sequence is complete.
	Active(c *Conn)
	// Input receives each decoded input event. Nothing reaches the desktop
	// unless the handler injects it.
	Input(c *Conn, ev input.Event)
	// ChannelMessage receives a whole message on a static channel.
	ChannelMessage(c *Conn, channel string, data []byte)
	// DVC receives DVCOpened, DVCOpenFailed, DVCMessage and DVCClosed.
	DVC(c *Conn, ev session.Event)
	// Closed is called once, when the connection ends; err says why (nil
	// for an orderly end).
	Closed(c *Conn, err error)
}

// NopHandler ignores everything; embed it to implement only some methods.
type NopHandler struct{}

func (NopHandler) Active(*Conn)                         {}
func (NopHandler) Input(*Conn, input.Event)             {}
func (NopHandler) ChannelMessage(*Conn, string, []byte) {}
func (NopHandler) DVC(*Conn, session.Event)             {}
func (NopHandler) Closed(*Conn, error)                  {}

// Conn is one client connection.
//
// Its exported methods other than Post, ID and Logger must be called on
// the owner goroutine: from Handler methods or from a function given to
// Post.
type Conn struct {
	// Immutable after newConn:
	srv    *Server
	nc     net.Conn
	log    *zap.Logger
	id     uint64
	ctx    context.Context
	cancel context.CancelCauseFunc
	posts  chan func(*Conn) // from any goroutine to the owner

	releaseHandshake func() // gives back the pending-handshake token; idempotent

	// info is set once, by the owner, when the connection becomes active;
	// other goroutines read it through Server.Connections.
	info atomic.Pointer[ConnInfo]

	// Owned by serve (the owner goroutine):
	handler   Handler
	procs     map[string]svc.Processor // by channel name, from Config.Channels
	wasActive bool
	res       *acceptor.Result
	sess      *session.Session
	gfx       *graphics
	out       []byte // scratch for PDUs the owner builds
	send      chan []byte
	sent      chan struct{} // cap 1: the writer finished a write
	wdone     chan struct{} // closed when the writer stops
	werr      error         // the writer's error, read after wdone
	closing   error         // set by Close: the owner ends the connection
	sendOff   bool          // send is closed
}

// postQueueLen bounds function posts waiting for the owner; a poster that
// finds it full blocks until the owner catches up or the connection ends.
const postQueueLen = 16

// sendQueueLen bounds PDU batches waiting for the writer. Control and
// channel data never wait for room in graphics' sense: graphics are only
// produced when the queue is empty (the pull model).
const sendQueueLen = 64

func newConn(s *Server, nc net.Conn, id uint64, log *zap.Logger) *Conn {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &Conn{
		srv: s, nc: nc, log: log, id: id,
		ctx: ctx, cancel: cancel,
		posts: make(chan func(*Conn), postQueueLen),
	}
}

// ID returns the connection's number, unique within the server.
func (c *Conn) ID() uint64 { return c.id }

// Logger returns the connection's logger.
func (c *Conn) Logger() *zap.Logger { return c.log }

// RemoteAddr returns the client's address.
func (c *Conn) RemoteAddr() net.Addr { return c.nc.RemoteAddr() }

// Result returns what the connection sequence established (nil before
// Active).
func (c *Conn) Result() *acceptor.Result { return c.res }

// Stats are a connection's packet counters.
type Stats struct {
	// Sealed and Opened count the packets encrypted and decrypted under
	// Standard RDP Security (0 otherwise); past 4096 in a direction, that
	// direction's RC4 key has been updated.
	Sealed, Opened uint32
	// FramesSent counts screen updates sent; DesktopFrames those that
	// carried desktop pixels rather than the placeholder.
	FramesSent, DesktopFrames int
	// ScrBlts counts scrolls sent as ScrBlt orders.
	ScrBlts int
}

// Stats returns the connection's counters.
func (c *Conn) Stats() Stats {
	var st Stats
	if c.res != nil {
		st.Sealed, st.Opened = c.res.Link.Counters()
	}
	if c.gfx != nil {
		st.FramesSent, st.DesktopFrames, st.ScrBlts = c.gfx.framesSent, c.gfx.desktopFrames, c.gfx.scrBlts
	}
	return st
}

// Post runs f on the owner goroutine. It reports false if the connection
// has ended.
func (c *Conn) Post(f func(*Conn)) bool {
	select {
	case c.posts <- f:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// SetViewing chooses whether the expert sees the desktop (true) or the
// neutral placeholder picture (false). No pixel of the desktop is sent
// while it is false.
func (c *Conn) SetViewing(v bool) {
	if c.gfx != nil {
		c.gfx.setViewing(v)
	}
}

// SendChannel sends msg on the static channel name.
func (c *Conn) SendChannel(name string, msg []byte) error {
	out, err := c.sess.AppendChannel(c.out[:0], name, msg)
	if err != nil {
		return err
	}
	return c.queue(out)
}

// HasChannel reports whether the client joined the static channel name.
func (c *Conn) HasChannel(name string) bool { return c.sess != nil && c.sess.HasChannel(name) }

// OpenDVC asks the client to open a dynamic channel; the answer comes to
// Handler.DVC.
func (c *Conn) OpenDVC(name string) (uint32, error) {
	id, out, err := c.sess.OpenDVC(c.out[:0], name)
	if err != nil {
		return 0, err
	}
	return id, c.queue(out)
}

// SendDVC sends msg on the open dynamic channel id.
func (c *Conn) SendDVC(id uint32, msg []byte) error {
	out, err := c.sess.AppendDVC(c.out[:0], id, msg)
	if err != nil {
		return err
	}
	return c.queue(out)
}

// Close ends the connection after telling the client why.
func (c *Conn) Close(info pdu.ErrorInfo) {
	if c.closing == nil {
		c.closing = &closeError{info: info}
	}
}

var errConnDone = errors.New("server: connection ended")

type closeError struct{ info pdu.ErrorInfo }

func (e *closeError) Error() string { return "server: closed: " + e.info.String() }

// closeSend lets the writer finish what is queued and stop.
func (c *Conn) closeSend() {
	if !c.sendOff {
		c.sendOff = true
		close(c.send)
	}
}

// queue hands a batch of PDUs to the writer. The batch is copied: callers
// reuse their buffers.
func (c *Conn) queue(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if c.sendOff {
		return errors.New("server: connection closing")
	}
	msg := append([]byte(nil), b...)
	select {
	case c.send <- msg:
		return nil
	case <-c.wdone:
		return c.werr
	}
}

// serve runs the connection: the handshake under deadlines, then the
// active phase. It returns when the connection is over.
func (c *Conn) serve(ctx context.Context) {
	stop := context.AfterFunc(ctx, func() { c.cancel(context.Cause(ctx)) })
	defer stop()
	defer c.cancel(errConnDone) // releases Post callers
	closeOnCancel := context.AfterFunc(c.ctx, func() { c.nc.SetDeadline(time.Now()) })
	defer closeOnCancel()

	start := c.srv.cfg.Now()
	res, fr, conn, err := c.handshake()
	c.releaseHandshake() // this connection no longer counts as pending
	if err != nil {
		c.logHandshakeError(err, c.srv.cfg.Now().Sub(start))
		return
	}
	c.res = res
	c.info.Store(&ConnInfo{
		ID: c.id, Remote: c.nc.RemoteAddr().String(), User: res.ClientInfo.UserName,
		WorkingDir: res.ClientInfo.WorkingDir, Since: c.srv.cfg.Now(),
	})
	c.log.Info("connection active",
		zap.Stringer("protocol", res.Protocol),
		zap.Stringer("encryption", res.EncryptionMethod),
		zap.String("client", res.ClientData.Core.ClientName),
		zap.String("user", res.ClientInfo.UserName),
		zap.Uint16("width", res.DesktopWidth), zap.Uint16("height", res.DesktopHeight),
		zap.Uint16("bpp", res.BitsPerPixel),
		zap.Strings("channels", channelNames(res.Channels)),
		zap.Duration("handshake", c.srv.cfg.Now().Sub(start)))
	// A profile of the daemon (serve --cpuprofile) can then be split by
	// client: go tool pprof -tagfocus rdp_client=NAME.
	pprof.Do(c.ctx, pprof.Labels("rdp_client", res.ClientData.Core.ClientName), func(context.Context) {
		err = c.active(conn, fr)
	})
	c.logEnd(err)
}

func channelNames(chs []acceptor.Channel) []string {
	names := make([]string, len(chs))
	for i, ch := range chs {
		names[i] = ch.Name
	}
	return names
}

func (c *Conn) logHandshakeError(err error, d time.Duration) {
	var ne net.Error
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, acceptor.ErrClientDisconnected):
		c.log.Info("client left during the handshake", zap.Error(err))
	case errors.Is(err, acceptor.ErrRefused):
		c.log.Warn("client refused", zap.Error(err))
	case errors.As(err, &ne) && ne.Timeout():
		c.log.Warn("handshake timed out", zap.Error(err), zap.Duration("after", d))
	default:
		c.log.Warn("handshake failed", zap.Error(err))
	}
}

func (c *Conn) logEnd(err error) {
	var ce *closeError
	st := c.Stats()
	log := c.log.With(zap.Int("frames", st.FramesSent), zap.Int("desktop_frames", st.DesktopFrames))
	switch {
	case err == nil, errors.Is(err, session.ErrClientDisconnected), errors.Is(err, io.EOF):
		log.Info("connection closed by the client")
	case errors.As(err, &ce):
		log.Info("connection closed by the server", zap.Stringer("reason", ce.info))
	case errors.Is(err, ErrServerClosed), errors.Is(err, context.Canceled):
		log.Info("connection closed: server shutting down")
	default:
		log.Warn("connection ended", zap.Error(err))
	}
}

// handshake drives the acceptor. Every read has a deadline: the step
// timeout, and never past the overall handshake deadline.
func (c *Conn) handshake() (*acceptor.Result, *frameReader, net.Conn, error) {
	cfg := c.srv.cfg
	random := make([]byte, 32)
	if _, err := io.ReadFull(cfg.Rand, random); err != nil {
		return nil, nil, nil, fmt.Errorf("server: random: %w", err)
	}
	w, h := 1024, 768
	if c.srv.screen != nil {
		w, h = c.srv.screen.size()
	}
	acc, err := acceptor.New(acceptor.Config{
		Security:          cfg.Security,
		EncryptionMethods: cfg.EncryptionMethods,
		PrivateKey:        cfg.Key.Private,
		Certificate:       c.srv.certBlob,
		ServerRandom:      random,
		CheckClientInfo:   c.checkClientInfo(),
		MaxBitsPerPixel:   cfg.MaxBitsPerPixel,
		DesktopWidth:      uint16(min(max(w, 1), 8192)),
		DesktopHeight:     uint16(min(max(h, 1), 8192)),
	})
	if err != nil {
		return nil, nil, nil, err
	}
	deadline := cfg.Now().Add(cfg.HandshakeTimeout)
	var conn net.Conn = c.nc
	// The Connection Request is read straight from the socket so that no
	// byte of a following TLS ClientHello is buffered.
	fr := newFrameReader(c.nc)
	var out []byte
	for {
		switch acc.Want() {
		case acceptor.WantFrame:
			conn.SetReadDeadline(earliest(cfg.Now().Add(cfg.StepTimeout), deadline))
			f, err := fr.read()
			if err != nil {
				return nil, nil, nil, fmt.Errorf("server: in %v: %w", acc.State(), err)
			}
			wasCR := acc.State() == acceptor.StateWaitConnectionRequest
			out, err = acc.Step(f, out[:0])
			if werr := c.writeHandshake(conn, out, deadline); werr != nil && err == nil {
				err = werr
			}
			if err != nil {
				return nil, nil, nil, err
			}
			if wasCR && acc.Want() == acceptor.WantFrame {
				// Standard RDP Security: no TLS will follow, buffer freely.
				fr = newFrameReader(bufio.NewReaderSize(conn, 1<<16))
			}
		case acceptor.WantTLS:
			tc := tls.Server(c.nc, c.srv.tlsConf)
			hctx, cancel := context.WithDeadline(c.ctx, deadline)
			err := tc.HandshakeContext(hctx)
			cancel()
			if err != nil {
				return nil, nil, nil, fmt.Errorf("server: TLS handshake: %w", err)
			}
			if err := acc.TLSEstablished(); err != nil {
				return nil, nil, nil, err
			}
			conn = tc
			fr = newFrameReader(bufio.NewReaderSize(tc, 1<<16))
		case acceptor.WantNothing:
			res, ok := acc.Result()
			if !ok {
				return nil, nil, nil, fmt.Errorf("server: acceptor stopped in %v", acc.State())
			}
			conn.SetDeadline(time.Time{})
			return res, fr, conn, nil
		}
	}
}

// checkClientInfo binds the server's Client Info hook to this
// connection's address.
func (c *Conn) checkClientInfo() func(*sec.ClientInfo) error {
	check := c.srv.cfg.CheckClientInfo
	if check == nil {
		return nil
	}
	remote := c.nc.RemoteAddr()
	return func(ci *sec.ClientInfo) error { return check(remote, ci) }
}

func (c *Conn) writeHandshake(conn net.Conn, b []byte, deadline time.Time) error {
	if len(b) == 0 {
		return nil
	}
	conn.SetWriteDeadline(deadline)
	_, err := conn.Write(b)
	return err
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// inbound is one frame from the reader goroutine, or its final error.
type inbound struct {
	frame []byte
	err   error
}

// active runs the session on this goroutine (the owner), with a reader
// and a writer goroutine.
func (c *Conn) active(conn net.Conn, fr *frameReader) (err error) {
	c.sess = session.New(c.res, session.Config{NoBulkCompression: c.srv.cfg.NoBulkCompression})
	c.send = make(chan []byte, sendQueueLen)
	c.sent = make(chan struct{}, 1)
	c.wdone = make(chan struct{})
	frames := make(chan inbound)
	// next tells the reader the owner is done with the last frame. It has
	// room for one token so the owner never blocks handing it over, even
	// when the reader has already stopped (the writer failed meanwhile).
	next := make(chan struct{}, 1)
	var wg sync.WaitGroup
	defer func() {
		c.closeSend()
		conn.SetDeadline(time.Now()) // unblocks both goroutines
		wg.Wait()
	}()
	wg.Go(func() { c.writeLoop(conn) })
	wg.Go(func() { c.readLoop(fr, frames, next) })

	if c.srv.cfg.Handler != nil {
		c.handler = c.srv.cfg.Handler(c)
	}
	if c.handler == nil {
		c.handler = defaultHandler{}
	}
	defer func() { c.handler.Closed(c, err) }()
	for _, ch := range c.res.Channels {
		if f, ok := c.srv.cfg.Channels[ch.Name]; ok {
			if c.procs == nil {
				c.procs = map[string]svc.Processor{}
			}
			c.procs[ch.Name] = f(c)
		}
	}
	c.gfx = newGraphics(c)
	defer c.gfx.close()
	if c.srv.cfg.UnsafeNoAuth {
		c.log.Warn("UNSAFE: --unsafe-no-auth shows the desktop without authentication or consent")
		c.gfx.setViewing(true)
	}

	period := c.gfx.tickPeriod(c.srv.cfg.Now())
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		// The period changes only when the connection turns busy or
		// still, so a steady animation keeps one cadence.
		if p := c.gfx.tickPeriod(c.srv.cfg.Now()); p != period {
			period = p
			tick.Reset(period)
		}
		select {
		case in := <-frames:
			if in.err != nil {
				return in.err
			}
			err := c.handleFrame(in.frame)
			next <- struct{}{}
			if err != nil {
				return c.fail(err)
			}
		case f := <-c.posts:
			f(c)
		case <-tick.C:
			if err := c.gfx.tick(); err != nil {
				return c.fail(err)
			}
		case <-c.gfx.damaged():
			if err := c.gfx.damage(); err != nil {
				return c.fail(err)
			}
		case <-c.sent:
			if err := c.gfx.writerIdle(); err != nil {
				return c.fail(err)
			}
		case <-c.wdone:
			return c.werr
		case <-c.ctx.Done():
			c.goodbye(pdu.ErrInfoRPCInitiatedDisconnect)
			return context.Cause(c.ctx)
		}
		if c.closing != nil {
			var ce *closeError
			errors.As(c.closing, &ce)
			c.goodbye(ce.info)
			return c.closing
		}
	}
}

// fail ends the connection after a protocol or internal error, telling
// the client why where the protocol has a way to.
func (c *Conn) fail(err error) error {
	if errors.Is(err, session.ErrClientDisconnected) {
		return err
	}
	c.goodbye(errorInfoFor(err))
	return err
}

// errorInfoFor picks the Set Error Info code that best names err for the
// client's log.
func errorInfoFor(err error) pdu.ErrorInfo {
	if errors.Is(err, stdsec.ErrBadMAC) {
		return pdu.ErrInfoDecryptFailed
	}
	return pdu.ErrInfoUnknownPDUType
}

// goodbye sends the disconnection PDUs and waits briefly for the writer
// to flush them.
func (c *Conn) goodbye(info pdu.ErrorInfo) {
	out, err := c.sess.AppendDisconnect(c.out[:0], info)
	if err != nil {
		return
	}
	if c.sendOff {
		return
	}
	select {
	case c.send <- append([]byte(nil), out...):
	default:
		return // the queue is full: the client is not reading anyway
	}
	c.closeSend()
	select {
	case <-c.wdone:
	case <-time.After(time.Second):
	}
}

func (c *Conn) handleFrame(f []byte) error {
	evs, out, err := c.sess.Handle(f, c.out[:0])
	if qerr := c.queue(out); qerr != nil && err == nil {
		err = qerr
	}
	if err != nil {
		return err
	}
	for _, ev := range evs {
		switch e := ev.(type) {
		case session.Ready:
			if c.wasActive {
				// Finalization again after a reactivation (a resize).
				if err := c.gfx.reactivated(); err != nil {
					return err
				}
				break
			}
			c.wasActive = true
			if err := c.startProcessors(); err != nil {
				return err
			}
			c.handler.Active(c)
			if err := c.gfx.ready(); err != nil {
				return err
			}
		case session.Input:
			for _, ie := range e.Events {
				c.gfx.clientInput(ie)
				c.handler.Input(c, ie)
			}
		case session.ChannelMessage:
			if p, ok := c.procs[e.Channel]; ok {
				replies, err := p.Process(e.Data)
				var ce *svc.ChannelError
				if errors.As(err, &ce) {
					c.log.Debug("channel message dropped", zap.String("channel", e.Channel), zap.Error(err))
					continue
				}
				if err != nil {
					return fmt.Errorf("server: channel %s: %w", e.Channel, err)
				}
				if err := c.sendAll(e.Channel, replies); err != nil {
					return err
				}
				continue
			}
			c.handler.ChannelMessage(c, e.Channel, e.Data)
		case session.DVCOpened, session.DVCOpenFailed, session.DVCMessage, session.DVCClosed:
			c.handler.DVC(c, ev)
		case session.RefreshRect:
			c.gfx.refresh(e.Areas)
		case session.SuppressOutput:
			c.gfx.suppress(!e.Allow, e.Rect)
		case session.ShutdownRequest:
			// 2.2.2.1: the client asks to end; the server may deny or
			// disconnect. Ending is what the user who closed the window
			// wants.
			c.Close(pdu.ErrInfoRPCInitiatedDisconnectByUser)
		case session.FrameAck:
		case session.Ignored:
			c.log.Debug("ignored PDU", zap.String("what", e.What))
		}
		if c.closing != nil {
			break
		}
	}
	return nil
}

// startProcessors sends each channel processor's opening messages; it runs
// once, when the connection becomes active.
func (c *Conn) startProcessors() error {
	for name, p := range c.procs {
		msgs, err := p.Start()
		if err != nil {
			return fmt.Errorf("server: channel %s: %w", name, err)
		}
		if err := c.sendAll(name, msgs); err != nil {
			return err
		}
	}
	return nil
}

func (c *Conn) sendAll(channel string, msgs [][]byte) error {
	for _, m := range msgs {
		if err := c.SendChannel(channel, m); err != nil {
			return err
		}
	}
	return nil
}

// readLoop reads frames and hands them to the owner one at a time: the
// frame buffer is reused, so it waits for the owner before reading on.
func (c *Conn) readLoop(fr *frameReader, frames chan<- inbound, next <-chan struct{}) {
	for {
		f, err := fr.read()
		select {
		case frames <- inbound{frame: f, err: err}:
		case <-c.ctx.Done():
			return
		case <-c.wdone:
			return
		}
		if err != nil {
			return
		}
		select {
		case <-next:
		case <-c.ctx.Done():
			return
		case <-c.wdone:
			return
		}
	}
}

// writeLoop writes batches in order until the queue is closed or a write
// fails.
func (c *Conn) writeLoop(conn net.Conn) {
	defer close(c.wdone)
	for b := range c.send {
		conn.SetWriteDeadline(time.Now().Add(c.srv.cfg.WriteTimeout))
		if _, err := conn.Write(b); err != nil {
			c.werr = fmt.Errorf("server: write: %w", err)
			return
		}
		select {
		case c.sent <- struct{}{}:
		default:
		}
	}
}

// defaultHandler is used when the daemon gives none: input is logged at
// debug level and never injected.
type defaultHandler struct{ NopHandler }

func (defaultHandler) Input(c *Conn, ev input.Event) {
	switch ev.(type) {
	case input.Key, input.Unicode:
		// Never which key: what an expert types may be a password.
		c.log.Debug("input", zap.String("kind", "keyboard"))
	default:
		c.log.Debug("input", zap.Any("event", ev))
	}
}
