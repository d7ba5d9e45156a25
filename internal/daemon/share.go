package daemon

import (
	"errors"
	"net/netip"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/ctlchan"
	"github.com/ranoviced/ranoviced/internal/localapi"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/encomsp"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/server"
	"github.com/ranoviced/ranoviced/internal/registry"
	"github.com/ranoviced/ranoviced/internal/sharectl"
)

// encomspChannel is MS-RDPEMC's static channel, where version 2 and 3
// experts ask for control and learn their level.
const encomspChannel = "encomsp"

// startShareControl begins share control for a helper who may now view:
// its machine starts in view, and an expert on encomsp learns its
// participant ID and view-only level (MS-RDPEMC Participant Created with
// IS_PARTICIPANT, rdpemc-confas.md §2.8 A.4).
func (s *raSession) startShareControl(c *server.Conn) {
	pol := s.d.cfg.Remote
	allow := pol.Allow
	if ok, why := s.d.hub.available(); allow && !ok {
		s.log.Warn("helpers cannot be given control: "+why, zap.String("invitation", registry.Short(s.inv.ID)))
		allow = false
	}
	viewOnly := false
	if a, err := netip.ParseAddr(s.source); err == nil {
		viewOnly = pol.ViewOnly(a)
	}
	m := sharectl.New(sharectl.Config{
		Version:      s.m.Version(),
		AllowControl: allow,
		ViewOnly:     viewOnly,
		AskNovice:    pol.Consent != policy.ConsentAllow,
	})
	s.gate = sharectl.NewGate(m, s.d.hub.inj)
	s.encomsp = c.HasChannel(encomspChannel)
	s.participant = s.d.nextParticipant.Add(1)
	s.announce(c, false)
	s.d.viewersMu.Lock()
	s.d.viewers[s] = struct{}{}
	s.d.viewersMu.Unlock()
	if s.d.paused() {
		// MS-RDPEMC 2.2.5.1: sent to a participant joining while paused.
		s.notifyPause(c, true)
	}
}

// notifyPause tells an encomsp expert that the graphics stream paused or
// resumed (MS-RDPEMC 2.2.5.1, 2.2.5.2); the picture itself changes for
// every expert (server.SetPaused).
func (s *raSession) notifyPause(c *server.Conn, paused bool) {
	if !s.encomsp {
		return
	}
	var m encomsp.Message = &encomsp.GraphicsStreamResumed{}
	if paused {
		m = &encomsp.GraphicsStreamPaused{}
	}
	b, err := encomsp.AppendMessages(nil, m)
	if err == nil {
		err = c.SendChannel(encomspChannel, b)
	}
	if err != nil {
		s.log.Debug("sending "+m.OrderType().String()+" failed", zap.Error(err))
	}
}

// share feeds one event to the helper's share control and carries out
// the actions.
func (s *raSession) share(c *server.Conn, ev sharectl.Event) {
	if s.gate == nil {
		return
	}
	// While sharing is paused nobody may take control: the helper would
	// act on a screen it cannot see.
	switch e := ev.(type) {
	case sharectl.ControlRequested:
		e.Busy, e.Paused = s.d.hub.busy(s), s.d.paused()
		ev = e
	case sharectl.Answered:
		e.Busy, e.Paused = s.d.hub.busy(s), s.d.paused()
		ev = e
	}
	acts, err := s.gate.Handle(ev)
	if err != nil && !errors.Is(err, sharectl.ErrClosed) {
		s.log.Warn("releasing the helper's keys and buttons", zap.Error(err))
	}
	s.d.hub.sync(s, s.gate.State() == sharectl.StateControl)
	for _, a := range acts {
		switch a := a.(type) {
		case sharectl.SendRC:
			s.sendRC(c, a.Name)
		case sharectl.Announce:
			s.announce(c, a.Control)
		case sharectl.AskNovice:
			s.askControl(c)
		case sharectl.CancelAsk:
			if s.cancelCtl != nil {
				s.cancelCtl()
				s.cancelCtl = nil
			}
		case sharectl.InputOff:
			s.log.Info("the helper's control ended; its keys and buttons are released")
		case sharectl.Note:
			s.log.Info(a.Msg)
		}
	}
}

// sendRC sends an RCCOMMAND on sub-channel "71" over the transport of
// session initialization (remdesk or RC_CTL).
func (s *raSession) sendRC(c *server.Conn, name sharectl.CommandName) {
	f := ctlchan.Frame{Channel: sharectl.RCCommandChannel, Data: sharectl.Command(name)}
	b, err := f.AppendBinary(nil)
	if err == nil {
		err = s.send(c, b)
	}
	if err != nil {
		s.log.Debug("sending "+string(name)+" failed", zap.Error(err))
	}
}

// announce tells an encomsp expert its level: Participant Created with
// MAY_VIEW, MAY_INTERACT when in control, and IS_PARTICIPANT (the copy for
// itself).
func (s *raSession) announce(c *server.Conn, control bool) {
	if !s.encomsp {
		return
	}
	flags := encomsp.MayView | encomsp.IsParticipant
	if control {
		flags |= encomsp.MayInteract
	}
	name := s.expert
	if name == "" {
		name = "Helper"
	}
	b, err := encomsp.AppendMessages(nil, &encomsp.ParticipantCreated{
		ParticipantID: s.participant, GroupID: encomsp.ConfasGroupID, Flags: flags, FriendlyName: encomsp.FitString(name),
	})
	if err == nil {
		err = c.SendChannel(encomspChannel, b)
	}
	if err != nil {
		s.log.Debug("sending Participant Created failed", zap.Error(err))
		return
	}
	s.log.Debug("told the helper its level", zap.Uint32("participant", s.participant), zap.Stringer("flags", flags))
}

// askControl asks the novice whether the helper may take control.
func (s *raSession) askControl(c *server.Conn) {
	p := Prompt{Kind: localapi.PromptControl, Expert: s.expert, From: s.source, Invitation: registry.Short(s.inv.ID), Asked: s.d.cfg.Now()}
	s.log.Info("asking the novice about control", zap.String("expert", s.expert), zap.String("from", s.source))
	s.cancelCtl = s.d.consents.ask(p, s.d.cfg.Consent.Timeout.Duration, controlText(p, s.d.cfg.Remote), func(yes bool) {
		c.Post(func(c *server.Conn) {
			s.cancelCtl = nil
			s.share(c, sharectl.Answered{Yes: yes})
		})
	})
}

// rccommand handles an RCCOMMAND on sub-channel "71".
func (s *raSession) rccommand(c *server.Conn, data []byte) {
	cmd, err := sharectl.ParseRCCommand(data)
	if err != nil {
		// Unknown or malformed commands are ignored, as out-of-sequence
		// ones are ([MS-RA] 3.16.5); the reason is logged.
		s.log.Info("ignored a sub-channel 71 message", zap.Error(err))
		return
	}
	switch cmd.Name {
	case sharectl.RemoteCtrlStart:
		s.share(c, sharectl.ControlRequested{Via: sharectl.ViaRCCommand})
	case sharectl.RemoteCtrlEnd, sharectl.AbortRC:
		s.share(c, sharectl.ControlReleased{Via: sharectl.ViaRCCommand})
	case sharectl.ExpertIP:
		// ctlchan logged it.
	default:
		s.log.Debug("RCCOMMAND not handled yet", zap.String("name", string(cmd.Name)))
	}
}

// encomspMessage handles a message on the encomsp channel: a control
// request is bound to the connection it came on, whatever ParticipantId
// it names (FreeRDP 2.x sends 0); a request naming another participant is
// ignored, so no expert can change another's level.
func (s *raSession) encomspMessage(c *server.Conn, data []byte) {
	msgs, err := encomsp.DecodeAll(data)
	switch {
	case errors.Is(err, encomsp.ErrUnknownType):
		// Well framed but unknown: "the PDU SHOULD be ignored" (MS-RDPEMC
		// 3.1.5.1).
		s.log.Info("ignored encomsp orders of unknown type", zap.Error(err))
	case err != nil:
		// Lengths that do not fit: "The receiver SHOULD disconnect".
		s.log.Warn("malformed encomsp message; ending the connection", zap.Error(err))
		c.Close(pdu.ErrInfoServerDeniedConnection)
		return
	}
	for _, m := range msgs {
		req, ok := m.(*encomsp.ChangeParticipantControlLevel)
		if !ok {
			s.log.Debug("ignored an encomsp order a participant does not send", zap.Stringer("type", m.OrderType()))
			continue
		}
		if s.gate == nil {
			s.log.Info("ignored a control request before the novice let the helper see the screen")
			continue
		}
		if req.ParticipantID != 0 && req.ParticipantID != s.participant {
			s.log.Warn("ignored a control request naming another participant", zap.Uint32("participant", req.ParticipantID))
			continue
		}
		switch {
		case req.Flags.Has(encomsp.RequestInteract):
			s.share(c, sharectl.ControlRequested{Via: sharectl.ViaEncomsp})
		case s.gate.State() == sharectl.StateControl || s.gate.State() == sharectl.StateAsking:
			// REQUEST_VIEW alone from the holder gives control back
			// (FreeRDP's toggle, rdpemc-confas.md §2.8 B).
			s.share(c, sharectl.ControlReleased{Via: sharectl.ViaEncomsp})
		default:
			s.log.Debug("ignored a view request from a viewer", zap.Stringer("flags", req.Flags))
		}
	}
}

// inject passes the helper's input through its gate.
func (s *raSession) inject(ev input.Event) {
	if s.gate == nil {
		return
	}
	switch err := s.gate.Inject(ev); {
	case err == nil:
	case errors.Is(err, sharectl.ErrNoControl):
		s.dropped++
		if s.dropped == 1 {
			s.log.Info("input from a helper without control is dropped")
		}
	default:
		s.log.Warn("injecting the helper's input failed", zap.Error(err))
	}
}
