package pdu

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ShutdownRequest is the Shutdown Request PDU body (TS_SHUTDOWN_REQ_PDU
// after its share data header), [MS-RDPBCGR] 2.2.2.1.1: "a Share Data
// Header ... with no PDU body". The client asks to disconnect.
type ShutdownRequest struct{}

var _ wire.PDU = (*ShutdownRequest)(nil)

// Size returns 0.
func (*ShutdownRequest) Size() int { return 0 }

// AppendBinary appends nothing.
func (*ShutdownRequest) AppendBinary(b []byte) ([]byte, error) { return b, nil }

// Decode reads nothing.
func (*ShutdownRequest) Decode(*wire.Reader) error { return nil }

// UnmarshalBinary requires b to be empty.
func (p *ShutdownRequest) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
