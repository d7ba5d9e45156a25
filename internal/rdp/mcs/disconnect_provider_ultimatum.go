package mcs

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// DisconnectProviderUltimatum is the MCS Disconnect Provider Ultimatum
// (DisconnectProviderUltimatum, [T125] 11.15), which either side sends
// before closing: [MS-RDPBCGR] 2.2.2.3 (client), 2.2.2.4 (server). The
// 3-bit reason straddles the two octets: 21 80 is rn-user-requested.
type DisconnectProviderUltimatum struct {
	Reason Reason // reason
}

// Choice returns ChoiceDisconnectProviderUltimatum.
func (*DisconnectProviderUltimatum) Choice() Choice { return ChoiceDisconnectProviderUltimatum }

// Size returns the encoded length in bytes.
func (*DisconnectProviderUltimatum) Size() int { return 1 /* choice, reason */ + 1 /* reason, padding */ }

// AppendBinary implements [encoding.BinaryAppender].
func (p *DisconnectProviderUltimatum) AppendBinary(b []byte) ([]byte, error) {
	if p.Reason >= reasonCount {
		return b, fmt.Errorf("mcs: DisconnectProviderUltimatum: reason %d out of range", uint8(p.Reason))
	}
	return append(b, byte(ChoiceDisconnectProviderUltimatum)<<2|byte(p.Reason)>>1, byte(p.Reason&1)<<7), nil
}

// Decode reads one Disconnect Provider Ultimatum from r.
func (p *DisconnectProviderUltimatum) Decode(r *wire.Reader) error {
	high := readChoice(r, ChoiceDisconnectProviderUltimatum)
	b := r.U8()
	reason := Reason(high<<1 | b>>7)
	switch {
	case r.Err() != nil:
	case b&0x7F != 0:
		r.Failf("padding", "%#02x, want 0", b&0x7F)
	// [T125] 7 part 3: Reason has five values and no extension marker.
	case reason >= reasonCount:
		r.Failf("reason", "%d out of range", uint8(reason))
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("mcs: DisconnectProviderUltimatum: %w", err)
	}
	p.Reason = reason
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *DisconnectProviderUltimatum) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
