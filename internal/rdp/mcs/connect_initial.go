package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/ber"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ConnectInitial is the MCS Connect-Initial ([T125] section 7, part 2),
// the mcsCi field of the Client MCS Connect Initial PDU with GCC
// Conference Create Request, [MS-RDPBCGR] 2.2.1.3. Server processing:
// 3.3.5.3.3, which says the server "SHOULD ignore the calledDomainSelector,
// callingDomainSelector, and upwardFlag fields" and merges the three
// DomainParameters.
//
// UserData is the GCC Conference Create Request, left opaque; it and the
// domain selectors alias the input when decoded.
type ConnectInitial struct {
	CallingDomainSelector []byte           // callingDomainSelector
	CalledDomainSelector  []byte           // calledDomainSelector
	UpwardFlag            bool             // upwardFlag
	Target                DomainParameters // targetParameters
	Minimum               DomainParameters // minimumParameters
	Maximum               DomainParameters // maximumParameters
	UserData              []byte           // userData
}

var _ wire.PDU = (*ConnectInitial)(nil)

const tagConnectInitial = 101 // Connect-Initial ::= [APPLICATION 101] IMPLICIT SEQUENCE

func (p *ConnectInitial) contentSize() int {
	return ber.OctetStringSize(len(p.CallingDomainSelector)) +
		ber.OctetStringSize(len(p.CalledDomainSelector)) +
		ber.BooleanSize +
		p.Target.Size() + p.Minimum.Size() + p.Maximum.Size() +
		ber.OctetStringSize(len(p.UserData))
}

// Size returns the encoded length in bytes.
func (p *ConnectInitial) Size() int {
	n := p.contentSize()
	return ber.ApplicationTagSize(tagConnectInitial, n) + n
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *ConnectInitial) AppendBinary(b []byte) ([]byte, error) {
	b, err := p.appendBinary(b)
	if err != nil {
		return b, fmt.Errorf("mcs: Connect-Initial: %w", err)
	}
	return b, nil
}

func (p *ConnectInitial) appendBinary(b []byte) ([]byte, error) {
	b, err := ber.AppendApplicationTag(b, tagConnectInitial, p.contentSize())
	if err != nil {
		return b, err
	}
	if b, err = ber.AppendOctetString(b, p.CallingDomainSelector); err != nil {
		return b, err
	}
	if b, err = ber.AppendOctetString(b, p.CalledDomainSelector); err != nil {
		return b, err
	}
	b = ber.AppendBoolean(b, p.UpwardFlag)
	for _, d := range []*DomainParameters{&p.Target, &p.Minimum, &p.Maximum} {
		if b, err = d.AppendBinary(b); err != nil {
			return b, err
		}
	}
	return ber.AppendOctetString(b, p.UserData)
}

// Decode reads one Connect-Initial from r.
func (p *ConnectInitial) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("mcs: Connect-Initial: %w", err)
	}
	return nil
}

func (p *ConnectInitial) decode(r *wire.Reader) error {
	s := r.Sub(ber.ReadApplicationTag(r, tagConnectInitial))
	var q ConnectInitial
	q.CallingDomainSelector = ber.ReadOctetString(s)
	q.CalledDomainSelector = ber.ReadOctetString(s)
	q.UpwardFlag = ber.ReadBoolean(s)
	if err := s.Err(); err != nil {
		return err
	}
	for _, d := range []struct {
		name string
		p    *DomainParameters
	}{{"targetParameters", &q.Target}, {"minimumParameters", &q.Minimum}, {"maximumParameters", &q.Maximum}} {
		if err := d.p.decode(s); err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
	}
	q.UserData = ber.ReadOctetString(s)
	// The SEQUENCE ends with userData; its length must match the tag's.
	if err := s.Finish(); err != nil {
		return err
	}
	*p = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *ConnectInitial) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
