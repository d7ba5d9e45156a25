package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ControlAction is action of the Control PDU.
type ControlAction uint16

// Control actions.
const (
	ControlActionRequestControl ControlAction = 0x0001 // CTRLACTION_REQUEST_CONTROL
	ControlActionGrantedControl ControlAction = 0x0002 // CTRLACTION_GRANTED_CONTROL
	ControlActionDetach         ControlAction = 0x0003 // CTRLACTION_DETACH
	ControlActionCooperate      ControlAction = 0x0004 // CTRLACTION_COOPERATE
)

func (a ControlAction) String() string {
	switch a {
	case ControlActionRequestControl:
		return "CTRLACTION_REQUEST_CONTROL"
	case ControlActionGrantedControl:
		return "CTRLACTION_GRANTED_CONTROL"
	case ControlActionDetach:
		return "CTRLACTION_DETACH"
	case ControlActionCooperate:
		return "CTRLACTION_COOPERATE"
	}
	return fmt.Sprintf("CTRLACTION(%#04x)", uint16(a))
}

// Control is the Control PDU body (TS_CONTROL_PDU after its share data
// header), [MS-RDPBCGR] 2.2.1.15.1: Cooperate and Request Control from the
// client (2.2.1.15, 2.2.1.16), Cooperate and Granted Control from the
// server (2.2.1.20, 2.2.1.21). This is RDP floor control, not Remote
// Assistance consent.
type Control struct {
	Action ControlAction // action
	// GrantID and ControlID are zero except in Granted Control: the
	// client's user channel ID and the server channel ID 0x03EA.
	GrantID   uint16 // grantId
	ControlID uint32 // controlId
}

var _ wire.PDU = (*Control)(nil)

// Size returns the encoded length, 8.
func (*Control) Size() int { return 2 /* action */ + 2 /* grantId */ + 4 /* controlId */ }

// AppendBinary appends the body.
func (p *Control) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, uint16(p.Action))
	b = wire.AppendU16LE(b, p.GrantID)
	return wire.AppendU32LE(b, p.ControlID), nil
}

// Decode reads one TS_CONTROL_PDU body. An action outside the four the spec
// defines fails (the server's code for it is
// ERRINFO_INVALIDCONTROLPDUACTION).
func (p *Control) Decode(r *wire.Reader) error {
	p.Action = ControlAction(r.U16LE())
	p.GrantID = r.U16LE()
	p.ControlID = r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_CONTROL_PDU: %w", err)
	}
	if p.Action < ControlActionRequestControl || p.Action > ControlActionCooperate {
		return fmt.Errorf("pdu: TS_CONTROL_PDU: %w", r.Failf("action", "%v", p.Action))
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *Control) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
