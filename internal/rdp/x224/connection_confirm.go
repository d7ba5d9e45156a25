package x224

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ConnectionConfirm is the Server X.224 Connection Confirm PDU, [MS-RDPBCGR]
// 2.2.1.2, including its TPKT header: an X.224 class 0 CC TPDU ([X224]
// 13.4) carrying an RDP_NEG_RSP, an RDP_NEG_FAILURE, or nothing. At most one
// of NegRsp and NegFailure is set. Built as in 3.3.5.3.2: "The rdpNegData
// field is left empty if the client did not append any negotiation data to
// the X.224 Connection Request PDU".
//
// With an RDP_NEG_RSP it is 19 bytes:
//
//	03 00 00 13 0E D0 00 00 12 34 00 02 01 08 00 00 00 00 00
type ConnectionConfirm struct {
	NegRsp     *NegotiationResponse // RDP_NEG_RSP, or nil
	NegFailure *NegotiationFailure  // RDP_NEG_FAILURE, or nil
}

var _ wire.PDU = (*ConnectionConfirm)(nil)

const (
	tpduCC = 0xD0 // CC TPDU code 1101, CDT 0000
	// srcRefServer is the SRC-REF a server writes: 3.3.5.3.2, "the Source
	// reference is set to 0x1234".
	srcRefServer = 0x1234
	ccHeaderSize = tpktHeaderSize + 1 /* LI */ + 1 /* CC CDT */ + 2 /* DST-REF */ + 2 /* SRC-REF */ + 1 /* class and options */
)

// Size returns the encoded length in bytes.
func (p *ConnectionConfirm) Size() int {
	if p.NegRsp != nil || p.NegFailure != nil {
		return ccHeaderSize + negDataSize
	}
	return ccHeaderSize
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ConnectionConfirm) AppendBinary(b []byte) ([]byte, error) {
	if p.NegRsp != nil && p.NegFailure != nil {
		return b, errors.New("x224: connection confirm: both RDP_NEG_RSP and RDP_NEG_FAILURE set")
	}
	if p.NegFailure != nil && !p.NegFailure.Code.valid() {
		return b, fmt.Errorf("x224: connection confirm: RDP_NEG_FAILURE: undefined failureCode %v", p.NegFailure.Code)
	}
	n := p.Size()
	b, err := appendTPKT(b, n)
	if err != nil {
		return b, err
	}
	b = append(b, byte(n-tpktHeaderSize-1), tpduCC)
	b = wire.AppendU16BE(b, 0) // DST-REF: the client's SRC-REF, 0 (3.2.5.3.1)
	b = wire.AppendU16BE(b, srcRefServer)
	b = append(b, 0) // class 0, no options
	switch {
	case p.NegRsp != nil:
		return p.NegRsp.AppendBinary(b)
	case p.NegFailure != nil:
		return p.NegFailure.AppendBinary(b)
	}
	return b, nil
}

// Decode reads one Connection Confirm, TPKT header first, from r.
func (p *ConnectionConfirm) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("x224: connection confirm: %w", err)
	}
	return nil
}

func (p *ConnectionConfirm) decode(r *wire.Reader) error {
	t := readTPKT(r)
	li, code, dstRef := t.U8(), t.U8(), t.U16BE()
	t.Skip(2) // SRC-REF: any value; Windows and FreeRDP send 0x1234
	class := t.U8()
	switch {
	case t.Err() != nil:
	// 3.2.5.3.2: the length fields "MUST be examined for consistency with
	// the received data".
	case int(li) != t.Len()+6:
		t.Failf("LI", "%d, but %d bytes follow it", li, t.Len()+6)
	case code != tpduCC:
		t.Failf("CC CDT", "%#02x, want 0xD0", code)
	// X.224 13.4.3: DST-REF echoes the CR's SRC-REF, which RDP clients set
	// to zero (3.2.5.3.1).
	case dstRef != 0:
		t.Failf("DST-REF", "%#04x, want 0", dstRef)
	case class>>4 != 0:
		t.Failf("class", "%d, want 0", class>>4)
	}
	if err := t.Err(); err != nil {
		return err
	}
	var q ConnectionConfirm
	if next := t.Peek(1); next != nil {
		switch next[0] {
		case typeNegRsp:
			q.NegRsp = new(NegotiationResponse)
			if err := q.NegRsp.decode(t); err != nil {
				return err
			}
		case typeNegFailure:
			q.NegFailure = new(NegotiationFailure)
			if err := q.NegFailure.decode(t); err != nil {
				return err
			}
		default:
			t.Failf("rdpNegData.type", "%#02x, want TYPE_RDP_NEG_RSP (0x02) or TYPE_RDP_NEG_FAILURE (0x03)", next[0])
		}
	}
	if err := t.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. b must be one
// whole TPKT.
func (p *ConnectionConfirm) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
