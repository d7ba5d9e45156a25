package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DemandActive is the Demand Active PDU body (TS_DEMAND_ACTIVE_PDU after its
// share control header), [MS-RDPBCGR] 2.2.1.13.1.1. Server processing:
// 3.3.5.3.13.1. Send it with AppendShareControl(b, PDUTypeDemandActive,
// 0x03EA, &DemandActive{…}).
//
// sessionId is required: FreeRDP 2.11's client fails without it
// (rdp_recv_demand_active).
type DemandActive struct {
	ShareID uint32 // shareID
	// SourceDescriptor is sourceDescriptor without its terminating NUL,
	// which the encoder adds (Windows: "RDP").
	SourceDescriptor string
	CapabilitySets   []caps.Set // capabilitySets; numberCapabilities is len(CapabilitySets)
	SessionID        uint32     // sessionId: "ignored by the client"
}

var _ wire.PDU = (*DemandActive)(nil)

const activeFixed = 2 /* lengthSourceDescriptor */ + 2 /* lengthCombinedCapabilities */ +
	2 /* numberCapabilities */ + 2 /* pad2Octets */

// Size returns the encoded length.
func (p *DemandActive) Size() int {
	return 4 /* shareID */ + activeFixed + sourceDescriptorLen(p.SourceDescriptor) +
		caps.SetsSize(p.CapabilitySets) + 4 /* sessionId */
}

// AppendBinary appends the body. It fails when a length field overflows.
func (p *DemandActive) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32LE(b, p.ShareID)
	b, err := appendActiveCommon(b, "TS_DEMAND_ACTIVE_PDU", p.SourceDescriptor, p.CapabilitySets)
	if err != nil {
		return nil, err
	}
	return wire.AppendU32LE(b, p.SessionID), nil
}

// Decode reads one TS_DEMAND_ACTIVE_PDU body.
func (p *DemandActive) Decode(r *wire.Reader) error {
	p.ShareID = r.U32LE()
	lenSource, lenCombined := r.U16LE(), r.U16LE()
	p.SourceDescriptor = decodeSourceDescriptor(r, int(lenSource))
	p.CapabilitySets = nil
	readCombinedCapabilities(r, int(lenCombined), func(c *wire.Reader, n int) (err error) {
		p.CapabilitySets, err = caps.DecodeSets(c, n)
		return err
	})
	p.SessionID = r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_DEMAND_ACTIVE_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *DemandActive) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// appendActiveCommon appends lengthSourceDescriptor through capabilitySets,
// shared by the Demand Active and Confirm Active PDUs.
func appendActiveCommon(b []byte, name, source string, sets []caps.Set) ([]byte, error) {
	lenSource := sourceDescriptorLen(source)
	lenCombined := 2 /* numberCapabilities */ + 2 /* pad2Octets */ + caps.SetsSize(sets)
	switch {
	case lenSource > 0xFFFF:
		return nil, fmt.Errorf("pdu: %s: sourceDescriptor of %d bytes", name, lenSource)
	case lenCombined > 0xFFFF:
		return nil, fmt.Errorf("pdu: %s: lengthCombinedCapabilities %d exceeds 65535", name, lenCombined)
	case len(sets) > 0xFFFF:
		return nil, fmt.Errorf("pdu: %s: %d capability sets", name, len(sets))
	}
	b = wire.AppendU16LE(b, uint16(lenSource))
	b = wire.AppendU16LE(b, uint16(lenCombined))
	b = appendSourceDescriptor(b, source)
	b = wire.AppendU16LE(b, uint16(len(sets)))
	b = wire.AppendU16LE(b, 0) // pad2Octets
	return caps.AppendSets(b, sets)
}
