package expert

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// checkRunning fails once the reader has stopped: the connection is gone.
func (c *Client) checkRunning() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return fmt.Errorf("expert: %w", c.err)
	}
	if c.closing {
		return ErrClosed
	}
	return nil
}

// SendInput sends events: as fast-path input PDUs (at most 15 events each)
// when the server's Input set has INPUT_FLAG_FASTPATH_INPUT(2) and
// Config.FastPathInput allows it, else as one slow-path Input Event PDU
// (2.2.8.1.1.3). Under Standard RDP Security they are encrypted.
func (c *Client) SendInput(events ...input.Event) error {
	if len(events) == 0 {
		return nil
	}
	if err := c.checkRunning(); err != nil {
		return err
	}
	c.mu.Lock()
	fast := c.res.FastPathInput
	c.mu.Unlock()
	if fast {
		return c.sendFastPathInput(events)
	}
	return c.sendData(pdu.PDUType2Input, &pdu.InputEvents{Events: events})
}

// SendRefreshRect sends a Refresh Rect PDU (2.2.11.2) for rects (at most
// 255).
func (c *Client) SendRefreshRect(rects ...pdu.Rectangle16) error {
	if err := c.checkRunning(); err != nil {
		return err
	}
	return c.sendData(pdu.PDUType2RefreshRect, &pdu.RefreshRect{Areas: rects})
}

// SendSuppressOutput sends a Suppress Output PDU (2.2.11.3): allow false
// suppresses display updates; allow true resumes them for rect, which the
// PDU then requires (nil means the whole desktop).
func (c *Client) SendSuppressOutput(allow bool, rect *pdu.Rectangle16) error {
	if err := c.checkRunning(); err != nil {
		return err
	}
	p := pdu.SuppressOutput{AllowDisplayUpdates: allow}
	if allow {
		if rect == nil {
			c.mu.Lock()
			w, h := c.res.DesktopWidth, c.res.DesktopHeight
			c.mu.Unlock()
			rect = &pdu.Rectangle16{Right: uint16(w - 1), Bottom: uint16(h - 1)}
		}
		p.Rect = rect
	}
	return c.sendData(pdu.PDUType2SuppressOutput, &p)
}

// SendShutdownRequest sends a Shutdown Request PDU (2.2.2.1).
func (c *Client) SendShutdownRequest() error {
	if err := c.checkRunning(); err != nil {
		return err
	}
	return c.sendData(pdu.PDUType2ShutdownRequest, &pdu.ShutdownRequest{})
}

// SendDataPDU sends any Data PDU body on the I/O channel (say a Frame
// Acknowledge), with the session's share ID and the security layer.
func (c *Client) SendDataPDU(t2 pdu.PDUType2, body wire.PDU) error {
	if err := c.checkRunning(); err != nil {
		return err
	}
	return c.sendData(t2, body)
}

// SendChannel sends msg on the static channel name, chunked at 1600 bytes
// (svc.AppendChunks) with CHANNEL_FLAG_SHOW_PROTOCOL when the channel was
// requested with CHANNEL_OPTION_SHOW_PROTOCOL, each chunk in its own Send
// Data Request behind the security layer.
func (c *Client) SendChannel(name string, msg []byte) error {
	ch, ok := c.byName[name]
	if !ok {
		return fmt.Errorf("expert: no static channel %q", name)
	}
	if err := c.checkRunning(); err != nil {
		return err
	}
	var extra svc.ChannelFlags
	if ch.Options.Has(gcc.ChannelOptionShowProtocol) {
		extra = svc.FlagShowProtocol
	}
	for _, chunk := range svc.AppendChunks(nil, msg, svc.ChunkSize, extra) {
		if err := c.sendSlowPath(ch.ID, 0, chunk); err != nil {
			return err
		}
	}
	return nil
}

// SendRaw writes b to the connection as it is, bypassing the MCS and
// security layers (and the RC4 stream), for tests of how the server treats
// malformed input.
func (c *Client) SendRaw(b []byte) error {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	return c.write(b, len(b) > 0 && b[0] != 0x03)
}
