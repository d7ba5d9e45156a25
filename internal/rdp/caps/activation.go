package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Activation is the Window Activation Capability Set
// (TS_WINDOWACTIVATION_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.3. Client to
// server only, and "the server ignores its contents": it has no fields. The
// encoder writes helpKeyFlag, helpKeyIndexFlag, helpExtendedKeyFlag and
// windowManagerKeyFlag as FALSE, as the spec recommends; the decoder ignores
// them.
type Activation struct{}

var _ Set = (*Activation)(nil)

const activationBody = 2 /* helpKeyFlag */ + 2 /* helpKeyIndexFlag */ + 2 /* helpExtendedKeyFlag */ + 2 /* windowManagerKeyFlag */

// Type returns TypeActivation.
func (*Activation) Type() SetType { return TypeActivation }

// Size returns the encoded length, 12.
func (*Activation) Size() int { return headerSize + activationBody }

// AppendBinary appends the set.
func (s *Activation) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeActivation, activationBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendZeros(b, activationBody), nil
}

// Decode reads one TS_WINDOWACTIVATION_CAPABILITYSET.
func (s *Activation) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeActivation, "TS_WINDOWACTIVATION_CAPABILITYSET", func(d *wire.Reader) {
		d.Skip(activationBody) // ignored by the server
	}, activationBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Activation) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
