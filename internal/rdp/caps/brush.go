package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// BrushSupportLevel is brushSupportLevel of the Brush set.
type BrushSupportLevel uint32

// Brush support levels.
const (
	BrushDefault   BrushSupportLevel = 0x00000000 // BRUSH_DEFAULT
	BrushColor8x8  BrushSupportLevel = 0x00000001 // BRUSH_COLOR_8x8
	BrushColorFull BrushSupportLevel = 0x00000002 // BRUSH_COLOR_FULL
)

func (l BrushSupportLevel) String() string {
	switch l {
	case BrushDefault:
		return "BRUSH_DEFAULT"
	case BrushColor8x8:
		return "BRUSH_COLOR_8x8"
	case BrushColorFull:
		return "BRUSH_COLOR_FULL"
	}
	return fmt.Sprintf("BRUSH(%#x)", uint32(l))
}

// Brush is the Brush Capability Set (TS_BRUSH_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.7. Client to server only.
type Brush struct {
	BrushSupportLevel BrushSupportLevel // brushSupportLevel
}

var _ Set = (*Brush)(nil)

const brushBody = 4 /* brushSupportLevel */

// Type returns TypeBrush.
func (*Brush) Type() SetType { return TypeBrush }

// Size returns the encoded length, 8.
func (*Brush) Size() int { return headerSize + brushBody }

// AppendBinary appends the set.
func (s *Brush) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeBrush, brushBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendU32LE(b, uint32(s.BrushSupportLevel)), nil
}

// Decode reads one TS_BRUSH_CAPABILITYSET.
func (s *Brush) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBrush, "TS_BRUSH_CAPABILITYSET", func(d *wire.Reader) {
		s.BrushSupportLevel = BrushSupportLevel(d.U32LE())
	}, brushBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Brush) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
