package sec

import (
	"errors"
	"fmt"
	"math"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SecurityExchange is the Security Exchange PDU Data (TS_SECURITY_PACKET),
// [MS-RDPBCGR] 2.2.1.10.1, without its leading basic security header (whose
// flags "MUST contain the SEC_EXCHANGE_PKT flag"; the caller decodes and
// checks it). Server processing: 3.3.5.3.10.
//
// On the wire the length field counts the encrypted client random plus 8
// bytes of zero padding ([MS-RDPBCGR] 5.3.4.1: the buffer is "(bitlen / 8)
// + 8" bytes). The padding is not a field: Decode checks it and strips it,
// and AppendBinary writes it.
type SecurityExchange struct {
	// EncryptedClientRandom is encryptedClientRandom without its 8 bytes of
	// padding: the RSA ciphertext, little-endian, as long as the server's
	// modulus. It aliases the decoded input.
	EncryptedClientRandom []byte
}

var _ wire.PDU = (*SecurityExchange)(nil)

// securityExchangePad is the zero padding after the encrypted client random.
const securityExchangePad = 8

// ErrClientRandomLength reports a Security Exchange PDU whose encrypted
// client random does not match the server's modulus.
var ErrClientRandomLength = errors.New("sec: TS_SECURITY_PACKET: encrypted client random length does not match the server key")

// Size returns the encoded length in bytes.
func (p *SecurityExchange) Size() int {
	return 4 /* length */ + len(p.EncryptedClientRandom) + securityExchangePad
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *SecurityExchange) AppendBinary(b []byte) ([]byte, error) {
	n := len(p.EncryptedClientRandom) + securityExchangePad
	if n > math.MaxUint32 {
		return b, fmt.Errorf("sec: TS_SECURITY_PACKET: encrypted client random of %d bytes too long", len(p.EncryptedClientRandom))
	}
	b = wire.AppendU32LE(b, uint32(n))
	b = append(b, p.EncryptedClientRandom...)
	return wire.AppendZeros(b, securityExchangePad), nil
}

// Decode reads one TS_SECURITY_PACKET body from r.
func (p *SecurityExchange) Decode(r *wire.Reader) error {
	length := r.U32LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("sec: TS_SECURITY_PACKET: %w", err)
	}
	// 3.3.5.3.10: "If the value of the length field is inconsistent with
	// the size of the received data, the connection SHOULD be dropped."
	if uint64(length) > uint64(r.Len()) {
		return fmt.Errorf("sec: TS_SECURITY_PACKET: %w", r.Failf("length", "%d bytes announced, %d present", length, r.Len()))
	}
	// 3.2.5.3.10: "After the encrypted client random has been copied into
	// the encryptedClientRandom buffer, 8 bytes of padding (which MUST be
	// filled with zeroes) will remain."
	if length < securityExchangePad {
		return fmt.Errorf("sec: TS_SECURITY_PACKET: %w", r.Failf("length", "%d is shorter than the 8-byte padding", length))
	}
	data := r.Bytes(int(length) - securityExchangePad)
	pad := r.Bytes(securityExchangePad)
	if err := r.Err(); err != nil {
		return fmt.Errorf("sec: TS_SECURITY_PACKET: %w", err)
	}
	for _, c := range pad {
		if c != 0 {
			return fmt.Errorf("sec: TS_SECURITY_PACKET: %w", r.Failf("encryptedClientRandom", "padding is not zero"))
		}
	}
	p.EncryptedClientRandom = data
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (p *SecurityExchange) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// CheckModulus checks that the encrypted client random is as long as the
// server's modulus (modulusLen bytes), so that the length field was
// modulusLen + 8, as FreeRDP's server also requires. It returns an error
// wrapping ErrClientRandomLength otherwise.
func (p *SecurityExchange) CheckModulus(modulusLen int) error {
	if len(p.EncryptedClientRandom) != modulusLen {
		return fmt.Errorf("%w: %d bytes, modulus %d", ErrClientRandomLength, len(p.EncryptedClientRandom), modulusLen)
	}
	return nil
}
