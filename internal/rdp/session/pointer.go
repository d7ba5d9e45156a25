package session

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/pointer"
)

// PointerFormat returns how this client takes pointer shapes: its
// capabilities ([MS-RDPBCGR] 2.2.7.1.5, 2.2.7.2.7) and the update limit.
// Shapes encoded with it fit AppendPointerUpdate.
func (s *Session) PointerFormat() pointer.Format {
	return pointer.ForClient(&s.res.ClientCaps, s.UpdateLimit())
}

// AppendPointerUpdate appends one pointer update (2.2.9.1.1.4): a
// fast-path update when the client takes fast-path output (PTR_NULL,
// PTR_DEFAULT, PTR_POSITION, COLOR, CACHED, POINTER or LARGE_POINTER,
// 2.2.9.1.2.1.4–2.2.9.1.2.1.11; fragmented within the client's
// Multifragment Update limit when bigger than one PDU), else a slow-path
// Pointer Update PDU (PDUTYPE2_POINTER), as AppendBitmapUpdate chooses.
// Encryption is the link's, as for every output.
//
// The caller keeps cache indexes below the client's cache size and the
// shape within its limits (PointerFormat, pointer.Cache).
func (s *Session) AppendPointerUpdate(out []byte, attr pdu.PointerAttribute) ([]byte, error) {
	if s.phase != phaseActive {
		return out, errors.New("session: pointer update before finalization")
	}
	if attr == nil {
		return out, errors.New("session: nil pointer update")
	}
	if !s.FastPathOutput() {
		upd := pdu.PointerUpdate{Attribute: attr}
		if n := upd.Size(); n > maxSlowPathData {
			return out, fmt.Errorf("session: pointer update of %d bytes exceeds a slow-path PDU", n)
		}
		return s.appendData(out, pdu.PDUType2Pointer, &upd)
	}
	code, data, err := pointer.FastPath(attr)
	if err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	if len(data) > s.updateLimit {
		return out, fmt.Errorf("session: %v of %d bytes exceeds the client's limit of %d", code, len(data), s.updateLimit)
	}
	if out, err = s.appendFastPathUpdate(out, code, data); err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	return out, nil
}
