package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Point16 is a Point (TS_POINT16), [MS-RDPBCGR] 2.2.9.1.1.4.1: the hotSpot
// of the pointer shape updates.
type Point16 struct {
	X uint16 // xPos
	Y uint16 // yPos
}

var _ wire.PDU = (*Point16)(nil)

const point16Size = 2 /* xPos */ + 2 /* yPos */

// Size returns the encoded length, 4.
func (*Point16) Size() int { return point16Size }

// AppendBinary appends the point.
func (p *Point16) AppendBinary(b []byte) ([]byte, error) { return p.append(b), nil }

func (p Point16) append(b []byte) []byte {
	return wire.AppendU16LE(wire.AppendU16LE(b, p.X), p.Y)
}

// Decode reads one TS_POINT16.
func (p *Point16) Decode(r *wire.Reader) error {
	*p = Point16{r.U16LE(), r.U16LE()}
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_POINT16: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the point.
func (p *Point16) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
