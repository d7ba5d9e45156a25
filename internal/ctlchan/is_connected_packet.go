package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// IsConnectedPacket is REMOTEDESKTOP_CTL_ISCONNECTED_PACKET, [MS-RA]
// 2.2.1.6: "indicates that the sender is present and is used in version 1
// only". It has no fields ("There is no additional data beyond this").
// Either side MAY send it every 30 seconds (3.4.2, 3.4.6); "No action is
// taken by either the expert or the novice on either receipt or
// nonreceipt of this packet."
type IsConnectedPacket struct{}

var _ Message = (*IsConnectedPacket)(nil)

// MsgType returns MsgIsConnected.
func (*IsConnectedPacket) MsgType() MsgType { return MsgIsConnected }

// Size returns the encoded length in bytes.
func (*IsConnectedPacket) Size() int { return packetSize(0) }

// AppendBinary appends the packet.
func (p *IsConnectedPacket) AppendBinary(b []byte) ([]byte, error) {
	return appendPacketHeader(b, p.MsgType(), 0), nil
}

// Decode reads one packet from r; nothing may follow msgType.
func (p *IsConnectedPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (*IsConnectedPacket) decodeBody(*wire.Reader) error { return nil }

// UnmarshalBinary decodes b whole.
func (p *IsConnectedPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
