package sec

import (
	"fmt"
	"io"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// AutoReconnectCookie is the Client Auto-Reconnect Packet
// (ARC_CS_PRIVATE_PACKET), [MS-RDPBCGR] 2.2.4.3: the autoReconnectCookie of
// an ExtendedInfo.
//
// SecurityVerifier is an HMAC proof ([MS-RDPBCGR] 5.5); String, GoString
// and Format print it redacted. This server never sends the Server
// Auto-Reconnect Packet, so it has nothing to check a cookie against.
type AutoReconnectCookie struct {
	// Version is Version; only AUTO_RECONNECT_VERSION_1 (1) is defined.
	// It is kept as sent: the server does not use the cookie.
	Version          uint32
	LogonID          uint32   // LogonId: the session to reconnect to
	SecurityVerifier [16]byte // SecurityVerifier: secret, never printed
}

var _ wire.PDU = (*AutoReconnectCookie)(nil)

// AutoReconnectVersion1 is AUTO_RECONNECT_VERSION_1.
const AutoReconnectVersion1 = 0x00000001

// Size returns the encoded length in bytes (always 28).
func (*AutoReconnectCookie) Size() int {
	return 4 /* cbLen */ + 4 /* Version */ + 4 /* LogonId */ + 16 /* SecurityVerifier */
}

// AppendBinary implements [encoding.BinaryAppender].
func (c *AutoReconnectCookie) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32LE(b, arcCookieSize)
	b = wire.AppendU32LE(b, c.Version)
	b = wire.AppendU32LE(b, c.LogonID)
	return append(b, c.SecurityVerifier[:]...), nil
}

// Decode reads one ARC_CS_PRIVATE_PACKET from r.
func (c *AutoReconnectCookie) Decode(r *wire.Reader) error {
	if err := c.decode(r); err != nil {
		return fmt.Errorf("sec: %w", err)
	}
	return nil
}

func (c *AutoReconnectCookie) decode(r *wire.Reader) error {
	cbLen, version, logonID, verifier := r.U32LE(), r.U32LE(), r.U32LE(), r.Bytes(16)
	if err := r.Err(); err != nil {
		return fmt.Errorf("ARC_CS_PRIVATE_PACKET: %w", err)
	}
	// 2.2.4.3: cbLen "MUST be set to 0x0000001C (28 bytes)".
	if cbLen != arcCookieSize {
		return fmt.Errorf("ARC_CS_PRIVATE_PACKET: %w", r.Failf("cbLen", "%d, want %d", cbLen, arcCookieSize))
	}
	c.Version, c.LogonID = version, logonID
	copy(c.SecurityVerifier[:], verifier)
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (c *AutoReconnectCookie) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }

// String prints the cookie with SecurityVerifier redacted.
func (c AutoReconnectCookie) String() string {
	return fmt.Sprintf("{Version: %d, LogonID: %d, SecurityVerifier: <redacted>}", c.Version, c.LogonID)
}

// GoString implements [fmt.GoStringer] with SecurityVerifier redacted.
func (c AutoReconnectCookie) GoString() string {
	return fmt.Sprintf("sec.AutoReconnectCookie{Version:%#x, LogonID:%#x, SecurityVerifier:<redacted>}", c.Version, c.LogonID)
}

// Format implements [fmt.Formatter]: %#v prints GoString, every other verb String.
func (c AutoReconnectCookie) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		io.WriteString(f, c.GoString())
		return
	}
	io.WriteString(f, c.String())
}
