package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Rectangle16 is an Inclusive Rectangle (TS_RECTANGLE16), [MS-RDPBCGR]
// 2.2.11.1: Right and Bottom belong to the rectangle. The codec does not
// order the bounds; consumers clip to the desktop.
type Rectangle16 struct {
	Left   uint16 // left
	Top    uint16 // top
	Right  uint16 // right (inclusive)
	Bottom uint16 // bottom (inclusive)
}

var _ wire.PDU = (*Rectangle16)(nil)

const rectangle16Size = 2 /* left */ + 2 /* top */ + 2 /* right */ + 2 /* bottom */

// Size returns the encoded length, 8.
func (*Rectangle16) Size() int { return rectangle16Size }

// AppendBinary appends the rectangle.
func (p *Rectangle16) AppendBinary(b []byte) ([]byte, error) { return p.append(b), nil }

func (p Rectangle16) append(b []byte) []byte {
	b = wire.AppendU16LE(b, p.Left)
	b = wire.AppendU16LE(b, p.Top)
	b = wire.AppendU16LE(b, p.Right)
	return wire.AppendU16LE(b, p.Bottom)
}

// Decode reads one TS_RECTANGLE16.
func (p *Rectangle16) Decode(r *wire.Reader) error {
	*p = Rectangle16{r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE()}
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_RECTANGLE16: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the rectangle.
func (p *Rectangle16) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
