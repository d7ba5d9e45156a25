package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// WindowRemoved is the Window-Removed PDU (OD_WND_REMOVED), [MS-RDPEMC]
// 2.2.3.5, sharer to participant: a window "SHOULD be removed from their
// window lists".
type WindowRemoved struct {
	// WndID "MUST uniquely identify a window in the window list".
	WndID uint32 // WndId
}

var _ Message = (*WindowRemoved)(nil)

// OrderType returns TypeWndRemoved.
func (*WindowRemoved) OrderType() OrderType { return TypeWndRemoved }

// Size returns the encoded length in bytes.
func (*WindowRemoved) Size() int { return orderSize(4 /* WndId */) }

// AppendBinary appends the order.
func (p *WindowRemoved) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), 4 /* WndId */)
	return wire.AppendU32LE(b, p.WndID), nil
}

// Decode reads one order from r.
func (p *WindowRemoved) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *WindowRemoved) decodeBody(r *wire.Reader) error {
	p.WndID = r.U32LE() // WndId
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *WindowRemoved) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
