package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// NegReqFlags are the flags of an RDP_NEG_REQ ([MS-RDPBCGR] 2.2.1.1.1).
type NegReqFlags uint8

const (
	RestrictedAdminModeRequired          NegReqFlags = 0x01 // RESTRICTED_ADMIN_MODE_REQUIRED
	RedirectedAuthenticationModeRequired NegReqFlags = 0x02 // REDIRECTED_AUTHENTICATION_MODE_REQUIRED
	CorrelationInfoPresent               NegReqFlags = 0x08 // CORRELATION_INFO_PRESENT
)

// Has reports whether every flag in g is set in f.
func (f NegReqFlags) Has(g NegReqFlags) bool { return f&g == g }

func (f NegReqFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(RestrictedAdminModeRequired), Name: "RESTRICTED_ADMIN_MODE_REQUIRED"},
		{Bits: uint64(RedirectedAuthenticationModeRequired), Name: "REDIRECTED_AUTHENTICATION_MODE_REQUIRED"},
		{Bits: uint64(CorrelationInfoPresent), Name: "CORRELATION_INFO_PRESENT"},
	})
}

// NegotiationRequest is the RDP Negotiation Request (RDP_NEG_REQ),
// [MS-RDPBCGR] 2.2.1.1.1. It ends the Client X.224 Connection Request PDU,
// or is followed by an RDP_NEG_CORRELATION_INFO when its flags say so.
type NegotiationRequest struct {
	Flags     NegReqFlags // flags
	Protocols Protocols   // requestedProtocols
}

var _ wire.PDU = (*NegotiationRequest)(nil)

const (
	typeNegReq  = 0x01                                              // TYPE_RDP_NEG_REQ
	negDataSize = 1 /* type */ + 1 /* flags */ + 2 /* length */ + 4 /* requestedProtocols, selectedProtocol or failureCode */
)

// Size returns the encoded length in bytes.
func (*NegotiationRequest) Size() int { return negDataSize }

// AppendBinary implements [encoding.BinaryAppender].
func (p *NegotiationRequest) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, typeNegReq, byte(p.Flags))
	b = wire.AppendU16LE(b, negDataSize)
	return wire.AppendU32LE(b, uint32(p.Protocols)), nil
}

// Decode reads one RDP_NEG_REQ from r.
func (p *NegotiationRequest) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("x224: %w", err)
	}
	return nil
}

func (p *NegotiationRequest) decode(r *wire.Reader) error {
	flags, protocols := readNegHeader(r, "RDP_NEG_REQ", typeNegReq), r.U32LE()
	if err := r.Err(); err != nil {
		return err
	}
	p.Flags, p.Protocols = NegReqFlags(flags), Protocols(protocols)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (p *NegotiationRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// readNegHeader reads the type, flags and length common to RDP_NEG_REQ,
// RDP_NEG_RSP and RDP_NEG_FAILURE, checks type and length, and returns the
// flags.
func readNegHeader(r *wire.Reader, name string, typ uint8) uint8 {
	gotType, flags, length := r.U8(), r.U8(), r.U16LE()
	switch {
	case r.Err() != nil:
		return 0
	case gotType != typ:
		r.Failf(name+".type", "%#02x, want %#02x", gotType, typ)
	// 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2: length "MUST be set to 0x0008 (8 bytes)".
	case length != negDataSize:
		r.Failf(name+".length", "%d, want %d", length, negDataSize)
	}
	return flags
}
