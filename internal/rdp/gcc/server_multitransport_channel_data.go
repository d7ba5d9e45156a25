package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerMultitransportChannelData is the Server Multitransport Channel Data
// block (TS_UD_SC_MULTITRANSPORT), [MS-RDPBCGR] 2.2.1.4.6: the UDP
// transports the server supports. ranoviced does not send it (no UDP).
type ServerMultitransportChannelData struct {
	Flags MultitransportFlags // flags
}

var _ wire.PDU = (*ServerMultitransportChannelData)(nil)

const serverMultitransportSize = headerSize + 4 /* flags */

// Size returns the encoded length in bytes.
func (*ServerMultitransportChannelData) Size() int { return serverMultitransportSize }

// AppendBinary implements [encoding.BinaryAppender].
func (m *ServerMultitransportChannelData) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, SCMultitransport, serverMultitransportSize)
	if err != nil {
		return b, err
	}
	return wire.AppendU32LE(b, uint32(m.Flags)), nil
}

// Decode reads one TS_UD_SC_MULTITRANSPORT block, header included, from r.
func (m *ServerMultitransportChannelData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, SCMultitransport)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_MULTITRANSPORT: %w", err)
	}
	flags := MultitransportFlags(body.U32LE())
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_MULTITRANSPORT: %w", err)
	}
	*m = ServerMultitransportChannelData{Flags: flags}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (m *ServerMultitransportChannelData) UnmarshalBinary(b []byte) error {
	return wire.Unmarshal(m, b)
}
