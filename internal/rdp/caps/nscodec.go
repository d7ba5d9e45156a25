package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// NSCodecCaps is the NSCodec Capability Set (TS_NSCODEC_CAPABILITYSET),
// [MS-RDPNSC] 2.2.1: the codecProperties of a client's NSCodec
// TS_BITMAPCODEC.
//
// A server's NSCodec entry carries no such structure: FreeRDP 2.11.7's
// server writes 4 reserved zero bytes (rdp_write_nsc_server_capability_container),
// which do not parse as NSCodecCaps.
type NSCodecCaps struct {
	AllowDynamicFidelity bool // fAllowDynamicFidelity: lossy color-fidelity reduction allowed
	AllowSubsampling     bool // fAllowSubsampling: chroma subsampling allowed
	// ColorLossLevel is the largest color loss level the client decodes:
	// "This value MUST be between 1 and 7 (inclusive)."
	ColorLossLevel uint8 // colorLossLevel
}

var _ wire.PDU = (*NSCodecCaps)(nil)

const nsCodecSize = 1 /* fAllowDynamicFidelity */ + 1 /* fAllowSubsampling */ + 1 /* colorLossLevel */

// Size returns the encoded length, 3.
func (*NSCodecCaps) Size() int { return nsCodecSize }

// AppendBinary appends the structure. It fails if ColorLossLevel is not
// 1…7.
func (p *NSCodecCaps) AppendBinary(b []byte) ([]byte, error) {
	if p.ColorLossLevel < 1 || p.ColorLossLevel > 7 {
		return nil, fmt.Errorf("caps: TS_NSCODEC_CAPABILITYSET: colorLossLevel %d outside 1…7", p.ColorLossLevel)
	}
	return append(b, boolU8(p.AllowDynamicFidelity), boolU8(p.AllowSubsampling), p.ColorLossLevel), nil
}

// Decode reads one TS_NSCODEC_CAPABILITYSET.
func (p *NSCodecCaps) Decode(r *wire.Reader) error {
	p.AllowDynamicFidelity = r.U8() != 0
	p.AllowSubsampling = r.U8() != 0
	p.ColorLossLevel = r.U8()
	if err := r.Err(); err != nil {
		return fmt.Errorf("caps: TS_NSCODEC_CAPABILITYSET: %w", err)
	}
	// "This value MUST be between 1 and 7 (inclusive)." ([MS-RDPNSC] 3.1.5.1:
	// "If the data encapsulation is invalid ... the connection SHOULD be dropped.")
	if p.ColorLossLevel < 1 || p.ColorLossLevel > 7 {
		return fmt.Errorf("caps: TS_NSCODEC_CAPABILITYSET: %w", r.Failf("colorLossLevel", "%d outside 1…7", p.ColorLossLevel))
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the structure.
func (p *NSCodecCaps) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
