// Package daemon is what the running ranoviced does between its parts: it
// creates invitations for the local control API, refuses RDP clients that
// name no live invitation, and ends the connections of a revoked one.
package daemon

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/ctlchan"
	"github.com/ranoviced/ranoviced/internal/invite"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/registry"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// Config wires a Daemon to the rest of the process.
type Config struct {
	Log      *zap.Logger
	Policy   *policy.Invitation
	Registry *registry.Registry
	// KeyHashes returns KH and KH2 of the server key (server.KeyHashes).
	KeyHashes func() (kh, kh2 string)
	// Addrs returns the addresses the RDP server really listens on, most
	// reachable first.
	Addrs func() []netip.AddrPort
	// Server is the RDP server, for status and for closing connections.
	Server   *server.Server
	UserName string // the novice name written into invitations
	// Consent is the policy for the novice's yes; Display is the X display
	// a consent dialog may use.
	Consent *policy.Consent
	Display string
	// UnsafeNoAuth lets clients that name no invitation see the desktop
	// (--unsafe-no-auth); Remote Assistance clients never skip the checks.
	UnsafeNoAuth bool
	// Remote is the policy for share control; Injector delivers a
	// controlling helper's input to the desktop and PanicWatch watches the
	// local panic key. Without both no helper can take control.
	Remote     *policy.Remote
	Injector   shadow.Injector
	PanicWatch PanicWatch
	// AuthTimeout is how long a helper has to prove the password once
	// connected; zero means a minute.
	AuthTimeout time.Duration
	Rand        io.Reader
	Now         func() time.Time
	Version     string
}

// consentAllow is policy.ConsentAllow, named here for session.go.
const consentAllow = policy.ConsentAllow

// Daemon implements localapi.Backend, the RDP-layer invitation check and
// the Remote Assistance session of each connection.
type Daemon struct {
	cfg             Config
	consents        *consents
	hub             *controlHub
	nextParticipant atomic.Uint32 // MS-RDPEMC ParticipantIds, from 1

	viewersMu sync.Mutex
	viewers   map[*raSession]struct{} // helpers who may view, for pause notices
}

var _ localapi.Backend = (*Daemon)(nil)

// New returns a Daemon.
func New(cfg Config) *Daemon {
	if cfg.Log == nil {
		cfg.Log = zap.NewNop()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.AuthTimeout <= 0 {
		cfg.AuthTimeout = defaultAuthTimeout
	}
	if cfg.Consent == nil {
		def := policy.Default().Consent
		cfg.Consent = &def
	}
	if cfg.Remote == nil {
		def := policy.Default().Remote
		cfg.Remote = &def
	}
	d := &Daemon{
		cfg: cfg, consents: newConsents(cfg.Log), hub: newControlHub(cfg.Log, cfg.Injector, cfg.Remote.TimeLimit.Duration),
		viewers: map[*raSession]struct{}{},
	}
	if cfg.Consent.Dialog {
		d.consents.dialog = zenityDialog(cfg.Display)
	}
	return d
}

func userError(format string, args ...any) error {
	return &localapi.UserError{Msg: fmt.Sprintf(format, args...)}
}

// CheckClientInfo is the server's Client Info hook: an expert's WorkingDir
// must name a live invitation ([MS-RA] 2.2.7.2) before anything Remote
// Assistance happens, and an address that sent too many wrong passwords is
// shut out. With --unsafe-no-auth a client naming no invitation at all may
// continue (as a plain RDP client); a dead invitation is refused anyway.
// The error names no ID.
func (d *Daemon) CheckClientInfo(remote net.Addr, ci *sec.ClientInfo) error {
	now := d.cfg.Now()
	if host, _, err := net.SplitHostPort(remote.String()); err == nil {
		if err := d.cfg.Registry.CheckSource(host, now); err != nil {
			return err
		}
	}
	inv, err := d.cfg.Registry.Lookup(ci.WorkingDir, now)
	if d.cfg.UnsafeNoAuth && errors.Is(err, registry.ErrUnknown) {
		return nil
	}
	if err != nil {
		return err
	}
	// [MS-RA] 2.2.7.2: AlternateShell carries the invitation's password
	// in clear (a Windows expert), or "*" (FreeRDP, whose proof follows
	// on remdesk). A password given here must be the right one; a wrong
	// one counts as a failed attempt. It never replaces the remdesk check.
	if pw := ci.AlternateShell; pw != "" && pw != "*" && !inv.CheckPassword(pw) {
		host, _, _ := net.SplitHostPort(remote.String())
		closed := d.cfg.Registry.RecordFailure(inv.ID, host, now)
		d.cfg.Log.Warn("wrong password in the Client Info AlternateShell", zap.String("invitation", registry.Short(inv.ID)),
			zap.String("from", host), zap.Bool("invitation_closed", closed))
		return errWrongPassword
	}
	return nil
}

// errWrongPassword refuses a Client Info whose AlternateShell is not the
// invitation's password.
var errWrongPassword = errors.New("wrong Remote Assistance password")

// Invite creates an invitation. Every refusal leaves the daemon's state as
// it was.
func (d *Daemon) Invite(_ context.Context, req localapi.InviteRequest) (*localapi.InviteResponse, error) {
	pol := d.cfg.Policy
	now := d.cfg.Now()
	life := pol.DefaultLifetime.Duration
	if req.Expires != "" {
		v, err := time.ParseDuration(req.Expires)
		if err != nil {
			return nil, userError("--expires %q is not a duration like 90m or 6h", req.Expires)
		}
		life = v
	}
	if life < time.Minute {
		return nil, userError("--expires %v is too short: give at least 1m", life)
	}
	if life > pol.MaxLifetime.Duration {
		return nil, userError("--expires %v is longer than the policy allows (%v); ask for less, or raise invitation.max_lifetime", life, pol.MaxLifetime.Duration)
	}
	password, generated := req.Password, false
	if password != "" {
		if pol.UserPassword != policy.UserPasswordAllow {
			return nil, userError("choosing the password is not allowed by policy (invitation.user_password = %q); leave --password out to get a generated one", pol.UserPassword)
		}
		if err := invite.CheckUserPassword(password, pol.MinPasswordLength); err != nil {
			return nil, userError("--password: %v", err)
		}
	} else {
		var err error
		if password, err = invite.NewPassword(d.cfg.Rand); err != nil {
			return nil, err
		}
		generated = true
	}
	addrs := d.cfg.Addrs()
	if len(addrs) == 0 {
		return nil, errors.New("daemon: not listening on any address")
	}
	listeners := make([]invite.Listener, len(addrs))
	hosts := make([]string, len(addrs))
	for i, a := range addrs {
		listeners[i] = invite.Listener{Host: a.Addr().String(), Port: a.Port()}
		hosts[i] = a.String()
	}
	id, err := invite.NewID(d.cfg.Rand)
	if err != nil {
		return nil, err
	}
	stub, err := invite.NewPassStub(d.cfg.Rand)
	if err != nil {
		return nil, err
	}
	kh, kh2 := d.cfg.KeyHashes()
	inv, err := invite.Build(invite.BuildParams{
		Password: password, PassStub: stub, ID: id, KH: kh, KH2: kh2,
		Listeners: listeners, UserName: d.cfg.UserName,
		Start: now.Unix(), LifetimeMinutes: int(math.Ceil(life.Minutes())),
		WriteRCTicket: !pol.EncryptedOnly,
	})
	if err != nil {
		return nil, err
	}
	expires := now.Add(life)
	entry := registry.New(id, secret{password: password, passStub: stub, cs: inv.ConnectionString2Text}, now, expires)
	entry.UserName, entry.ConnectionString, entry.Version3 = d.cfg.UserName, inv.ConnectionString2Text, req.Version3
	if inv.Incident.RCTicket != "" {
		entry.RCTicket = inv.Incident.RCTicket
	}
	if err := d.cfg.Registry.Add(entry, now); err != nil {
		return nil, userError("%v", trimPrefix(err))
	}
	d.cfg.Log.Info("invitation created", zap.String("invitation", registry.Short(id)),
		zap.Time("expires", expires), zap.Strings("addresses", hosts), zap.Bool("version3", req.Version3))
	resp := &localapi.InviteResponse{
		ID: registry.Short(id), Expires: expires, ConnectionString: inv.ConnectionString2Text,
		File: inv.File, Addresses: hosts,
	}
	if generated {
		resp.Password = password
	}
	return resp, nil
}

// trimPrefix drops a package prefix ("registry: ") from a message meant
// for the user.
func trimPrefix(err error) string {
	s := err.Error()
	if i := len("registry: "); len(s) > i && s[:i] == "registry: " {
		return s[i:]
	}
	return s
}

// Revoke ends waiting invitations and the connections that came in with
// them.
func (d *Daemon) Revoke(_ context.Context, prefix string) (*localapi.RevokeResponse, error) {
	ids, err := d.cfg.Registry.Revoke(prefix, d.cfg.Now())
	if err != nil {
		return nil, userError("%v", trimPrefix(err))
	}
	resp := &localapi.RevokeResponse{}
	for _, id := range ids {
		resp.Revoked = append(resp.Revoked, registry.Short(id))
	}
	closed := 0
	if d.cfg.Server != nil {
		closed = d.cfg.Server.CloseWhere(func(ci server.ConnInfo) bool { return slices.Contains(ids, ci.WorkingDir) },
			pdu.ErrInfoRPCInitiatedDisconnectByUser)
	}
	d.cfg.Log.Info("invitation revoked", zap.Strings("invitations", resp.Revoked), zap.Int("connections_closed", closed))
	return resp, nil
}

// Status reports listeners, invitations and connected helpers.
func (d *Daemon) Status(context.Context) (*localapi.StatusResponse, error) {
	resp := &localapi.StatusResponse{Version: d.cfg.Version}
	for _, a := range d.cfg.Addrs() {
		resp.Listening = append(resp.Listening, a.String())
	}
	for _, st := range d.cfg.Registry.Snapshot(d.cfg.Now()) {
		resp.Invitations = append(resp.Invitations, localapi.InvitationStatus{
			ID: st.ID, State: st.State.String(), Created: st.Created, Expires: st.Expires,
			Ended: st.Ended, Failures: st.Failures,
		})
	}
	if d.cfg.Server != nil {
		for _, c := range d.cfg.Server.Connections() {
			resp.Connections = append(resp.Connections, localapi.ConnectionStatus{
				ID: c.ID, Remote: c.Remote, User: c.User, Invitation: registry.Short(c.WorkingDir), Since: c.Since,
			})
		}
	}
	resp.Paused = d.paused()
	return resp, nil
}

// secret is an invitation's password as the registry may use it: to check
// a proof or compute a version 3 token. It never prints the password.
type secret struct {
	password, passStub, cs string
}

func (s secret) CheckProof(proof []byte) bool {
	return invite.CheckPassStubProof(s.password, s.passStub, proof)
}

func (s secret) CheckPassword(pw string) bool {
	return subtle.ConstantTimeCompare([]byte(pw), []byte(s.password)) == 1
}

func (s secret) Token(role string) []byte { return ctlchan.Token(s.password, role, s.cs) }

func (secret) String() string   { return "secret(redacted)" }
func (secret) GoString() string { return "secret(redacted)" }

// Pending lists the questions waiting for the novice.
func (d *Daemon) Pending(context.Context) (*localapi.PendingResponse, error) {
	resp := &localapi.PendingResponse{}
	for _, p := range d.consents.list() {
		resp.Prompts = append(resp.Prompts, localapi.PromptStatus{
			ID: p.ID, Kind: p.Kind, Expert: p.Expert, From: p.From, Invitation: p.Invitation,
			Asked: p.Asked, Deadline: p.Deadline, Text: p.Text,
		})
	}
	return resp, nil
}

// Answer is the novice's reply to a question.
func (d *Daemon) Answer(_ context.Context, req localapi.AnswerRequest) (*localapi.AnswerResponse, error) {
	kind, err := d.consents.answerPrompt(req.ID, req.Yes)
	if err != nil {
		return nil, userError("question %q: %v (see ranoviced pending)", req.ID, err)
	}
	d.cfg.Log.Info("the novice answered", zap.String("prompt", req.ID), zap.String("kind", kind), zap.Bool("yes", req.Yes))
	resp := &localapi.AnswerResponse{Kind: kind}
	if kind == localapi.PromptControl {
		resp.PanicKey = d.cfg.Remote.PanicKey
	}
	return resp, nil
}

// TakeBack ends a helper's control of the keyboard and mouse.
func (d *Daemon) TakeBack(context.Context) (*localapi.TakeBackResponse, error) {
	n := d.hub.takeBack("the novice took control back")
	d.cfg.Log.Info("take back requested", zap.Int("helpers", n))
	return &localapi.TakeBackResponse{Helpers: n}, nil
}

// Pause pauses or resumes sharing the screen with every helper. While
// paused no desktop pixel leaves the machine (the helpers see the neutral
// placeholder; MS-RDPEMC experts are told the graphics stream paused), a
// helper in control loses it, and requests for control are refused.
func (d *Daemon) Pause(_ context.Context, req localapi.PauseRequest) (*localapi.PauseResponse, error) {
	if d.cfg.Server == nil {
		return nil, userError("this daemon shares no screen")
	}
	changed := d.cfg.Server.SetPaused(req.Paused)
	if req.Paused {
		d.hub.takeBack("the novice paused sharing")
	}
	d.viewersMu.Lock()
	viewers := make([]*raSession, 0, len(d.viewers))
	for s := range d.viewers {
		viewers = append(viewers, s)
	}
	d.viewersMu.Unlock()
	if changed {
		for _, s := range viewers {
			s.conn.Post(func(c *server.Conn) { s.notifyPause(c, req.Paused) })
		}
		what := "sharing resumed"
		if req.Paused {
			what = "sharing paused: the helpers see a neutral picture"
		}
		d.cfg.Log.Info(what, zap.Int("helpers", len(viewers)))
	}
	return &localapi.PauseResponse{Paused: req.Paused, Changed: changed, Helpers: len(viewers)}, nil
}

// paused reports whether the novice paused sharing.
func (d *Daemon) paused() bool { return d.cfg.Server != nil && d.cfg.Server.Paused() }

// Run watches the panic key until ctx ends and then releases the input
// injector. Share control is offered only while Run runs.
func (d *Daemon) Run(ctx context.Context) {
	defer d.hub.close()
	d.hub.watch(ctx, d.cfg.PanicWatch)
	<-ctx.Done()
}
