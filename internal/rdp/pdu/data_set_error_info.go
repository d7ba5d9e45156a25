package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SetErrorInfo is the Set Error Info PDU body (TS_SET_ERROR_INFO_PDU after
// its share data header), [MS-RDPBCGR] 2.2.5.1.1. Send it only to clients
// whose Client Core Data has RNS_UD_CS_SUPPORT_ERRINFO_PDU, and with pduSource
// 0: "the pduSource field MUST be set to zero".
type SetErrorInfo struct {
	ErrorInfo ErrorInfo // errorInfo
}

var _ wire.PDU = (*SetErrorInfo)(nil)

// Size returns the encoded length, 4.
func (*SetErrorInfo) Size() int { return 4 /* errorInfo */ }

// AppendBinary appends the body.
func (p *SetErrorInfo) AppendBinary(b []byte) ([]byte, error) {
	return wire.AppendU32LE(b, uint32(p.ErrorInfo)), nil
}

// Decode reads one TS_SET_ERROR_INFO_PDU body.
func (p *SetErrorInfo) Decode(r *wire.Reader) error {
	p.ErrorInfo = ErrorInfo(r.U32LE())
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_SET_ERROR_INFO_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *SetErrorInfo) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
