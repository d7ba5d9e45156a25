package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerChannelID is the MCS server channel ID (0x03EA): the Confirm Active
// originatorID, the server's pduSource and Share nodeID by convention.
const ServerChannelID = 0x03EA

// ConfirmActive is the Confirm Active PDU body (TS_CONFIRM_ACTIVE_PDU after
// its share control header), [MS-RDPBCGR] 2.2.1.13.2.1. Server processing:
// 3.3.5.3.13.2; pass CapabilitySets to caps.Negotiate.
type ConfirmActive struct {
	ShareID uint32 // shareID
	// OriginatorID "MUST be set to the server channel ID (0x03EA)"; the
	// decoder keeps it so the acceptor can answer a wrong one with
	// ERRINFO_CONFIRMACTIVEWRONGORIGINATOR.
	OriginatorID uint16 // originatorID
	// SourceDescriptor is sourceDescriptor without its terminating NUL
	// (mstsc: "MSTSC", xfreerdp 2.11.7: "FREERDP").
	SourceDescriptor string
	CapabilitySets   []caps.Set // capabilitySets; numberCapabilities is len(CapabilitySets)
}

var _ wire.PDU = (*ConfirmActive)(nil)

// Size returns the encoded length.
func (p *ConfirmActive) Size() int {
	return 4 /* shareID */ + 2 /* originatorID */ + activeFixed +
		sourceDescriptorLen(p.SourceDescriptor) + caps.SetsSize(p.CapabilitySets)
}

// AppendBinary appends the body. It fails when a length field overflows.
func (p *ConfirmActive) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32LE(b, p.ShareID)
	b = wire.AppendU16LE(b, p.OriginatorID)
	return appendActiveCommon(b, "TS_CONFIRM_ACTIVE_PDU", p.SourceDescriptor, p.CapabilitySets)
}

// Decode reads one TS_CONFIRM_ACTIVE_PDU body. The capability sets must
// fill lengthCombinedCapabilities exactly, and nothing may follow them.
func (p *ConfirmActive) Decode(r *wire.Reader) error {
	p.ShareID = r.U32LE()
	p.OriginatorID = r.U16LE()
	lenSource, lenCombined := r.U16LE(), r.U16LE()
	p.SourceDescriptor = decodeSourceDescriptor(r, int(lenSource))
	p.CapabilitySets = nil
	readCombinedCapabilities(r, int(lenCombined), func(c *wire.Reader, n int) (err error) {
		p.CapabilitySets, err = caps.DecodeSets(c, n)
		return err
	})
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_CONFIRM_ACTIVE_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *ConfirmActive) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
