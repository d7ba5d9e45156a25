package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// LargePointerFlags is largePointerSupportFlags of the Large Pointer set.
type LargePointerFlags uint16

// Large pointer flags.
const (
	LargePointerFlag96x96   LargePointerFlags = 0x0001 // LARGE_POINTER_FLAG_96x96
	LargePointerFlag384x384 LargePointerFlags = 0x0002 // LARGE_POINTER_FLAG_384x384
)

// Has reports whether every flag in f is set.
func (l LargePointerFlags) Has(f LargePointerFlags) bool { return l&f == f }

func (l LargePointerFlags) String() string {
	return wire.FormatFlags(uint64(l), []wire.Flag{
		{Bits: uint64(LargePointerFlag96x96), Name: "LARGE_POINTER_FLAG_96x96"},
		{Bits: uint64(LargePointerFlag384x384), Name: "LARGE_POINTER_FLAG_384x384"},
	})
}

// LargePointer is the Large Pointer Capability Set
// (TS_LARGE_POINTER_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.7. Sent by both
// sides; 96x96 needs a MaxRequestSize of at least 38,055 and 384x384 of at
// least 608,299.
type LargePointer struct {
	LargePointerSupportFlags LargePointerFlags // largePointerSupportFlags
}

var _ Set = (*LargePointer)(nil)

const largePointerBody = 2 /* largePointerSupportFlags */

// Type returns TypeLargePointer.
func (*LargePointer) Type() SetType { return TypeLargePointer }

// Size returns the encoded length, 6.
func (*LargePointer) Size() int { return headerSize + largePointerBody }

// AppendBinary appends the set.
func (s *LargePointer) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeLargePointer, largePointerBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendU16LE(b, uint16(s.LargePointerSupportFlags)), nil
}

// Decode reads one TS_LARGE_POINTER_CAPABILITYSET.
func (s *LargePointer) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeLargePointer, "TS_LARGE_POINTER_CAPABILITYSET", func(d *wire.Reader) {
		s.LargePointerSupportFlags = LargePointerFlags(d.U16LE())
	}, largePointerBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *LargePointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
