package pdu

import (
	"bytes"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DeactivateAll is the Deactivate All PDU body (TS_DEACTIVATE_ALL_PDU after
// its share control header), [MS-RDPBCGR] 2.2.3.1.1. The server sends it to
// start a Deactivation-Reactivation Sequence (1.3.1.3) or before
// disconnecting.
type DeactivateAll struct {
	ShareID uint32 // shareID
	// SourceDescriptor "SHOULD be set to 0x00": []byte{0}, as FreeRDP
	// (rdp_send_deactivate_all) and xrdp send. Decoded bytes are a copy.
	SourceDescriptor []byte // sourceDescriptor; lengthSourceDescriptor is its length
}

var _ wire.PDU = (*DeactivateAll)(nil)

// Size returns the encoded length.
func (p *DeactivateAll) Size() int {
	return 4 /* shareID */ + 2 /* lengthSourceDescriptor */ + len(p.SourceDescriptor)
}

// AppendBinary appends the body.
func (p *DeactivateAll) AppendBinary(b []byte) ([]byte, error) {
	if len(p.SourceDescriptor) > 0xFFFF {
		return nil, fmt.Errorf("pdu: TS_DEACTIVATE_ALL_PDU: sourceDescriptor of %d bytes", len(p.SourceDescriptor))
	}
	b = wire.AppendU32LE(b, p.ShareID)
	b = wire.AppendU16LE(b, uint16(len(p.SourceDescriptor)))
	return append(b, p.SourceDescriptor...), nil
}

// Decode reads one TS_DEACTIVATE_ALL_PDU body.
func (p *DeactivateAll) Decode(r *wire.Reader) error {
	p.ShareID = r.U32LE()
	p.SourceDescriptor = bytes.Clone(r.Bytes(int(r.U16LE())))
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_DEACTIVATE_ALL_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *DeactivateAll) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
