package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientMultitransportChannelData is the Client Multitransport Channel Data
// block (TS_UD_CS_MULTITRANSPORT), [MS-RDPBCGR] 2.2.1.3.8: the UDP
// transports the client supports.
type ClientMultitransportChannelData struct {
	Flags MultitransportFlags // flags
}

var _ wire.PDU = (*ClientMultitransportChannelData)(nil)

const clientMultitransportSize = headerSize + 4 /* flags */

// Size returns the encoded length in bytes.
func (*ClientMultitransportChannelData) Size() int { return clientMultitransportSize }

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientMultitransportChannelData) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, CSMultitransport, clientMultitransportSize)
	if err != nil {
		return b, err
	}
	return wire.AppendU32LE(b, uint32(c.Flags)), nil
}

// Decode reads one TS_UD_CS_MULTITRANSPORT block, header included, from r.
func (c *ClientMultitransportChannelData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSMultitransport)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MULTITRANSPORT: %w", err)
	}
	flags := MultitransportFlags(body.U32LE())
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_MULTITRANSPORT: %w", err)
	}
	*c = ClientMultitransportChannelData{Flags: flags}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientMultitransportChannelData) UnmarshalBinary(b []byte) error {
	return wire.Unmarshal(c, b)
}
