package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ErectDomainRequest is the MCS Erect Domain Request (ErectDomainRequest,
// [T125] 11.8), sent by the client in the Client MCS Erect Domain Request
// PDU, [MS-RDPBCGR] 2.2.1.5. The client "SHOULD initialize both the
// subHeight and subinterval fields ... to zero" (3.2.5.3.5); servers ignore
// them.
type ErectDomainRequest struct {
	SubHeight   uint32 // subHeight
	SubInterval uint32 // subInterval
}

// Choice returns ChoiceErectDomainRequest.
func (*ErectDomainRequest) Choice() Choice { return ChoiceErectDomainRequest }

// Size returns the encoded length in bytes.
func (p *ErectDomainRequest) Size() int {
	return 1 /* choice */ + perIntegerSize(p.SubHeight) + perIntegerSize(p.SubInterval)
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ErectDomainRequest) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, byte(ChoiceErectDomainRequest)<<2)
	b = per.AppendInteger(b, p.SubHeight)
	return per.AppendInteger(b, p.SubInterval), nil
}

// Decode reads one Erect Domain Request from r.
func (p *ErectDomainRequest) Decode(r *wire.Reader) error {
	readChoicePadded(r, ChoiceErectDomainRequest)
	subHeight := per.ReadInteger(r)
	subInterval := per.ReadInteger(r)
	if err := r.Err(); err != nil {
		return fmt.Errorf("mcs: ErectDomainRequest: %w", err)
	}
	p.SubHeight, p.SubInterval = subHeight, subInterval
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *ErectDomainRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
