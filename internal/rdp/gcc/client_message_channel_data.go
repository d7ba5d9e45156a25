package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientMessageChannelData is the Client Message Channel Data block
// (TS_UD_CS_MCS_MSGCHANNEL), [MS-RDPBCGR] 2.2.1.3.7: the client offers to
// use an MCS message channel (auto-detect, heartbeat, multitransport
// bootstrapping). The channel exists only if the server answers with
// ServerMessageChannelData.
type ClientMessageChannelData struct {
	Flags uint32 // flags: unused, MUST be zero (kept as received)
}

var _ wire.PDU = (*ClientMessageChannelData)(nil)

const clientMessageChannelSize = headerSize + 4 /* flags */

// Size returns the encoded length in bytes.
func (*ClientMessageChannelData) Size() int { return clientMessageChannelSize }

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientMessageChannelData) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, CSMCSMsgChannel, clientMessageChannelSize)
	if err != nil {
		return b, err
	}
	return wire.AppendU32LE(b, c.Flags), nil
}

// Decode reads one TS_UD_CS_MCS_MSGCHANNEL block, header included, from r.
func (c *ClientMessageChannelData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSMCSMsgChannel)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MCS_MSGCHANNEL: %w", err)
	}
	flags := body.U32LE()
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MCS_MSGCHANNEL: %w", err)
	}
	*c = ClientMessageChannelData{Flags: flags}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientMessageChannelData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }
