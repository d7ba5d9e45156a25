package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Capability versions ([MS-RDPEDYC] 1.7, 2.2.1.1).
const (
	Version1 uint16 = 0x0001 // DYNVC_CAPS_VERSION1: no priorities
	Version2 uint16 = 0x0002 // DYNVC_CAPS_VERSION2: priority classes
	Version3 uint16 = 0x0003 // DYNVC_CAPS_VERSION3: compressed data
)

// CapsRequest is the DVC Capabilities Request PDU: DYNVC_CAPS_VERSION1
// ([MS-RDPEDYC] 2.2.1.1.1), DYNVC_CAPS_VERSION2 (2.2.1.1.2) or
// DYNVC_CAPS_VERSION3 (2.2.1.1.3), sent by the server first. Version 1 is
// 4 bytes; versions 2 and 3 add the four priority charges (12 bytes).
type CapsRequest struct {
	Version         uint16    // Version: 1, 2 or 3
	PriorityCharges [4]uint16 // PriorityCharge0–3; versions 2 and 3 only, zero for version 1
}

var _ PDU = (*CapsRequest)(nil)

// Cmd returns CmdCapability.
func (*CapsRequest) Cmd() Cmd { return CmdCapability }

// Size returns the encoded length in bytes.
func (p *CapsRequest) Size() int {
	n := 1 /* cbId, Sp, Cmd */ + 1 /* Pad */ + 2 /* Version */
	if p.Version != Version1 {
		n += 4 * 2 // PriorityCharge0–3
	}
	return n
}

// AppendBinary appends the PDU. It fails for a version other than 1, 2 or 3
// and for priority charges on version 1.
func (p *CapsRequest) AppendBinary(b []byte) ([]byte, error) {
	switch {
	case p.Version < Version1 || p.Version > Version3:
		return b, fmt.Errorf("dvc: DYNVC_CAPS: %w: version %d", wire.ErrInvalid, p.Version)
	case p.Version == Version1 && p.PriorityCharges != [4]uint16{}:
		return b, fmt.Errorf("dvc: DYNVC_CAPS_VERSION1: %w: priority charges need version 2", wire.ErrInvalid)
	}
	b = append(b, header(CmdCapability, 0, 0), 0) // cbId, Sp: 0; Pad: 0
	b = wire.AppendU16LE(b, p.Version)
	if p.Version != Version1 {
		for _, c := range p.PriorityCharges {
			b = wire.AppendU16LE(b, c)
		}
	}
	return b, nil
}

// Decode reads one DYNVC_CAPS_VERSION1, 2 or 3 from r.
func (p *CapsRequest) Decode(r *wire.Reader) error {
	if err := decodeCapsHeader(r); err != nil {
		return fmt.Errorf("dvc: DYNVC_CAPS: %w", err)
	}
	*p = CapsRequest{Version: r.U16LE()}
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_CAPS: %w", err)
	}
	switch p.Version {
	case Version1:
	case Version2, Version3:
		for i := range p.PriorityCharges {
			p.PriorityCharges[i] = r.U16LE()
		}
	default:
		// 2.2.1.1.x: Version "MUST be set to" 0x0001, 0x0002 or 0x0003.
		r.Failf("Version", "%d, want 1, 2 or 3", p.Version)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_CAPS_VERSION%d: %w", p.Version, err)
	}
	return nil
}

// decodeCapsHeader reads the header and Pad shared by the capabilities
// request and response.
func decodeCapsHeader(r *wire.Reader) error {
	// Sp "SHOULD be initialized to 0x00" (2.2.1.1.1, 2.2.1.2): ignore it;
	// mstsc sends 0x5c in its response (FreeRDP drdynvc_main.c).
	_, cbID, err := readHeader(r, CmdCapability)
	if err != nil {
		return err
	}
	// cbId: "Unused. MUST be set to 0x00."
	if cbID != 0 {
		return r.Failf("cbId", "%d, want 0", cbID)
	}
	// Pad: "Unused. MUST be set to 0x00."
	if pad := r.U8(); pad != 0 {
		return r.Failf("Pad", "%#02x, want 0", pad)
	}
	return r.Err()
}

// UnmarshalBinary decodes b whole.
func (p *CapsRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
