package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// FrameAckAll is the frameID that acknowledges every frame in flight:
// "If the frameID field is set to the value 0xFFFFFFFF, the server SHOULD
// assume that all in-flight frames have been acknowledged."
const FrameAckAll = 0xFFFFFFFF

// FrameAcknowledge is the Frame Acknowledge PDU body
// (TS_FRAME_ACKNOWLEDGE_PDU after its share data header), [MS-RDPRFX]
// 2.2.3.1: the client has rendered the frame ended by a Frame Marker with
// FrameID.
type FrameAcknowledge struct {
	FrameID uint32 // frameID
}

var _ wire.PDU = (*FrameAcknowledge)(nil)

// Size returns the encoded length, 4.
func (*FrameAcknowledge) Size() int { return 4 /* frameID */ }

// AppendBinary appends the body.
func (p *FrameAcknowledge) AppendBinary(b []byte) ([]byte, error) {
	return wire.AppendU32LE(b, p.FrameID), nil
}

// Decode reads one TS_FRAME_ACKNOWLEDGE_PDU body (ERRINFO_BAD_FRAME_ACK_DATA
// when short).
func (p *FrameAcknowledge) Decode(r *wire.Reader) error {
	p.FrameID = r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_FRAME_ACKNOWLEDGE_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *FrameAcknowledge) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
