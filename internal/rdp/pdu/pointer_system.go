package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SystemPointerType is systemPointerType of TS_SYSTEMPOINTERATTRIBUTE.
type SystemPointerType uint32

// System pointers ([MS-RDPBCGR] 2.2.9.1.1.4.3).
const (
	SystemPointerNull    SystemPointerType = 0x00000000 // SYSPTR_NULL: hide the pointer
	SystemPointerDefault SystemPointerType = 0x00007F00 // SYSPTR_DEFAULT: the client's default pointer
)

// Valid reports whether t is one of the two values the spec defines.
func (t SystemPointerType) Valid() bool { return t == SystemPointerNull || t == SystemPointerDefault }

func (t SystemPointerType) String() string {
	switch t {
	case SystemPointerNull:
		return "SYSPTR_NULL"
	case SystemPointerDefault:
		return "SYSPTR_DEFAULT"
	}
	return fmt.Sprintf("SystemPointerType(%#x)", uint32(t))
}

// SystemPointer is the System Pointer Update (TS_SYSTEMPOINTERATTRIBUTE),
// [MS-RDPBCGR] 2.2.9.1.1.4.3: hide the pointer or show the client's
// default one. It is the body of a slow-path pointer update of type
// TS_PTRMSGTYPE_SYSTEM; on the fast path the two values are the bodiless
// FASTPATH_UPDATETYPE_PTR_NULL (2.2.9.1.2.1.5) and
// FASTPATH_UPDATETYPE_PTR_DEFAULT (2.2.9.1.2.1.6).
//
// Only SYSPTR_NULL and SYSPTR_DEFAULT are defined; others are rejected
// both ways.
type SystemPointer struct {
	Type SystemPointerType // systemPointerType
}

var _ PointerAttribute = (*SystemPointer)(nil)

// PointerMessageType returns TS_PTRMSGTYPE_SYSTEM.
func (*SystemPointer) PointerMessageType() PointerMessageType { return PointerMessageSystem }

// Size returns the encoded length, 4.
func (*SystemPointer) Size() int { return 4 /* systemPointerType */ }

// AppendBinary appends the update. It fails for an undefined type.
func (p *SystemPointer) AppendBinary(b []byte) ([]byte, error) {
	if !p.Type.Valid() {
		return nil, fmt.Errorf("pdu: TS_SYSTEMPOINTERATTRIBUTE: %w: %v", wire.ErrInvalid, p.Type)
	}
	return wire.AppendU32LE(b, uint32(p.Type)), nil
}

// Decode reads one TS_SYSTEMPOINTERATTRIBUTE.
func (p *SystemPointer) Decode(r *wire.Reader) error {
	p.Type = SystemPointerType(r.U32LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_SYSTEMPOINTERATTRIBUTE: %w", err)
	}
	if !p.Type.Valid() {
		return fmt.Errorf("pdu: TS_SYSTEMPOINTERATTRIBUTE: %w", r.Failf("systemPointerType", "%v is not SYSPTR_NULL or SYSPTR_DEFAULT", p.Type))
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the update.
func (p *SystemPointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
