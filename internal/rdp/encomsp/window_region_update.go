package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// WindowRegionUpdate is the Window Region Update PDU
// (OD_WND_REGION_UPDATE), [MS-RDPEMC] 2.2.3.7, sharer to participant: the
// sharer "MAY" use it to say "that the size of an application window has
// changed". It names no window; it is "stateless and has no sequencing
// rules" (3.2.5.1.6).
//
// Windows sharers never send it (<5>), and it ends a FreeRDP session
// (OrderType.SafeForFreeRDP), so ranoviced never sends it either:
// AppendMessages refuses it. It decodes for completeness.
type WindowRegionUpdate struct {
	Left   uint32 // left
	Top    uint32 // top
	Right  uint32 // right: "The inclusive rightmost bound"
	Bottom uint32 // bottom: "The inclusive lower bound"
}

var _ Message = (*WindowRegionUpdate)(nil)

// OrderType returns TypeWndRegionUpdate.
func (*WindowRegionUpdate) OrderType() OrderType { return TypeWndRegionUpdate }

const windowRegionUpdateBody = 4 /* left */ + 4 /* top */ + 4 /* right */ + 4 /* bottom */

// Size returns the encoded length in bytes.
func (*WindowRegionUpdate) Size() int { return orderSize(windowRegionUpdateBody) }

// AppendBinary appends the order.
func (p *WindowRegionUpdate) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), windowRegionUpdateBody)
	b = wire.AppendU32LE(b, p.Left)
	b = wire.AppendU32LE(b, p.Top)
	b = wire.AppendU32LE(b, p.Right)
	return wire.AppendU32LE(b, p.Bottom), nil
}

// Decode reads one order from r.
func (p *WindowRegionUpdate) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *WindowRegionUpdate) decodeBody(r *wire.Reader) error {
	p.Left, p.Top, p.Right, p.Bottom = r.U32LE(), r.U32LE(), r.U32LE(), r.U32LE() // left, top, right, bottom
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *WindowRegionUpdate) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
