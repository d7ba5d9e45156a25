package pdu

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

const syncMsgTypeSync = 0x0001 // SYNCMSGTYPE_SYNC

// Synchronize is the Synchronize PDU body (TS_SYNCHRONIZE_PDU after its
// share data header), [MS-RDPBCGR] 2.2.1.14.1, sent by the client
// (2.2.1.14) and the server (2.2.1.19) during connection finalization.
// messageType "MUST be set to SYNCMSGTYPE_SYNC (1)": it is not a field, the
// encoder writes it and the decoder rejects anything else (as FreeRDP's
// server does in rdp_recv_client_synchronize_pdu).
type Synchronize struct {
	// TargetUser is the MCS channel ID of the target user: the server's
	// channel (0x03EA) from the client; the client's user channel from
	// xfreerdp's server, 0x03EA by convention (rdp-server.md §1.8).
	TargetUser uint16 // targetUser
}

var _ wire.PDU = (*Synchronize)(nil)

// Size returns the encoded length, 4.
func (*Synchronize) Size() int { return 2 /* messageType */ + 2 /* targetUser */ }

// AppendBinary appends the body.
func (p *Synchronize) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, syncMsgTypeSync)
	return wire.AppendU16LE(b, p.TargetUser), nil
}

// Decode reads one TS_SYNCHRONIZE_PDU body.
func (p *Synchronize) Decode(r *wire.Reader) error {
	msgType := r.U16LE()
	p.TargetUser = r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("pdu: TS_SYNCHRONIZE_PDU: %w", err)
	}
	if msgType != syncMsgTypeSync {
		return fmt.Errorf("pdu: TS_SYNCHRONIZE_PDU: %w", r.Failf("messageType", "%d, want SYNCMSGTYPE_SYNC", msgType))
	}
	return nil
}

// UnmarshalBinary decodes b, which must hold exactly the body.
func (p *Synchronize) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
