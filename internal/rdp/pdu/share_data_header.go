package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PDUType2 is pduType2, the type of a Data PDU ([MS-RDPBCGR]
// 2.2.8.1.1.1.2, [MS-RDPRFX] 2.2.3.1).
type PDUType2 uint8

// Data PDU types.
const (
	PDUType2Update                    PDUType2 = 0x02 // PDUTYPE2_UPDATE
	PDUType2Control                   PDUType2 = 0x14 // PDUTYPE2_CONTROL
	PDUType2Pointer                   PDUType2 = 0x1B // PDUTYPE2_POINTER
	PDUType2Input                     PDUType2 = 0x1C // PDUTYPE2_INPUT
	PDUType2Synchronize               PDUType2 = 0x1F // PDUTYPE2_SYNCHRONIZE
	PDUType2RefreshRect               PDUType2 = 0x21 // PDUTYPE2_REFRESH_RECT
	PDUType2PlaySound                 PDUType2 = 0x22 // PDUTYPE2_PLAY_SOUND
	PDUType2SuppressOutput            PDUType2 = 0x23 // PDUTYPE2_SUPPRESS_OUTPUT
	PDUType2ShutdownRequest           PDUType2 = 0x24 // PDUTYPE2_SHUTDOWN_REQUEST
	PDUType2ShutdownDenied            PDUType2 = 0x25 // PDUTYPE2_SHUTDOWN_DENIED
	PDUType2SaveSessionInfo           PDUType2 = 0x26 // PDUTYPE2_SAVE_SESSION_INFO
	PDUType2FontList                  PDUType2 = 0x27 // PDUTYPE2_FONTLIST
	PDUType2FontMap                   PDUType2 = 0x28 // PDUTYPE2_FONTMAP
	PDUType2SetKeyboardIndicators     PDUType2 = 0x29 // PDUTYPE2_SET_KEYBOARD_INDICATORS
	PDUType2BitmapCachePersistentList PDUType2 = 0x2B // PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST
	PDUType2BitmapCacheErrorPDU       PDUType2 = 0x2C // PDUTYPE2_BITMAPCACHE_ERROR_PDU
	PDUType2SetKeyboardIMEStatus      PDUType2 = 0x2D // PDUTYPE2_SET_KEYBOARD_IME_STATUS
	PDUType2OffscrCacheErrorPDU       PDUType2 = 0x2E // PDUTYPE2_OFFSCRCACHE_ERROR_PDU
	PDUType2SetErrorInfo              PDUType2 = 0x2F // PDUTYPE2_SET_ERROR_INFO_PDU
	PDUType2DrawNineGridErrorPDU      PDUType2 = 0x30 // PDUTYPE2_DRAWNINEGRID_ERROR_PDU
	PDUType2DrawGDIPlusErrorPDU       PDUType2 = 0x31 // PDUTYPE2_DRAWGDIPLUS_ERROR_PDU
	PDUType2ARCStatus                 PDUType2 = 0x32 // PDUTYPE2_ARC_STATUS_PDU
	PDUType2StatusInfo                PDUType2 = 0x36 // PDUTYPE2_STATUS_INFO_PDU
	PDUType2MonitorLayout             PDUType2 = 0x37 // PDUTYPE2_MONITOR_LAYOUT_PDU
	PDUType2FrameAcknowledge          PDUType2 = 0x38 // PDUTYPE2_FRAME_ACKNOWLEDGE ([MS-RDPRFX] 2.2.3.1)
)

func (t PDUType2) String() string {
	switch t {
	case PDUType2Update:
		return "PDUTYPE2_UPDATE"
	case PDUType2Control:
		return "PDUTYPE2_CONTROL"
	case PDUType2Pointer:
		return "PDUTYPE2_POINTER"
	case PDUType2Input:
		return "PDUTYPE2_INPUT"
	case PDUType2Synchronize:
		return "PDUTYPE2_SYNCHRONIZE"
	case PDUType2RefreshRect:
		return "PDUTYPE2_REFRESH_RECT"
	case PDUType2PlaySound:
		return "PDUTYPE2_PLAY_SOUND"
	case PDUType2SuppressOutput:
		return "PDUTYPE2_SUPPRESS_OUTPUT"
	case PDUType2ShutdownRequest:
		return "PDUTYPE2_SHUTDOWN_REQUEST"
	case PDUType2ShutdownDenied:
		return "PDUTYPE2_SHUTDOWN_DENIED"
	case PDUType2SaveSessionInfo:
		return "PDUTYPE2_SAVE_SESSION_INFO"
	case PDUType2FontList:
		return "PDUTYPE2_FONTLIST"
	case PDUType2FontMap:
		return "PDUTYPE2_FONTMAP"
	case PDUType2SetKeyboardIndicators:
		return "PDUTYPE2_SET_KEYBOARD_INDICATORS"
	case PDUType2BitmapCachePersistentList:
		return "PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST"
	case PDUType2BitmapCacheErrorPDU:
		return "PDUTYPE2_BITMAPCACHE_ERROR_PDU"
	case PDUType2SetKeyboardIMEStatus:
		return "PDUTYPE2_SET_KEYBOARD_IME_STATUS"
	case PDUType2OffscrCacheErrorPDU:
		return "PDUTYPE2_OFFSCRCACHE_ERROR_PDU"
	case PDUType2SetErrorInfo:
		return "PDUTYPE2_SET_ERROR_INFO_PDU"
	case PDUType2DrawNineGridErrorPDU:
		return "PDUTYPE2_DRAWNINEGRID_ERROR_PDU"
	case PDUType2DrawGDIPlusErrorPDU:
		return "PDUTYPE2_DRAWGDIPLUS_ERROR_PDU"
	case PDUType2ARCStatus:
		return "PDUTYPE2_ARC_STATUS_PDU"
	case PDUType2StatusInfo:
		return "PDUTYPE2_STATUS_INFO_PDU"
	case PDUType2MonitorLayout:
		return "PDUTYPE2_MONITOR_LAYOUT_PDU"
	case PDUType2FrameAcknowledge:
		return "PDUTYPE2_FRAME_ACKNOWLEDGE"
	}
	return fmt.Sprintf("PDUTYPE2(%#02x)", uint8(t))
}

// StreamID is streamID of the Share Data Header.
type StreamID uint8

// Stream priorities.
const (
	StreamUndefined StreamID = 0x00 // STREAM_UNDEFINED (Windows server Synchronize PDU bug only)
	StreamLow       StreamID = 0x01 // STREAM_LOW
	StreamMed       StreamID = 0x02 // STREAM_MED
	StreamHi        StreamID = 0x04 // STREAM_HI
)

// CompressedType is compressedType of the Share Data Header: the bulk
// compression type in the low 4 bits, and flags.
type CompressedType uint8

// Compression flags and types.
const (
	CompressionTypeMask  CompressedType = 0x0F // CompressionTypeMask
	PacketCompressed     CompressedType = 0x20 // PACKET_COMPRESSED
	PacketAtFront        CompressedType = 0x40 // PACKET_AT_FRONT
	PacketFlushed        CompressedType = 0x80 // PACKET_FLUSHED
	PacketComprType8K    CompressedType = 0x0  // PACKET_COMPR_TYPE_8K
	PacketComprType64K   CompressedType = 0x1  // PACKET_COMPR_TYPE_64K
	PacketComprTypeRDP6  CompressedType = 0x2  // PACKET_COMPR_TYPE_RDP6
	PacketComprTypeRDP61 CompressedType = 0x3  // PACKET_COMPR_TYPE_RDP61
)

const shareDataHeaderLen = 4 /* shareID */ + 1 /* pad1 */ + 1 /* streamID */ + 2 /* uncompressedLength */ +
	1 /* pduType2 */ + 1 /* compressedType */ + 2 /* compressedLength */

// ShareDataHeader is the Share Data Header (TS_SHAREDATAHEADER),
// [MS-RDPBCGR] 2.2.8.1.1.1.2, without the Share Control Header that opens
// it on the wire (see DecodeShareData and AppendShareData).
type ShareDataHeader struct {
	ShareID  uint32   // shareID
	StreamID StreamID // streamID
	// UncompressedLength is kept as sent and never checked (see the package
	// documentation); AppendShareData writes the whole PDU length.
	UncompressedLength uint16         // uncompressedLength
	Type2              PDUType2       // pduType2
	CompressedType     CompressedType // compressedType
	CompressedLength   uint16         // compressedLength
}

var _ wire.PDU = (*ShareDataHeader)(nil)

// Size returns the encoded length, 12.
func (*ShareDataHeader) Size() int { return shareDataHeaderLen }

// AppendBinary appends the header (pad1 is zero).
func (h *ShareDataHeader) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32LE(b, h.ShareID)
	b = append(b, 0, byte(h.StreamID)) // pad1, streamID
	b = wire.AppendU16LE(b, h.UncompressedLength)
	b = append(b, byte(h.Type2), byte(h.CompressedType))
	return wire.AppendU16LE(b, h.CompressedLength), nil
}

// Decode reads one TS_SHAREDATAHEADER (after the share control header).
func (h *ShareDataHeader) Decode(r *wire.Reader) error {
	h.ShareID = r.U32LE()
	r.Skip(1) // pad1: "Values in this field MUST be ignored."
	h.StreamID = StreamID(r.U8())
	h.UncompressedLength = r.U16LE()
	h.Type2 = PDUType2(r.U8())
	h.CompressedType = CompressedType(r.U8())
	h.CompressedLength = r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_SHAREDATAHEADER: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the header.
func (h *ShareDataHeader) UnmarshalBinary(b []byte) error { return wire.Unmarshal(h, b) }
