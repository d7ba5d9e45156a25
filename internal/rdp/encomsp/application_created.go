package encomsp

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// AppFlags are the Flags of OD_APP_CREATED (2.2.3.2).
type AppFlags uint16

// AppShared is APPLICATION_SHARED: "The application is shared."
const AppShared AppFlags = 0x0001

// Has reports whether every flag in x is set in f.
func (f AppFlags) Has(x AppFlags) bool { return f&x == x }

// String prints the set flags in spec spelling, unknown bits in hex, 0
// for none.
func (f AppFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(AppShared), Name: "APPLICATION_SHARED"}})
}

// ApplicationCreated is the Application-Created PDU (OD_APP_CREATED),
// [MS-RDPEMC] 2.2.3.2, sharer to participant: an application was created,
// or its name or shared state changed — an order with an AppId the
// participant already has replaces that record (3.1.5.3). The sharer
// "SHOULD send the client an Application-Created PDU before it sends any
// Window-Created PDUs for that application" (3.1.5.3).
//
// Windows participants accept the order without Name (<10>); this
// decoder, like FreeRDP's, requires it.
type ApplicationCreated struct {
	Flags AppFlags // Flags
	// AppID "uniquely identifies the application within the application
	// list"; Windows uses the process ID (<1>).
	AppID uint32 // AppId
	// Name is "any UNICODE_STRING"; Windows uses the process name (<2>).
	Name string // Name
}

var _ Message = (*ApplicationCreated)(nil)

// OrderType returns TypeAppCreated.
func (*ApplicationCreated) OrderType() OrderType { return TypeAppCreated }

// Size returns the encoded length in bytes.
func (p *ApplicationCreated) Size() int { return orderSize(p.bodySize()) }

func (p *ApplicationCreated) bodySize() int {
	return 2 /* Flags */ + 4 /* AppId */ + stringSize(p.Name) /* Name */
}

// AppendBinary appends the order. It fails for a Name holding a NUL or
// longer than MaxStringLength UTF-16 code units.
func (p *ApplicationCreated) AppendBinary(b []byte) ([]byte, error) {
	if err := checkString(p.Name); err != nil {
		return b, fmt.Errorf("encomsp: %s: Name: %w", p.OrderType().pduName(), err)
	}
	b = appendHeader(b, p.OrderType(), p.bodySize())
	b = wire.AppendU16LE(b, uint16(p.Flags))
	b = wire.AppendU32LE(b, p.AppID)
	return appendString(b, p.Name), nil
}

// Decode reads one order from r.
func (p *ApplicationCreated) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *ApplicationCreated) decodeBody(r *wire.Reader) error {
	p.Flags = AppFlags(r.U16LE())    // Flags
	p.AppID = r.U32LE()              // AppId
	p.Name = decodeString(r, "Name") // Name
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *ApplicationCreated) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
