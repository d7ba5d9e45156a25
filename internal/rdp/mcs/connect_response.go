package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/ber"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ConnectResponse is the MCS Connect-Response ([T125] section 7, part 2),
// the mcsCrsp field of the Server MCS Connect Response PDU with GCC
// Conference Create Response, [MS-RDPBCGR] 2.2.1.4. The client "ignores the
// calledConnectId and domainParameters fields" (3.2.5.3.4) and drops the
// connection unless Result is ResultSuccessful.
//
// UserData is the GCC Conference Create Response, built by package gcc; it
// aliases the input when decoded.
type ConnectResponse struct {
	Result           Result           // result
	CalledConnectID  uint32           // calledConnectId
	DomainParameters DomainParameters // domainParameters
	UserData         []byte           // userData
}

var _ wire.PDU = (*ConnectResponse)(nil)

const tagConnectResponse = 102 // Connect-Response ::= [APPLICATION 102] IMPLICIT SEQUENCE

func (p *ConnectResponse) contentSize() int {
	return ber.EnumeratedSize(uint8(p.Result)) +
		ber.IntegerSize(p.CalledConnectID) +
		p.DomainParameters.Size() +
		ber.OctetStringSize(len(p.UserData))
}

// Size returns the encoded length in bytes.
func (p *ConnectResponse) Size() int {
	n := p.contentSize()
	return ber.ApplicationTagSize(tagConnectResponse, n) + n
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ConnectResponse) AppendBinary(b []byte) ([]byte, error) {
	b, err := p.appendBinary(b)
	if err != nil {
		return b, fmt.Errorf("mcs: Connect-Response: %w", err)
	}
	return b, nil
}

func (p *ConnectResponse) appendBinary(b []byte) ([]byte, error) {
	if p.Result >= resultCount {
		return b, fmt.Errorf("result %d out of range", uint8(p.Result))
	}
	b, err := ber.AppendApplicationTag(b, tagConnectResponse, p.contentSize())
	if err != nil {
		return b, err
	}
	b = ber.AppendEnumerated(b, uint8(p.Result))
	b = ber.AppendInteger(b, p.CalledConnectID)
	if b, err = p.DomainParameters.AppendBinary(b); err != nil {
		return b, err
	}
	return ber.AppendOctetString(b, p.UserData)
}

// Decode reads one Connect-Response from r.
func (p *ConnectResponse) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("mcs: Connect-Response: %w", err)
	}
	return nil
}

func (p *ConnectResponse) decode(r *wire.Reader) error {
	s := r.Sub(ber.ReadApplicationTag(r, tagConnectResponse))
	var q ConnectResponse
	q.Result = Result(ber.ReadEnumerated(s, resultCount))
	q.CalledConnectID = ber.ReadInteger(s)
	if err := s.Err(); err != nil {
		return err
	}
	if err := q.DomainParameters.decode(s); err != nil {
		return fmt.Errorf("domainParameters: %w", err)
	}
	q.UserData = ber.ReadOctetString(s)
	if err := s.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *ConnectResponse) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
