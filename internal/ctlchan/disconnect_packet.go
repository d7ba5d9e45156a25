package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// DisconnectPacket is REMOTEDESKTOP_CTL_DISCONNECT_PACKET, [MS-RA]
// 2.2.1.5: "indicates that the sender has disconnected". It has no fields
// ("There is no other additional data"). Either side sends it when it ends
// a Remote Assistance session (3.3.5, 3.4.5); "it is possible that a
// disconnected client or server will not send this packet". FreeRDP
// neither sends it nor reacts to it.
type DisconnectPacket struct{}

var _ Message = (*DisconnectPacket)(nil)

// MsgType returns MsgDisconnect.
func (*DisconnectPacket) MsgType() MsgType { return MsgDisconnect }

// Size returns the encoded length in bytes.
func (*DisconnectPacket) Size() int { return packetSize(0) }

// AppendBinary appends the packet.
func (p *DisconnectPacket) AppendBinary(b []byte) ([]byte, error) {
	return appendPacketHeader(b, p.MsgType(), 0), nil
}

// Decode reads one packet from r; nothing may follow msgType.
func (p *DisconnectPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (*DisconnectPacket) decodeBody(*wire.Reader) error { return nil }

// UnmarshalBinary decodes b whole.
func (p *DisconnectPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
