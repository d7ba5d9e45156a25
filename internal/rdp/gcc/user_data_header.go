package gcc

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// BlockType is the type field of a User Data Header (TS_UD_HEADER),
// [MS-RDPBCGR] 2.2.1.3.1. Every settings data block, client and server,
// starts with a TS_UD_HEADER: type (2 bytes) and length (2 bytes, the size of
// the whole block including the header), both little-endian.
type BlockType uint16

// Block types, [MS-RDPBCGR] 2.2.1.3.1.
const (
	CSCore           BlockType = 0xC001 // CS_CORE: Client Core Data
	CSSecurity       BlockType = 0xC002 // CS_SECURITY: Client Security Data
	CSNet            BlockType = 0xC003 // CS_NET: Client Network Data
	CSCluster        BlockType = 0xC004 // CS_CLUSTER: Client Cluster Data
	CSMonitor        BlockType = 0xC005 // CS_MONITOR: Client Monitor Data
	CSMCSMsgChannel  BlockType = 0xC006 // CS_MCS_MSGCHANNEL: Client Message Channel Data
	CSMonitorEx      BlockType = 0xC008 // CS_MONITOR_EX: Client Monitor Extended Data
	CSMultitransport BlockType = 0xC00A // CS_MULTITRANSPORT: Client Multitransport Channel Data
	CSUnused1        BlockType = 0xC00C // CS_UNUSED1: Client Unused1 Data (kept raw; the server ignores it)

	SCCore           BlockType = 0x0C01 // SC_CORE: Server Core Data
	SCSecurity       BlockType = 0x0C02 // SC_SECURITY: Server Security Data
	SCNet            BlockType = 0x0C03 // SC_NET: Server Network Data
	SCMCSMsgChannel  BlockType = 0x0C04 // SC_MCS_MSGCHANNEL: Server Message Channel Data
	SCMultitransport BlockType = 0x0C08 // SC_MULTITRANSPORT: Server Multitransport Channel Data
)

func (t BlockType) String() string {
	switch t {
	case CSCore:
		return "CS_CORE"
	case CSSecurity:
		return "CS_SECURITY"
	case CSNet:
		return "CS_NET"
	case CSCluster:
		return "CS_CLUSTER"
	case CSMonitor:
		return "CS_MONITOR"
	case CSMCSMsgChannel:
		return "CS_MCS_MSGCHANNEL"
	case CSMonitorEx:
		return "CS_MONITOR_EX"
	case CSMultitransport:
		return "CS_MULTITRANSPORT"
	case CSUnused1:
		return "CS_UNUSED1"
	case SCCore:
		return "SC_CORE"
	case SCSecurity:
		return "SC_SECURITY"
	case SCNet:
		return "SC_NET"
	case SCMCSMsgChannel:
		return "SC_MCS_MSGCHANNEL"
	case SCMultitransport:
		return "SC_MULTITRANSPORT"
	}
	return fmt.Sprintf("0x%04X", uint16(t))
}

// Errors that ClientData and ServerData wrap.
var (
	// ErrDuplicateBlock means a data block type this package models
	// appeared twice.
	ErrDuplicateBlock = errors.New("gcc: duplicate data block")
	// ErrMissingBlock means a data block that [MS-RDPBCGR] requires is
	// absent (see ClientData.CheckRequired, ServerData.CheckRequired).
	ErrMissingBlock = errors.New("gcc: missing data block")
)

// headerSize is the size of a TS_UD_HEADER.
const headerSize = 2 /* type */ + 2 /* length */

// maxBlockSize is the largest block the 16-bit length field can describe.
const maxBlockSize = 0xFFFF

// block is what ClientData and ServerData hold: a settings data block,
// TS_UD_HEADER included.
type block = wire.PDU

// readBlock reads a TS_UD_HEADER, checks that its type is want and that its
// length covers the header and fits in r, and returns a Reader over exactly
// the block's body.
func readBlock(r *wire.Reader, want BlockType) (*wire.Reader, error) {
	typ, length := BlockType(r.U16LE()), int(r.U16LE())
	if err := r.Err(); err != nil {
		return nil, err
	}
	if typ != want {
		return nil, r.Failf("type", "%v, want %v", typ, want)
	}
	// 2.2.1.3.1: length is "the size in bytes of the data block, including
	// this header".
	if length < headerSize {
		return nil, r.Failf("length", "%d is shorter than the %d-byte header", length, headerSize)
	}
	body := r.Sub(length - headerSize)
	if err := r.Err(); err != nil {
		return nil, err
	}
	return body, nil
}

// peekBlockType returns the type of the block r starts with, without
// consuming it.
func peekBlockType(r *wire.Reader) (BlockType, error) {
	b := r.Peek(2)
	if b == nil {
		r.Fail("TS_UD_HEADER type", fmt.Errorf("%w: need 2, have %d", wire.ErrShort, r.Len()))
		return 0, fmt.Errorf("gcc: TS_UD_HEADER: %w", r.Err())
	}
	return BlockType(binary.LittleEndian.Uint16(b)), nil
}

// appendHeader appends a TS_UD_HEADER for a block of size bytes (header
// included).
func appendHeader(b []byte, typ BlockType, size int) ([]byte, error) {
	if size < headerSize || size > maxBlockSize {
		return b, fmt.Errorf("gcc: %v block of %d bytes does not fit the 16-bit length", typ, size)
	}
	b = wire.AppendU16LE(b, uint16(typ))
	return wire.AppendU16LE(b, uint16(size)), nil
}
