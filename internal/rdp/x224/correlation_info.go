package x224

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// CorrelationInfo is the RDP Correlation Info (RDP_NEG_CORRELATION_INFO),
// [MS-RDPBCGR] 2.2.1.1.2. mstsc sends it after the RDP_NEG_REQ, with
// CORRELATION_INFO_PRESENT set, so that server-side diagnostics can follow
// the connection.
type CorrelationInfo struct {
	ID [16]byte // correlationId
}

var _ wire.PDU = (*CorrelationInfo)(nil)

const (
	typeCorrelationInfo = 0x06                                                                        // TYPE_RDP_CORRELATION_INFO
	correlationInfoSize = 1 /* type */ + 1 /* flags */ + 2 /* length */ + 16 /* correlationId */ + 16 /* reserved */
)

// Size returns the encoded length in bytes.
func (*CorrelationInfo) Size() int { return correlationInfoSize }

// AppendBinary implements [encoding.BinaryAppender].
func (p *CorrelationInfo) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, typeCorrelationInfo, 0 /* flags */)
	b = wire.AppendU16LE(b, correlationInfoSize)
	b = append(b, p.ID[:]...)
	return wire.AppendZeros(b, 16 /* reserved: "MUST be set to zero" */), nil
}

// Decode reads one RDP_NEG_CORRELATION_INFO from r.
func (p *CorrelationInfo) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("x224: %w", err)
	}
	return nil
}

func (p *CorrelationInfo) decode(r *wire.Reader) error {
	typ, flags, length := r.U8(), r.U8(), r.U16LE()
	id := r.Bytes(16)
	r.Skip(16)
	switch {
	case r.Err() != nil:
	// 2.2.1.1.2: type "MUST be set to 0x06 (TYPE_RDP_CORRELATION_INFO)".
	case typ != typeCorrelationInfo:
		r.Failf("RDP_NEG_CORRELATION_INFO.type", "%#02x, want 0x06", typ)
	// 2.2.1.1.2: "There are currently no defined flags, so this field MUST
	// be set to 0x00."
	case flags != 0:
		r.Failf("RDP_NEG_CORRELATION_INFO.flags", "%#02x, want 0", flags)
	// 2.2.1.1.2: length "MUST be set to 0x0024 (36 bytes)".
	case length != correlationInfoSize:
		r.Failf("RDP_NEG_CORRELATION_INFO.length", "%d, want 36", length)
	}
	// The reserved bytes are "reserved for future use" and ignored. The
	// correlationId SHOULD avoid 0x00, 0xF4 and 0x0D; that binds the client
	// and is not checked.
	if err := r.Err(); err != nil {
		return err
	}
	copy(p.ID[:], id)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (p *CorrelationInfo) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
