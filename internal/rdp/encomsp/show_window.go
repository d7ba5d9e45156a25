package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ShowWindow is the Show Window PDU (OD_WND_SHOW), [MS-RDPEMC] 2.2.3.6,
// participant to sharer: a request to display one of the shared windows,
// for instance a minimized one. The sharer "SHOULD validate the WndId
// field against the existing windows and SHOULD verify that the
// participant is entitled to make that request" (3.3.5.1.1); Windows
// ignores an unknown window (<26>) and a participant without interact
// permission (<27>). FreeRDP never sends it.
type ShowWindow struct {
	// WndID "MUST uniquely identify a window in the window list".
	WndID uint32 // WndId
}

var _ Message = (*ShowWindow)(nil)

// OrderType returns TypeWndShow.
func (*ShowWindow) OrderType() OrderType { return TypeWndShow }

// Size returns the encoded length in bytes.
func (*ShowWindow) Size() int { return orderSize(4 /* WndId */) }

// AppendBinary appends the order.
func (p *ShowWindow) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), 4 /* WndId */)
	return wire.AppendU32LE(b, p.WndID), nil
}

// Decode reads one order from r.
func (p *ShowWindow) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *ShowWindow) decodeBody(r *wire.Reader) error {
	p.WndID = r.U32LE() // WndId
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ShowWindow) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
