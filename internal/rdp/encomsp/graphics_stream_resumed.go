package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// GraphicsStreamResumed is the Graphics Stream-Resumed PDU
// (OD_GRAPHICS_STREAM_RESUMED), [MS-RDPEMC] 2.2.5.2, sharer to
// participant: "desktop sharing has resumed". It is the header alone.
type GraphicsStreamResumed struct{}

var _ Message = (*GraphicsStreamResumed)(nil)

// OrderType returns TypeGraphicsStreamResumed.
func (*GraphicsStreamResumed) OrderType() OrderType { return TypeGraphicsStreamResumed }

// Size returns the encoded length in bytes.
func (*GraphicsStreamResumed) Size() int { return orderSize(0) }

// AppendBinary appends the order.
func (p *GraphicsStreamResumed) AppendBinary(b []byte) ([]byte, error) {
	return appendHeader(b, p.OrderType(), 0), nil
}

// Decode reads one order from r.
func (p *GraphicsStreamResumed) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (*GraphicsStreamResumed) decodeBody(*wire.Reader) error { return nil }

// UnmarshalBinary decodes b as exactly one order.
func (p *GraphicsStreamResumed) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
