package fastpath

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// UpdateCode is the updateCode field of updateHeader ([MS-RDPBCGR]
// 2.2.9.1.2.1): the type of a fast-path update.
type UpdateCode uint8

const (
	UpdateOrders       UpdateCode = 0x0 // FASTPATH_UPDATETYPE_ORDERS ([MS-RDPEGDI] 2.2.2.2)
	UpdateBitmap       UpdateCode = 0x1 // FASTPATH_UPDATETYPE_BITMAP (2.2.9.1.2.1.2)
	UpdatePalette      UpdateCode = 0x2 // FASTPATH_UPDATETYPE_PALETTE (2.2.9.1.2.1.1)
	UpdateSynchronize  UpdateCode = 0x3 // FASTPATH_UPDATETYPE_SYNCHRONIZE (2.2.9.1.2.1.3)
	UpdateSurfCmds     UpdateCode = 0x4 // FASTPATH_UPDATETYPE_SURFCMDS (2.2.9.1.2.1.10)
	UpdatePtrNull      UpdateCode = 0x5 // FASTPATH_UPDATETYPE_PTR_NULL (2.2.9.1.2.1.5)
	UpdatePtrDefault   UpdateCode = 0x6 // FASTPATH_UPDATETYPE_PTR_DEFAULT (2.2.9.1.2.1.6)
	UpdatePtrPosition  UpdateCode = 0x8 // FASTPATH_UPDATETYPE_PTR_POSITION (2.2.9.1.2.1.4)
	UpdateColor        UpdateCode = 0x9 // FASTPATH_UPDATETYPE_COLOR (2.2.9.1.2.1.7)
	UpdateCached       UpdateCode = 0xA // FASTPATH_UPDATETYPE_CACHED (2.2.9.1.2.1.9)
	UpdatePointer      UpdateCode = 0xB // FASTPATH_UPDATETYPE_POINTER (2.2.9.1.2.1.8)
	UpdateLargePointer UpdateCode = 0xC // FASTPATH_UPDATETYPE_LARGE_POINTER (2.2.9.1.2.1.11)
)

// Valid reports whether c is an update code the spec defines.
func (c UpdateCode) Valid() bool { return c <= UpdateLargePointer && c != 0x7 }

func (c UpdateCode) String() string {
	switch c {
	case UpdateOrders:
		return "FASTPATH_UPDATETYPE_ORDERS"
	case UpdateBitmap:
		return "FASTPATH_UPDATETYPE_BITMAP"
	case UpdatePalette:
		return "FASTPATH_UPDATETYPE_PALETTE"
	case UpdateSynchronize:
		return "FASTPATH_UPDATETYPE_SYNCHRONIZE"
	case UpdateSurfCmds:
		return "FASTPATH_UPDATETYPE_SURFCMDS"
	case UpdatePtrNull:
		return "FASTPATH_UPDATETYPE_PTR_NULL"
	case UpdatePtrDefault:
		return "FASTPATH_UPDATETYPE_PTR_DEFAULT"
	case UpdatePtrPosition:
		return "FASTPATH_UPDATETYPE_PTR_POSITION"
	case UpdateColor:
		return "FASTPATH_UPDATETYPE_COLOR"
	case UpdateCached:
		return "FASTPATH_UPDATETYPE_CACHED"
	case UpdatePointer:
		return "FASTPATH_UPDATETYPE_POINTER"
	case UpdateLargePointer:
		return "FASTPATH_UPDATETYPE_LARGE_POINTER"
	}
	return fmt.Sprintf("UpdateCode(%#x)", uint8(c))
}

// Fragmentation is the fragmentation field of updateHeader (2.2.9.1.2.1).
type Fragmentation uint8

const (
	FragmentSingle Fragmentation = 0x0 // FASTPATH_FRAGMENT_SINGLE: the whole update
	FragmentLast   Fragmentation = 0x1 // FASTPATH_FRAGMENT_LAST
	FragmentFirst  Fragmentation = 0x2 // FASTPATH_FRAGMENT_FIRST
	FragmentNext   Fragmentation = 0x3 // FASTPATH_FRAGMENT_NEXT
)

func (f Fragmentation) String() string {
	switch f {
	case FragmentSingle:
		return "FASTPATH_FRAGMENT_SINGLE"
	case FragmentLast:
		return "FASTPATH_FRAGMENT_LAST"
	case FragmentFirst:
		return "FASTPATH_FRAGMENT_FIRST"
	case FragmentNext:
		return "FASTPATH_FRAGMENT_NEXT"
	}
	return fmt.Sprintf("Fragmentation(%d)", uint8(f))
}

// updateHeader bit fields.
const (
	updateCodeMask     = 0x0F // updateCode, bits 0–3
	fragmentationShift = 4    // fragmentation, bits 4–5
	fragmentationMask  = 0x03
	compressionShift   = 6 // compression, bits 6–7
	// CompressionUsed is FASTPATH_OUTPUT_COMPRESSION_USED: compressionFlags
	// follows updateHeader.
	CompressionUsed = 0x2
	// MaxUpdateData is the largest updateData the 16-bit size field holds.
	MaxUpdateData = 0xFFFF
)

// Update is one Fast-Path Update (TS_FP_UPDATE), [MS-RDPBCGR]
// 2.2.9.1.2.1: updateHeader, compressionFlags (only with
// FASTPATH_OUTPUT_COMPRESSION_USED), size, updateData.
type Update struct {
	Code          UpdateCode    // updateCode
	Fragmentation Fragmentation // fragmentation
	// Compression is the compression field of updateHeader: 0, or
	// CompressionUsed when compressionFlags follows the header.
	Compression uint8
	// CompressionFlags is compressionFlags, present only with
	// CompressionUsed: the bulk compression type and flags of updateData
	// (package bulk's Flags, [MS-RDPBCGR] 3.1.8.2.1). This package does not
	// interpret them; the receiver decompresses updateData with them.
	CompressionFlags uint8
	Data             []byte // updateData; decoding aliases the input
}

var _ wire.PDU = (*Update)(nil)

// Size returns the encoded length in bytes.
func (u *Update) Size() int {
	n := 1 /* updateHeader */ + 2 /* size */ + len(u.Data)
	if u.Compression == CompressionUsed {
		n++ // compressionFlags
	}
	return n
}

// AppendBinary appends the update. It fails for an undefined update code
// or fragmentation, a compression field other than 0 and CompressionUsed,
// compressionFlags without CompressionUsed, or data over 65,535 bytes.
func (u *Update) AppendBinary(b []byte) ([]byte, error) {
	switch {
	case !u.Code.Valid():
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE: %w: %v", wire.ErrInvalid, u.Code)
	case u.Fragmentation > FragmentNext:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE: %w: %v", wire.ErrInvalid, u.Fragmentation)
	case u.Compression != 0 && u.Compression != CompressionUsed:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE: %w: undefined compression %d", wire.ErrInvalid, u.Compression)
	case u.Compression == 0 && u.CompressionFlags != 0:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE: %w: compressionFlags %#x without FASTPATH_OUTPUT_COMPRESSION_USED", wire.ErrInvalid, u.CompressionFlags)
	case len(u.Data) > MaxUpdateData:
		return b, fmt.Errorf("fastpath: TS_FP_UPDATE: %w: %d bytes of updateData, at most %d", wire.ErrInvalid, len(u.Data), MaxUpdateData)
	}
	b = append(b, byte(u.Code)|byte(u.Fragmentation)<<fragmentationShift|u.Compression<<compressionShift)
	if u.Compression == CompressionUsed {
		b = append(b, u.CompressionFlags)
	}
	b = wire.AppendU16LE(b, uint16(len(u.Data)))
	return append(b, u.Data...), nil
}

// Decode reads one TS_FP_UPDATE from r.
func (u *Update) Decode(r *wire.Reader) error {
	hdr := r.U8()
	if err := r.Err(); err != nil {
		return fmt.Errorf("fastpath: TS_FP_UPDATE: %w", err)
	}
	*u = Update{
		Code:          UpdateCode(hdr & updateCodeMask),
		Fragmentation: Fragmentation(hdr >> fragmentationShift & fragmentationMask),
		Compression:   hdr >> compressionShift,
	}
	if !u.Code.Valid() {
		r.Failf("updateCode", "undefined update code %#x", uint8(u.Code))
		return fmt.Errorf("fastpath: TS_FP_UPDATE: %w", r.Err())
	}
	switch u.Compression {
	case 0:
	case CompressionUsed:
		u.CompressionFlags = r.U8()
	default:
		r.Failf("compression", "undefined value %d", u.Compression)
		return fmt.Errorf("fastpath: TS_FP_UPDATE: %w", r.Err())
	}
	size := int(r.U16LE())
	u.Data = r.Bytes(size)
	if err := r.Err(); err != nil {
		return fmt.Errorf("fastpath: TS_FP_UPDATE %v: %w", u.Code, err)
	}
	return nil
}

// UnmarshalBinary decodes b as exactly one update.
func (u *Update) UnmarshalBinary(b []byte) error { return wire.Unmarshal(u, b) }

// AppendUpdate appends one uncompressed TS_FP_UPDATE (updateHeader, size,
// updateData); append a compressed one with Update.AppendBinary. Several may be appended to one buffer and sent in one
// output PDU; a fragmented update's pieces go in separate PDUs (see Split).
func AppendUpdate(b []byte, code UpdateCode, frag Fragmentation, data []byte) ([]byte, error) {
	u := Update{Code: code, Fragmentation: frag, Data: data}
	return u.AppendBinary(b)
}

// DecodeUpdates decodes the (decrypted) fpOutputUpdates of an OutputPDU:
// one or more updates filling data exactly. The updates alias data.
func DecodeUpdates(data []byte) ([]Update, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("fastpath: fpOutputUpdates: %w: no updates", wire.ErrInvalid)
	}
	r := wire.NewReader(data)
	var updates []Update // each costs at least 3 input bytes: bounded by len(data)
	for r.Len() > 0 {
		var u Update
		if err := u.Decode(r); err != nil {
			return nil, fmt.Errorf("fastpath: fpOutputUpdates[%d]: %w", len(updates), err)
		}
		updates = append(updates, u)
	}
	if err := r.Finish(); err != nil {
		return nil, fmt.Errorf("fastpath: fpOutputUpdates: %w", err)
	}
	return updates, nil
}
