package pdu

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// ShutdownDenied is the Shutdown Request Denied PDU body
// (TS_SHUTDOWN_DENIED_PDU after its share data header), [MS-RDPBCGR]
// 2.2.2.2.1, also with no body: the server refuses a Shutdown Request.
type ShutdownDenied struct{}

var _ wire.PDU = (*ShutdownDenied)(nil)

// Size returns 0.
func (*ShutdownDenied) Size() int { return 0 }

// AppendBinary appends nothing.
func (*ShutdownDenied) AppendBinary(b []byte) ([]byte, error) { return b, nil }

// Decode reads nothing.
func (*ShutdownDenied) Decode(*wire.Reader) error { return nil }

// UnmarshalBinary requires b to be empty.
func (p *ShutdownDenied) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
