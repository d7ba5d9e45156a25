package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PointerMessageType is messageType of TS_POINTER_PDU ([MS-RDPBCGR]
// 2.2.9.1.1.4).
type PointerMessageType uint16

// Pointer update message types.
const (
	PointerMessageSystem   PointerMessageType = 0x0001 // TS_PTRMSGTYPE_SYSTEM: SystemPointer
	PointerMessagePosition PointerMessageType = 0x0003 // TS_PTRMSGTYPE_POSITION: PointerPosition
	PointerMessageColor    PointerMessageType = 0x0006 // TS_PTRMSGTYPE_COLOR: ColorPointer
	PointerMessageCached   PointerMessageType = 0x0007 // TS_PTRMSGTYPE_CACHED: CachedPointer
	PointerMessagePointer  PointerMessageType = 0x0008 // TS_PTRMSGTYPE_POINTER: NewPointer
	PointerMessageLarge    PointerMessageType = 0x0009 // TS_PTRMSGTYPE_LARGE_POINTER: LargePointer
)

func (t PointerMessageType) String() string {
	switch t {
	case PointerMessageSystem:
		return "TS_PTRMSGTYPE_SYSTEM"
	case PointerMessagePosition:
		return "TS_PTRMSGTYPE_POSITION"
	case PointerMessageColor:
		return "TS_PTRMSGTYPE_COLOR"
	case PointerMessageCached:
		return "TS_PTRMSGTYPE_CACHED"
	case PointerMessagePointer:
		return "TS_PTRMSGTYPE_POINTER"
	case PointerMessageLarge:
		return "TS_PTRMSGTYPE_LARGE_POINTER"
	}
	return fmt.Sprintf("PointerMessageType(%#04x)", uint16(t))
}

// newPointerAttribute returns an empty attribute of type t, or nil.
func newPointerAttribute(t PointerMessageType) PointerAttribute {
	switch t {
	case PointerMessageSystem:
		return new(SystemPointer)
	case PointerMessagePosition:
		return new(PointerPosition)
	case PointerMessageColor:
		return new(ColorPointer)
	case PointerMessageCached:
		return new(CachedPointer)
	case PointerMessagePointer:
		return new(NewPointer)
	case PointerMessageLarge:
		return new(LargePointer)
	}
	return nil
}

// PointerAttribute is the body of one pointer update, the same on both
// paths: *SystemPointer, *PointerPosition, *ColorPointer, *CachedPointer,
// *NewPointer or *LargePointer. On the slow path it is the
// pointerAttributeData of a PointerUpdate; on the fast path it is the
// updateData of the matching update code (package pointer maps them).
type PointerAttribute interface {
	wire.PDU
	// PointerMessageType returns the slow-path messageType that carries
	// this attribute.
	PointerMessageType() PointerMessageType
}

// PointerUpdate is the Server Pointer Update PDU body (TS_POINTER_PDU
// after its share data header), [MS-RDPBCGR] 2.2.9.1.1.4: messageType,
// pad2Octets, pointerAttributeData. Send it with AppendShareData and
// PDUTYPE2_POINTER (0x1B) to clients without fast-path output.
//
// pad2Octets is written as 0 and ignored on decode ("Values in this field
// MUST be ignored"). A slow-path PDU carries at most about 16 KB
// (mcs.MaxUserData), so a 32-bpp shape above 62x62 goes fast-path only.
type PointerUpdate struct {
	// Attribute is pointerAttributeData; messageType is
	// Attribute.PointerMessageType(). Decoded masks alias the input.
	Attribute PointerAttribute
}

var _ wire.PDU = (*PointerUpdate)(nil)

const pointerUpdateFixed = 2 /* messageType */ + 2 /* pad2Octets */

// Size returns the encoded length.
func (p *PointerUpdate) Size() int {
	if p.Attribute == nil {
		return pointerUpdateFixed
	}
	return pointerUpdateFixed + p.Attribute.Size()
}

// AppendBinary appends the body. It fails without an attribute or for one
// that does not encode.
func (p *PointerUpdate) AppendBinary(b []byte) ([]byte, error) {
	if p.Attribute == nil {
		return nil, fmt.Errorf("pdu: TS_POINTER_PDU: %w: no pointerAttributeData", wire.ErrInvalid)
	}
	b = wire.AppendU16LE(b, uint16(p.Attribute.PointerMessageType()))
	b = wire.AppendU16LE(b, 0) // pad2Octets
	return p.Attribute.AppendBinary(b)
}

// Decode reads one TS_POINTER_PDU body. An unknown messageType is an error
// wrapping wire.ErrInvalid (FreeRDP 2.11.7 ignores it; no server sends
// one).
func (p *PointerUpdate) Decode(r *wire.Reader) error {
	t := PointerMessageType(r.U16LE())
	r.Skip(2) // pad2Octets
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_POINTER_PDU: %w", err)
	}
	a := newPointerAttribute(t)
	if a == nil {
		return fmt.Errorf("pdu: TS_POINTER_PDU: %w", r.Failf("messageType", "%v", t))
	}
	if err := a.Decode(r); err != nil {
		return fmt.Errorf("pdu: TS_POINTER_PDU %v: %w", t, err)
	}
	p.Attribute = a
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *PointerUpdate) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
