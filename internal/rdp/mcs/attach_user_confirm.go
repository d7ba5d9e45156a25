package mcs

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/per"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// AttachUserConfirm is the MCS Attach User Confirm (AttachUserConfirm,
// [T125] 11.18), sent by the server in the Server MCS Attach User Confirm
// PDU, [MS-RDPBCGR] 2.2.1.7. Initiator is the user channel id granted (for
// example 1007); it is on the wire only when HasInitiator is set, which a
// successful confirm always does.
type AttachUserConfirm struct {
	Result       Result // result
	Initiator    uint16 // initiator: UserId, BaseChannel or above
	HasInitiator bool   // the OPTIONAL initiator is present
}

// Choice returns ChoiceAttachUserConfirm.
func (*AttachUserConfirm) Choice() Choice { return ChoiceAttachUserConfirm }

// Size returns the encoded length in bytes.
func (p *AttachUserConfirm) Size() int {
	n := 1 /* choice, bitmap, result */ + 1 /* result, padding */
	if p.HasInitiator {
		n += 2 /* initiator */
	}
	return n
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *AttachUserConfirm) AppendBinary(b []byte) ([]byte, error) {
	if !p.HasInitiator && p.Initiator != 0 {
		return b, errors.New("mcs: AttachUserConfirm: Initiator set without HasInitiator")
	}
	b, err := appendConfirmHeader(b, ChoiceAttachUserConfirm, p.HasInitiator, p.Result)
	if err == nil && p.HasInitiator {
		b, err = per.AppendInteger16(b, p.Initiator, BaseChannel)
	}
	if err != nil {
		return b, fmt.Errorf("mcs: AttachUserConfirm: %w", err)
	}
	return b, nil
}

// Decode reads one Attach User Confirm from r.
func (p *AttachUserConfirm) Decode(r *wire.Reader) error {
	low := readChoice(r, ChoiceAttachUserConfirm)
	result := readResult(r, low)
	var q AttachUserConfirm
	q.Result, q.HasInitiator = result, low&0x02 != 0
	if q.HasInitiator {
		q.Initiator = per.ReadInteger16(r, BaseChannel)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("mcs: AttachUserConfirm: %w", err)
	}
	*p = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *AttachUserConfirm) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
