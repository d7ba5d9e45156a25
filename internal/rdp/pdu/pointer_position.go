package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PointerPosition is the Pointer Position Update (TS_POINTERPOSATTRIBUTE),
// [MS-RDPBCGR] 2.2.9.1.1.4.2: a TS_POINT16 giving the pointer's new
// position in desktop coordinates. It is the body of a slow-path pointer
// update of type TS_PTRMSGTYPE_POSITION and the updateData of the fast-path
// FASTPATH_UPDATETYPE_PTR_POSITION (2.2.9.1.2.1.4).
//
// The client moves its own pointer there (xfreerdp warps the local
// pointer): send it only when the novice's pointer moved, never as an echo
// of the expert's input (rdp-server.md §6.5).
type PointerPosition struct {
	X uint16 // position.xPos
	Y uint16 // position.yPos
}

var _ PointerAttribute = (*PointerPosition)(nil)

// PointerMessageType returns TS_PTRMSGTYPE_POSITION.
func (*PointerPosition) PointerMessageType() PointerMessageType { return PointerMessagePosition }

// Size returns the encoded length, 4.
func (*PointerPosition) Size() int { return point16Size }

// AppendBinary appends the update.
func (p *PointerPosition) AppendBinary(b []byte) ([]byte, error) {
	return Point16{p.X, p.Y}.append(b), nil
}

// Decode reads one TS_POINTERPOSATTRIBUTE.
func (p *PointerPosition) Decode(r *wire.Reader) error {
	*p = PointerPosition{r.U16LE(), r.U16LE()}
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_POINTERPOSATTRIBUTE: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the update.
func (p *PointerPosition) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
