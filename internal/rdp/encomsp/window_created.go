package encomsp

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// WindowFlags are the Flags of OD_WND_CREATED (2.2.3.4).
type WindowFlags uint16

// WindowShared is WINDOW_SHARED: "The window is shared."
const WindowShared WindowFlags = 0x0001

// Has reports whether every flag in x is set in f.
func (f WindowFlags) Has(x WindowFlags) bool { return f&x == x }

// String prints the set flags in spec spelling, unknown bits in hex, 0
// for none.
func (f WindowFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(WindowShared), Name: "WINDOW_SHARED"}})
}

// WindowCreated is the Window-Created PDU (OD_WND_CREATED), [MS-RDPEMC]
// 2.2.3.4, sharer to participant: a window was created or updated. "Every
// window MUST be associated with an application. The window MUST have a
// corresponding unique ID, and subsequent updates for that window data
// MUST come as Window-Created PDUs with the same ID."
type WindowCreated struct {
	Flags WindowFlags // Flags
	// AppID is the owning application's; it "MUST uniquely identify an
	// application in the application list".
	AppID uint32 // AppId
	// WndID "uniquely identifies the window entry within the window
	// list"; Windows uses the window handle (<3>).
	WndID uint32 // WndId
	// Name is "any UNICODE_STRING"; Windows uses the window title (<4>).
	Name string // Name
}

var _ Message = (*WindowCreated)(nil)

// OrderType returns TypeWndCreated.
func (*WindowCreated) OrderType() OrderType { return TypeWndCreated }

// Size returns the encoded length in bytes.
func (p *WindowCreated) Size() int { return orderSize(p.bodySize()) }

func (p *WindowCreated) bodySize() int {
	return 2 /* Flags */ + 4 /* AppId */ + 4 /* WndId */ + stringSize(p.Name) /* Name */
}

// AppendBinary appends the order. It fails for a Name holding a NUL or
// longer than MaxStringLength UTF-16 code units.
func (p *WindowCreated) AppendBinary(b []byte) ([]byte, error) {
	if err := checkString(p.Name); err != nil {
		return b, fmt.Errorf("encomsp: %s: Name: %w", p.OrderType().pduName(), err)
	}
	b = appendHeader(b, p.OrderType(), p.bodySize())
	b = wire.AppendU16LE(b, uint16(p.Flags))
	b = wire.AppendU32LE(b, p.AppID)
	b = wire.AppendU32LE(b, p.WndID)
	return appendString(b, p.Name), nil
}

// Decode reads one order from r.
func (p *WindowCreated) Decode(r *wire.Reader) error { return decodeOrder(p, r) }

func (p *WindowCreated) decodeBody(r *wire.Reader) error {
	p.Flags = WindowFlags(r.U16LE()) // Flags
	p.AppID = r.U32LE()              // AppId
	p.WndID = r.U32LE()              // WndId
	p.Name = decodeString(r, "Name") // Name
	return r.Err()
}

// UnmarshalBinary decodes b as exactly one order.
func (p *WindowCreated) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
