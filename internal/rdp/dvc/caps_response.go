package dvc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// CapsResponse is the DVC Capabilities Response PDU (DYNVC_CAPS_RSP),
// [MS-RDPEDYC] 2.2.1.2: the version the client supports, at most the one
// the server offered (1.7).
type CapsResponse struct {
	Version uint16 // Version: 1, 2 or 3
}

var _ PDU = (*CapsResponse)(nil)

// Cmd returns CmdCapability.
func (*CapsResponse) Cmd() Cmd { return CmdCapability }

// Size returns the encoded length in bytes.
func (*CapsResponse) Size() int {
	return 1 /* cbId, Sp, Cmd */ + 1 /* Pad */ + 2 /* Version */
}

// AppendBinary appends the PDU. It fails for a version other than 1, 2 or 3.
func (p *CapsResponse) AppendBinary(b []byte) ([]byte, error) {
	if p.Version < Version1 || p.Version > Version3 {
		return b, fmt.Errorf("dvc: DYNVC_CAPS_RSP: %w: version %d", wire.ErrInvalid, p.Version)
	}
	b = append(b, header(CmdCapability, 0, 0), 0) // cbId, Sp: 0; Pad: 0
	return wire.AppendU16LE(b, p.Version), nil
}

// Decode reads one DYNVC_CAPS_RSP from r.
func (p *CapsResponse) Decode(r *wire.Reader) error {
	if err := decodeCapsHeader(r); err != nil {
		return fmt.Errorf("dvc: DYNVC_CAPS_RSP: %w", err)
	}
	p.Version = r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("dvc: DYNVC_CAPS_RSP: %w", err)
	}
	if p.Version < Version1 || p.Version > Version3 {
		r.Failf("Version", "%d, want 1, 2 or 3", p.Version)
		return fmt.Errorf("dvc: DYNVC_CAPS_RSP: %w", r.Err())
	}
	return nil
}

// UnmarshalBinary decodes b whole.
func (p *CapsResponse) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
