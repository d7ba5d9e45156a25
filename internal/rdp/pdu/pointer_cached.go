package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// CachedPointer is the Cached Pointer Update (TS_CACHEDPOINTERATTRIBUTE),
// [MS-RDPBCGR] 2.2.9.1.1.4.6: show the shape a Color, New or Large Pointer
// Update stored in slot CacheIndex. It is the body of a slow-path pointer
// update of type TS_PTRMSGTYPE_CACHED and the updateData of the fast-path
// FASTPATH_UPDATETYPE_CACHED (2.2.9.1.2.1.9).
//
// The index must be below the client's cache size (Pointer Capability Set,
// 2.2.7.1.5) and name a filled slot; the caller checks both.
type CachedPointer struct {
	CacheIndex uint16 // cacheIndex
}

var _ PointerAttribute = (*CachedPointer)(nil)

// PointerMessageType returns TS_PTRMSGTYPE_CACHED.
func (*CachedPointer) PointerMessageType() PointerMessageType { return PointerMessageCached }

// Size returns the encoded length, 2.
func (*CachedPointer) Size() int { return 2 /* cacheIndex */ }

// AppendBinary appends the update.
func (p *CachedPointer) AppendBinary(b []byte) ([]byte, error) {
	return wire.AppendU16LE(b, p.CacheIndex), nil
}

// Decode reads one TS_CACHEDPOINTERATTRIBUTE.
func (p *CachedPointer) Decode(r *wire.Reader) error {
	p.CacheIndex = r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_CACHEDPOINTERATTRIBUTE: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the update.
func (p *CachedPointer) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
