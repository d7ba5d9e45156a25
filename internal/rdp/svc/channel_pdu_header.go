package svc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ChannelFlags are the flags of CHANNEL_PDU_HEADER ([MS-RDPBCGR] 2.2.6.1.1).
type ChannelFlags uint32

const (
	FlagFirst ChannelFlags = 0x00000001 // CHANNEL_FLAG_FIRST: the first chunk of a message
	FlagLast  ChannelFlags = 0x00000002 // CHANNEL_FLAG_LAST: the last chunk of a message
	// FlagShowProtocol is set when the channel was created with
	// CHANNEL_OPTION_SHOW_PROTOCOL: the header is visible to the endpoint.
	FlagShowProtocol ChannelFlags = 0x00000010 // CHANNEL_FLAG_SHOW_PROTOCOL
	// FlagSuspend and FlagResume are "only valid in server-to-client virtual
	// channel traffic. [They] MUST be ignored in client-to-server data."
	FlagSuspend          ChannelFlags = 0x00000020 // CHANNEL_FLAG_SUSPEND
	FlagResume           ChannelFlags = 0x00000040 // CHANNEL_FLAG_RESUME
	FlagShadowPersistent ChannelFlags = 0x00000080 // CHANNEL_FLAG_SHADOW_PERSISTENT
	// CompressionTypeMask holds the bulk compression type of a compressed
	// chunk (PACKET_COMPR_TYPE_8K, _64K… shifted left by 16).
	CompressionTypeMask  ChannelFlags = 0x000F0000
	FlagPacketCompressed ChannelFlags = 0x00200000 // CHANNEL_PACKET_COMPRESSED
	FlagPacketAtFront    ChannelFlags = 0x00400000 // CHANNEL_PACKET_AT_FRONT
	FlagPacketFlushed    ChannelFlags = 0x00800000 // CHANNEL_PACKET_FLUSHED
	compressionTypeShift              = 16
)

// Has reports whether every flag in x is set in f.
func (f ChannelFlags) Has(x ChannelFlags) bool { return f&x == x }

// String prints the set flags joined by '|' in spec spelling, the
// compression type as COMPR_TYPE(n), unknown bits in hex, and 0 for none.
func (f ChannelFlags) String() string {
	s := wire.FormatFlags(uint64(f&^CompressionTypeMask), []wire.Flag{
		{Bits: uint64(FlagFirst), Name: "CHANNEL_FLAG_FIRST"},
		{Bits: uint64(FlagLast), Name: "CHANNEL_FLAG_LAST"},
		{Bits: uint64(FlagShowProtocol), Name: "CHANNEL_FLAG_SHOW_PROTOCOL"},
		{Bits: uint64(FlagSuspend), Name: "CHANNEL_FLAG_SUSPEND"},
		{Bits: uint64(FlagResume), Name: "CHANNEL_FLAG_RESUME"},
		{Bits: uint64(FlagShadowPersistent), Name: "CHANNEL_FLAG_SHADOW_PERSISTENT"},
		{Bits: uint64(FlagPacketCompressed), Name: "CHANNEL_PACKET_COMPRESSED"},
		{Bits: uint64(FlagPacketAtFront), Name: "CHANNEL_PACKET_AT_FRONT"},
		{Bits: uint64(FlagPacketFlushed), Name: "CHANNEL_PACKET_FLUSHED"},
	})
	t := f & CompressionTypeMask
	switch {
	case t == 0:
		return s
	case s == "0":
		return fmt.Sprintf("COMPR_TYPE(%d)", uint32(t)>>compressionTypeShift)
	}
	return fmt.Sprintf("%s|COMPR_TYPE(%d)", s, uint32(t)>>compressionTypeShift)
}

// ChannelPDUHeader is the Channel PDU Header (CHANNEL_PDU_HEADER),
// [MS-RDPBCGR] 2.2.6.1.1. It precedes every chunk of static virtual channel
// data.
type ChannelPDUHeader struct {
	// Length is "the total length in bytes of the uncompressed channel
	// data, excluding this header": the whole message, in every chunk.
	Length uint32
	Flags  ChannelFlags // flags
}

// HeaderSize is the encoded size of a ChannelPDUHeader.
const HeaderSize = 4 /* length */ + 4 /* flags */

var _ wire.PDU = (*ChannelPDUHeader)(nil)

// Size returns the encoded length in bytes.
func (*ChannelPDUHeader) Size() int { return HeaderSize }

// AppendBinary appends the header.
func (h *ChannelPDUHeader) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32LE(b, h.Length)
	return wire.AppendU32LE(b, uint32(h.Flags)), nil
}

// Decode reads one CHANNEL_PDU_HEADER from r. Every flag value decodes;
// what the flags allow is the Dechunker's business.
func (h *ChannelPDUHeader) Decode(r *wire.Reader) error {
	h.Length, h.Flags = r.U32LE(), ChannelFlags(r.U32LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf("svc: CHANNEL_PDU_HEADER: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b as exactly one header.
func (h *ChannelPDUHeader) UnmarshalBinary(b []byte) error { return wire.Unmarshal(h, b) }
