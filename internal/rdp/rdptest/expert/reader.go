package expert

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
)

// finalizeFlags record the server's finalization PDUs ([MS-RDPBCGR]
// 2.2.1.19–2.2.1.22); xfreerdp goes active only after all four (rdp.h
// FINALIZE_SC_COMPLETE).
type finalizeFlags uint8

const (
	finSynchronize finalizeFlags = 1 << iota
	finCooperate
	finGranted
	finFontMap
	finComplete = finSynchronize | finCooperate | finGranted | finFontMap
)

// readLoop processes server PDUs until an error, a disconnect or Close.
func (c *Client) readLoop() {
	var err error
	for err == nil {
		var in *inbound
		in, err = c.readPDU(false)
		if err == nil {
			err = c.dispatch(in)
		}
	}
	c.mu.Lock()
	if c.closing && errors.Is(err, ErrConnectionLost) {
		err = ErrClosed
	}
	c.err = err
	c.mu.Unlock()
	c.logf("reader stopped: %v", err)
	close(c.done)
}

func (c *Client) dispatch(in *inbound) error {
	switch {
	case in.fastPath != nil:
		return c.fastPathOutput(in.fastPath)
	case in.sdi:
		if in.channel == c.res.IOChannel {
			return c.ioChannel(in.data)
		}
		if ch := c.channels[in.channel]; ch != nil {
			return c.channelData(ch, in.data)
		}
		if in.channel == c.res.MessageChannel && in.channel != 0 {
			return protocolErr("data on the message channel %d (auto-detect, heartbeat and multitransport are not supported)", in.channel)
		}
		return protocolErr("send data indication on channel %d, which the client did not join as a static channel", in.channel)
	}
	return protocolErr("unexpected %v after the connection sequence", in.domain.Choice())
}

// ioChannel handles a share control PDU on the I/O channel.
func (c *Client) ioChannel(data []byte) error {
	h, body, err := pdu.DecodeShareControl(data)
	if errors.Is(err, pdu.ErrFlowPDU) {
		return nil // 2.2.8.1.1.1.1: "MUST be ignored"
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	switch h.Type {
	case pdu.PDUTypeData:
		return c.dataPDU(h, body)
	case pdu.PDUTypeDeactivateAll:
		p, err := pdu.DecodeShareControlBody(h.Type, body)
		if err != nil {
			return fmt.Errorf("%w: deactivate all: %w", ErrProtocol, err)
		}
		da := p.(*pdu.DeactivateAll)
		c.mu.Lock()
		share := c.res.ShareID
		c.mu.Unlock()
		if da.ShareID != share {
			return protocolErr("deactivate all for share %#x, the share is %#x", da.ShareID, share)
		}
		if c.reasm != nil && c.reasm.Pending() {
			return protocolErr("deactivate all inside a fragmented fast-path update")
		}
		c.deactivate()
		c.logf("deactivate all")
		return nil
	case pdu.PDUTypeDemandActive:
		c.mu.Lock()
		deactivated := c.deactivated
		c.mu.Unlock()
		// 1.3.1.3: a Demand Active after the connection sequence starts a
		// reactivation, which the server opens with Deactivate All.
		if !deactivated {
			return protocolErr("demand active without a preceding deactivate all")
		}
		p, err := pdu.DecodeShareControlBody(h.Type, body)
		if err != nil {
			return fmt.Errorf("%w: demand active: %w", ErrProtocol, err)
		}
		c.mu.Lock()
		c.stats.Reactivations++
		c.deactivated = false
		c.mu.Unlock()
		return c.demandActive(h, p.(*pdu.DemandActive))
	}
	return protocolErr("share control %v after the connection sequence", h.Type)
}

// deactivate ends the active state (Deactivate All, 2.2.3.1).
func (c *Client) deactivate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deactivated = true
	c.finalized = 0
	if c.active {
		c.active = false
		c.activeCh = make(chan struct{})
	}
}

// dataPDU handles a Data PDU (2.2.8.1.1.1.2).
func (c *Client) dataPDU(h pdu.ShareControlHeader, body []byte) error {
	dh, dbody, err := pdu.DecodeShareData(body)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	c.mu.Lock()
	share, fin, deactivated := c.res.ShareID, c.finalized, c.deactivated
	c.mu.Unlock()
	if dh.ShareID != share {
		return protocolErr("%v for share %#x, the share is %#x", dh.Type2, dh.ShareID, share)
	}
	switch dh.Type2 {
	case pdu.PDUType2SetErrorInfo:
		return c.setErrorInfo(h, dbody)
	case pdu.PDUType2Pointer:
		var pu pdu.PointerUpdate
		if err := pu.UnmarshalBinary(dbody); err != nil {
			return fmt.Errorf("%w: slow-path pointer update: %w", ErrProtocol, err)
		}
		return c.pointerUpdate(pu.Attribute, "slow-path")
	case pdu.PDUType2Update:
		// TS_UPDATE_BITMAP is the only update this client decodes; Windows
		// servers also send UPDATETYPE_SYNCHRONIZE, which carries nothing.
		if len(dbody) >= 2 {
			switch updateType := uint16(dbody[0]) | uint16(dbody[1])<<8; updateType {
			case 0x0003: // UPDATETYPE_SYNCHRONIZE
				return nil
			case 0x0000, 0x0002: // UPDATETYPE_ORDERS, UPDATETYPE_PALETTE
				return protocolErr("slow-path update type %#04x, which the client did not advertise", updateType)
			}
		}
	case pdu.PDUType2SaveSessionInfo, pdu.PDUType2PlaySound, pdu.PDUType2SetKeyboardIndicators,
		pdu.PDUType2SetKeyboardIMEStatus, pdu.PDUType2StatusInfo, pdu.PDUType2MonitorLayout, pdu.PDUType2ARCStatus:
		// Server-to-client PDUs this client has no use for.
		c.mu.Lock()
		c.stats.IgnoredPDUs++
		c.mu.Unlock()
		c.logf("ignored %v", dh.Type2)
		return nil
	}
	p, err := pdu.DecodeShareDataBody(dh.Type2, dbody)
	if err != nil {
		return fmt.Errorf("%w: %v: %w", ErrProtocol, dh.Type2, err)
	}
	switch p := p.(type) {
	case *pdu.Synchronize:
		return c.finalize(finSynchronize, fin, deactivated, "synchronize")
	case *pdu.Control:
		switch p.Action {
		case pdu.ControlActionCooperate:
			// 2.2.1.15.1: grantId and controlId "MUST be set to zero"
			// unless action is CTRLACTION_GRANTED_CONTROL.
			if p.GrantID != 0 || p.ControlID != 0 {
				return protocolErr("control cooperate with grantId %d controlId %#x, must be 0", p.GrantID, p.ControlID)
			}
			return c.finalize(finCooperate, fin, deactivated, "control cooperate")
		case pdu.ControlActionGrantedControl:
			// 2.2.1.21: grantId "MUST be set to the user channel ID",
			// controlId "MUST be set to the server channel ID (0x03EA)".
			c.mu.Lock()
			user := c.res.UserChannel
			c.mu.Unlock()
			if p.GrantID != user || p.ControlID != pdu.ServerChannelID {
				return protocolErr("granted control with grantId %d controlId %#x, want %d and %#x", p.GrantID, p.ControlID, user, pdu.ServerChannelID)
			}
			return c.finalize(finGranted, fin, deactivated, "granted control")
		}
		return protocolErr("control PDU with action %v from the server", p.Action)
	case *pdu.FontMap:
		return c.finalize(finFontMap, fin, deactivated, "font map")
	case *pdu.BitmapUpdate:
		return c.bitmapUpdate(p, "slow-path")
	case *pdu.ShutdownDenied:
		return nil
	}
	return protocolErr("%v from the server", dh.Type2)
}

// finalize records one server finalization PDU. Each may arrive once per
// activation, and the Font Map last ([MS-RDPBCGR] 1.3.1.1: the server sends
// it in answer to the Font List, after the other three).
func (c *Client) finalize(f, have finalizeFlags, deactivated bool, name string) error {
	if deactivated {
		return protocolErr("%s while deactivated (no demand active since the deactivate all)", name)
	}
	if have&f != 0 {
		return protocolErr("second %s in one activation", name)
	}
	if f == finFontMap && have != finSynchronize|finCooperate|finGranted {
		return protocolErr("font map before synchronize, cooperate and granted control (have %04b)", have)
	}
	c.mu.Lock()
	c.finalized |= f
	if c.finalized == finComplete {
		c.active = true
		close(c.activeCh)
	}
	c.mu.Unlock()
	if f == finFontMap {
		c.logf("session active")
	}
	return nil
}

// fastPathOutput handles one (decrypted) fast-path output PDU (2.2.9.1.2).
func (c *Client) fastPathOutput(out *fastpath.OutputPDU) error {
	updates, err := fastpath.DecodeUpdates(out.Data)
	if err != nil {
		return fmt.Errorf("%w: fast-path updates: %w", ErrProtocol, err)
	}
	c.mu.Lock()
	fragmentsAllowed, deactivated := c.fragmentsAllowed, c.deactivated
	c.mu.Unlock()
	if deactivated {
		// 1.3.1.3: the server stops sending output before its Deactivate
		// All and resumes after the reactivation.
		return protocolErr("fast-path output while deactivated")
	}
	for _, u := range updates {
		if u.Fragmentation != fastpath.FragmentSingle && !fragmentsAllowed {
			// FreeRDP's server never fragments for a client whose
			// MaxRequestSize is below one PDU (fastpath.MultifragmentLimit).
			return protocolErr("fragmented %v (%v) but the client's MaxRequestSize does not allow fragments", u.Code, u.Fragmentation)
		}
		if u.Compression != 0 {
			// FreeRDP decompresses each piece before reassembly
			// (fastpath_recv_update); so must the server's history.
			if u, err = c.unzip.update(u); err != nil {
				return fmt.Errorf("%w: %w", ErrProtocol, err)
			}
			c.mu.Lock()
			c.stats.BulkCompressed++
			c.stats.BulkType = sec.CompressionType(c.unzip.typ)
			c.mu.Unlock()
		}
		whole, done, err := c.reasm.Add(u)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrProtocol, err)
		}
		if !done {
			continue
		}
		if err := c.fastPathUpdate(whole); err != nil {
			return err
		}
	}
	return nil
}

func (c *Client) fastPathUpdate(u fastpath.Update) error {
	switch u.Code {
	case fastpath.UpdateBitmap:
		var bu pdu.BitmapUpdate
		if err := bu.UnmarshalBinary(u.Data); err != nil {
			return fmt.Errorf("%w: fast-path bitmap update: %w", ErrProtocol, err)
		}
		return c.bitmapUpdate(&bu, "fast-path")
	case fastpath.UpdateSynchronize:
		return nil
	case fastpath.UpdatePtrNull, fastpath.UpdatePtrDefault, fastpath.UpdatePtrPosition,
		fastpath.UpdateColor, fastpath.UpdateCached, fastpath.UpdatePointer, fastpath.UpdateLargePointer:
		attr, err := pointer.DecodeFastPath(u.Code, u.Data)
		if err != nil {
			return fmt.Errorf("%w: fast-path pointer update: %w", ErrProtocol, err)
		}
		return c.pointerUpdate(attr, "fast-path")
	case fastpath.UpdateOrders:
		if !c.scrBltOK {
			return protocolErr("fast-path orders, which the client did not advertise")
		}
		orders, err := c.orders.DecodeUpdate(u.Data)
		if err != nil {
			return fmt.Errorf("%w: fast-path orders: %w", ErrProtocol, err)
		}
		return c.scrBlt(orders)
	}
	// Palettes and surface commands were never advertised.
	return protocolErr("fast-path %v, which the client did not advertise", u.Code)
}

// channelData handles one chunk on a static channel (2.2.6.1).
func (c *Client) channelData(ch *channelState, chunk []byte) error {
	msg, done, err := ch.dechunk.Add(chunk)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.ChannelChunks++
	if err != nil {
		return fmt.Errorf("%w: channel %s: %w", ErrProtocol, ch.Name, err)
	}
	if !done {
		return nil
	}
	c.stats.ChannelMessages++
	ch.queue = append(ch.queue, append([]byte(nil), msg...))
	close(ch.notify)
	ch.notify = make(chan struct{})
	return nil
}

// notifyFrame wakes WaitFrame callers; the caller holds mu.
func (c *Client) notifyFrame() {
	close(c.fbChanged)
	c.fbChanged = make(chan struct{})
}
