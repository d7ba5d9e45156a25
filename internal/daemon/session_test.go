package daemon

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"image/color"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/ranoviced/ranoviced/internal/ctlchan"
	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest/expert"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/registry"
	"github.com/ranoviced/ranoviced/internal/serverkey"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/fake"
)

// The tests in this file run whole Remote Assistance sessions: the Go test
// expert (internal/rdp/rdptest/expert) connects over loopback to a real
// RDP server whose handler is the daemon's, and plays the expert's side of
// the "remdesk" static channel with the ctlchan codec; the novice answers
// through Pending and Answer, as `ranoviced pending` / `answer` do. Every
// harness logs to an observer and, when the test ends, fails if a
// password, a password proof or a token appears in any log entry.

const (
	deskW, deskH = 320, 240
	helperName   = "Helper Bob" // the expertBlob NAME the test expert gives
	// longTimeout is the consent timeout of tests that answer: long enough
	// never to fire under -race.
	longTimeout = time.Minute
)

// sessionKey is one server key for every test of this file: generating an
// RSA key per test is slow, and the key only identifies the server.
var sessionKey = sync.OnceValues(func() (*serverkey.Key, error) {
	dir, err := os.MkdirTemp("", "ranoviced-session-test")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	return serverkey.LoadOrCreate(dir, "test", time.Now())
})

type harnessOpts struct {
	pol         func(*policy.Invitation)
	consent     policy.Consent // zero: prompt, longTimeout, no dialog
	authTimeout time.Duration  // zero: the daemon's default
	// Share control: the policy (nil: the default), the desktop's
	// injector and the panic-key watcher (nil: none).
	remote     *policy.Remote
	injector   shadow.Injector
	panicWatch PanicWatch
}

// raHarness is a daemon behind a real RDP server on loopback, showing a
// fake desktop.
type raHarness struct {
	t       *testing.T
	d       *Daemon
	reg     *registry.Registry
	clk     *clock
	srv     *server.Server
	addr    string
	desktop *fake.Screen
	logs    *observer.ObservedLogs
	consent policy.Consent

	mu       sync.Mutex
	sessions map[*server.Conn]*raSession   // each connection's handler
	conns    []*server.Conn                // connections that became active, in order
	closed   map[*server.Conn]server.Stats // counters when each connection ended
	changed  chan struct{}                 // closed and replaced when conns or closed change
	secrets  secrets                       // must not appear in any log entry
}

func newHarness(t *testing.T, o harnessOpts) *raHarness {
	t.Helper()
	key, err := sessionKey()
	if err != nil {
		t.Fatal(err)
	}
	core, logs := observer.New(zapcore.DebugLevel)
	log := zap.New(core)
	h := &raHarness{
		t: t, desktop: fake.New(deskW, deskH), logs: logs,
		closed: map[*server.Conn]server.Stats{}, changed: make(chan struct{}), sessions: map[*server.Conn]*raSession{},
	}
	// Registered first, so it runs last: after the server has stopped and
	// every connection has logged its end.
	t.Cleanup(h.checkLogs)

	pol := policy.Default().Invitation
	if o.pol != nil {
		o.pol(&pol)
	}
	h.consent = o.consent
	if h.consent.Connect == "" {
		h.consent.Connect = policy.ConsentPrompt
	}
	if h.consent.Timeout.Duration == 0 {
		h.consent.Timeout.Duration = longTimeout
	}
	h.clk = &clock{t: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
	h.reg = registry.NewRegistry(registry.Config{MaxWaiting: pol.MaxWaiting, MaxLifetime: pol.MaxLifetime.Duration, MaxFailures: pol.MaxFailedAttempts})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.addr = ln.Addr().String()
	var d *Daemon
	h.srv, err = server.New(server.Config{
		Logger: log, Key: key, Security: acceptor.SecurityAuto,
		EncryptionMethods: gcc.EncryptionMethod128Bit, Screen: h.desktop, Compression: true,
		CheckClientInfo: func(remote net.Addr, ci *sec.ClientInfo) error { return d.CheckClientInfo(remote, ci) },
		Handler:         func(c *server.Conn) server.Handler { return &probe{Handler: d.Handler(c), h: h} },
	})
	if err != nil {
		t.Fatal(err)
	}
	d = New(Config{
		Log: log, Policy: &pol, Registry: h.reg, KeyHashes: h.srv.KeyHashes,
		Addrs:  func() []netip.AddrPort { return []netip.AddrPort{netip.MustParseAddrPort(h.addr)} },
		Server: h.srv, UserName: "novice", Consent: &h.consent, AuthTimeout: o.authTimeout,
		Remote: o.remote, Injector: o.injector, PanicWatch: o.panicWatch,
		Rand: rand.Reader, Now: h.clk.now, Version: "test",
	})
	h.d = d
	ctx, cancel := context.WithCancel(context.Background())
	go h.srv.Serve(ctx, ln)
	go d.Run(ctx)
	t.Cleanup(func() {
		cancel()
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		if err := h.srv.Shutdown(sctx); err != nil {
			t.Errorf("server shutdown: %v", err)
		}
	})
	return h
}

// probe wraps the daemon's handler to record, on the connection's owner
// goroutine, which connections became active and their counters at the
// end.
type probe struct {
	server.Handler
	h *raHarness
}

func (p *probe) Active(c *server.Conn) {
	p.h.mu.Lock()
	p.h.conns = append(p.h.conns, c)
	p.h.sessions[c] = p.Handler.(*raSession)
	p.h.notifyLocked()
	p.h.mu.Unlock()
	p.Handler.Active(c)
}

func (p *probe) Closed(c *server.Conn, err error) {
	p.Handler.Closed(c, err)
	st := c.Stats()
	p.h.mu.Lock()
	p.h.closed[c] = st
	p.h.notifyLocked()
	p.h.mu.Unlock()
}

func (h *raHarness) notifyLocked() {
	close(h.changed)
	h.changed = make(chan struct{})
}

// waitFor waits until cond (run with h.mu held) holds.
func (h *raHarness) waitFor(ctx context.Context, what string, cond func() bool) {
	h.t.Helper()
	for {
		h.mu.Lock()
		ok, ch := cond(), h.changed
		h.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			h.t.Fatalf("waiting for %s: %v", what, ctx.Err())
		}
	}
}

// conn returns the n-th connection (from 1) that became active.
func (h *raHarness) conn(ctx context.Context, n int) *server.Conn {
	h.t.Helper()
	h.waitFor(ctx, fmt.Sprintf("connection %d to become active", n), func() bool { return len(h.conns) >= n })
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conns[n-1]
}

// captureBaseline is the desktop's capture count for a new connection's
// checks, or -1 when an earlier connection is still open: that one may
// capture at any time, so the count says nothing about the new one.
func (h *raHarness) captureBaseline() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, c := range h.conns {
		if _, ok := h.closed[c]; !ok {
			return -1
		}
	}
	return h.desktop.Captures()
}

func (h *raHarness) activeCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.conns)
}

// closedStats waits until c has ended and returns its final counters.
func (h *raHarness) closedStats(ctx context.Context, c *server.Conn) server.Stats {
	h.t.Helper()
	h.waitFor(ctx, "the connection to end", func() bool { _, ok := h.closed[c]; return ok })
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.closed[c]
}

// liveStats returns c's counters now, on its owner goroutine, or its final
// counters if it has ended.
func (h *raHarness) liveStats(ctx context.Context, c *server.Conn) server.Stats {
	h.t.Helper()
	ch := make(chan server.Stats, 1)
	c.Post(func(c *server.Conn) { ch <- c.Stats() })
	for {
		h.mu.Lock()
		st, ended := h.closed[c]
		changed := h.changed
		h.mu.Unlock()
		select {
		case st := <-ch:
			return st
		default:
		}
		if ended {
			return st
		}
		select {
		case st := <-ch:
			return st
		case <-changed:
		case <-ctx.Done():
			h.t.Fatalf("connection counters: %v", ctx.Err())
		}
	}
}

// secret registers strings that no log entry may contain.
func (h *raHarness) secret(ss ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.secrets.texts = append(h.secrets.texts, ss...)
}

// secretBytes registers binary secrets (a proof, a token): neither the
// bytes themselves nor their hex may appear.
func (h *raHarness) secretBytes(bs ...[]byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, b := range bs {
		h.secrets.raw = append(h.secrets.raw, bytes.Clone(b))
	}
}

// secrets are what no log entry may contain.
type secrets struct {
	texts []string // passwords; their hex-proof forms are derived from raw
	raw   [][]byte // proofs and tokens
}

func (h *raHarness) secretsNow() secrets {
	h.mu.Lock()
	defer h.mu.Unlock()
	return secrets{texts: slices.Clone(h.secrets.texts), raw: slices.Clone(h.secrets.raw)}
}

// needles returns what to look for: as text (compared without regard to
// case, in the JSON rendering of an entry) every secret string, and the
// hex, base64 and Go %v of every binary secret; as bytes (in the raw
// string and binary fields) every binary secret, and every text one in
// ASCII and UTF-16LE, the encoding of the remdesk messages.
func (s secrets) needles() (texts []string, raw [][]byte) {
	texts = slices.Clone(s.texts)
	for _, b := range s.raw {
		texts = append(texts, hex.EncodeToString(b), base64.StdEncoding.EncodeToString(b),
			base64.RawStdEncoding.EncodeToString(b), fmt.Sprint(b))
		raw = append(raw, b)
	}
	for _, t := range texts {
		raw = append(raw, []byte(t), []byte(strings.ToUpper(t)), wire.AppendUTF16LE(nil, t), wire.AppendUTF16LE(nil, strings.ToUpper(t)))
	}
	return texts, raw
}

func (h *raHarness) checkLogs() {
	for _, l := range leaks(h.logs.All(), h.secretsNow()) {
		h.t.Errorf("a secret reached the log: %s", l)
	}
}

// leaks describes the log entries that contain a secret (without quoting
// it): in the entry as JSON (also with the NULs of UTF-16 removed), or in
// the bytes of a string, binary or error field.
func leaks(entries []observer.LoggedEntry, s secrets) []string {
	texts, raw := s.needles()
	enc := zapcore.NewJSONEncoder(zap.NewDevelopmentEncoderConfig())
	var out []string
	for _, e := range entries {
		buf, err := enc.Clone().EncodeEntry(e.Entry, e.Context)
		if err != nil {
			out = append(out, fmt.Sprintf("%q: cannot encode: %v", e.Message, err))
			continue
		}
		text := strings.ToLower(buf.String())
		buf.Free()
		hay := []string{text, strings.ReplaceAll(text, `\u0000`, "")}
		var fields [][]byte
		for _, f := range e.Context {
			switch f.Type {
			case zapcore.StringType:
				fields = append(fields, []byte(f.String))
			case zapcore.BinaryType, zapcore.ByteStringType:
				fields = append(fields, f.Interface.([]byte))
			case zapcore.ErrorType:
				fields = append(fields, []byte(f.Interface.(error).Error()))
			}
		}
		found := map[int]bool{}
		for i, n := range texts {
			for _, t := range hay {
				if n != "" && strings.Contains(t, strings.ToLower(n)) {
					found[i] = true
				}
			}
		}
		for i, n := range raw {
			for _, f := range fields {
				if len(n) > 0 && bytes.Contains(f, n) {
					found[len(texts)+i] = true
				}
			}
		}
		for i := range found {
			out = append(out, fmt.Sprintf("secret #%d in %q", i, e.Message))
		}
	}
	return out
}

// logged reports whether some entry's message contains msg.
func (h *raHarness) logged(msg string) bool {
	return h.logs.FilterMessageSnippet(msg).Len() > 0
}

// waitLogged waits for an entry whose message contains msg, for what
// another goroutine (a timer) logs.
func (h *raHarness) waitLogged(ctx context.Context, msg string) {
	h.t.Helper()
	for !h.logged(msg) {
		select {
		case <-ctx.Done():
			h.t.Fatalf("nothing logged like %q: %v", msg, ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// raInvite is an invitation as the test expert and the test's novice know it.
type raInvite struct {
	resp     *localapi.InviteResponse
	id       string // the Authorization String Identifier (WorkingDir)
	cs2      string // the decrypted LHTICKET
	rcTicket string // Connection String 1, "" unless the file has one
	passStub string
	password string
}

func (h *raHarness) invite(ctx context.Context, req localapi.InviteRequest) raInvite {
	h.t.Helper()
	resp, err := h.d.Invite(ctx, req)
	if err != nil {
		h.t.Fatal(err)
	}
	cs, text, err := openFile(h.t, resp.File, resp.Password)
	if err != nil {
		h.t.Fatal(err)
	}
	inc, err := invite.ParseIncident(resp.File)
	if err != nil {
		h.t.Fatal(err)
	}
	i := raInvite{resp: resp, id: cs.ID, cs2: text, rcTicket: inc.RCTicket, passStub: inc.PassStub, password: resp.Password}
	h.secret(i.password)
	h.secretBytes(i.proof())
	return i
}

func (i raInvite) proof() []byte { return invite.PassStubProof(i.password, i.passStub) }

// wrongProof is the proof of an expert who typed a wrong password.
func (i raInvite) wrongProof() []byte { return invite.PassStubProof("WRONG"+i.password, i.passStub) }

// raChannels are xfreerdp's default static channels and "remdesk" with
// FreeRDP's options (ra-protocol.md §4).
func raChannels() []gcc.ChannelDef {
	return append(expert.FreeRDPChannels(), gcc.ChannelDef{Name: "remdesk",
		Options: gcc.ChannelOptionInitialized | gcc.ChannelOptionEncryptRDP | gcc.ChannelOptionCompressRDP | gcc.ChannelOptionShowProtocol})
}

// raExpert is the test expert with its remdesk codec.
type raExpert struct {
	*expert.Client
	t    *testing.T
	h    *raHarness
	conn *server.Conn // the server side
	// name is the name the expert gives (helperName unless the test
	// says otherwise).
	name string
	// capturesBefore is how often the desktop had been captured when this
	// connection started, or -1 if an earlier one was still open (see
	// captureBaseline): only when it is 0 can the capture count tell about
	// this connection.
	capturesBefore int
}

// connect dials as an expert naming id in WorkingDir and returns once the
// connection is active on both sides.
func (h *raHarness) connect(ctx context.Context, id string, security expert.Security) *raExpert {
	h.t.Helper()
	return h.connectChannels(ctx, id, security, raChannels())
}

// connectChannels is connect joining the given static channels.
func (h *raHarness) connectChannels(ctx context.Context, id string, security expert.Security, channels []gcc.ChannelDef) *raExpert {
	h.t.Helper()
	n, captures := h.activeCount(), h.captureBaseline()
	c, err := expert.Dial(ctx, h.addr, expert.Config{Security: security, WorkingDir: id, UserName: "helper", Channels: channels})
	if err != nil {
		h.t.Fatalf("connect: %v", err)
	}
	h.t.Cleanup(func() { c.Close() })
	return &raExpert{Client: c, t: h.t, h: h, conn: h.conn(ctx, n+1), name: helperName, capturesBefore: captures}
}

func (e *raExpert) send(msgs ...ctlchan.Message) {
	e.t.Helper()
	for _, m := range msgs {
		b, err := wire.Marshal(m)
		if err != nil {
			e.t.Fatalf("encode %v: %v", m.MsgType(), err)
		}
		if err := e.SendChannel("remdesk", b); err != nil {
			e.t.Fatalf("send %v: %v", m.MsgType(), err)
		}
	}
}

func (e *raExpert) recv(ctx context.Context) ctlchan.Message {
	e.t.Helper()
	b, err := e.ReceiveChannel(ctx, "remdesk")
	if err != nil {
		e.t.Fatalf("remdesk: %v", err)
	}
	m, err := ctlchan.DecodeRCControl(b)
	if err != nil {
		e.t.Fatalf("the novice sent an undecodable remdesk PDU: %v", err)
	}
	return m
}

// expectAnnounce reads what a version 1/2 novice sends first.
func (e *raExpert) expectAnnounce(ctx context.Context) {
	e.t.Helper()
	if m, ok := e.recv(ctx).(*ctlchan.ServerAnnounce); !ok {
		e.t.Fatalf("first remdesk message %v, want SERVER_ANNOUNCE", m)
	}
	if v, ok := e.recv(ctx).(*ctlchan.VersionInfoPacket); !ok || !v.Is12() {
		e.t.Fatalf("second remdesk message %#v, want VERSIONINFO 1.2", v)
	}
}

func (e *raExpert) expectResult(ctx context.Context, want ctlchan.Result) {
	e.t.Helper()
	m := e.recv(ctx)
	r, ok := m.(*ctlchan.ResultPacket)
	if !ok {
		e.t.Fatalf("got %v, want RESULT %v", m.MsgType(), want)
	}
	if r.Result != want {
		e.t.Fatalf("RESULT %v, want %v", r.Result, want)
	}
}

// sendV2 is what xfreerdp 2.11 sends after VERSIONINFO 1.2: EXPERT_ON_VISTA
// with the proof, then VERIFY_PASSWORD whose blob carries NAME and the
// proof's hex.
func (e *raExpert) sendV2(proof []byte) {
	e.t.Helper()
	e.send(&ctlchan.ExpertOnVista{EncryptedPassword: proof},
		&ctlchan.VerifyPasswordPacket{ExpertBlob: ctlchan.ExpertBlob{Name: helperName, Pass: fmt.Sprintf("%X", proof)}.Marshal()})
}

// sendV1 is a version 1 expert: VERSIONINFO 1.2, then AUTHENTICATE with
// the connection string and the blob.
func (e *raExpert) sendV1(cs string, proof []byte) {
	e.t.Helper()
	e.send(&ctlchan.VersionInfoPacket{Major: 1, Minor: 2},
		&ctlchan.AuthenticatePacket{ConnectionString: cs, ExpertBlob: ctlchan.ExpertBlob{Name: helperName, Pass: fmt.Sprintf("%X", proof)}.Marshal()})
}

// foreignPixels reports whether f shows a pixel that is neither the
// expert's initial black nor the placeholder's grey: something of the
// desktop.
func foreignPixels(f *shadow.Frame) bool {
	for y := range f.Height {
		row := f.Pix[f.PixOffset(0, y):f.PixOffset(f.Width, y)]
		for x := 0; x < len(row); x += shadow.BytesPerPixel {
			b, g, r := row[x], row[x+1], row[x+2]
			if !(b == g && g == r && (r == 0 || r == 0x40)) {
				return true
			}
		}
	}
	return false
}

func placeholderFrame() *shadow.Frame {
	f := shadow.NewFrame(deskW, deskH)
	f.Fill(f.Rect(), color.RGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xFF})
	return f
}

// waitPrompt waits until the novice is asked about this expert's
// connection and checks that only the neutral placeholder has been shown
// so far: the expert's picture is grey, no frame of the connection carried
// desktop pixels, and the desktop was never even captured.
func (e *raExpert) waitPrompt(ctx context.Context, i raInvite) localapi.PromptStatus {
	e.t.Helper()
	var p localapi.PromptStatus
	for {
		resp, err := e.h.d.Pending(ctx)
		if err != nil {
			e.t.Fatal(err)
		}
		if len(resp.Prompts) > 1 {
			e.t.Fatalf("%d questions waiting, want 1", len(resp.Prompts))
		}
		if len(resp.Prompts) == 1 {
			p = resp.Prompts[0]
			break
		}
		if fb := e.Framebuffer(); fb != nil && foreignPixels(fb) {
			e.t.Fatal("desktop pixels reached the expert before the novice was asked")
		}
		select {
		case <-e.Done():
			e.t.Fatalf("the connection ended before the novice was asked: %v", e.Err())
		case <-ctx.Done():
			e.t.Fatalf("the novice was never asked: %v", ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
	if p.Expert != e.name || p.From != "127.0.0.1" || p.Invitation != i.resp.ID {
		e.t.Errorf("prompt %+v, want expert %q from 127.0.0.1 for invitation %s", p, e.name, i.resp.ID)
	}
	name := e.name
	if name == "" {
		name = unnamedExpert
	}
	if !strings.HasPrefix(p.Text, name+" (from 127.0.0.1, invitation "+i.resp.ID+")") {
		e.t.Errorf("the novice reads %q", p.Text)
	}
	if !p.Asked.Equal(e.h.clk.now()) || !p.Deadline.Equal(p.Asked.Add(e.h.consent.Timeout.Duration)) {
		e.t.Errorf("prompt asked %v, deadline %v; want now (%v) and now + %v", p.Asked, p.Deadline, e.h.clk.now(), e.h.consent.Timeout.Duration)
	}
	e.expectPlaceholderOnly(ctx)
	return p
}

// expectPlaceholderOnly checks that the expert has seen the placeholder
// and nothing of the desktop.
func (e *raExpert) expectPlaceholderOnly(ctx context.Context) {
	e.t.Helper()
	placeholder := placeholderFrame()
	// Until the whole placeholder has arrived, or something else has.
	if err := e.WaitFrame(ctx, func(f *shadow.Frame) bool {
		return shadow.Compare(placeholder, f, 0) == nil || foreignPixels(f)
	}); err != nil {
		e.t.Fatalf("the expert never saw the placeholder: %v", err)
	}
	if err := shadow.Compare(placeholder, e.Framebuffer(), 0); err != nil {
		e.t.Fatalf("the expert saw something other than the placeholder before consent: %v", err)
	}
	if st := e.h.liveStats(ctx, e.conn); st.DesktopFrames != 0 || st.FramesSent == 0 {
		e.t.Fatalf("before consent: %d frames sent, %d with desktop pixels; want some, none", st.FramesSent, st.DesktopFrames)
	}
	if n := e.h.desktop.Captures(); e.capturesBefore == 0 && n != 0 {
		e.t.Fatalf("the desktop was captured %d times before consent", n)
	}
}

func (e *raExpert) answer(ctx context.Context, p localapi.PromptStatus, yes bool) {
	e.t.Helper()
	if _, err := e.h.d.Answer(ctx, localapi.AnswerRequest{ID: p.ID, Yes: yes}); err != nil {
		e.t.Fatalf("answer %v: %v", yes, err)
	}
}

// expectDesktop waits for the fake desktop's very pixels.
func (e *raExpert) expectDesktop(ctx context.Context) {
	e.t.Helper()
	want := e.h.desktop.Frame()
	if err := e.WaitFrame(ctx, func(f *shadow.Frame) bool { return shadow.Compare(want, f, 0) == nil }); err != nil {
		e.t.Fatalf("the expert never saw the desktop: %v", err)
	}
	if st := e.h.liveStats(ctx, e.conn); st.DesktopFrames == 0 {
		e.t.Fatalf("the desktop arrived but no frame counted as a desktop frame: %+v", st)
	}
}

// expectRefused checks that the novice ended the connection, said why
// with ERRINFO_SERVER_DENIED_CONNECTION, and never showed the desktop.
func (e *raExpert) expectRefused(ctx context.Context) {
	e.t.Helper()
	if err := e.Wait(ctx); !errors.Is(err, expert.ErrDisconnected) {
		e.t.Fatalf("connection end: %v, want the server to disconnect", err)
	}
	if got := e.ErrorInfo(); got != pdu.ErrInfoServerDeniedConnection {
		e.t.Errorf("error info %v, want %v", got, pdu.ErrInfoServerDeniedConnection)
	}
	if st := e.h.closedStats(ctx, e.conn); st.DesktopFrames != 0 {
		e.t.Fatalf("a refused expert got %d frames with desktop pixels", st.DesktopFrames)
	}
	// The placeholder, or nothing yet if the refusal came first.
	if fb := e.Framebuffer(); fb != nil && foreignPixels(fb) {
		e.t.Fatal("a refused expert's picture shows something other than the placeholder")
	}
	if n := e.h.desktop.Captures(); e.capturesBefore == 0 && n != 0 {
		e.t.Fatalf("the desktop was captured %d times for a refused expert", n)
	}
}

// expectNoMoreMessages checks that nothing else came on remdesk.
func (e *raExpert) expectNoMoreMessages(ctx context.Context) {
	e.t.Helper()
	<-e.Done()
	if b, err := e.ReceiveChannel(ctx, "remdesk"); err == nil {
		m, _ := ctlchan.DecodeRCControl(b)
		e.t.Fatalf("unexpected remdesk message after the refusal: %v", m)
	}
}

func (h *raHarness) invStatus(t *testing.T) registry.Status {
	t.Helper()
	snap := h.reg.Snapshot(h.clk.now())
	if len(snap) != 1 {
		t.Fatalf("%d invitations, want 1", len(snap))
	}
	return snap[0]
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestSessionVersion1: a version 1 expert (VERSIONINFO, AUTHENTICATE with
// the connection string and the PASS proof, REMOTE_CONTROL_DESKTOP) over
// Standard RDP Security. With the right password the novice is asked,
// naming the expert and its address, while the expert sees only the
// placeholder; after the yes the expert gets SAFERROR_NOERROR and the
// desktop. Both connection strings a version 1 expert may send work.
func TestSessionVersion1(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		encryptedOnly bool
		cs            func(raInvite) string
	}{
		{"RCTICKET (Connection String 1)", false, func(i raInvite) string { return i.rcTicket }},
		{"decrypted LHTICKET (Connection String 2)", true, func(i raInvite) string { return i.cs2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			h := newHarness(t, harnessOpts{pol: func(p *policy.Invitation) { p.EncryptedOnly = tc.encryptedOnly }})
			i := h.invite(ctx, localapi.InviteRequest{})
			if cs := tc.cs(i); cs == "" {
				t.Fatal("the invitation has no such connection string")
			}
			e := h.connect(ctx, i.id, expert.SecurityRDPLegacy)
			if e.Result().EncryptionMethod == 0 {
				t.Fatal("not Standard RDP Security")
			}
			e.expectAnnounce(ctx)
			e.sendV1(tc.cs(i), i.proof())
			e.expectResult(ctx, ctlchan.ResultNoError) // the password
			e.send(&ctlchan.RemoteControlDesktopPacket{ConnectionString: tc.cs(i)})
			p := e.waitPrompt(ctx, i)
			e.answer(ctx, p, true)
			e.expectResult(ctx, ctlchan.ResultNoError) // the novice's yes
			e.expectDesktop(ctx)
			if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
				t.Errorf("questions still waiting after the answer: %+v", resp.Prompts)
			}
			if st := h.invStatus(t); st.State != registry.Waiting || st.Failures != 0 {
				t.Errorf("invitation %+v after a successful session", st)
			}
		})
	}
}

// TestSessionVersion1WrongCredentials: AUTHENTICATE with a wrong password
// (or someone else's connection string) gets SAFERROR_INVALIDPASSWORD and
// the connection ends; the novice is never asked, the desktop never
// shown, and the failure counts against the invitation.
func TestSessionVersion1WrongCredentials(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		cs    func(raInvite) string
		proof func(raInvite) []byte
	}{
		{"wrong password", func(i raInvite) string { return i.rcTicket }, raInvite.wrongProof},
		{"another invitation's connection string", func(i raInvite) string {
			other := "A"
			if i.id[0] == 'A' {
				other = "B"
			}
			return strings.Replace(i.rcTicket, i.id, other+i.id[1:], 1)
		}, raInvite.proof},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			h := newHarness(t, harnessOpts{pol: func(p *policy.Invitation) { p.EncryptedOnly = false }})
			i := h.invite(ctx, localapi.InviteRequest{})
			h.secretBytes(i.wrongProof())
			e := h.connect(ctx, i.id, expert.SecurityTLS)
			e.expectAnnounce(ctx)
			e.sendV1(tc.cs(i), tc.proof(i))
			e.expectResult(ctx, ctlchan.ResultInvalidPassword)
			e.expectRefused(ctx)
			e.expectNoMoreMessages(ctx)
			if h.logged("asking the novice") {
				t.Error("the novice was asked about an expert with a wrong password")
			}
			if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
				t.Errorf("questions waiting: %+v", resp.Prompts)
			}
			if st := h.invStatus(t); st.State != registry.Waiting || st.Failures != 1 {
				t.Errorf("invitation %+v, want waiting with 1 failure", st)
			}
		})
	}
}

// TestSessionVersion2: the xfreerdp sequence (EXPERT_ON_VISTA with the
// proof, VERIFY_PASSWORD with NAME and PASS). The right password and a yes
// give SAFERROR_NOERROR, the novice's name and the desktop; a wrong
// password gives PASSWORDS_DONT_MATCH and a no, or no answer in time,
// SAFERROR_HELPEESAIDNO, each followed by the disconnection and with no
// desktop pixel sent.
func TestSessionVersion2(t *testing.T) {
	t.Parallel()
	t.Run("right password, yes", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		h := newHarness(t, harnessOpts{})
		i := h.invite(ctx, localapi.InviteRequest{})
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.proof())
		p := e.waitPrompt(ctx, i)
		e.answer(ctx, p, true)
		e.expectResult(ctx, ctlchan.ResultNoError)
		if m, ok := e.recv(ctx).(*ctlchan.NoviceName); !ok || m.Name != "novice" {
			t.Errorf("after NOERROR: %#v, want RANOVICE_NAME \"novice\"", m)
		}
		e.expectDesktop(ctx)
		// The picture follows the desktop.
		h.desktop.Fill(h.desktop.Frame().Rect(), color.RGBA{R: 0x10, G: 0x90, B: 0xE0, A: 0xFF})
		e.expectDesktop(ctx)
		if !h.logged("the helper can now see the desktop") {
			t.Error("the daemon did not log that the helper sees the desktop")
		}
	})

	t.Run("wrong password", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		h := newHarness(t, harnessOpts{})
		i := h.invite(ctx, localapi.InviteRequest{})
		h.secretBytes(i.wrongProof())
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.wrongProof())
		e.expectResult(ctx, ctlchan.ResultPasswordsDontMatch)
		e.expectRefused(ctx)
		e.expectNoMoreMessages(ctx)
		if h.logged("asking the novice") {
			t.Error("the novice was asked about an expert with a wrong password")
		}
		if st := h.invStatus(t); st.Failures != 1 {
			t.Errorf("invitation %+v, want 1 failure", st)
		}
	})

	t.Run("the novice says no", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		h := newHarness(t, harnessOpts{})
		i := h.invite(ctx, localapi.InviteRequest{})
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.proof())
		p := e.waitPrompt(ctx, i)
		e.answer(ctx, p, false)
		e.expectResult(ctx, ctlchan.ResultHelpeeSaidNo)
		e.expectRefused(ctx)
		e.expectNoMoreMessages(ctx)
		if _, err := h.d.Answer(ctx, localapi.AnswerRequest{ID: p.ID, Yes: true}); err == nil {
			t.Error("a second answer to the same question was accepted")
		}
		// A refusal by the novice is not a wrong password.
		if st := h.invStatus(t); st.State != registry.Waiting || st.Failures != 0 {
			t.Errorf("invitation %+v, want waiting without failures", st)
		}
	})

	t.Run("no answer before the timeout", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		const timeout = 300 * time.Millisecond
		h := newHarness(t, harnessOpts{consent: policy.Consent{Connect: policy.ConsentPrompt, Timeout: policy.Duration{Duration: timeout}}})
		i := h.invite(ctx, localapi.InviteRequest{})
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.proof())
		// Nobody answers.
		e.expectResult(ctx, ctlchan.ResultHelpeeSaidNo)
		e.expectRefused(ctx)
		// The timer logs after it answered: wait for its line.
		h.waitLogged(ctx, "consent timed out")
		timedOut := h.logs.FilterMessage("consent timed out: the helper is refused").All()
		if !h.logged("asking the novice") || len(timedOut) != 1 {
			t.Fatalf("the log does not show one question that timed out")
		}
		if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
			t.Errorf("the question still waits after its timeout: %+v", resp.Prompts)
		}
		id, _ := timedOut[0].ContextMap()["prompt"].(string)
		if _, err := h.d.Answer(ctx, localapi.AnswerRequest{ID: id, Yes: true}); err == nil {
			t.Errorf("a yes after the timeout (question %q) was accepted", id)
		}
	})
}

// specToken is the session authorization token of [MS-RA] 2.2.4, written
// from the spec's steps for this test and independent of ctlchan.Token:
//
//  1. the last 6 bytes of the password (the generated passwords are
//     ASCII, so bytes and characters agree), then "NOVICE" or "EXPERT";
//  2. the connection string appended: the hash input, as Unicode
//     (UTF-16LE), with 20 zero bytes appended for the first round;
//  3. SHA-1 of the hash input;
//  4. the hash input of step 2 with that value appended is the next input;
//  5. steps 3 and 4 repeated 100,000 times.
func specToken(password, role, connectionString string) []byte {
	if len(password) > 6 {
		password = password[len(password)-6:]
	}
	var in []byte
	for _, u := range utf16.Encode([]rune(password + role + connectionString)) {
		in = append(in, byte(u), byte(u>>8))
	}
	base := len(in)
	digest := make([]byte, sha1.Size) // "20 bytes of 0"
	for range 100000 {
		sum := sha1.Sum(append(in[:base], digest...))
		digest = sum[:]
	}
	return digest
}

// TestSessionVersion3: for a version 3 invitation the novice opens with
// its TOKEN, which equals the [MS-RA] 2.2.4 token computed here from the
// password and the connection string the expert decrypted; the expert's
// token and a yes give the desktop (the novice is asked about the name of
// RAEXPERT_NAME, or told that the helper gave none), while a wrong token
// (a wrong password, or the novice's own token sent back) ends the
// connection at once, with no desktop and no question to the novice.
func TestSessionVersion3(t *testing.T) {
	t.Parallel()
	rightToken := func(i raInvite, _ []byte) []byte { return specToken(i.password, "EXPERT", i.cs2) }
	for _, tc := range []struct {
		name   string
		expert string // sent in RAEXPERT_NAME unless empty
		token  func(i raInvite, novice []byte) []byte
		ok     bool
	}{
		{"right token, yes", helperName, rightToken, true},
		{"right token without a name, yes", "", rightToken, true},
		{"wrong password", helperName, func(i raInvite, _ []byte) []byte { return specToken("WRONG1", "EXPERT", i.cs2) }, false},
		{"the novice's token reflected", helperName, func(_ raInvite, novice []byte) []byte { return novice }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			h := newHarness(t, harnessOpts{})
			i := h.invite(ctx, localapi.InviteRequest{Version3: true})
			wantNovice := specToken(i.password, "NOVICE", i.cs2)
			h.secretBytes(wantNovice, specToken(i.password, "EXPERT", i.cs2))
			e := h.connect(ctx, i.id, expert.SecurityTLS)
			e.name = tc.expert
			m := e.recv(ctx)
			tok, isToken := m.(*ctlchan.TokenPacket)
			if !isToken {
				t.Fatalf("first remdesk message of a version 3 novice: %v, want TOKEN", m.MsgType())
			}
			if hex.EncodeToString(tok.Token) != hex.EncodeToString(wantNovice) {
				t.Fatalf("the novice's token is %x, [MS-RA] 2.2.4 gives %x", tok.Token, wantNovice)
			}
			// The novice proved itself; the expert answers.
			if tc.expert != "" {
				e.send(&ctlchan.ExpertName{Name: tc.expert})
			}
			sent := tc.token(i, tok.Token)
			h.secretBytes(sent)
			e.send(&ctlchan.TokenPacket{Token: sent})
			if !tc.ok {
				e.expectRefused(ctx)
				e.expectNoMoreMessages(ctx)
				if h.logged("asking the novice") {
					t.Error("the novice was asked about an expert with a wrong token")
				}
				if st := h.invStatus(t); st.Failures != 1 {
					t.Errorf("invitation %+v, want 1 failure", st)
				}
				return
			}
			p := e.waitPrompt(ctx, i)
			e.answer(ctx, p, true)
			e.expectResult(ctx, ctlchan.ResultNoError)
			e.expectDesktop(ctx)
		})
	}
}

// TestSessionTooManyFailures: with max_failed_attempts = 3, three wrong
// passwords end the invitation and shut the address out. A later expert
// with the right password is refused before the session starts — while
// the address is blocked and, once the failure window has passed, because
// the invitation is closed — and never sees the desktop.
func TestSessionTooManyFailures(t *testing.T) {
	t.Parallel()
	const maxFailures = 3
	ctx := testContext(t)
	h := newHarness(t, harnessOpts{pol: func(p *policy.Invitation) { p.MaxFailedAttempts = maxFailures }})
	i := h.invite(ctx, localapi.InviteRequest{})
	h.secretBytes(i.wrongProof())
	for n := 1; n <= maxFailures; n++ {
		if err := h.reg.CheckSource("127.0.0.1", h.clk.now()); err != nil {
			t.Fatalf("attempt %d: address blocked too early: %v", n, err)
		}
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.wrongProof())
		e.expectResult(ctx, ctlchan.ResultPasswordsDontMatch)
		e.expectRefused(ctx)
		st := h.invStatus(t)
		if st.Failures != n {
			t.Fatalf("after %d wrong passwords the invitation counts %d", n, st.Failures)
		}
		if wantWaiting := n < maxFailures; (st.State == registry.Waiting) != wantWaiting {
			t.Fatalf("after %d wrong passwords the invitation is %v", n, st.State)
		}
	}
	if st := h.invStatus(t); st.State != registry.ClosedAfterFailures {
		t.Fatalf("invitation %v, want %v", st.State, registry.ClosedAfterFailures)
	}
	status, err := h.d.Status(ctx)
	if err != nil || len(status.Invitations) != 1 || status.Invitations[0].State != registry.ClosedAfterFailures.String() {
		t.Errorf("status %+v, %v", status, err)
	}

	remote := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000}
	right := func() {
		t.Helper()
		c, err := expert.Dial(ctx, h.addr, expert.Config{Security: expert.SecurityTLS, WorkingDir: i.id, UserName: "helper", Channels: raChannels()})
		if err == nil {
			c.Close()
			t.Fatal("an expert was let in after the invitation was closed")
		}
	}

	// The address is shut out, whatever invitation it names.
	if err := h.reg.CheckSource("127.0.0.1", h.clk.now()); !errors.Is(err, registry.ErrSourceBlocked) {
		t.Fatalf("CheckSource: %v, want %v", err, registry.ErrSourceBlocked)
	}
	if err := h.d.CheckClientInfo(remote, &sec.ClientInfo{WorkingDir: i.id}); !errors.Is(err, registry.ErrSourceBlocked) {
		t.Fatalf("CheckClientInfo: %v, want %v", err, registry.ErrSourceBlocked)
	}
	right()

	// Past the failure window the address may try again, but the
	// invitation stays closed.
	h.clk.advance(61 * time.Minute)
	if err := h.reg.CheckSource("127.0.0.1", h.clk.now()); err != nil {
		t.Fatalf("CheckSource after the failure window: %v", err)
	}
	if err := h.d.CheckClientInfo(remote, &sec.ClientInfo{WorkingDir: i.id}); !errors.Is(err, registry.ErrTooMany) {
		t.Fatalf("CheckClientInfo: %v, want %v", err, registry.ErrTooMany)
	}
	right()

	if n := h.activeCount(); n != maxFailures {
		t.Errorf("%d connections became active, want only the %d with wrong passwords", n, maxFailures)
	}
	if n := h.desktop.Captures(); n != 0 {
		t.Errorf("the desktop was captured %d times", n)
	}
}

// TestSessionConsentAllow: with consent.connect = "allow" an expert with
// the right password sees the desktop without the novice being asked; a
// wrong password is still refused.
func TestSessionConsentAllow(t *testing.T) {
	t.Parallel()
	allow := harnessOpts{consent: policy.Consent{Connect: policy.ConsentAllow, Timeout: policy.Duration{Duration: longTimeout}}}
	t.Run("right password", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		h := newHarness(t, allow)
		i := h.invite(ctx, localapi.InviteRequest{})
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.proof())
		e.expectResult(ctx, ctlchan.ResultNoError)
		e.expectDesktop(ctx)
		if h.logged("asking the novice") || !h.logged("without asking") {
			t.Error("the log does not show the helper let in without a question")
		}
		if resp, _ := h.d.Pending(ctx); len(resp.Prompts) != 0 {
			t.Errorf("questions waiting under consent.connect = allow: %+v", resp.Prompts)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		t.Parallel()
		ctx := testContext(t)
		h := newHarness(t, allow)
		i := h.invite(ctx, localapi.InviteRequest{})
		h.secretBytes(i.wrongProof())
		e := h.connect(ctx, i.id, expert.SecurityTLS)
		e.expectAnnounce(ctx)
		e.sendV2(i.wrongProof())
		e.expectResult(ctx, ctlchan.ResultPasswordsDontMatch)
		e.expectRefused(ctx)
		if h.logged("without asking") {
			t.Error("an expert with a wrong password was let in")
		}
	})
}

// TestSessionLogsNoSecrets runs sessions of every version, right and
// wrong, through one daemon and checks that the log tells what happened
// (who, from where, the outcome) without the password, a proof or a token
// in any message or field. The scan itself is checked on a log that does
// leak.
func TestSessionLogsNoSecrets(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	h := newHarness(t, harnessOpts{pol: func(p *policy.Invitation) { p.EncryptedOnly = false }})

	// Version 1 and 2 on one invitation: right, wrong, right.
	i := h.invite(ctx, localapi.InviteRequest{})
	h.secretBytes(i.wrongProof())
	e := h.connect(ctx, i.id, expert.SecurityTLS)
	e.expectAnnounce(ctx)
	e.sendV1(i.rcTicket, i.proof())
	e.expectResult(ctx, ctlchan.ResultNoError)
	e.send(&ctlchan.RemoteControlDesktopPacket{ConnectionString: i.rcTicket})
	e.answer(ctx, e.waitPrompt(ctx, i), true)
	e.expectResult(ctx, ctlchan.ResultNoError)
	e.Close()
	h.closedStats(ctx, e.conn) // its capturing has stopped before the next one starts

	e = h.connect(ctx, i.id, expert.SecurityTLS)
	e.expectAnnounce(ctx)
	e.sendV2(i.wrongProof())
	e.expectResult(ctx, ctlchan.ResultPasswordsDontMatch)
	e.expectRefused(ctx)

	e = h.connect(ctx, i.id, expert.SecurityTLS)
	e.expectAnnounce(ctx)
	e.sendV2(i.proof())
	e.answer(ctx, e.waitPrompt(ctx, i), true)
	e.expectResult(ctx, ctlchan.ResultNoError)
	e.Close()
	h.closedStats(ctx, e.conn) // its capturing has stopped before the next one starts
	if _, err := h.d.Revoke(ctx, i.resp.ID); err != nil {
		t.Fatal(err)
	}

	// Version 3: a wrong token, then the right one.
	i3 := h.invite(ctx, localapi.InviteRequest{Version3: true})
	novice, expertTok, wrongTok := specToken(i3.password, "NOVICE", i3.cs2), specToken(i3.password, "EXPERT", i3.cs2), specToken("WRONG1", "EXPERT", i3.cs2)
	h.secretBytes(novice, expertTok, wrongTok)
	for _, right := range []bool{false, true} {
		e = h.connect(ctx, i3.id, expert.SecurityTLS)
		if _, ok := e.recv(ctx).(*ctlchan.TokenPacket); !ok {
			t.Fatal("no TOKEN from the novice")
		}
		e.send(&ctlchan.ExpertName{Name: helperName})
		if !right {
			e.send(&ctlchan.TokenPacket{Token: wrongTok})
			e.expectRefused(ctx)
			continue
		}
		e.send(&ctlchan.TokenPacket{Token: expertTok})
		e.answer(ctx, e.waitPrompt(ctx, i3), true)
		e.expectResult(ctx, ctlchan.ResultNoError)
		e.Close()
	}

	// The log tells the story.
	for _, msg := range []string{"Remote Assistance helper connected", "asking the novice", "the novice answered",
		"wrong password", "the helper can now see the desktop", "token verified"} {
		if !h.logged(msg) {
			t.Errorf("nothing logged like %q", msg)
		}
	}
	for _, e := range h.logs.FilterMessage("wrong password").All() {
		if from, _ := e.ContextMap()["from"].(string); from != "127.0.0.1" {
			t.Errorf("a wrong password logged from %q", from)
		}
	}
	for _, e := range h.logs.FilterMessage("asking the novice").All() {
		if name, _ := e.ContextMap()["expert"].(string); name != helperName {
			t.Errorf("the question logged for expert %q", name)
		}
	}
	// The leak check of the harness (at cleanup) would catch a leak: logs
	// that do leak, in each way a secret could get there.
	core, leaky := observer.New(zapcore.DebugLevel)
	log := zap.New(core)
	log.Info("password", zap.String("pw", i.password))
	log.With(zap.Binary("proof", i.proof())).Info("proof as bytes")
	log.Info("proof as hex: " + strings.ToUpper(hex.EncodeToString(i.proof())))
	log.Debug("novice token inside a PDU", zap.Binary("pdu", append([]byte{1, 2, 3, 4, 5}, novice...)))
	blob := ctlchan.ExpertBlob{Name: helperName, Pass: fmt.Sprintf("%X", i.proof())}.Marshal()
	log.Debug("blob as UTF-16 in a string", zap.String("data", string(wire.AppendUTF16LE(nil, blob))))
	log.Warn("an error quoting the token", zap.Error(fmt.Errorf("bad token %x", expertTok)))
	for _, e := range leaky.All() {
		if got := leaks([]observer.LoggedEntry{e}, h.secretsNow()); len(got) == 0 {
			t.Errorf("the leak check missed the leak of %q", e.Message)
		}
	}
}

// TestSessionAuthTimeout: a helper that does not prove the password in
// time is sent DISCONNECT and refused, whether it stays silent or speaks
// a version the invitation does not take (a version 2 client such as
// FreeRDP 2.11 with a version 3 invitation). It never sees the desktop and
// the novice is never asked.
func TestSessionAuthTimeout(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		version3 bool
		speak    func(e *raExpert, i raInvite)
	}{
		{"silent", false, func(*raExpert, raInvite) {}},
		{"version 2 client, version 3 invitation", true, func(e *raExpert, i raInvite) { e.sendV2(i.proof()) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			h := newHarness(t, harnessOpts{authTimeout: 300 * time.Millisecond})
			i := h.invite(ctx, localapi.InviteRequest{Version3: tc.version3})
			e := h.connect(ctx, i.id, expert.SecurityTLS)
			if tc.version3 {
				if m := e.recv(ctx); m.MsgType() != ctlchan.MsgToken {
					t.Fatalf("first message %v, want TOKEN", m.MsgType())
				}
			} else {
				e.expectAnnounce(ctx)
			}
			tc.speak(e, i)
			for {
				m := e.recv(ctx)
				if m.MsgType() == ctlchan.MsgDisconnect {
					break
				}
			}
			e.expectRefused(ctx)
			h.waitLogged(ctx, "the helper did not prove the password in time")
			if h.logged("asking the novice") {
				t.Error("the novice was asked about a helper that proved nothing")
			}
		})
	}
}
