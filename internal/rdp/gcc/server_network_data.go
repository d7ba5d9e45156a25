package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerNetworkData is the Server Network Data block (TS_UD_SC_NET),
// [MS-RDPBCGR] 2.2.1.4.4: the I/O channel ID and one MCS channel ID per
// channel the client requested in TS_UD_CS_NET, in the same order.
type ServerNetworkData struct {
	MCSChannelID uint16   // MCSChannelId: the I/O channel (1003 in practice)
	ChannelIDs   []uint16 // channelIdArray (channelCount entries)
}

var _ wire.PDU = (*ServerNetworkData)(nil)

// IOChannelID is the MCS I/O channel ID Windows servers, FreeRDP and xrdp
// use (MCS_GLOBAL_CHANNEL_ID, [MS-RDPBCGR] 4.1.4).
const IOChannelID uint16 = 1003

// serverNetworkPadding returns the size of the Pad field for count channels.
// 2.2.1.4.4: "If the channelCount field contains an odd value, then ... the
// Padding field MUST be present ... If the channelCount field contains an
// even value, then the Padding field is not required and MUST NOT be
// present."
func serverNetworkPadding(count int) int { return 2 * (count % 2) }

// Size returns the encoded length in bytes.
func (n *ServerNetworkData) Size() int {
	return headerSize + 2 /* MCSChannelId */ + 2 /* channelCount */ + 2*len(n.ChannelIDs) +
		serverNetworkPadding(len(n.ChannelIDs)) /* Pad */
}

// AppendBinary implements [encoding.BinaryAppender].
func (n *ServerNetworkData) AppendBinary(b []byte) ([]byte, error) {
	if len(n.ChannelIDs) > 0xFFFF {
		return b, fmt.Errorf("gcc: TS_UD_SC_NET: %d channels do not fit channelCount", len(n.ChannelIDs))
	}
	b, err := appendHeader(b, SCNet, n.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU16LE(b, n.MCSChannelID)
	b = wire.AppendU16LE(b, uint16(len(n.ChannelIDs)))
	for _, id := range n.ChannelIDs {
		b = wire.AppendU16LE(b, id)
	}
	return wire.AppendZeros(b, serverNetworkPadding(len(n.ChannelIDs))), nil
}

// Decode reads one TS_UD_SC_NET block, header included, from r.
func (n *ServerNetworkData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, SCNet)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_NET: %w", err)
	}
	io, count := body.U16LE(), int(body.U16LE())
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_NET: %w", err)
	}
	if need := 2*count + serverNetworkPadding(count); body.Len() != need {
		body.Failf("channelIdArray", "%d bytes for %d channels, want %d", body.Len(), count, need)
		return fmt.Errorf("gcc: TS_UD_SC_NET: %w", body.Err())
	}
	var ids []uint16
	if count > 0 {
		ids = make([]uint16, count)
	}
	for i := range ids {
		ids[i] = body.U16LE()
	}
	body.Skip(serverNetworkPadding(count)) // Pad: "Values in this field MUST be ignored"
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_NET: %w", err)
	}
	*n = ServerNetworkData{MCSChannelID: io, ChannelIDs: ids}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (n *ServerNetworkData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(n, b) }
