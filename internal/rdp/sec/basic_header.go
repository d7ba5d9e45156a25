package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// BasicHeader is the Basic Security Header (TS_SECURITY_HEADER),
// [MS-RDPBCGR] 2.2.8.1.1.2.1. It precedes the Security Exchange PDU data,
// the Client Info PDU data and licensing PDUs when no MAC follows.
type BasicHeader struct {
	Flags Flags // flags
	// FlagsHi is flagsHi. 2.2.8.1.1.2.1: "If this bit [SEC_FLAGSHI_VALID]
	// is not set, the flagsHi field is uninitialized and MAY contain random
	// data", so it is kept as sent and never checked.
	FlagsHi uint16
}

var _ wire.PDU = (*BasicHeader)(nil)

const basicHeaderSize = 2 /* flags */ + 2 /* flagsHi */

// Size returns the encoded length in bytes.
func (*BasicHeader) Size() int { return basicHeaderSize }

// AppendBinary implements [encoding.BinaryAppender].
func (h *BasicHeader) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, uint16(h.Flags))
	b = wire.AppendU16LE(b, h.FlagsHi)
	return b, nil
}

// Decode reads one TS_SECURITY_HEADER from r.
func (h *BasicHeader) Decode(r *wire.Reader) error {
	flags, flagsHi := r.U16LE(), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("sec: TS_SECURITY_HEADER: %w", err)
	}
	h.Flags, h.FlagsHi = Flags(flags), flagsHi
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (h *BasicHeader) UnmarshalBinary(b []byte) error { return wire.Unmarshal(h, b) }
