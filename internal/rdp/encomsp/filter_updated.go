package encomsp

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// FilterFlags are the Flags of OD_FILTER_STATE_UPDATED (2.2.3.1).
type FilterFlags uint8

// FilterEnabled is FILTER_ENABLED: "The filter is enabled. If this bit is
// 0 then the filter is disabled" — the whole desktop is shared.
const FilterEnabled FilterFlags = 0x01

// Has reports whether every flag in x is set in f.
func (f FilterFlags) Has(x FilterFlags) bool { return f&x == x }

// String prints the set flags in spec spelling, unknown bits in hex, 0
// for none.
func (f FilterFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(FilterEnabled), Name: "FILTER_ENABLED"}})
}

// FilterUpdated is the Filter-Updated PDU (OD_FILTER_STATE_UPDATED),
// [MS-RDPEMC] 2.2.3.1, sharer to participant: whether application and
// window filtering is on. A participant "SHOULD also remove all the
// windows and applications that it lists, because the sharing manager is
// about to send an updated list" (3.2.5.1.3), so the sharer sends it
// before the lists.
type FilterUpdated struct {
	Flags FilterFlags // Flags
}

var _ Message = (*FilterUpdated)(nil)

// OrderType returns TypeFilterStateUpdated.
func (*FilterUpdated) OrderType() OrderType { return TypeFilterStateUpdated }

// Size returns the encoded length in bytes.
func (*FilterUpdated) Size() int { return orderSize(1 /* Flags */) }

// AppendBinary appends the order.
func (p *FilterUpdated) AppendBinary(b []byte) ([]byte, error) {
	b = appendHeader(b, p.OrderType(), 1 /* Flags */)
	return append(b, byte(p.Flags)), nil
}

// Decode reads one order from r.
func (p *FilterUpdated) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *FilterUpdated) decodeBody(r *wire.Reader) error {
	p.Flags = FilterFlags(r.U8()) // Flags
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *FilterUpdated) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
