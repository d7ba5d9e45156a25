package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// NonFIPSHeader is the Non-FIPS Security Header (TS_SECURITY_HEADER1),
// [MS-RDPBCGR] 2.2.8.1.1.2.2: a Basic Security Header followed by the
// 8-byte MAC of the (encrypted) data after it. Standard RDP Security with
// a 40-, 56- or 128-bit method uses it whenever Flags has SEC_ENCRYPT.
//
// Which header a PDU carries depends on the negotiated security and on
// SEC_ENCRYPT; callers read a BasicHeader and, when Flags.Has(Encrypt),
// the 8-byte signature after it, or decode a NonFIPSHeader directly when
// they know encryption is in force.
type NonFIPSHeader struct {
	Flags     Flags   // flags
	FlagsHi   uint16  // flagsHi, kept as sent (see BasicHeader.FlagsHi)
	Signature [8]byte // dataSignature: the MAC, [MS-RDPBCGR] 5.3.6.1
}

var _ wire.PDU = (*NonFIPSHeader)(nil)

const nonFIPSHeaderSize = basicHeaderSize + 8 /* dataSignature */

// Size returns the encoded length in bytes.
func (*NonFIPSHeader) Size() int { return nonFIPSHeaderSize }

// AppendBinary implements [encoding.BinaryAppender].
func (h *NonFIPSHeader) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU16LE(b, uint16(h.Flags))
	b = wire.AppendU16LE(b, h.FlagsHi)
	return append(b, h.Signature[:]...), nil
}

// Decode reads one TS_SECURITY_HEADER1 from r.
func (h *NonFIPSHeader) Decode(r *wire.Reader) error {
	flags, flagsHi, sig := r.U16LE(), r.U16LE(), r.Bytes(8)
	if err := r.Err(); err != nil {
		return fmt.Errorf("sec: TS_SECURITY_HEADER1: %w", err)
	}
	h.Flags, h.FlagsHi = Flags(flags), flagsHi
	copy(h.Signature[:], sig)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (h *NonFIPSHeader) UnmarshalBinary(b []byte) error { return wire.Unmarshal(h, b) }

// Basic returns the header without its signature.
func (h *NonFIPSHeader) Basic() BasicHeader { return BasicHeader{Flags: h.Flags, FlagsHi: h.FlagsHi} }
