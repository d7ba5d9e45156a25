package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PersistFlags is bBitMask of the Persistent Key List PDU.
type PersistFlags uint8

// Persistent key list sequence flags.
const (
	PersistFirstPDU PersistFlags = 0x01 // PERSIST_FIRST_PDU
	PersistLastPDU  PersistFlags = 0x02 // PERSIST_LAST_PDU
)

func (f PersistFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{{Bits: uint64(PersistFirstPDU), Name: "PERSIST_FIRST_PDU"}, {Bits: uint64(PersistLastPDU), Name: "PERSIST_LAST_PDU"}})
}

// maxPersistentKeys is the bound on the sum of totalEntriesCache0…4.
const maxPersistentKeys = 262144

// PersistentKeyList is the Persistent Key List PDU body
// (TS_BITMAPCACHE_PERSISTENT_LIST_PDU after its share data header),
// [MS-RDPBCGR] 2.2.1.17.1. The server, which advertises no persistent
// bitmap cache, decodes it only to skip it.
type PersistentKeyList struct {
	// Keys[i] are the 64-bit keys (Key1 low, Key2 high) for bitmap cache i
	// in this PDU; numEntriesCache<i> is len(Keys[i]).
	Keys [5][]uint64
	// TotalEntries[i] is totalEntriesCache<i>, the count across the whole
	// sequence.
	TotalEntries [5]uint16
	Flags        PersistFlags // bBitMask
}

var _ wire.PDU = (*PersistentKeyList)(nil)

const persistentKeyListFixed = 5*2 /* numEntriesCache0…4 */ + 5*2 /* totalEntriesCache0…4 */ +
	1 /* bBitMask */ + 1 /* Pad2 */ + 2 /* Pad3 */

const persistentKeySize = 4 /* Key1 */ + 4 /* Key2 */

// Size returns the encoded length.
func (p *PersistentKeyList) Size() int {
	n := persistentKeyListFixed
	for _, k := range p.Keys {
		n += len(k) * persistentKeySize
	}
	return n
}

// AppendBinary appends the body. It fails if a cache has more than 65535
// keys or the totals exceed 262,144.
func (p *PersistentKeyList) AppendBinary(b []byte) ([]byte, error) {
	total := 0
	for i := range p.Keys {
		if len(p.Keys[i]) > 0xFFFF {
			return nil, fmt.Errorf("pdu: TS_BITMAPCACHE_PERSISTENT_LIST_PDU: %d keys for cache %d", len(p.Keys[i]), i)
		}
		total += int(p.TotalEntries[i])
	}
	if total > maxPersistentKeys {
		return nil, fmt.Errorf("pdu: TS_BITMAPCACHE_PERSISTENT_LIST_PDU: %d total entries exceed %d", total, maxPersistentKeys)
	}
	for _, k := range p.Keys {
		b = wire.AppendU16LE(b, uint16(len(k)))
	}
	for _, t := range p.TotalEntries {
		b = wire.AppendU16LE(b, t)
	}
	b = append(b, byte(p.Flags), 0) // bBitMask, Pad2
	b = wire.AppendU16LE(b, 0)      // Pad3
	for _, keys := range p.Keys {
		for _, k := range keys {
			b = wire.AppendU32LE(b, uint32(k))     // Key1
			b = wire.AppendU32LE(b, uint32(k>>32)) // Key2
		}
	}
	return b, nil
}

// Decode reads one TS_BITMAPCACHE_PERSISTENT_LIST_PDU body. The key
// entries must be exactly the sum of numEntriesCache0…4.
func (p *PersistentKeyList) Decode(r *wire.Reader) error {
	const name = "pdu: TS_BITMAPCACHE_PERSISTENT_LIST_PDU: %w"
	var num [5]int
	count, total := 0, 0
	for i := range num {
		num[i] = int(r.U16LE())
		count += num[i]
	}
	for i := range p.TotalEntries {
		p.TotalEntries[i] = r.U16LE()
		total += int(p.TotalEntries[i])
	}
	p.Flags = PersistFlags(r.U8())
	r.Skip(1 + 2) // Pad2, Pad3
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	// "The sum of the totalEntriesCache0, totalEntriesCache1,
	// totalEntriesCache2, totalEntriesCache3, and totalEntriesCache4 fields
	// MUST NOT exceed 262,144."
	if total > maxPersistentKeys {
		return fmt.Errorf(name, r.Failf("totalEntriesCache", "%d exceeds %d", total, maxPersistentKeys))
	}
	if count*persistentKeySize > r.Len() {
		return fmt.Errorf(name, r.Fail("entries", fmt.Errorf("%w: %d keys, %d bytes", wire.ErrShort, count, r.Len())))
	}
	for i := range p.Keys {
		p.Keys[i] = nil
		if num[i] > 0 {
			p.Keys[i] = make([]uint64, num[i])
		}
		for j := range p.Keys[i] {
			lo, hi := r.U32LE(), r.U32LE()
			p.Keys[i][j] = uint64(hi)<<32 | uint64(lo)
		}
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *PersistentKeyList) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
