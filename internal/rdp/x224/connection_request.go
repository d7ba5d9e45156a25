package x224

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ConnectionRequest is the Client X.224 Connection Request PDU, [MS-RDPBCGR]
// 2.2.1.1, including its TPKT header: an X.224 class 0 CR TPDU ([X224]
// 13.3) whose variable part holds an optional routing token, an optional
// cookie, an optional RDP_NEG_REQ and, when the RDP_NEG_REQ flags say so,
// an RDP_NEG_CORRELATION_INFO. Server processing: 3.3.5.3.1.
//
// Clients seen: xfreerdp 2.11 sends "Cookie: mstshash=<user>" and an
// RDP_NEG_REQ for SSL|HYBRID by default, SSL alone in /assistance mode,
// and a bare cookie with no RDP_NEG_REQ under /sec:rdp. mstsc adds the
// correlation info.
//
// The two text lines are told apart from the RDP_NEG_REQ by their first
// byte: a line cannot start with 0x01 (TYPE_RDP_NEG_REQ). A line starting
// with "Cookie: mstshash=" is the cookie; any other line is the routing
// token, which 2.2.1.1 puts first.
type ConnectionRequest struct {
	// Cookie is the value after "Cookie: mstshash=" (the user name, possibly
	// truncated by the client), without the CRLF; "" if there is none.
	Cookie string
	// RoutingToken is the routing token line ([MSFT-SDLBTS], e.g.
	// "Cookie: msts=3640205228.15629.0000") without its CRLF; nil if there
	// is none. It is a copy, not an alias of the input.
	RoutingToken []byte
	// NegReq is the RDP_NEG_REQ; nil when the client sent none (a client
	// that predates negotiation, or xfreerdp /sec:rdp).
	NegReq *NegotiationRequest
	// Correlation is the RDP_NEG_CORRELATION_INFO, present exactly when
	// NegReq has CorrelationInfoPresent set.
	Correlation *CorrelationInfo
}

var _ wire.PDU = (*ConnectionRequest)(nil)

const (
	tpduCR = 0xE0 // CR TPDU code 1110, CDT 0000 (class 0 does not use credit)
	// crHeaderSize is the fixed part of the PDU. 3.3.5.3.1 drops a PDU
	// "less than 11 bytes", which is this.
	crHeaderSize = tpktHeaderSize + 1 /* LI */ + 1 /* CR CDT */ + 2 /* DST-REF */ + 2 /* SRC-REF */ + 1 /* class and options */
	// maxLI is the largest length indicator; 255 is reserved (X.224 13.2.1).
	maxLI = 254
)

const (
	cookiePrefix = "Cookie: mstshash="
	crlf         = "\r\n"
)

func (p *ConnectionRequest) tpduSize() int {
	n := crHeaderSize - tpktHeaderSize
	if p.RoutingToken != nil {
		n += len(p.RoutingToken) + 2 /* CRLF */
	}
	if p.Cookie != "" {
		n += len(cookiePrefix) + len(p.Cookie) + 2 /* CRLF */
	}
	if p.NegReq != nil {
		n += negDataSize
	}
	if p.Correlation != nil {
		n += correlationInfoSize
	}
	return n
}

// Size returns the encoded length in bytes.
func (p *ConnectionRequest) Size() int { return tpktHeaderSize + p.tpduSize() }

// AppendBinary implements [encoding.BinaryAppender]. It writes DST-REF,
// SRC-REF and class 0 as zero (3.2.5.3.1).
func (p *ConnectionRequest) AppendBinary(b []byte) ([]byte, error) {
	if err := p.check(); err != nil {
		return b, fmt.Errorf("x224: connection request: %w", err)
	}
	li := p.tpduSize() - 1
	if li > maxLI {
		return b, fmt.Errorf("x224: connection request: length indicator %d above %d", li, maxLI)
	}
	b, err := appendTPKT(b, p.Size())
	if err != nil {
		return b, err
	}
	b = append(b, byte(li), tpduCR)
	b = wire.AppendU16BE(b, 0) // DST-REF
	b = wire.AppendU16BE(b, 0) // SRC-REF
	b = append(b, 0)           // class 0, no options
	if p.RoutingToken != nil {
		b = append(append(b, p.RoutingToken...), crlf...)
	}
	if p.Cookie != "" {
		b = append(append(append(b, cookiePrefix...), p.Cookie...), crlf...)
	}
	if p.NegReq != nil {
		b, _ = p.NegReq.AppendBinary(b)
	}
	if p.Correlation != nil {
		b, _ = p.Correlation.AppendBinary(b)
	}
	return b, nil
}

// check rejects values that would not decode back to themselves.
func (p *ConnectionRequest) check() error {
	if t := p.RoutingToken; t != nil {
		switch {
		case len(t) == 0:
			return errors.New("empty routing token")
		case t[0] == typeNegReq:
			return errors.New("routing token starts with 0x01, which reads as an RDP_NEG_REQ")
		case bytes.HasPrefix(t, []byte(cookiePrefix)):
			return errors.New("routing token starts like a cookie")
		case bytes.Contains(t, []byte(crlf)):
			return errors.New("routing token contains CRLF")
		}
	}
	if strings.Contains(p.Cookie, crlf) {
		return errors.New("cookie contains CRLF")
	}
	flagged := p.NegReq != nil && p.NegReq.Flags.Has(CorrelationInfoPresent)
	if flagged != (p.Correlation != nil) {
		return errors.New("Correlation must be set exactly when NegReq has CORRELATION_INFO_PRESENT")
	}
	return nil
}

// Decode reads one Connection Request, TPKT header first, from r.
func (p *ConnectionRequest) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("x224: connection request: %w", err)
	}
	return nil
}

func (p *ConnectionRequest) decode(r *wire.Reader) error {
	t := readTPKT(r)
	li, code, dstRef := t.U8(), t.U8(), t.U16BE()
	t.Skip(2) // SRC-REF: 3.3.5.3.1, it "SHOULD be ignored"
	class := t.U8()
	switch {
	case t.Err() != nil:
	// 3.3.5.3.1: the embedded length fields "MUST be examined for
	// consistency with the received data": LI counts every byte after
	// itself.
	case int(li) != t.Len()+6:
		t.Failf("LI", "%d, but %d bytes follow it", li, t.Len()+6)
	case li > maxLI:
		t.Failf("LI", "reserved value %d", li)
	case code != tpduCR:
		t.Failf("CR CDT", "%#02x, want 0xE0", code)
	// X.224 13.3.3: DST-REF "shall be set to zero" in a CR.
	case dstRef != 0:
		t.Failf("DST-REF", "%#04x, want 0", dstRef)
	// 3.3.5.3.1: drop a request that "is not Class 0". The option bits are
	// among the fields that "SHOULD be ignored".
	case class>>4 != 0:
		t.Failf("class", "%d, want 0", class>>4)
	}
	if err := t.Err(); err != nil {
		return err
	}

	var q ConnectionRequest
	// routingToken (optional), then cookie (optional). 3.3.5.3.1: a
	// request with both is accepted ("the server SHOULD continue").
	if line, ok := readLine(t); ok {
		if bytes.HasPrefix(line, []byte(cookiePrefix)) {
			q.Cookie = string(line[len(cookiePrefix):])
		} else {
			if len(line) == 0 {
				t.Failf("routingToken", "empty line")
				return t.Err()
			}
			q.RoutingToken = bytes.Clone(line)
			if next := t.Peek(len(cookiePrefix)); string(next) == cookiePrefix {
				if line, ok := readLine(t); ok {
					q.Cookie = string(line[len(cookiePrefix):])
				}
			}
		}
	}
	if err := t.Err(); err != nil {
		return err
	}
	if t.Len() > 0 {
		q.NegReq = new(NegotiationRequest)
		if err := q.NegReq.decode(t); err != nil {
			return err
		}
		// 2.2.1.1: rdpCorrelationInfo is present only with
		// CORRELATION_INFO_PRESENT (2.2.1.1.1).
		if q.NegReq.Flags.Has(CorrelationInfoPresent) {
			q.Correlation = new(CorrelationInfo)
			if err := q.Correlation.decode(t); err != nil {
				return err
			}
		}
	}
	if err := t.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// readLine reads a CRLF-terminated line from t if the next byte can start
// one (anything but TYPE_RDP_NEG_REQ), and returns it without the CRLF.
// The CRLF must be within t, which is bounded by the TPDU.
func readLine(t *wire.Reader) ([]byte, bool) {
	if next := t.Peek(1); next == nil || next[0] == typeNegReq {
		return nil, false
	}
	rest := t.Peek(t.Len())
	i := bytes.Index(rest, []byte(crlf))
	if i < 0 {
		t.Failf("routingToken/cookie", "no CRLF terminator within the TPDU")
		return nil, false
	}
	line := t.Bytes(i)
	t.Skip(len(crlf))
	return line, true
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. b must be one
// whole TPKT: its length field must equal len(b).
func (p *ConnectionRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
