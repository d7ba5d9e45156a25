package caps

import (
	"bytes"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Unknown is a capability set of a type this package does not model
// (TS_CAPS_SET, [MS-RDPBCGR] 2.2.1.13.1.1.1), kept as sent. DecodeSets
// produces it only for unmodelled types.
type Unknown struct {
	SetType SetType // capabilitySetType
	Data    []byte  // capabilityData (a copy)
}

var _ Set = (*Unknown)(nil)

// Type returns SetType.
func (s *Unknown) Type() SetType { return s.SetType }

// Size returns the encoded length.
func (s *Unknown) Size() int { return headerSize + len(s.Data) }

// AppendBinary appends the set. It fails if Data is longer than 65531 bytes.
func (s *Unknown) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, s.SetType, len(s.Data))
	if err != nil {
		return nil, err
	}
	return append(b, s.Data...), nil
}

// Decode reads one set of any type, header included.
func (s *Unknown) Decode(r *wire.Reader) error {
	t := r.Peek(2)
	if t == nil {
		return fmt.Errorf("caps: TS_CAPS_SET: %w", r.Fail("capabilitySetType", wire.ErrShort))
	}
	typ := SetType(uint16(t[0]) | uint16(t[1])<<8)
	return decodeSet(r, typ, "TS_CAPS_SET", func(d *wire.Reader) {
		s.SetType = typ
		s.Data = bytes.Clone(d.Rest())
	})
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Unknown) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
