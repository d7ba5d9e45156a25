package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// FailureCode is the failureCode of an RDP_NEG_FAILURE ([MS-RDPBCGR]
// 2.2.1.2.2).
type FailureCode uint32

const (
	SSLRequiredByServer             FailureCode = 0x00000001 // SSL_REQUIRED_BY_SERVER
	SSLNotAllowedByServer           FailureCode = 0x00000002 // SSL_NOT_ALLOWED_BY_SERVER
	SSLCertNotOnServer              FailureCode = 0x00000003 // SSL_CERT_NOT_ON_SERVER
	InconsistentFlags               FailureCode = 0x00000004 // INCONSISTENT_FLAGS
	HybridRequiredByServer          FailureCode = 0x00000005 // HYBRID_REQUIRED_BY_SERVER
	SSLWithUserAuthRequiredByServer FailureCode = 0x00000006 // SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER
)

func (c FailureCode) String() string {
	switch c {
	case SSLRequiredByServer:
		return "SSL_REQUIRED_BY_SERVER"
	case SSLNotAllowedByServer:
		return "SSL_NOT_ALLOWED_BY_SERVER"
	case SSLCertNotOnServer:
		return "SSL_CERT_NOT_ON_SERVER"
	case InconsistentFlags:
		return "INCONSISTENT_FLAGS"
	case HybridRequiredByServer:
		return "HYBRID_REQUIRED_BY_SERVER"
	case SSLWithUserAuthRequiredByServer:
		return "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER"
	}
	return fmt.Sprintf("FailureCode(%#x)", uint32(c))
}

func (c FailureCode) valid() bool {
	return c >= SSLRequiredByServer && c <= SSLWithUserAuthRequiredByServer
}

// NegotiationFailure is the RDP Negotiation Failure (RDP_NEG_FAILURE),
// [MS-RDPBCGR] 2.2.1.2.2: the server's refusal of every protocol the client
// offered, carried by the Server X.224 Connection Confirm.
type NegotiationFailure struct {
	Code FailureCode // failureCode
}

var _ wire.PDU = (*NegotiationFailure)(nil)

const typeNegFailure = 0x03 // TYPE_RDP_NEG_FAILURE

// Size returns the encoded length in bytes.
func (*NegotiationFailure) Size() int { return negDataSize }

// AppendBinary implements [encoding.BinaryAppender].
func (p *NegotiationFailure) AppendBinary(b []byte) ([]byte, error) {
	if !p.Code.valid() {
		return b, fmt.Errorf("x224: RDP_NEG_FAILURE: undefined failureCode %v", p.Code)
	}
	b = append(b, typeNegFailure, 0 /* flags */)
	b = wire.AppendU16LE(b, negDataSize)
	return wire.AppendU32LE(b, uint32(p.Code)), nil
}

// Decode reads one RDP_NEG_FAILURE from r.
func (p *NegotiationFailure) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("x224: %w", err)
	}
	return nil
}

func (p *NegotiationFailure) decode(r *wire.Reader) error {
	flags, code := readNegHeader(r, "RDP_NEG_FAILURE", typeNegFailure), FailureCode(r.U32LE())
	switch {
	case r.Err() != nil:
	// 2.2.1.2.2: "There are currently no defined flags, so the field MUST
	// be set to 0x00."
	case flags != 0:
		r.Failf("RDP_NEG_FAILURE.flags", "%#02x, want 0", flags)
	case !code.valid():
		r.Failf("RDP_NEG_FAILURE.failureCode", "undefined code %#x", uint32(code))
	}
	if err := r.Err(); err != nil {
		return err
	}
	p.Code = code
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (p *NegotiationFailure) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
