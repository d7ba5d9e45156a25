package ctlchan

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// TokenPacket is REMOTEDESKTOP_CTL_TOKEN_PACKET, [MS-RA] 2.2.1.15, "used
// to send a token to the remote machine for mutual identification"
// (version 3 only): "The authorization token that is used to verify the
// sender's knowledge of the password, of type BSTR" — the 20-byte session
// authorization token of 2.2.4 (see Token). No known implementation to
// test against (FreeRDP has no version 3); the BSTR is encoded bare and
// decoded bare or length-prefixed, like EXPERT_ON_VISTA's.
type TokenPacket struct {
	// Token is the token. It proves knowledge of the password: never log
	// it.
	Token []byte
}

var _ Message = (*TokenPacket)(nil)

// MsgType returns MsgToken.
func (*TokenPacket) MsgType() MsgType { return MsgToken }

// Size returns the encoded length in bytes.
func (p *TokenPacket) Size() int { return packetSize(bstrBytesSize(p.Token) /* token */) }

// AppendBinary appends the packet.
func (p *TokenPacket) AppendBinary(b []byte) ([]byte, error) {
	if err := checkBSTRBytes("TOKEN: token", p.Token); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), bstrBytesSize(p.Token))
	return appendBSTRBytes(b, p.Token), nil
}

// Decode reads one packet from r. Token aliases the input.
func (p *TokenPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *TokenPacket) decodeBody(r *wire.Reader) error {
	p.Token = decodeBSTRBytes(r, "token", r.Rest())
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *TokenPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String describes the packet without the token.
func (p TokenPacket) String() string {
	return fmt.Sprintf("TokenPacket{Token: [%d bytes redacted]}", len(p.Token))
}

// GoString is String, so that %#v does not print the token.
func (p TokenPacket) GoString() string { return p.String() }
