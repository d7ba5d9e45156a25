package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ServerAnnounce is REMOTEDESKTOP_CTL_SERVER_ANNOUNCE, [MS-RA] 2.2.1.7:
// "sent from the server to the client to begin the Remote Assistance
// session connection sequence". It has no fields. The novice sends it,
// with VERSIONINFO, once the RDP connection is active (3.6.5); FreeRDP
// sends nothing on remdesk until it has seen VERSIONINFO
// (ra-protocol.md §0.2).
type ServerAnnounce struct{}

var _ Message = (*ServerAnnounce)(nil)

// MsgType returns MsgServerAnnounce.
func (*ServerAnnounce) MsgType() MsgType { return MsgServerAnnounce }

// Size returns the encoded length in bytes.
func (*ServerAnnounce) Size() int { return packetSize(0) }

// AppendBinary appends the packet.
func (p *ServerAnnounce) AppendBinary(b []byte) ([]byte, error) {
	return appendPacketHeader(b, p.MsgType(), 0), nil
}

// Decode reads one packet from r. Nothing may follow msgType: "There is
// no additional data" is said of the other empty packets, and this one
// draws no field after bufHeader.
func (p *ServerAnnounce) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (*ServerAnnounce) decodeBody(*wire.Reader) error { return nil }

// UnmarshalBinary decodes b whole.
func (p *ServerAnnounce) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
