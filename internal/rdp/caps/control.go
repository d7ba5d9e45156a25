package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Control is the Control Capability Set (TS_CONTROL_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.2.2. Client to server only, and "the server ignores its
// contents": it has no fields. The encoder writes the recommended values
// (controlFlags 0, remoteDetachFlag FALSE, controlInterest and
// detachInterest CONTROLPRIORITY_NEVER); the decoder ignores them.
type Control struct{}

var _ Set = (*Control)(nil)

const controlBody = 2 /* controlFlags */ + 2 /* remoteDetachFlag */ + 2 /* controlInterest */ + 2 /* detachInterest */

const controlPriorityNever = 0x0002 // CONTROLPRIORITY_NEVER

// Type returns TypeControl.
func (*Control) Type() SetType { return TypeControl }

// Size returns the encoded length, 12.
func (*Control) Size() int { return headerSize + controlBody }

// AppendBinary appends the set.
func (s *Control) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeControl, controlBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, 0)                    // controlFlags
	b = wire.AppendU16LE(b, 0)                    // remoteDetachFlag: FALSE
	b = wire.AppendU16LE(b, controlPriorityNever) // controlInterest
	b = wire.AppendU16LE(b, controlPriorityNever) // detachInterest
	return b, nil
}

// Decode reads one TS_CONTROL_CAPABILITYSET.
func (s *Control) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeControl, "TS_CONTROL_CAPABILITYSET", func(d *wire.Reader) {
		d.Skip(controlBody) // ignored by the server
	}, controlBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Control) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
