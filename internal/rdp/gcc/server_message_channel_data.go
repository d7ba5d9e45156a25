package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerMessageChannelData is the Server Message Channel Data block
// (TS_UD_SC_MCS_MSGCHANNEL), [MS-RDPBCGR] 2.2.1.4.5: the MCS channel that
// carries auto-detect, heartbeat and multitransport bootstrapping PDUs. The
// server sends it only in answer to TS_UD_CS_MCS_MSGCHANNEL; the client
// joins the channel only if it is sent (rdp-server.md §1.2).
type ServerMessageChannelData struct {
	// MCSChannelID is MCSChannelID. 2.2.1.4.5: "If this value is zero, then
	// the channel MUST NOT be joined".
	MCSChannelID uint16
}

var _ wire.PDU = (*ServerMessageChannelData)(nil)

const serverMessageChannelSize = headerSize + 2 /* MCSChannelID */

// Size returns the encoded length in bytes.
func (*ServerMessageChannelData) Size() int { return serverMessageChannelSize }

// AppendBinary implements [encoding.BinaryAppender].
func (m *ServerMessageChannelData) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, SCMCSMsgChannel, serverMessageChannelSize)
	if err != nil {
		return b, err
	}
	return wire.AppendU16LE(b, m.MCSChannelID), nil
}

// Decode reads one TS_UD_SC_MCS_MSGCHANNEL block, header included, from r.
func (m *ServerMessageChannelData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, SCMCSMsgChannel)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_MCS_MSGCHANNEL: %w", err)
	}
	id := body.U16LE()
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_MCS_MSGCHANNEL: %w", err)
	}
	*m = ServerMessageChannelData{MCSChannelID: id}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (m *ServerMessageChannelData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(m, b) }
