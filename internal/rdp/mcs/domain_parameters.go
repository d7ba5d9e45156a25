package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/ber"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DomainParameters is the T.125 DomainParameters SEQUENCE ([T125] section
// 7, part 2) of the Connect-Initial (target, minimum, maximum) and the
// Connect-Response (the merged result, [MS-RDPBCGR] 3.3.5.3.3).
type DomainParameters struct {
	MaxChannelIDs   uint32 // maxChannelIds
	MaxUserIDs      uint32 // maxUserIds
	MaxTokenIDs     uint32 // maxTokenIds
	NumPriorities   uint32 // numPriorities
	MinThroughput   uint32 // minThroughput
	MaxHeight       uint32 // maxHeight
	MaxMCSPDUSize   uint32 // maxMCSPDUsize
	ProtocolVersion uint32 // protocolVersion
}

var _ wire.PDU = (*DomainParameters)(nil)

func (p *DomainParameters) fields() [8]uint32 {
	return [8]uint32{
		p.MaxChannelIDs, p.MaxUserIDs, p.MaxTokenIDs, p.NumPriorities,
		p.MinThroughput, p.MaxHeight, p.MaxMCSPDUSize, p.ProtocolVersion,
	}
}

func (p *DomainParameters) contentSize() int {
	n := 0
	for _, v := range p.fields() {
		n += ber.IntegerSize(v)
	}
	return n
}

// Size returns the encoded length in bytes.
func (p *DomainParameters) Size() int {
	n := p.contentSize()
	return ber.TagSize(n) + n
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *DomainParameters) AppendBinary(b []byte) ([]byte, error) {
	b, err := ber.AppendSequence(b, p.contentSize())
	if err != nil {
		return b, fmt.Errorf("mcs: DomainParameters: %w", err)
	}
	for _, v := range p.fields() {
		b = ber.AppendInteger(b, v)
	}
	return b, nil
}

// Decode reads one DomainParameters from r.
func (p *DomainParameters) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("mcs: DomainParameters: %w", err)
	}
	return nil
}

func (p *DomainParameters) decode(r *wire.Reader) error {
	s := r.Sub(ber.ReadSequence(r))
	var v [8]uint32
	for i := range v {
		v[i] = ber.ReadInteger(s)
	}
	// The SEQUENCE holds the eight INTEGERs and nothing else.
	if err := s.Finish(); err != nil {
		return err
	}
	*p = DomainParameters{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *DomainParameters) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
