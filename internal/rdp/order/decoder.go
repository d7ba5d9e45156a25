package order

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Decoder decodes a client's stream of drawing orders, keeping the state
// [MS-RDPEGDI] 3.2.5.1 says the client keeps: the last primary order type
// and the last value of every field. Use one per connection, in order.
// After an error its state is unchanged by the failing order.
type Decoder struct {
	typ     Type
	hasType bool
	scr     ScrBlt // the last ScrBlt's fields
}

// DecodeUpdate decodes the updateData of a fast-path Orders update
// (TS_FP_UPDATE_ORDERS, [MS-RDPEGDI] 2.2.2.2): numberOrders, then exactly
// that many orders filling the data.
func (d *Decoder) DecodeUpdate(data []byte) ([]ScrBlt, error) {
	r := wire.NewReader(data)
	n := int(r.U16LE())
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("order: TS_FP_UPDATE_ORDERS: %w", err)
	}
	// Each order takes at least its controlFlags byte: bounded by the data.
	if n == 0 || n > r.Len() {
		r.Failf("numberOrders", "%d orders in %d bytes", n, r.Len())
		return nil, fmt.Errorf("order: TS_FP_UPDATE_ORDERS: %w", r.Err())
	}
	out := make([]ScrBlt, 0, n)
	for i := range n {
		var o ScrBlt
		if err := d.decode(r, &o, false); err != nil {
			return nil, fmt.Errorf("order: TS_FP_UPDATE_ORDERS: order %d: %w", i, err)
		}
		out = append(out, o)
	}
	if err := r.Finish(); err != nil {
		return nil, fmt.Errorf("order: TS_FP_UPDATE_ORDERS: %w", err)
	}
	return out, nil
}

// AppendUpdate appends the updateData of a fast-path Orders update
// carrying orders, each self-contained.
func AppendUpdate(b []byte, orders []ScrBlt) ([]byte, error) {
	if len(orders) == 0 || len(orders) > 0xFFFF {
		return b, fmt.Errorf("order: TS_FP_UPDATE_ORDERS: %w: %d orders", wire.ErrInvalid, len(orders))
	}
	b = wire.AppendU16LE(b, uint16(len(orders)))
	var err error
	for i := range orders {
		if b, err = orders[i].AppendBinary(b); err != nil {
			return b, err
		}
	}
	return b, nil
}

// decode reads one primary drawing order (2.2.2.2.1.1.2) into o. With
// selfContained it accepts only the form ScrBlt.AppendBinary writes.
func (d *Decoder) decode(r *wire.Reader, o *ScrBlt, selfContained bool) error {
	cf := ControlFlags(r.U8())
	if err := r.Err(); err != nil {
		return fmt.Errorf("order: controlFlags: %w", err)
	}
	switch {
	case cf&Standard == 0:
		r.Failf("controlFlags", "%#02x: alternate secondary order, which the client never advertised", uint8(cf))
	case cf&Secondary != 0:
		r.Failf("controlFlags", "%#02x: secondary order, which the client never advertised", uint8(cf))
	case cf&Bounds != 0:
		r.Failf("controlFlags", "%#02x: TS_BOUNDS is not supported", uint8(cf))
	case selfContained && cf != Standard|TypeChange:
		r.Failf("controlFlags", "%#02x, want TS_STANDARD|TS_TYPE_CHANGE", uint8(cf))
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("order: %w", err)
	}
	typ, has := d.typ, d.hasType
	if cf&TypeChange != 0 {
		typ, has = Type(r.U8()), true
	}
	if !has {
		r.Failf("orderType", "absent, and no earlier order set one")
	} else if typ != TypeScrBlt {
		r.Failf("orderType", "%#02x, which the client never advertised", uint8(typ))
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("order: %w", err)
	}
	// ScrBlt has one fieldFlags byte; TS_ZERO_FIELD_BYTE_BIT0 or BIT1
	// leave it out (all its fields absent).
	var fields uint8
	if cf&(ZeroFieldByteBit0|ZeroFieldByteBit1) == 0 {
		fields = r.U8()
		if fields>>scrBltFields != 0 {
			r.Failf("fieldFlags", "%#02x: ScrBlt has %d fields", fields, scrBltFields)
		}
	}
	if selfContained && fields != 1<<scrBltFields-1 {
		r.Failf("fieldFlags", "%#02x, want every field", fields)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("order: SCRBLT_ORDER: %w", err)
	}
	v := d.scr
	delta := cf&DeltaCoordinates != 0
	coords := [...]*int16{&v.Left, &v.Top, &v.Width, &v.Height, nil, &v.SrcX, &v.SrcY}
	for i, c := range coords {
		if fields&(1<<i) == 0 {
			continue
		}
		switch {
		case c == nil:
			v.Rop = r.U8()
		case delta:
			*c += int16(int8(r.U8()))
		default:
			*c = int16(r.U16LE())
		}
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("order: SCRBLT_ORDER: %w", err)
	}
	if v.Width <= 0 || v.Height <= 0 {
		r.Failf("nWidth", "%dx%d rectangle", v.Width, v.Height)
		return fmt.Errorf("order: SCRBLT_ORDER: %w", r.Err())
	}
	d.typ, d.hasType, d.scr = typ, true, v
	*o = v
	return nil
}
