package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Share is the Share Capability Set (TS_SHARE_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.2.4. Sent by both sides.
type Share struct {
	// NodeID "SHOULD be set to zero by the client and to the server channel
	// ID by the server (0x03EA)".
	NodeID uint16 // nodeID
}

var _ Set = (*Share)(nil)

const shareBody = 2 /* nodeID */ + 2 /* pad2octets */

// Type returns TypeShare.
func (*Share) Type() SetType { return TypeShare }

// Size returns the encoded length, 8.
func (*Share) Size() int { return headerSize + shareBody }

// AppendBinary appends the set.
func (s *Share) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeShare, shareBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, s.NodeID)
	return wire.AppendU16LE(b, 0), nil // pad2octets
}

// Decode reads one TS_SHARE_CAPABILITYSET.
func (s *Share) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeShare, "TS_SHARE_CAPABILITYSET", func(d *wire.Reader) {
		s.NodeID = d.U16LE()
		d.Skip(2) // pad2octets
	}, shareBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Share) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
