package encomsp

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// OrderHeader is the Common Order Header (ORDER_HDR), [MS-RDPEMC] 2.2.1.
// Every order starts with one; the order types' encoders write it
// themselves, so callers need it only to look at an order before decoding
// it.
type OrderHeader struct {
	Type OrderType // Type
	// Length "MUST be the payload size plus the size of the common header
	// and MUST be used in decoding the individual PDUs".
	Length uint16
}

// HeaderSize is the encoded size of an OrderHeader.
const HeaderSize = 2 /* Type */ + 2 /* Length */

var _ wire.PDU = (*OrderHeader)(nil)

// Size returns the encoded length in bytes.
func (*OrderHeader) Size() int { return HeaderSize }

// AppendBinary appends the header. It fails for a Length below
// HeaderSize, which no order can have.
func (h *OrderHeader) AppendBinary(b []byte) ([]byte, error) {
	if h.Length < HeaderSize {
		return b, fmt.Errorf("encomsp: ORDER_HDR: %w: Length %d (at least %d)", wire.ErrInvalid, h.Length, HeaderSize)
	}
	return appendHeader(b, h.Type, int(h.Length)-HeaderSize), nil
}

// Decode reads one ORDER_HDR from r. Every Type decodes; Length must be at
// least HeaderSize. Whether Length bytes are really there is for the
// order's decoder to check.
func (h *OrderHeader) Decode(r *wire.Reader) error {
	if err := h.decode(r); err != nil {
		return fmt.Errorf("encomsp: ORDER_HDR: %w", err)
	}
	return nil
}

// decode is Decode without the error prefix, for the order decoders.
func (h *OrderHeader) decode(r *wire.Reader) error {
	h.Type, h.Length = OrderType(r.U16LE()), r.U16LE()
	if err := r.Err(); err != nil {
		return err
	}
	// 2.2.1: Length "MUST be the payload size plus the size of the common
	// header", so never less than the header.
	if h.Length < HeaderSize {
		return r.Failf("Length", "%d, less than the %d-byte header", h.Length, HeaderSize)
	}
	return nil
}

// UnmarshalBinary decodes b as exactly one header.
func (h *OrderHeader) UnmarshalBinary(b []byte) error { return wire.Unmarshal(h, b) }

// orderSize returns the size of an order whose fields after ORDER_HDR take
// body bytes.
func orderSize(body int) int { return HeaderSize + body }

// appendHeader appends the ORDER_HDR of an order of type t whose fields
// take body bytes. No order is longer than 16 + 2·1024 bytes
// (WindowCreated with the longest name), so Length always fits.
func appendHeader(b []byte, t OrderType, body int) []byte {
	b = wire.AppendU16LE(b, uint16(t))                  // Type
	return wire.AppendU16LE(b, uint16(orderSize(body))) // Length: header included
}
