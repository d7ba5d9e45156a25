package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DisconnectReason is the reason octet of an X.224 Disconnect Request
// ([X224] 13.5.3 e).
type DisconnectReason uint8

const (
	ReasonNotSpecified            DisconnectReason = 0   // reason not specified
	ReasonCongestion              DisconnectReason = 1   // congestion at TSAP
	ReasonSessionNotAttached      DisconnectReason = 2   // session entity not attached to TSAP
	ReasonAddressUnknown          DisconnectReason = 3   // address unknown
	ReasonNormal                  DisconnectReason = 128 // normal disconnect initiated by session entity
	ReasonRemoteCongestion        DisconnectReason = 129 // remote transport entity congestion at connect request time
	ReasonNegotiationFailed       DisconnectReason = 130 // connection negotiation failed
	ReasonDuplicateSourceRef      DisconnectReason = 131 // duplicate source reference detected for the same pair of NSAPs
	ReasonMismatchedReferences    DisconnectReason = 132 // mismatched references
	ReasonProtocolError           DisconnectReason = 133 // protocol error
	ReasonReferenceOverflow       DisconnectReason = 135 // reference overflow
	ReasonRefused                 DisconnectReason = 136 // connection request refused on this network connection
	ReasonHeaderOrParameterLength DisconnectReason = 138 // header or parameter length invalid
)

func (r DisconnectReason) String() string {
	switch r {
	case ReasonNotSpecified:
		return "not specified"
	case ReasonCongestion:
		return "congestion at TSAP"
	case ReasonSessionNotAttached:
		return "session entity not attached to TSAP"
	case ReasonAddressUnknown:
		return "address unknown"
	case ReasonNormal:
		return "normal disconnect"
	case ReasonRemoteCongestion:
		return "remote congestion at connect time"
	case ReasonNegotiationFailed:
		return "connection negotiation failed"
	case ReasonDuplicateSourceRef:
		return "duplicate source reference"
	case ReasonMismatchedReferences:
		return "mismatched references"
	case ReasonProtocolError:
		return "protocol error"
	case ReasonReferenceOverflow:
		return "reference overflow"
	case ReasonRefused:
		return "connection request refused"
	case ReasonHeaderOrParameterLength:
		return "header or parameter length invalid"
	}
	return fmt.Sprintf("DisconnectReason(%d)", uint8(r))
}

// DisconnectRequest is an X.224 class 0 Disconnect Request TPDU ([X224]
// 13.5), including its TPKT header. RDP peers may send it instead of, or
// after, an MCS Disconnect Provider Ultimatum when they close the
// connection. Class 0 DR TPDUs carry no parameters and no user data, so it
// is always 11 bytes:
//
//	03 00 00 0B 06 80 00 00 00 00 00
type DisconnectRequest struct {
	Reason DisconnectReason // reason
}

var _ wire.PDU = (*DisconnectRequest)(nil)

const (
	tpduDR = 0x80                                                                             // DR TPDU code 1000 0000
	drSize = tpktHeaderSize + 1 /* LI */ + 1 /* DR */ + 2 /* DST-REF */ + 2 /* SRC-REF */ + 1 /* reason */
)

// Size returns the encoded length in bytes.
func (*DisconnectRequest) Size() int { return drSize }

// AppendBinary implements [encoding.BinaryAppender]. Both references are
// written as zero, as RDP does not use them.
func (p *DisconnectRequest) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendTPKT(b, drSize)
	if err != nil {
		return b, err
	}
	b = append(b, drSize-tpktHeaderSize-1, tpduDR)
	b = wire.AppendU16BE(b, 0) // DST-REF
	b = wire.AppendU16BE(b, 0) // SRC-REF
	return append(b, byte(p.Reason)), nil
}

// Decode reads one Disconnect Request, TPKT header first, from r.
func (p *DisconnectRequest) Decode(r *wire.Reader) error {
	t := readTPKT(r)
	li, code := t.U8(), t.U8()
	t.Skip(4) // DST-REF, SRC-REF: RDP does not use connection references
	reason := t.U8()
	switch {
	case t.Err() != nil:
	// X.224 13.5: a class 0 DR has no variable part and no user data, so
	// LI is 6 and nothing follows.
	case li != drSize-tpktHeaderSize-1:
		t.Failf("LI", "%d, want 6", li)
	case code != tpduDR:
		t.Failf("DR", "%#02x, want 0x80", code)
	}
	if err := t.Finish(); err != nil {
		return fmt.Errorf("x224: disconnect request: %w", err)
	}
	p.Reason = DisconnectReason(reason)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. b must be one
// whole TPKT.
func (p *DisconnectRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
