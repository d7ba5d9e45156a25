package daemon

import (
	"net"
	"time"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/ctlchan"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/rdp/session"
	"github.com/ranoviced/ranoviced/internal/registry"
	"github.com/ranoviced/ranoviced/internal/sharectl"
)

// Session initialization rides on the static channel "remdesk" (FreeRDP)
// or the dynamic channel "RC_CTL" ([MS-RA] 2.1).
const (
	remdeskChannel = "remdesk"
	rcctlChannel   = "RC_CTL"
)

// heartbeatInterval is the ISCONNECTED period of version 1 ([MS-RA] 3.x:
// every 30 seconds).
const heartbeatInterval = 30 * time.Second

// defaultAuthTimeout is how long a helper has, once the RDP connection is
// up, to prove the password or token. Expert clients do it at once (the
// password was typed before connecting); a connection that does not is
// stuck (a version 3 invitation opened by a version 2 client) or idle, and
// would otherwise hold a connection slot forever.
const defaultAuthTimeout = time.Minute

// raSession is the Remote Assistance side of one RDP connection. Its
// methods run on the connection's owner goroutine (server.Handler), except
// where a timer or the consent prompt posts back to it.
//
// INVARIANT: the desktop is shown (SetViewing(true)) only after the
// machine emitted OpenView, which it does only once the password or token
// check passed and the novice said yes; or for a connection that is not a
// Remote Assistance one when the daemon runs with --unsafe-no-auth.
type raSession struct {
	d      *Daemon
	log    *zap.Logger
	source string // the helper's IP address

	inv     *registry.Invitation // nil: not a Remote Assistance connection
	m       *ctlchan.Machine
	dvcID   uint32 // RC_CTL dynamic channel, when used
	overDVC bool

	cancelPrompt  func()
	stopHeartbeat func()
	authTimer     *time.Timer

	// Share control, from the novice's yes on.
	conn        *server.Conn
	expert      string // the name the helper gave, fit to show
	gate        *sharectl.Gate
	encomsp     bool   // the helper joined encomsp
	participant uint32 // its MS-RDPEMC ParticipantId
	cancelCtl   func() // withdraws a pending control question
	dropped     int    // input events dropped for want of control
}

// Handler returns the Remote Assistance handler of a new connection.
func (d *Daemon) Handler(c *server.Conn) server.Handler {
	s := &raSession{d: d, log: c.Logger(), conn: c}
	if host, _, err := net.SplitHostPort(c.RemoteAddr().String()); err == nil {
		s.source = host
	}
	return s
}

func (s *raSession) Active(c *server.Conn) {
	res := c.Result()
	inv, err := s.d.cfg.Registry.Lookup(res.ClientInfo.WorkingDir, s.d.cfg.Now())
	remdesk := c.HasChannel(remdeskChannel)
	if err != nil {
		if s.d.cfg.UnsafeNoAuth && !remdesk {
			s.log.Warn("UNSAFE: not a Remote Assistance connection; showing the desktop without authentication or consent (--unsafe-no-auth)")
			c.SetViewing(true)
			return
		}
		// The invitation ended between Client Info and now, or a Remote
		// Assistance client named none.
		s.log.Warn("Remote Assistance client without a live invitation", zap.Error(err))
		c.Close(pdu.ErrInfoServerDeniedConnection)
		return
	}
	// A Remote Assistance connection never sees the desktop before the
	// password check and consent, --unsafe-no-auth or not.
	c.SetViewing(false)
	s.inv = inv
	s.m = ctlchan.New(ctlchan.Config{
		Invitation: ctlchan.Invitation{
			ID: inv.ID, ConnectionString: inv.ConnectionString, RCTicket: inv.RCTicket,
			CheckProof: inv.CheckProof, Token: s.tokenFunc(),
		},
		NoviceName: s.d.cfg.UserName,
	})
	s.log.Info("Remote Assistance helper connected", zap.String("invitation", registry.Short(inv.ID)),
		zap.String("user", res.ClientInfo.UserName))
	switch {
	case remdesk:
		s.act(c, s.m.Start())
	case c.HasChannel(session.DrdynvcChannel):
		id, err := c.OpenDVC(rcctlChannel)
		if err != nil {
			s.fail(c, "cannot open the RC_CTL channel", err)
			return
		}
		s.dvcID = id
	default:
		s.fail(c, "the helper joined no Remote Assistance channel (remdesk, or drdynvc for RC_CTL)", nil)
		return
	}
	s.startHeartbeat(c)
	s.authTimer = time.AfterFunc(s.d.cfg.AuthTimeout, func() { c.Post(s.authDeadline) })
}

// authDeadline ends a connection whose helper has not proved the password
// or token in time.
func (s *raSession) authDeadline(c *server.Conn) {
	switch st := s.m.State(); st {
	case ctlchan.StateAsking, ctlchan.StateViewing, ctlchan.StateClosed:
		return
	default:
		hint := ""
		if st == ctlchan.StateV3WaitToken {
			hint = "; a version 3 invitation needs an expert that speaks version 3 (FreeRDP 2.11 does not)"
		}
		s.log.Warn("the helper did not prove the password in time"+hint,
			zap.Duration("timeout", s.d.cfg.AuthTimeout), zap.Stringer("state", st))
		s.act(c, s.m.Close()) // DISCONNECT, then the connection ends
	}
}

func (s *raSession) tokenFunc() func(role string) []byte {
	if !s.inv.Version3 {
		return nil
	}
	return s.inv.Token
}

func (s *raSession) startHeartbeat(c *server.Conn) {
	t := time.NewTicker(heartbeatInterval)
	done := make(chan struct{})
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if !c.Post(func(c *server.Conn) { s.act(c, s.m.HeartbeatDue()) }) {
					return
				}
			case <-done:
				return
			}
		}
	}()
	s.stopHeartbeat = func() { close(done) }
}

func (s *raSession) ChannelMessage(c *server.Conn, channel string, data []byte) {
	if s.m == nil {
		return
	}
	switch {
	case channel == remdeskChannel && !s.overDVC:
		s.receive(c, data)
	case channel == encomspChannel:
		s.encomspMessage(c, data)
	}
}

func (s *raSession) DVC(c *server.Conn, ev session.Event) {
	if s.m == nil {
		return
	}
	switch e := ev.(type) {
	case session.DVCOpened:
		if e.ID == s.dvcID {
			s.overDVC = true
			s.act(c, s.m.Start())
		}
	case session.DVCOpenFailed:
		if e.ID == s.dvcID {
			s.fail(c, "the helper refused the RC_CTL channel", nil)
		}
	case session.DVCMessage:
		if s.overDVC && e.ID == s.dvcID {
			s.receive(c, e.Data)
		}
	}
}

func (s *raSession) receive(c *server.Conn, data []byte) {
	actions, err := s.m.Receive(data)
	s.act(c, actions)
	if err != nil {
		s.fail(c, "Remote Assistance protocol error", err)
	}
}

// Input reaches the desktop only through the helper's share-control gate.
func (s *raSession) Input(_ *server.Conn, ev input.Event) { s.inject(ev) }

func (s *raSession) Closed(c *server.Conn, _ error) {
	s.d.viewersMu.Lock()
	delete(s.d.viewers, s)
	s.d.viewersMu.Unlock()
	s.share(c, sharectl.Closed{})
	s.d.hub.sync(s, false)
	if s.cancelCtl != nil {
		s.cancelCtl()
	}
	if s.cancelPrompt != nil {
		s.cancelPrompt()
	}
	if s.stopHeartbeat != nil {
		s.stopHeartbeat()
	}
	if s.authTimer != nil {
		s.authTimer.Stop()
	}
}

func (s *raSession) fail(c *server.Conn, what string, err error) {
	s.log.Warn(what, zap.Error(err))
	c.Close(pdu.ErrInfoServerDeniedConnection)
}

// act carries out the machine's actions.
func (s *raSession) act(c *server.Conn, actions []ctlchan.Action) {
	for _, a := range actions {
		switch a := a.(type) {
		case ctlchan.Send:
			if err := s.send(c, a.PDU); err != nil {
				s.log.Debug("send on the Remote Assistance channel failed", zap.Error(err))
			}
		case ctlchan.AskConsent:
			s.expert = displayName(a.ExpertName)
			s.askConsent(c, a.ExpertName)
		case ctlchan.PasswordFailed:
			closed := s.d.cfg.Registry.RecordFailure(s.inv.ID, s.source, s.d.cfg.Now())
			s.log.Warn("wrong password", zap.String("invitation", registry.Short(s.inv.ID)), zap.String("from", s.source))
			if closed {
				s.log.Warn("invitation closed after too many wrong passwords", zap.String("invitation", registry.Short(s.inv.ID)))
			}
		case ctlchan.OpenView:
			c.SetViewing(true)
			s.log.Info("the helper can now see the desktop", zap.String("invitation", registry.Short(s.inv.ID)))
			s.startShareControl(c)
		case ctlchan.Disconnect:
			s.log.Info("ending the Remote Assistance session", zap.Stringer("result", ctlchan.Result(a.Result)))
			c.Close(pdu.ErrInfoServerDeniedConnection)
		case ctlchan.SubChannel:
			if a.Name == sharectl.RCCommandChannel {
				s.rccommand(c, a.Data)
				continue
			}
			s.log.Debug("Remote Assistance sub-channel message not handled yet", zap.String("channel", a.Name), zap.Int("bytes", len(a.Data)))
		case ctlchan.Note:
			s.log.Info(a.Msg)
		}
	}
}

// send sends a remdesk PDU over the transport the helper uses.
func (s *raSession) send(c *server.Conn, b []byte) error {
	if s.overDVC {
		return c.SendDVC(s.dvcID, b)
	}
	return c.SendChannel(remdeskChannel, b)
}

func (s *raSession) askConsent(c *server.Conn, expert string) {
	pol := s.d.cfg.Consent
	if pol.Connect == consentAllow {
		s.log.Info("helper let in without asking: consent.connect = \"allow\"", zap.String("expert", expert))
		s.act(c, s.m.Consent(true))
		return
	}
	p := Prompt{Kind: localapi.PromptView, Expert: displayName(expert), From: s.source, Invitation: registry.Short(s.inv.ID), Asked: s.d.cfg.Now()}
	s.log.Info("asking the novice", zap.String("expert", expert), zap.String("from", s.source))
	s.cancelPrompt = s.d.consents.ask(p, pol.Timeout.Duration, promptText(p, pol.Message), func(yes bool) {
		c.Post(func(c *server.Conn) {
			s.cancelPrompt = nil
			if yes {
				s.log.Info("the novice said yes")
			} else {
				s.log.Info("the novice said no (or did not answer)")
			}
			s.act(c, s.m.Consent(yes))
		})
	})
}
