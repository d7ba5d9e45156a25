package ctlchan

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RemoteControlDesktopPacket is
// REMOTEDESKTOP_CTL_REMOTE_CONTROL_DESKTOP_PACKET, [MS-RA] 2.2.1.9: a
// version 1 expert, once authenticated, asks to view the novice's screen.
// "While this packet contains the Remote Assistance Connection String, it
// is ignored on receipt" (3.3.5); the novice asks its user and then starts
// shadowing (3.4.5).
type RemoteControlDesktopPacket struct {
	// ConnectionString is raConnectionString (Connection String 1 or 2,
	// [MS-RAI] 2.2.1, 2.2.2). It identifies the invitation: never log it.
	ConnectionString string
}

var _ Message = (*RemoteControlDesktopPacket)(nil)

// MsgType returns MsgRemoteControlDesktop.
func (*RemoteControlDesktopPacket) MsgType() MsgType { return MsgRemoteControlDesktop }

// Size returns the encoded length in bytes.
func (p *RemoteControlDesktopPacket) Size() int {
	return packetSize(textSize(p.ConnectionString) /* raConnectionString */)
}

// AppendBinary appends the packet, with the string NUL-terminated as
// FreeRDP 2.x writes it.
func (p *RemoteControlDesktopPacket) AppendBinary(b []byte) ([]byte, error) {
	if err := checkText("REMOTE_CONTROL_DESKTOP: raConnectionString", p.ConnectionString); err != nil {
		return b, err
	}
	b = appendPacketHeader(b, p.MsgType(), textSize(p.ConnectionString))
	return appendText(b, p.ConnectionString), nil
}

// Decode reads one packet from r. raConnectionString is "a variable-length
// string"; FreeRDP 2.x sends a NUL after it, 3.x does not; both decode.
func (p *RemoteControlDesktopPacket) Decode(r *wire.Reader) error { return decodePacket(p, r) }

func (p *RemoteControlDesktopPacket) decodeBody(r *wire.Reader) error {
	p.ConnectionString = decodeTermText(r, "raConnectionString", r.Rest())
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *RemoteControlDesktopPacket) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// String describes the packet without the connection string.
func (p RemoteControlDesktopPacket) String() string {
	return fmt.Sprintf("RemoteControlDesktopPacket{ConnectionString: [%d characters]}", len([]rune(p.ConnectionString)))
}

// GoString is String, so that %#v does not print the connection string.
func (p RemoteControlDesktopPacket) GoString() string { return p.String() }
