package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SuppressOutput is the Suppress Output PDU body (TS_SUPPRESS_OUTPUT_PDU
// after its share data header), [MS-RDPBCGR] 2.2.11.3.1: the client stops
// (minimised window) or resumes display updates. Clients send it only if
// the server's General set has suppressOutputSupport.
type SuppressOutput struct {
	// AllowDisplayUpdates is allowDisplayUpdates: ALLOW_DISPLAY_UPDATES (1)
	// or SUPPRESS_DISPLAY_UPDATES (0).
	AllowDisplayUpdates bool
	// Rect is desktopRect, present exactly when AllowDisplayUpdates: "If
	// the allowDisplayUpdates field is set to SUPPRESS_DISPLAY_UPDATES (0),
	// this field MUST NOT be included in the PDU."
	Rect *Rectangle16
}

var _ wire.PDU = (*SuppressOutput)(nil)

const (
	suppressDisplayUpdates = 0x00 // SUPPRESS_DISPLAY_UPDATES
	allowDisplayUpdates    = 0x01 // ALLOW_DISPLAY_UPDATES
)

// Size returns the encoded length: 12 with Rect, else 4.
func (p *SuppressOutput) Size() int {
	n := 1 /* allowDisplayUpdates */ + 3 /* pad3Octets */
	if p.Rect != nil {
		n += rectangle16Size /* desktopRect */
	}
	return n
}

// AppendBinary appends the body. It fails unless Rect is present exactly
// when AllowDisplayUpdates is set.
func (p *SuppressOutput) AppendBinary(b []byte) ([]byte, error) {
	if p.AllowDisplayUpdates != (p.Rect != nil) {
		return nil, fmt.Errorf("pdu: TS_SUPPRESS_OUTPUT_PDU: desktopRect must be present exactly when display updates are allowed")
	}
	if !p.AllowDisplayUpdates {
		return append(b, suppressDisplayUpdates, 0, 0, 0), nil
	}
	b = append(b, allowDisplayUpdates, 0, 0, 0) // allowDisplayUpdates, pad3Octets
	return p.Rect.append(b), nil
}

// Decode reads one TS_SUPPRESS_OUTPUT_PDU body.
func (p *SuppressOutput) Decode(r *wire.Reader) error {
	allow := r.U8()
	r.Skip(3) // pad3Octets
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_SUPPRESS_OUTPUT_PDU: %w", err)
	}
	p.Rect = nil
	switch allow {
	case suppressDisplayUpdates:
		p.AllowDisplayUpdates = false
	case allowDisplayUpdates:
		p.AllowDisplayUpdates = true
		rect := Rectangle16{r.U16LE(), r.U16LE(), r.U16LE(), r.U16LE()}
		p.Rect = &rect
	default:
		return fmt.Errorf("pdu: TS_SUPPRESS_OUTPUT_PDU: %w", r.Failf("allowDisplayUpdates", "%#02x, want 0 or 1", allow))
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_SUPPRESS_OUTPUT_PDU: %w", err)
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *SuppressOutput) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
