package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientSecurityData is the Client Security Data block (TS_UD_CS_SEC),
// [MS-RDPBCGR] 2.2.1.3.3: the Standard RDP Security encryption methods the
// client supports. Server processing: 3.3.5.3.3, 5.3.2.
type ClientSecurityData struct {
	// EncryptionMethods is encryptionMethods: the methods the client
	// supports. French-locale clients send 0 here and use
	// ExtEncryptionMethods.
	EncryptionMethods EncryptionMethod
	// ExtEncryptionMethods is extEncryptionMethods. 2.2.1.3.3: "In French
	// locale clients, encryptionMethods MUST be set to zero and
	// extEncryptionMethods MUST be set to the value to which
	// encryptionMethods would have been set. For non-French locale clients,
	// this field MUST be set to zero."
	ExtEncryptionMethods EncryptionMethod
}

var _ wire.PDU = (*ClientSecurityData)(nil)

const clientSecuritySize = headerSize + 4 /* encryptionMethods */ + 4 /* extEncryptionMethods */

// Methods returns the methods the client supports: encryptionMethods, or
// extEncryptionMethods when encryptionMethods is 0 (a French-locale client;
// FreeRDP's server does the same, gcc.c gcc_read_client_security_data).
func (c *ClientSecurityData) Methods() EncryptionMethod {
	if c.EncryptionMethods != 0 {
		return c.EncryptionMethods
	}
	return c.ExtEncryptionMethods
}

// Size returns the encoded length in bytes.
func (*ClientSecurityData) Size() int { return clientSecuritySize }

// AppendBinary implements [encoding.BinaryAppender].
func (c *ClientSecurityData) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, CSSecurity, clientSecuritySize)
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(c.EncryptionMethods))
	return wire.AppendU32LE(b, uint32(c.ExtEncryptionMethods)), nil
}

// Decode reads one TS_UD_CS_SEC block, header included, from r.
func (c *ClientSecurityData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSSecurity)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_SEC: %w", err)
	}
	m, ext := EncryptionMethod(body.U32LE()), EncryptionMethod(body.U32LE())
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_SEC: %w", err)
	}
	*c = ClientSecurityData{EncryptionMethods: m, ExtEncryptionMethods: ext}
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientSecurityData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }
