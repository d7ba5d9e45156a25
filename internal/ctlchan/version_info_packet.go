package ctlchan

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// The only version pair [MS-RA] 2.2.1.8 allows: "The versionMajor and
// versionMinor fields are used in version 1 only and MUST be set to 1 and
// 2, respectively."
const (
	VersionMajor = 1 // REMOTEDESKTOP MAJOR VERSION
	VersionMinor = 2 // REMOTEDESKTOP MINOR VERSION
)

// VersionInfoPacket is REMOTEDESKTOP_CTL_VERSIONINFO_PACKET, [MS-RA]
// 2.2.1.8. The novice sends (1, 2) with SERVER_ANNOUNCE (3.4.5, 3.6.5).
// An expert that answers with VERSIONINFO chooses protocol version 1
// (3.6.5); a version 2 expert drops ours and sends EXPERT_ON_VISTA
// (3.5.5). FreeRDP reads only versionMinor: 1 runs its version 1
// sequence, 2 its version 2 sequence, anything else nothing
// (ra-protocol.md §0.1). "In version 3, this message is not sent and is
// ignored when it is received."
type VersionInfoPacket struct {
	Major uint32 // versionMajor
	Minor uint32 // versionMinor
}

var _ Message = (*VersionInfoPacket)(nil)

// MsgType returns MsgVersionInfo.
func (*VersionInfoPacket) MsgType() MsgType { return MsgVersionInfo }

// Size returns the encoded length in bytes.
func (*VersionInfoPacket) Size() int {
	return packetSize(4 /* versionMajor */ + 4 /* versionMinor */)
}

// AppendBinary appends the packet.
func (p *VersionInfoPacket) AppendBinary(b []byte) ([]byte, error) {
	b = appendPacketHeader(b, p.MsgType(), 4 /* versionMajor */ +4 /* versionMinor */)
	b = wire.AppendU32LE(b, p.Major)
	return wire.AppendU32LE(b, p.Minor), nil
}

// Decode reads one packet from r. Any version numbers decode; whether
// they are 1.2 is the receiver's decision (3.4.5).
func (p *VersionInfoPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *VersionInfoPacket) decodeBody(r *wire.Reader) error {
	p.Major = r.U32LE() // versionMajor
	p.Minor = r.U32LE() // versionMinor
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *VersionInfoPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// Is12 reports whether the packet carries the only valid version, 1.2.
func (p *VersionInfoPacket) Is12() bool { return p.Major == VersionMajor && p.Minor == VersionMinor }
