package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RefreshRect is the Refresh Rect PDU body (TS_REFRESH_RECT_PDU after its
// share data header), [MS-RDPBCGR] 2.2.11.2.1: the client asks the server
// to redraw Areas. Clients send it only if the server's General set has
// refreshRectSupport.
type RefreshRect struct {
	Areas []Rectangle16 // areasToRefresh; numberOfAreas is len(Areas), at most 255
}

var _ wire.PDU = (*RefreshRect)(nil)

// Size returns the encoded length.
func (p *RefreshRect) Size() int {
	return 1 /* numberOfAreas */ + 3 /* pad3Octects */ + len(p.Areas)*rectangle16Size
}

// AppendBinary appends the body. It fails for more than 255 areas.
func (p *RefreshRect) AppendBinary(b []byte) ([]byte, error) {
	if len(p.Areas) > 0xFF {
		return nil, fmt.Errorf("pdu: TS_REFRESH_RECT_PDU: %d areas, at most 255", len(p.Areas))
	}
	b = append(b, byte(len(p.Areas)), 0, 0, 0) // numberOfAreas, pad3Octects
	for _, a := range p.Areas {
		b = a.append(b)
	}
	return b, nil
}

// Decode reads one TS_REFRESH_RECT_PDU body.
func (p *RefreshRect) Decode(r *wire.Reader) error {
	n := int(r.U8())
	r.Skip(3) // pad3Octects
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_REFRESH_RECT_PDU: %w", err)
	}
	if n*rectangle16Size > r.Len() {
		return fmt.Errorf("pdu: TS_REFRESH_RECT_PDU: %w",
			r.Fail("areasToRefresh", fmt.Errorf("%w: %d areas, %d bytes", wire.ErrShort, n, r.Len())))
	}
	p.Areas = make([]Rectangle16, n)
	for i := range p.Areas {
		p.Areas[i] = Rectangle16{r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE()}
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *RefreshRect) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
