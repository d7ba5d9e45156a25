package bulk

import (
	"encoding/binary"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// RDP 6.1 bulk compression ("XCRUSH"), [MS-RDPEGDI] 3.1.8.2.
//
// A level-1 compressor finds long matches anywhere in a 2,000,000-byte
// history and describes them with RDP61_MATCH_DETAILS; the match list and
// the remaining literals go through the RDP 5.0 compressor of
// [MS-RDPBCGR] 3.1.8 (the "level-2" compressor, with its own 64 KB
// history). A PDU's data is an RDP61_COMPRESSED_DATA structure
// ([MS-RDPEGDI] 2.2.2.4.1):
//
//	Level1ComprFlags  1 byte   L1_* flags
//	Level2ComprFlags  1 byte   the level-2 (RDP 5.0) compression flags
//	then, after level-2 decompression if L1_INNER_COMPRESSION is set:
//	MatchCount        2 bytes  only with L1_COMPRESSED
//	MatchDetails      8 bytes each: MatchLength (2), MatchOutputOffset (2),
//	                  MatchHistoryOffset (4), little-endian
//	Literals          the bytes between and after the matches

const (
	// rdp61HistorySize is the level-1 history buffer size: "fixed at
	// 2,000,000 bytes" ([MS-RDPEGDI] 3.1.8.2.1).
	rdp61HistorySize = 2000000

	// MaxRDP61Len is the longest input the RDP 6.1 encoder compresses:
	// "Any single block of data that is being compressed by a compliant
	// compressor MUST be smaller in size than 16,383 bytes" (3.1.8.2.1).
	// Longer input is sent uncompressed.
	MaxRDP61Len = 16382

	// maxRDP61Block is the longest block the decoder accepts. FreeRDP's
	// xcrush_compress takes up to 16,384 bytes, one or two more than the
	// spec allows, and its bulk_compress hands it up to 16,383.
	maxRDP61Block = 16384

	// MinRDP61Len is the shortest input the RDP 6.1 encoder compresses, for
	// the reasons of MinMPPCLen.
	MinRDP61Len = MinMPPCLen

	rdp61HeaderLen  = 2 // Level1ComprFlags, Level2ComprFlags
	matchCountLen   = 2
	matchDetailsLen = 2 /* MatchLength */ + 2 /* MatchOutputOffset */ + 4 /* MatchHistoryOffset */
)

// l1Flags is the Level1ComprFlags field of RDP61_COMPRESSED_DATA,
// [MS-RDPEGDI] 2.2.2.4.1.
type l1Flags uint8

const (
	l1Compressed      l1Flags = 0x01 // L1_COMPRESSED: MatchCount and MatchDetails are present, with at least one match
	l1NoCompression   l1Flags = 0x02 // L1_NO_COMPRESSION: all literals
	l1PacketAtFront   l1Flags = 0x04 // L1_PACKET_AT_FRONT: the level-1 history starts again at offset 0
	l1InnerCompressed l1Flags = 0x10 // L1_INNER_COMPRESSION: Level2ComprFlags is valid and the rest went through level 2

	l1Reserved = ^(l1Compressed | l1NoCompression | l1PacketAtFront | l1InnerCompressed)
)

var l1FlagNames = []wire.Flag{
	{Bits: uint64(l1InnerCompressed), Name: "L1_INNER_COMPRESSION"},
	{Bits: uint64(l1PacketAtFront), Name: "L1_PACKET_AT_FRONT"},
	{Bits: uint64(l1NoCompression), Name: "L1_NO_COMPRESSION"},
	{Bits: uint64(l1Compressed), Name: "L1_COMPRESSED"},
}

func (f l1Flags) String() string { return wire.FormatFlags(uint64(f), l1FlagNames) }

// matchDetails is one RDP61_MATCH_DETAILS, [MS-RDPEGDI] 2.2.2.4.1.1.
type matchDetails struct {
	length        int // MatchLength: bytes copied from the level-1 history
	outputOffset  int // MatchOutputOffset: where they go in the block's output
	historyOffset int // MatchHistoryOffset: where they come from in the level-1 history buffer
}

// appendL1Compressed appends the part of an RDP61_COMPRESSED_DATA that
// follows the flags when L1_COMPRESSED is set: MatchCount, MatchDetails and
// the literals, which are the bytes of block not covered by matches.
func appendL1Compressed(dst []byte, matches []matchDetails, block []byte) []byte {
	dst = binary.LittleEndian.AppendUint16(dst, uint16(len(matches)))
	for _, m := range matches {
		dst = binary.LittleEndian.AppendUint16(dst, uint16(m.length))
		dst = binary.LittleEndian.AppendUint16(dst, uint16(m.outputOffset))
		dst = binary.LittleEndian.AppendUint32(dst, uint32(m.historyOffset))
	}
	at := 0
	for _, m := range matches {
		dst = append(dst, block[at:m.outputOffset]...)
		at = m.outputOffset + m.length
	}
	return append(dst, block[at:]...)
}

// errRDP61 wraps ErrCorrupt for RDP 6.1 structures.
func errRDP61(format string, args ...any) error {
	return fmt.Errorf("%w: RDP61_COMPRESSED_DATA: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}
