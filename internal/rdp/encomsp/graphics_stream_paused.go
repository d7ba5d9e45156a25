package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// GraphicsStreamPaused is the Graphics Stream-Paused PDU
// (OD_GRAPHICS_STREAM_PAUSED), [MS-RDPEMC] 2.2.5.1, sharer to
// participant: "sharing is suspended", for instance while a password is
// typed (1.3.1.3). It is the header alone. The sharer "MUST preserve …
// the status on whether or not sharing is currently suspended" (3.1.1),
// so a participant joining while paused is told too.
type GraphicsStreamPaused struct{}

var _ Message = (*GraphicsStreamPaused)(nil)

// OrderType returns TypeGraphicsStreamPaused.
func (*GraphicsStreamPaused) OrderType() OrderType { return TypeGraphicsStreamPaused }

// Size returns the encoded length in bytes.
func (*GraphicsStreamPaused) Size() int { return orderSize(0) }

// AppendBinary appends the order.
func (p *GraphicsStreamPaused) AppendBinary(b []byte) ([]byte, error) {
	return appendHeader(b, p.OrderType(), 0), nil
}

// Decode reads one order from r.
func (p *GraphicsStreamPaused) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (*GraphicsStreamPaused) decodeBody(*wire.Reader) error { return nil }

// UnmarshalBinary decodes b as exactly one order.
func (p *GraphicsStreamPaused) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
