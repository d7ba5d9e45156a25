package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// NegRspFlags are the flags of an RDP_NEG_RSP ([MS-RDPBCGR] 2.2.1.2.1).
type NegRspFlags uint8

const (
	ExtendedClientDataSupported           NegRspFlags = 0x01 // EXTENDED_CLIENT_DATA_SUPPORTED
	DynvcGfxProtocolSupported             NegRspFlags = 0x02 // DYNVC_GFX_PROTOCOL_SUPPORTED
	NegRspFlagReserved                    NegRspFlags = 0x04 // NEGRSP_FLAG_RESERVED
	RestrictedAdminModeSupported          NegRspFlags = 0x08 // RESTRICTED_ADMIN_MODE_SUPPORTED
	RedirectedAuthenticationModeSupported NegRspFlags = 0x10 // REDIRECTED_AUTHENTICATION_MODE_SUPPORTED
)

// Has reports whether every flag in g is set in f.
func (f NegRspFlags) Has(g NegRspFlags) bool { return f&g == g }

func (f NegRspFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(ExtendedClientDataSupported), Name: "EXTENDED_CLIENT_DATA_SUPPORTED"},
		{Bits: uint64(DynvcGfxProtocolSupported), Name: "DYNVC_GFX_PROTOCOL_SUPPORTED"},
		{Bits: uint64(NegRspFlagReserved), Name: "NEGRSP_FLAG_RESERVED"},
		{Bits: uint64(RestrictedAdminModeSupported), Name: "RESTRICTED_ADMIN_MODE_SUPPORTED"},
		{Bits: uint64(RedirectedAuthenticationModeSupported), Name: "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED"},
	})
}

// NegotiationResponse is the RDP Negotiation Response (RDP_NEG_RSP),
// [MS-RDPBCGR] 2.2.1.2.1, carried by the Server X.224 Connection Confirm.
type NegotiationResponse struct {
	Flags    NegRspFlags // flags
	Protocol Protocols   // selectedProtocol: one protocol, or ProtocolRDP
}

var _ wire.PDU = (*NegotiationResponse)(nil)

const typeNegRsp = 0x02 // TYPE_RDP_NEG_RSP

// Size returns the encoded length in bytes.
func (*NegotiationResponse) Size() int { return negDataSize }

// AppendBinary implements [encoding.BinaryAppender].
func (p *NegotiationResponse) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, typeNegRsp, byte(p.Flags))
	b = wire.AppendU16LE(b, negDataSize)
	return wire.AppendU32LE(b, uint32(p.Protocol)), nil
}

// Decode reads one RDP_NEG_RSP from r.
func (p *NegotiationResponse) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("x224: %w", err)
	}
	return nil
}

func (p *NegotiationResponse) decode(r *wire.Reader) error {
	flags, protocol := readNegHeader(r, "RDP_NEG_RSP", typeNegRsp), r.U32LE()
	if err := r.Err(); err != nil {
		return err
	}
	p.Flags, p.Protocol = NegRspFlags(flags), Protocols(protocol)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (p *NegotiationResponse) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
