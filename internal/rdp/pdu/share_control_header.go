package pdu

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// PDUType is the type subfield (low 4 bits) of pduType in the Share Control
// Header ([MS-RDPBCGR] 2.2.8.1.1.1.1).
type PDUType uint8

// Share control PDU types.
const (
	PDUTypeDemandActive  PDUType = 0x1 // PDUTYPE_DEMANDACTIVEPDU
	PDUTypeConfirmActive PDUType = 0x3 // PDUTYPE_CONFIRMACTIVEPDU
	PDUTypeDeactivateAll PDUType = 0x6 // PDUTYPE_DEACTIVATEALLPDU
	PDUTypeData          PDUType = 0x7 // PDUTYPE_DATAPDU
	PDUTypeServerRedir   PDUType = 0xA // PDUTYPE_SERVER_REDIR_PKT
)

func (t PDUType) String() string {
	switch t {
	case PDUTypeDemandActive:
		return "PDUTYPE_DEMANDACTIVEPDU"
	case PDUTypeConfirmActive:
		return "PDUTYPE_CONFIRMACTIVEPDU"
	case PDUTypeDeactivateAll:
		return "PDUTYPE_DEACTIVATEALLPDU"
	case PDUTypeData:
		return "PDUTYPE_DATAPDU"
	case PDUTypeServerRedir:
		return "PDUTYPE_SERVER_REDIR_PKT"
	}
	return fmt.Sprintf("PDUTYPE(%#x)", uint8(t))
}

// ErrFlowPDU reports a T.128 FlowPDU: a Share Control Header whose
// totalLength is 0x8000. 2.2.8.1.1.1.1: it "MAY be interpreted as a T.128
// FlowPDU ... and MUST be ignored". Callers drop the whole PDU.
var ErrFlowPDU = errors.New("pdu: flow PDU (totalLength 0x8000), to be ignored")

const (
	flowMarker            = 0x8000                                    // totalLength of a T.128 FlowPDU
	protocolVersion       = 0x1                                       // TS_PROTOCOL_VERSION, the PDUVersion subfield
	shareControlHeaderLen = 2 /* totalLength */ + 2 /* pduType */ + 2 /* pduSource */
)

// ShareControlHeader is the Share Control Header (TS_SHARECONTROLHEADER),
// [MS-RDPBCGR] 2.2.8.1.1.1.1. AppendShareControl computes TotalLength;
// DecodeShareControl checks it.
type ShareControlHeader struct {
	TotalLength uint16  // totalLength: the whole PDU, this header included
	Type        PDUType // pduType type subfield; PDUVersion is always TS_PROTOCOL_VERSION
	Source      uint16  // pduSource: the sender's MCS channel ID
}

var _ wire.PDU = (*ShareControlHeader)(nil)

// Size returns the encoded length, 6.
func (*ShareControlHeader) Size() int { return shareControlHeaderLen }

// AppendBinary appends the header. It fails for a type that does not fit
// in 4 bits, a TotalLength shorter than the header, or the flow marker.
func (h *ShareControlHeader) AppendBinary(b []byte) ([]byte, error) {
	if h.Type > 0xF {
		return nil, fmt.Errorf("pdu: TS_SHARECONTROLHEADER: type %v does not fit in 4 bits", h.Type)
	}
	if h.TotalLength < shareControlHeaderLen || h.TotalLength == flowMarker {
		return nil, fmt.Errorf("pdu: TS_SHARECONTROLHEADER: totalLength %#x not allowed", h.TotalLength)
	}
	b = wire.AppendU16LE(b, h.TotalLength)
	b = wire.AppendU16LE(b, protocolVersion<<4|uint16(h.Type))
	return wire.AppendU16LE(b, h.Source), nil
}

// Decode reads one TS_SHARECONTROLHEADER. A FlowPDU fails with an error
// wrapping ErrFlowPDU.
func (h *ShareControlHeader) Decode(r *wire.Reader) error {
	const name = "pdu: TS_SHARECONTROLHEADER: %w"
	h.TotalLength = r.U16LE()
	if r.Err() == nil && h.TotalLength == flowMarker {
		return fmt.Errorf(name, r.Fail("totalLength", ErrFlowPDU))
	}
	pduType := r.U16LE()
	h.Source = r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf(name, err)
	}
	// totalLength "includes the size of the Share Control Header".
	if h.TotalLength < shareControlHeaderLen {
		return fmt.Errorf(name, r.Failf("totalLength", "%d is shorter than the header", h.TotalLength))
	}
	// 2.2.8.1.1.1.2 and every PDU using the header: "the PDUVersion
	// subfield MUST be set to TS_PROTOCOL_VERSION (0x1)".
	if v := pduType >> 4; v != protocolVersion {
		return fmt.Errorf(name, r.Failf("pduType", "PDUVersion %#x, want %#x", v, protocolVersion))
	}
	h.Type = PDUType(pduType & 0xF)
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the header.
func (h *ShareControlHeader) UnmarshalBinary(b []byte) error { return wire.Unmarshal(h, b) }
