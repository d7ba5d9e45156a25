package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// FrameAcknowledge is the Frame Acknowledge Capability Set
// (TS_FRAME_ACKNOWLEDGE_CAPABILITYSET), [MS-RDPRFX] 2.2.1.3. Sent by both
// sides; a client that sends it acknowledges every frame-marker END with a
// TS_FRAME_ACKNOWLEDGE_PDU.
type FrameAcknowledge struct {
	// MaxUnacknowledgedFrameCount is, from the client, a hint of how many
	// in-flight frames it can buffer (0 is allowed but "SHOULD be
	// avoided"); from the server, how many acknowledgements it accepts in
	// flight (0: it merely processes them).
	MaxUnacknowledgedFrameCount uint32 // maxUnacknowledgedFrameCount
}

var _ Set = (*FrameAcknowledge)(nil)

const frameAckBody = 4 /* maxUnacknowledgedFrameCount */

// Type returns TypeFrameAcknowledge.
func (*FrameAcknowledge) Type() SetType { return TypeFrameAcknowledge }

// Size returns the encoded length, 8.
func (*FrameAcknowledge) Size() int { return headerSize + frameAckBody }

// AppendBinary appends the set.
func (s *FrameAcknowledge) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeFrameAcknowledge, frameAckBody)
	if err != nil {
		return nil, err
	}
	return wire.AppendU32LE(b, s.MaxUnacknowledgedFrameCount), nil
}

// Decode reads one TS_FRAME_ACKNOWLEDGE_CAPABILITYSET.
func (s *FrameAcknowledge) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeFrameAcknowledge, "TS_FRAME_ACKNOWLEDGE_CAPABILITYSET", func(d *wire.Reader) {
		s.MaxUnacknowledgedFrameCount = d.U32LE()
	}, frameAckBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *FrameAcknowledge) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
