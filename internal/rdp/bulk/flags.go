package bulk

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/sec"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Flags is a compression flags byte: the compressionFlags field of a
// fast-path update (TS_FP_UPDATE, [MS-RDPBCGR] 2.2.9.1.2.1), the
// compressedType field of a slow-path Share Data Header (2.2.8.1.1.1.2) and
// the flags of a virtual channel PDU header (2.2.6.1.1), whose low byte
// carries the same bits. The compression type is in the low 4 bits, the
// flags of [MS-RDPBCGR] 3.1.8.2.1 in the high 3.
type Flags uint8

// Compression types (the CompressionTypeMask bits of Flags), as the client
// advertises them in the Client Info PDU ([MS-RDPBCGR] 2.2.1.11.1.1, the
// CompressionTypeMask of the flags field) and as they tag each PDU.
const (
	Type8K    = Flags(sec.CompressionType8K)    // RDP 4.0 bulk compression ([MS-RDPBCGR] 3.1.8.4.1)
	Type64K   = Flags(sec.CompressionType64K)   // RDP 5.0 bulk compression ([MS-RDPBCGR] 3.1.8.4.2)
	TypeRDP6  = Flags(sec.CompressionTypeRDP6)  // RDP 6.0 bulk compression ([MS-RDPEGDI] 3.1.8.1)
	TypeRDP61 = Flags(sec.CompressionTypeRDP61) // RDP 6.1 bulk compression ([MS-RDPEGDI] 3.1.8.2)

	TypeMask Flags = 0x0F // CompressionTypeMask
)

// Compression flags, [MS-RDPBCGR] 3.1.8.2.1.
const (
	// Compressed is PACKET_COMPRESSED: the data is compressed, and the
	// receiver decompresses it into its history buffer at HistoryOffset.
	Compressed Flags = 0x20
	// AtFront is PACKET_AT_FRONT: the receiver resets HistoryOffset to 0
	// before decompressing. It is only set together with Compressed.
	AtFront Flags = 0x40
	// Flushed is PACKET_FLUSHED: the receiver refills its history buffer
	// with zeros and resets HistoryOffset to 0, before anything else.
	Flushed Flags = 0x80

	flagsMask    = Compressed | AtFront | Flushed
	reservedMask = 0x10 // between the type and the flags; no spec defines it
)

// Type returns the compression type bits.
func (f Flags) Type() Flags { return f & TypeMask }

// Used reports whether the flags say anything at all: Compressed,
// AtFront or Flushed. A PDU whose flags are not Used can be sent without
// compression flags (for a fast-path update: without
// FASTPATH_OUTPUT_COMPRESSION_USED and the compressionFlags byte); the
// receiver passes its data through and leaves its history alone.
func (f Flags) Used() bool { return f&flagsMask != 0 }

var flagNames = []wire.Flag{
	{Bits: uint64(Flushed), Name: "PACKET_FLUSHED"},
	{Bits: uint64(AtFront), Name: "PACKET_AT_FRONT"},
	{Bits: uint64(Compressed), Name: "PACKET_COMPRESSED"},
}

func (f Flags) String() string {
	typ := fmt.Sprintf("type %d", uint8(f.Type()))
	if f.Type() <= TypeRDP61 {
		typ = sec.CompressionType(f.Type()).String()
	}
	if rest := f &^ TypeMask; rest != 0 {
		return wire.FormatFlags(uint64(rest), flagNames) + "|" + typ
	}
	return typ
}

// Errors the decoders return, wrapped with details. Conditions are
// sentinels so that callers can tell a malformed PDU from a broken stream.
var (
	// ErrFlags reports flags that are not valid for the decoder: another
	// compression type, reserved bits, or PACKET_AT_FRONT without
	// PACKET_COMPRESSED.
	ErrFlags = errors.New("bulk: invalid compression flags")
	// ErrCorrupt reports compressed data that does not decode: a truncated
	// or undefined code, a copy outside the history buffer, data overflowing
	// the history buffer, or malformed RDP 6.1 structures.
	ErrCorrupt = errors.New("bulk: corrupt compressed data")
	// ErrBroken is returned by every call after a decoder has failed: its
	// history no longer matches the sender's, so the stream cannot be
	// decoded any more. Reset starts over.
	ErrBroken = errors.New("bulk: decoder failed earlier")
)

// sticky runs one decoding step of a decoder whose first error is kept in
// *broken: once broken, every step fails with ErrBroken (the history no
// longer matches the sender's), and a failing step leaves dst unchanged.
func sticky(broken *error, dst []byte, step func() ([]byte, error)) ([]byte, error) {
	if *broken != nil {
		return dst, fmt.Errorf("%w: %w", ErrBroken, *broken)
	}
	out, err := step()
	if err != nil {
		*broken = err
		return dst, err
	}
	return out, nil
}
