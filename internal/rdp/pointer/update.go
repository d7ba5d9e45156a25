package pointer

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// IsFastPathCode reports whether code is one of the fast-path pointer
// updates (2.2.9.1.2.1.4–2.2.9.1.2.1.11).
func IsFastPathCode(code fastpath.UpdateCode) bool {
	switch code {
	case fastpath.UpdatePtrNull, fastpath.UpdatePtrDefault, fastpath.UpdatePtrPosition, fastpath.UpdateColor,
		fastpath.UpdateCached, fastpath.UpdatePointer, fastpath.UpdateLargePointer:
		return true
	}
	return false
}

// FastPath returns the fast-path update code and updateData of attr:
// SYSPTR_NULL and SYSPTR_DEFAULT become the bodiless
// FASTPATH_UPDATETYPE_PTR_NULL and PTR_DEFAULT (2.2.9.1.2.1.5,
// 2.2.9.1.2.1.6: "size … MUST be set to zero"); every other attribute is
// the updateData of its own code, encoded as on the slow path.
func FastPath(attr pdu.PointerAttribute) (fastpath.UpdateCode, []byte, error) {
	var code fastpath.UpdateCode
	switch a := attr.(type) {
	case *pdu.SystemPointer:
		switch a.Type {
		case pdu.SystemPointerNull:
			return fastpath.UpdatePtrNull, nil, nil
		case pdu.SystemPointerDefault:
			return fastpath.UpdatePtrDefault, nil, nil
		}
		return 0, nil, fmt.Errorf("pointer: %w: system pointer %v", wire.ErrInvalid, a.Type)
	case *pdu.PointerPosition:
		code = fastpath.UpdatePtrPosition
	case *pdu.ColorPointer:
		code = fastpath.UpdateColor
	case *pdu.CachedPointer:
		code = fastpath.UpdateCached
	case *pdu.NewPointer:
		code = fastpath.UpdatePointer
	case *pdu.LargePointer:
		code = fastpath.UpdateLargePointer
	default:
		return 0, nil, fmt.Errorf("pointer: %T is not a pointer update", attr)
	}
	data, err := wire.Marshal(attr)
	if err != nil {
		return 0, nil, err
	}
	return code, data, nil
}

// DecodeFastPath decodes the (reassembled) updateData of a fast-path
// pointer update; PTR_NULL and PTR_DEFAULT come back as *pdu.SystemPointer
// and must have no data. Masks alias data. Codes that are not pointer
// updates fail.
func DecodeFastPath(code fastpath.UpdateCode, data []byte) (pdu.PointerAttribute, error) {
	var attr pdu.PointerAttribute
	switch code {
	case fastpath.UpdatePtrNull, fastpath.UpdatePtrDefault:
		if len(data) != 0 {
			return nil, fmt.Errorf("pointer: %v: %w: %d bytes of updateData, the size MUST be zero", code, wire.ErrInvalid, len(data))
		}
		if code == fastpath.UpdatePtrNull {
			return &pdu.SystemPointer{Type: pdu.SystemPointerNull}, nil
		}
		return &pdu.SystemPointer{Type: pdu.SystemPointerDefault}, nil
	case fastpath.UpdatePtrPosition:
		attr = new(pdu.PointerPosition)
	case fastpath.UpdateColor:
		attr = new(pdu.ColorPointer)
	case fastpath.UpdateCached:
		attr = new(pdu.CachedPointer)
	case fastpath.UpdatePointer:
		attr = new(pdu.NewPointer)
	case fastpath.UpdateLargePointer:
		attr = new(pdu.LargePointer)
	default:
		return nil, fmt.Errorf("pointer: %v is not a pointer update", code)
	}
	if err := attr.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("pointer: %v: %w", code, err)
	}
	return attr, nil
}
