package expert

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/frame"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// This file is the client's mirror of package link: it wraps what the
// client sends (MCS Send Data Request, security header, RC4 and MAC, or a
// fast-path input PDU) and unwraps what the server sends (Send Data
// Indication or fast-path output).

// frameReader reads whole PDUs (TPKT or fast-path) with exact framing.
type frameReader struct {
	r *bufio.Reader
}

func newFrameReader(r io.Reader) *frameReader { return &frameReader{r: bufio.NewReaderSize(r, 1<<16)} }

// next returns the next PDU. The slice is new for every call.
func (fr *frameReader) next() ([]byte, error) {
	return readFrame(fr.r)
}

// peeker is what readFrame needs: bufio.Reader, or an exact reader.
type peeker interface {
	Peek(n int) ([]byte, error)
	io.Reader
}

func readFrame(r peeker) ([]byte, error) {
	for need := 2; ; need++ {
		hdr, err := r.Peek(need)
		if err != nil {
			return nil, err
		}
		n, err := frame.Len(hdr)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrProtocol, err)
		}
		if n == 0 {
			if need >= 4 {
				return nil, protocolErr("frame header undecidable after %d bytes", need)
			}
			continue
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		return b, nil
	}
}

// exactReader reads a connection without reading ahead, for the X.224
// Connection Confirm that may precede the TLS handshake.
type exactReader struct {
	r   io.Reader
	buf []byte
}

func (e *exactReader) Peek(n int) ([]byte, error) {
	for len(e.buf) < n {
		var one [1]byte
		if _, err := io.ReadFull(e.r, one[:]); err != nil {
			return nil, err
		}
		e.buf = append(e.buf, one[0])
	}
	return e.buf[:n], nil
}

func (e *exactReader) Read(p []byte) (int, error) {
	if len(e.buf) > 0 {
		n := copy(p, e.buf)
		e.buf = e.buf[n:]
		return n, nil
	}
	return e.r.Read(p)
}

// transportErr classifies a read or write error.
func transportErr(err error) error {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed), errors.Is(err, io.ErrClosedPipe):
		return fmt.Errorf("%w: %w", ErrConnectionLost, err)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("%w: %w", ErrConnectionLost, err)
	}
	return err
}

// write sends one PDU; the caller holds sendMu.
func (c *Client) write(b []byte, fastPath bool) error {
	if _, err := c.conn.Write(b); err != nil {
		return fmt.Errorf("expert: write: %w", transportErr(err))
	}
	c.mu.Lock()
	c.stats.FramesSent++
	if fastPath {
		c.stats.FastPathSent++
	}
	if c.seal != nil {
		c.stats.Sealed = c.seal.Packets()
		c.stats.SealKeyUpdates = c.seal.KeyUpdates()
	}
	c.mu.Unlock()
	return nil
}

func appendMCS(out []byte, p mcs.DomainPDU) ([]byte, error) {
	out, err := x224.AppendDataHeader(out, p.Size())
	if err != nil {
		return out, err
	}
	return p.AppendBinary(out)
}

// sendMCS sends one MCS domain PDU that is not Send Data.
func (c *Client) sendMCS(p mcs.DomainPDU) error {
	b, err := appendMCS(nil, p)
	if err != nil {
		return fmt.Errorf("expert: %v: %w", p.Choice(), err)
	}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	return c.write(b, false)
}

// sendSlowPath sends payload on channelID in an MCS Send Data Request behind
// the security layer. flags are the security header flags the PDU needs in
// any case (SEC_EXCHANGE_PKT, SEC_INFO_PKT); under Standard RDP Security
// with keys every PDU is encrypted, so it gets SEC_ENCRYPT (and
// SEC_SECURE_CHECKSUM with the salted MAC) and a MAC. payload is not
// modified.
func (c *Client) sendSlowPath(channelID uint16, flags sec.Flags, payload []byte) error {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	c.mu.Lock()
	user, salted := c.res.UserChannel, c.salted
	c.mu.Unlock()
	var body []byte
	switch {
	case c.seal != nil:
		flags |= sec.Encrypt
		if salted {
			flags |= sec.SecureChecksum
		}
		h := sec.NonFIPSHeader{Flags: flags}
		hs := h.Size()
		body = make([]byte, hs, hs+len(payload))
		body = append(body, payload...)
		h.Signature = c.seal.Seal(body[hs:], salted)
		if _, err := h.AppendBinary(body[:0]); err != nil {
			return err
		}
	case flags != 0:
		h := sec.BasicHeader{Flags: flags}
		var err error
		if body, err = h.AppendBinary(make([]byte, 0, h.Size()+len(payload))); err != nil {
			return err
		}
		body = append(body, payload...)
	default:
		body = payload
	}
	sdr := mcs.SendDataRequest{
		Initiator:    user,
		ChannelID:    channelID,
		Priority:     mcs.PriorityHigh,
		Segmentation: mcs.SegmentationBeginEnd,
		UserData:     body,
	}
	b, err := appendMCS(nil, &sdr)
	if err != nil {
		return fmt.Errorf("expert: send data request: %w", err)
	}
	return c.write(b, false)
}

// sendFastPathInput sends events as fast-path input PDUs of at most 15
// events each (as xfreerdp does), encrypted under Standard RDP Security.
func (c *Client) sendFastPathInput(events []input.Event) error {
	for len(events) > 0 {
		n := min(len(events), fastpath.MaxHeaderEvents)
		if err := c.sendFastPathBatch(events[:n]); err != nil {
			return err
		}
		events = events[n:]
	}
	return nil
}

func (c *Client) sendFastPathBatch(events []input.Event) error {
	data, err := fastpath.AppendInputEvents(nil, events)
	if err != nil {
		return fmt.Errorf("expert: fast-path input: %w", err)
	}
	num := fastpath.NumEventsInHeader(len(events))
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	c.mu.Lock()
	salted := c.salted
	c.mu.Unlock()
	var b []byte
	if c.seal != nil {
		flags := fastpath.InputEncrypted
		if salted {
			flags |= fastpath.InputSecureChecksum
		}
		sig := c.seal.Seal(data, salted)
		b, err = fastpath.AppendInputPDU(nil, flags, &sig, num, data)
	} else {
		b, err = fastpath.AppendInputPDU(nil, 0, nil, num, data)
	}
	if err != nil {
		return fmt.Errorf("expert: fast-path input: %w", err)
	}
	return c.write(b, true)
}

// inbound is one server PDU after the MCS and security layers.
type inbound struct {
	fastPath *fastpath.OutputPDU // a fast-path output PDU (decrypted)

	// A Send Data Indication: its channel, security flags (0 when no
	// header was present) and decrypted data.
	sdi     bool
	channel uint16
	flags   sec.Flags
	data    []byte

	// Any other MCS PDU (Disconnect Provider Ultimatum…).
	domain mcs.DomainPDU
}

// readPDU reads and unwraps one PDU. securityHeader says whether a Send
// Data Indication carries a basic security header even without encryption
// (licensing PDUs). A server Disconnect Request or Disconnect Provider
// Ultimatum becomes an error wrapping ErrDisconnected.
func (c *Client) readPDU(securityHeader bool) (*inbound, error) {
	b, err := c.rd.next()
	if err != nil {
		return nil, transportErr(err)
	}
	return c.unwrap(b, securityHeader)
}

func (c *Client) unwrap(b []byte, securityHeader bool) (*inbound, error) {
	c.mu.Lock()
	c.stats.FramesReceived++
	c.stats.BytesReceived += uint64(len(b))
	if b[0] == 0x03 {
		c.stats.SlowPathReceived++
	} else {
		c.stats.FastPathReceived++
	}
	encrypted, level := c.encrypted, c.res.EncryptionLevel
	c.mu.Unlock()

	if b[0] != 0x03 {
		out, err := fastpath.DecodeOutput(b)
		if err != nil {
			return nil, fmt.Errorf("%w: fast-path output: %w", ErrProtocol, err)
		}
		if out.Flags.Has(fastpath.OutputEncrypted) {
			if c.open == nil {
				return nil, protocolErr("encrypted fast-path output without Standard RDP Security keys")
			}
			if err := c.openData(out.Data, out.Signature, out.Flags.Has(fastpath.OutputSecureChecksum)); err != nil {
				return nil, fmt.Errorf("expert: fast-path output: %w", err)
			}
		} else if c.open != nil && level >= gcc.EncryptionLevelClientCompatible {
			// 5.3.2: at CLIENT_COMPATIBLE and above server-to-client data
			// is encrypted.
			return nil, protocolErr("unencrypted fast-path output under Standard RDP Security (level %v)", level)
		}
		return &inbound{fastPath: &out}, nil
	}

	payload, err := x224.ParseData(b)
	if err != nil {
		var dr x224.DisconnectRequest
		if dr.UnmarshalBinary(b) == nil {
			return nil, fmt.Errorf("%w: X.224 Disconnect Request (%v)", ErrDisconnected, dr.Reason)
		}
		return nil, fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	p, err := mcs.DecodeDomainPDU(payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProtocol, err)
	}
	sdi, ok := p.(*mcs.SendDataIndication)
	if !ok {
		if d, ok := p.(*mcs.DisconnectProviderUltimatum); ok {
			c.mu.Lock()
			r := d.Reason
			c.dpum = &r
			c.mu.Unlock()
			return nil, fmt.Errorf("%w: Disconnect Provider Ultimatum (%v)", ErrDisconnected, d.Reason)
		}
		return &inbound{domain: p}, nil
	}
	in := &inbound{sdi: true, channel: sdi.ChannelID, data: sdi.UserData}
	if !securityHeader && !encrypted {
		return in, nil
	}
	r := wire.NewReader(sdi.UserData)
	var h sec.BasicHeader
	if err := h.Decode(r); err != nil {
		return nil, fmt.Errorf("%w: security header: %w", ErrProtocol, err)
	}
	in.flags = h.Flags
	if !h.Flags.Has(sec.Encrypt) {
		// 5.3.2: above ENCRYPTION_LEVEL_LOW server-to-client data is
		// encrypted; licensing PDUs may travel in the clear.
		if c.open != nil && level >= gcc.EncryptionLevelClientCompatible && !h.Flags.Has(sec.LicensePkt) {
			return nil, protocolErr("unencrypted PDU on channel %d under Standard RDP Security (flags %v)", sdi.ChannelID, h.Flags)
		}
		in.data = r.Rest()
		return in, nil
	}
	if c.open == nil {
		return nil, protocolErr("SEC_ENCRYPT on channel %d without Standard RDP Security keys (flags %v)", sdi.ChannelID, h.Flags)
	}
	var sig [8]byte
	copy(sig[:], r.Bytes(8))
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("%w: dataSignature: %w", ErrProtocol, err)
	}
	in.data = r.Rest()
	if err := c.openData(in.data, sig, h.Flags.Has(sec.SecureChecksum)); err != nil {
		return nil, fmt.Errorf("expert: channel %d: %w", sdi.ChannelID, err)
	}
	return in, nil
}

// openData decrypts and verifies one packet with the receive cipher.
func (c *Client) openData(data []byte, sig [8]byte, salted bool) error {
	err := c.open.Open(data, sig, salted)
	c.mu.Lock()
	c.stats.Opened = c.open.Packets()
	c.stats.OpenKeyUpdates = c.open.KeyUpdates()
	c.mu.Unlock()
	if err != nil {
		return fmt.Errorf("packet %d (salted %v): %w", c.open.Packets(), salted, err)
	}
	return nil
}
