package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ApplicationRemoved is the Application-Removed PDU (OD_APP_REMOVED),
// [MS-RDPEMC] 2.2.3.3, sharer to participant: an application "MUST be
// removed from their application lists", and with it its windows
// (3.1.5.3). The sharer "SHOULD send Window-Removed PDUs before sending
// the Application-Removed PDU for the application to which the window
// corresponds" (3.1.5.3).
type ApplicationRemoved struct {
	// AppID "MUST uniquely identify an application in the application
	// list".
	AppID uint32 // AppId
}

var _ Message = (*ApplicationRemoved)(nil)

// OrderType returns TypeAppRemoved.
func (*ApplicationRemoved) OrderType() OrderType { return TypeAppRemoved }

// Size returns the encoded length in bytes.
func (*ApplicationRemoved) Size() int { return orderSize(4 /* AppId */) }

// AppendBinary appends the order.
func (p *ApplicationRemoved) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), 4 /* AppId */)
	return wire.AppendU32LE(b, p.AppID), nil
}

// Decode reads one order from r.
func (p *ApplicationRemoved) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *ApplicationRemoved) decodeBody(r *wire.Reader) error {
	p.AppID = r.U32LE() // AppId
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ApplicationRemoved) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
