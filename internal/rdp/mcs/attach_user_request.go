package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// AttachUserRequest is the MCS Attach User Request (AttachUserRequest,
// [T125] 11.17), sent by the client in the Client MCS Attach User Request
// PDU, [MS-RDPBCGR] 2.2.1.6. It has no fields: one octet, 0x28.
type AttachUserRequest struct{}

// Choice returns ChoiceAttachUserRequest.
func (*AttachUserRequest) Choice() Choice { return ChoiceAttachUserRequest }

// Size returns the encoded length in bytes.
func (*AttachUserRequest) Size() int { return 1 /* choice */ }

// AppendBinary implements [encoding.BinaryAppender].
func (*AttachUserRequest) AppendBinary(b []byte) ([]byte, error) {
	return append(b, byte(ChoiceAttachUserRequest)<<2), nil
}

// Decode reads one Attach User Request from r.
func (*AttachUserRequest) Decode(r *wire.Reader) error {
	readChoicePadded(r, ChoiceAttachUserRequest)
	if err := r.Err(); err != nil {
		return fmt.Errorf("mcs: AttachUserRequest: %w", err)
	}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *AttachUserRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
