package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ResultPacket is REMOTEDESKTOP_CTL_RESULT_PACKET, [MS-RA] 2.2.1.10: "the
// result of a client request", one of the codes of 2.2.6. The novice
// sends it after AUTHENTICATE, REMOTE_CONTROL_DESKTOP and VERIFY_PASSWORD
// (3.4.5, 3.6.5). FreeRDP 2.11 reads and ignores it; 3.x disconnects on
// SAFERROR_HELPEESAIDNO only (ra-protocol.md §0.12), which is why a
// refusal is always followed by the novice closing the connection.
type ResultPacket struct {
	Result Result // result
}

var _ Message = (*ResultPacket)(nil)

// MsgType returns MsgResult.
func (*ResultPacket) MsgType() MsgType { return MsgResult }

// Size returns the encoded length in bytes.
func (*ResultPacket) Size() int { return packetSize(4 /* result */) }

// AppendBinary appends the packet.
func (p *ResultPacket) AppendBinary(b []byte) ([]byte, error) {
	b = appendPacketHeader(b, p.MsgType(), 4 /* result */)
	return wire.AppendU32LE(b, uint32(p.Result)), nil
}

// Decode reads one packet from r. Codes not in 2.2.6 decode too.
func (p *ResultPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *ResultPacket) decodeBody(r *wire.Reader) error {
	p.Result = Result(r.U32LE()) // result
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *ResultPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
