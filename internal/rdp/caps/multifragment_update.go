package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// MultifragmentUpdate is the Multifragment Update Capability Set
// (TS_MULTIFRAGMENTUPDATE_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.6. Sent by
// both sides.
type MultifragmentUpdate struct {
	// MaxRequestSize is the size of the sender's buffer for reassembling a
	// fragmented fast-path update: from the client it caps every update the
	// server sends.
	MaxRequestSize uint32 // MaxRequestSize
}

var _ Set = (*MultifragmentUpdate)(nil)

const multifragmentBody = 4 /* MaxRequestSize */

// Type returns TypeMultifragmentUpdate.
func (*MultifragmentUpdate) Type() SetType { return TypeMultifragmentUpdate }

// Size returns the encoded length, 8.
func (*MultifragmentUpdate) Size() int { return headerSize + multifragmentBody }

// AppendBinary appends the set.
func (s *MultifragmentUpdate) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeMultifragmentUpdate, multifragmentBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendU32LE(b, s.MaxRequestSize), nil
}

// Decode reads one TS_MULTIFRAGMENTUPDATE_CAPABILITYSET.
func (s *MultifragmentUpdate) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeMultifragmentUpdate, "TS_MULTIFRAGMENTUPDATE_CAPABILITYSET", func(d *wire.Reader) {
		s.MaxRequestSize = d.U32LE()
	}, multifragmentBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *MultifragmentUpdate) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
