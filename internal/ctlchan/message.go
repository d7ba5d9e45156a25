package ctlchan

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Message is one session-initialization message, [MS-RA] 2.2.1.4–2.2.1.15:
// *RemoteControlDesktopPacket, *ResultPacket, *AuthenticatePacket,
// *ServerAnnounce, *DisconnectPacket, *VersionInfoPacket,
// *IsConnectedPacket, *VerifyPasswordPacket, *ExpertOnVista, *NoviceName,
// *ExpertName or *TokenPacket. The set is closed.
//
// Each type's wire form (Size, AppendBinary, Decode, UnmarshalBinary) is
// the whole packet as the spec draws it: packetHeader (a Frame on
// "RC_CTL"), bufHeader (msgType), then the message's fields. Decoding
// accepts the name "remdesk" as well as "RC_CTL" (Frame.IsRCControl);
// encoding always writes "RC_CTL".
type Message interface {
	wire.PDU
	// MsgType returns the message's REMOTEDESKTOP_CTL_BUFHEADER msgType.
	MsgType() MsgType
	// decodeBody reads the fields after msgType; the caller checks that
	// nothing is left.
	decodeBody(r *wire.Reader) error
}

// DecodeRCControl decodes one whole remdesk PDU on the session-initialization
// sub-channel into its Message. It fails with ErrNotRCControl for a frame
// on another sub-channel and with an error wrapping ErrUnknownMsgType for a
// msgType outside 1..12 ([MS-RA] 2.2.1.3).
func DecodeRCControl(pdu []byte) (Message, error) {
	var f Frame
	if err := f.UnmarshalBinary(pdu); err != nil {
		return nil, err
	}
	return f.RCControl()
}

// decodeControl decodes the Data of an RC_CTL frame. It is the package's
// single dispatch on msgType.
func decodeControl(data []byte) (Message, error) {
	r := wire.NewReader(data)
	t := MsgType(r.U32LE()) // REMOTEDESKTOP_CTL_BUFHEADER msgType
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("ctlchan: REMOTEDESKTOP_CTL_BUFHEADER: %w", err)
	}
	var m Message
	switch t {
	case MsgRemoteControlDesktop:
		m = new(RemoteControlDesktopPacket)
	case MsgResult:
		m = new(ResultPacket)
	case MsgAuthenticate:
		m = new(AuthenticatePacket)
	case MsgServerAnnounce:
		m = new(ServerAnnounce)
	case MsgDisconnect:
		m = new(DisconnectPacket)
	case MsgVersionInfo:
		m = new(VersionInfoPacket)
	case MsgIsConnected:
		m = new(IsConnectedPacket)
	case MsgVerifyPassword:
		m = new(VerifyPasswordPacket)
	case MsgExpertOnVista:
		m = new(ExpertOnVista)
	case MsgNoviceName:
		m = new(NoviceName)
	case MsgExpertName:
		m = new(ExpertName)
	case MsgToken:
		m = new(TokenPacket)
	default:
		// FreeRDP ends the session on an unknown msgType; [MS-RA] 3 says a
		// message "from a version it does not implement … MUST be dropped".
		// The caller decides (errors.Is ErrUnknownMsgType).
		return nil, fmt.Errorf("ctlchan: REMOTEDESKTOP_CTL_BUFHEADER: %w",
			r.Fail("msgType", fmt.Errorf("%w %d", ErrUnknownMsgType, uint32(t))))
	}
	if err := decodeBodyWhole(m, r); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeBodyWhole decodes m's fields from r and requires r to be used up.
func decodeBodyWhole(m Message, r *wire.Reader) error {
	if err := m.decodeBody(r); err != nil {
		return fmt.Errorf("ctlchan: %v: %w", m.MsgType(), err)
	}
	if err := r.Finish(); err != nil {
		return fmt.Errorf("ctlchan: %v: %w", m.MsgType(), err)
	}
	return nil
}

// rcctlNameBytes is ChannelNameLen of "RC_CTL": six UTF-16 code units and
// the NUL.
const rcctlNameBytes = 14

// packetSize returns the size of an RC_CTL packet whose fields after
// msgType take body bytes.
func packetSize(body int) int {
	return 4 /* ChannelNameLen */ + 4 /* DataLen */ + rcctlNameBytes /* "RC_CTL\0" */ + 4 /* msgType */ + body
}

// appendPacketHeader appends packetHeader and bufHeader of a message of
// type t whose fields after msgType take body bytes. [MS-RA] 2.2.1.4–
// 2.2.1.15: "The virtual channel name MUST be set to "RC_CTL"."
func appendPacketHeader(b []byte, t MsgType, body int) []byte {
	b = wire.AppendU32LE(b, rcctlNameBytes) // ChannelNameLen
	b = wire.AppendU32LE(b, uint32(4+body)) // DataLen: msgType and the fields
	b = wire.AppendUTF16LE(b, ChannelRCCtl) // ChannelName
	b = append(b, 0, 0)                     // its NUL
	return wire.AppendU32LE(b, uint32(t))   // msgType
}

// decodePacket reads one whole packet of m's type from r into m.
func decodePacket(m Message, r *wire.Reader) error {
	var f Frame
	if err := f.Decode(r); err != nil {
		return fmt.Errorf("ctlchan: %v: %w", m.MsgType(), err)
	}
	if !f.IsRCControl() {
		return fmt.Errorf("ctlchan: %v: %w", m.MsgType(), r.Fail("ChannelName", fmt.Errorf("%w: channel %q", ErrNotRCControl, f.Channel)))
	}
	body := wire.NewReader(f.Data)
	if t := MsgType(body.U32LE()); body.Err() == nil && t != m.MsgType() {
		body.Failf("msgType", "%v, want %v", t, m.MsgType())
	}
	if err := body.Err(); err != nil {
		return fmt.Errorf("ctlchan: %v: %w", m.MsgType(), err)
	}
	return decodeBodyWhole(m, body)
}
