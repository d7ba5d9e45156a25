package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Pointer is the Pointer Capability Set (TS_POINTER_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.5. Sent by both sides.
//
// colorPointerFlag is written as TRUE and not decoded: "the value of this
// field is ignored and is always assumed to be TRUE".
type Pointer struct {
	// ColorPointerCacheSize is the number of slots in the 24 bpp color
	// pointer cache (Color Pointer Update).
	ColorPointerCacheSize uint16 // colorPointerCacheSize
	// PointerCacheSize is the number of slots in the cache of the New
	// Pointer Update (any xorBpp). nil: the field is absent
	// (lengthCapability 8). 2.2.7.1.5: "If the value contained in this field
	// is zero or the Pointer Capability Set sent from the client does not
	// include this field, the server will not use the New Pointer Update."
	// xfreerdp 2.11.7 omits it unless its LargePointerFlag setting is set
	// (rdp_write_pointer_capability_set).
	PointerCacheSize *uint16 // pointerCacheSize
}

var _ Set = (*Pointer)(nil)

const (
	pointerBodyShort = 2 /* colorPointerFlag */ + 2 /* colorPointerCacheSize */
	pointerBody      = pointerBodyShort + 2         /* pointerCacheSize */
)

// Type returns TypePointer.
func (*Pointer) Type() SetType { return TypePointer }

// Size returns the encoded length: 10, or 8 without PointerCacheSize.
func (s *Pointer) Size() int {
	if s.PointerCacheSize == nil {
		return headerSize + pointerBodyShort
	}
	return headerSize + pointerBody
}

// AppendBinary appends the set.
func (s *Pointer) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypePointer, s.Size()-headerSize)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, 1) // colorPointerFlag: TRUE
	b = wire.AppendU16LE(b, s.ColorPointerCacheSize)
	if s.PointerCacheSize != nil {
		b = wire.AppendU16LE(b, *s.PointerCacheSize)
	}
	return b, nil
}

// Decode reads one TS_POINTER_CAPABILITYSET.
func (s *Pointer) Decode(r *wire.Reader) error {
	return decodeSet(r, TypePointer, "TS_POINTER_CAPABILITYSET", func(d *wire.Reader) {
		d.Skip(2) // colorPointerFlag: ignored, assumed TRUE
		s.ColorPointerCacheSize = d.U16LE()
		s.PointerCacheSize = nil
		if d.Len() > 0 {
			v := d.U16LE()
			s.PointerCacheSize = &v
		}
	}, pointerBodyShort, pointerBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Pointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
