package pdu

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ErrCompressed reports a Data PDU with PACKET_COMPRESSED set. Clients
// may compress only virtual channel data ([MS-RDPBCGR] 3.1.8), and
// ranoviced's server compresses only fast-path updates, so a compressed
// slow-path Data PDU is a protocol error either way.
var ErrCompressed = errors.New("pdu: compressed data PDU")

// ErrUnknownType reports a pduType or pduType2 this package does not
// decode. For pduType2 the caller logs and ignores the PDU, as FreeRDP's
// server does; the spec's code for it is ERRINFO_UNKNOWNPDUTYPE2.
var ErrUnknownType = errors.New("pdu: unknown PDU type")

// DecodeShareControl reads the Share Control Header at the start of b (the
// whole userData of an MCS Send Data PDU, security header removed) and
// returns it with the rest of b, which aliases b. totalLength must equal
// len(b). A FlowPDU fails with an error wrapping ErrFlowPDU; the caller
// ignores it.
func DecodeShareControl(b []byte) (ShareControlHeader, []byte, error) {
	var h ShareControlHeader
	r := wire.NewReader(b)
	if err := h.Decode(r); err != nil {
		return h, nil, err
	}
	// 3.2.5.3.13.1 (and every share PDU): "The value of the totalLength
	// field MUST also be examined for consistency with the received data."
	if int(h.TotalLength) != len(b) {
		return h, nil, fmt.Errorf("pdu: TS_SHARECONTROLHEADER: %w",
			&wire.DecodeError{Field: "totalLength", Err: fmt.Errorf("%w: %d, but the PDU has %d bytes", wire.ErrInvalid, h.TotalLength, len(b))})
	}
	return h, r.Rest(), nil
}

// DecodeShareData reads the Share Data Header at the start of body (the
// bytes after a PDUTYPE_DATAPDU share control header) and returns it with
// the Data PDU body, which aliases body. Compressed PDUs fail with
// ErrCompressed.
func DecodeShareData(body []byte) (ShareDataHeader, []byte, error) {
	var h ShareDataHeader
	r := wire.NewReader(body)
	if err := h.Decode(r); err != nil {
		return h, nil, err
	}
	if h.CompressedType&PacketCompressed != 0 {
		return h, nil, fmt.Errorf("%w: compressedType %#02x, type %v", ErrCompressed, uint8(h.CompressedType), h.Type2)
	}
	return h, r.Rest(), nil
}

// DecodeShareControlBody decodes the body of a share control PDU of type t
// that is not a Data PDU: a *DemandActive, *ConfirmActive or
// *DeactivateAll. Other types fail with ErrUnknownType (PDUTYPE_DATAPDU
// bodies go to DecodeShareData).
func DecodeShareControlBody(t PDUType, body []byte) (wire.PDU, error) {
	var p wire.PDU
	switch t {
	case PDUTypeDemandActive:
		p = new(DemandActive)
	case PDUTypeConfirmActive:
		p = new(ConfirmActive)
	case PDUTypeDeactivateAll:
		p = new(DeactivateAll)
	default:
		return nil, fmt.Errorf("%w: %v", ErrUnknownType, t)
	}
	if err := p.UnmarshalBinary(body); err != nil {
		return nil, err
	}
	return p, nil
}

// DecodeShareDataBody decodes a Data PDU body of type t2 into its type:
// *BitmapUpdate (UPDATE; only UPDATETYPE_BITMAP), *Control, *InputEvents,
// *Synchronize, *RefreshRect, *SuppressOutput, *ShutdownRequest,
// *ShutdownDenied, *FontList, *FontMap, *PersistentKeyList, *SetErrorInfo
// or *FrameAcknowledge. Other types fail with ErrUnknownType. Byte slices
// in the result alias body.
func DecodeShareDataBody(t2 PDUType2, body []byte) (wire.PDU, error) {
	var p wire.PDU
	switch t2 {
	case PDUType2Update:
		p = new(BitmapUpdate)
	case PDUType2Control:
		p = new(Control)
	case PDUType2Input:
		p = new(InputEvents)
	case PDUType2Synchronize:
		p = new(Synchronize)
	case PDUType2RefreshRect:
		p = new(RefreshRect)
	case PDUType2SuppressOutput:
		p = new(SuppressOutput)
	case PDUType2ShutdownRequest:
		p = new(ShutdownRequest)
	case PDUType2ShutdownDenied:
		p = new(ShutdownDenied)
	case PDUType2FontList:
		p = new(FontList)
	case PDUType2FontMap:
		p = new(FontMap)
	case PDUType2BitmapCachePersistentList:
		p = new(PersistentKeyList)
	case PDUType2SetErrorInfo:
		p = new(SetErrorInfo)
	case PDUType2FrameAcknowledge:
		p = new(FrameAcknowledge)
	default:
		return nil, fmt.Errorf("%w: %v", ErrUnknownType, t2)
	}
	if err := p.UnmarshalBinary(body); err != nil {
		return nil, err
	}
	return p, nil
}

// AppendShareControl appends a share control PDU: the header (totalLength
// computed, pduSource = source) and body. It is for Demand Active, Confirm
// Active and Deactivate All; Data PDUs use AppendShareData.
func AppendShareControl(b []byte, t PDUType, source uint16, body wire.PDU) ([]byte, error) {
	if body == nil {
		return b, fmt.Errorf("pdu: %v: nil body", t)
	}
	total := shareControlHeaderLen + body.Size()
	if total > 0xFFFF || total == flowMarker {
		return b, fmt.Errorf("pdu: %v: totalLength %d cannot be encoded", t, total)
	}
	h := ShareControlHeader{TotalLength: uint16(total), Type: t, Source: source}
	orig := b
	b, err := h.AppendBinary(b)
	if err != nil {
		return orig, err
	}
	return appendBody(b, body)
}

// AppendShareData appends a Data PDU: share control header (PDUTYPE_DATAPDU,
// pduSource = source), share data header and body. streamID is STREAM_LOW,
// compressedType and compressedLength are zero, and uncompressedLength is
// the whole PDU's length, as the Windows server writes it ([MS-RDPBCGR]
// 4.1.19–4.1.22). The Set Error Info PDU requires source 0.
//
// AppendShareData(b, src, shareID, PDUType2Update, &BitmapUpdate{…}) is the
// slow-path Bitmap Update (TS_UPDATE_BITMAP, 2.2.9.1.1.3.1.2).
func AppendShareData(b []byte, source uint16, shareID uint32, t2 PDUType2, body wire.PDU) ([]byte, error) {
	if body == nil {
		return b, fmt.Errorf("pdu: %v: nil body", t2)
	}
	total := shareControlHeaderLen + shareDataHeaderLen + body.Size()
	if total > 0xFFFF || total == flowMarker {
		return b, fmt.Errorf("pdu: %v: totalLength %d cannot be encoded", t2, total)
	}
	ch := ShareControlHeader{TotalLength: uint16(total), Type: PDUTypeData, Source: source}
	orig := b
	b, err := ch.AppendBinary(b)
	if err != nil {
		return orig, err
	}
	dh := ShareDataHeader{ShareID: shareID, StreamID: StreamLow, UncompressedLength: uint16(total), Type2: t2}
	if b, err = dh.AppendBinary(b); err != nil {
		return orig, err
	}
	return appendBody(b, body)
}

// appendBody appends body and checks that it wrote exactly Size() bytes, so
// the lengths already written stay true.
func appendBody(b []byte, body wire.PDU) ([]byte, error) {
	n, want := len(b), body.Size()
	b, err := body.AppendBinary(b)
	if err != nil {
		return nil, err
	}
	if len(b)-n != want {
		return nil, fmt.Errorf("pdu: %T wrote %d bytes, Size() %d", body, len(b)-n, want)
	}
	return b, nil
}
