package gcc

import (
	"bytes"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ServerSecurityData is the Server Security Data block (TS_UD_SC_SEC1),
// [MS-RDPBCGR] 2.2.1.4.3: the Standard RDP Security configuration the
// server selected, and with encryption its random and certificate. Client
// processing: 3.2.5.3.4, 5.3.2.
//
// Under TLS or CredSSP, and for Standard RDP Security without encryption,
// the method and level are both NONE and nothing follows (12 bytes). With
// encryption, ServerRandom is 32 bytes and ServerCertificate is the
// server's certificate (a proprietary certificate, 2.2.1.4.3.1.1, or an
// X.509 chain), kept as raw bytes here.
//
// Decode and AppendBinary both enforce the combinations of 5.3.2 (see
// CheckEncryption) and the lengths of 2.2.1.4.3, as FreeRDP 2.11's client
// does (gcc.c gcc_read_server_security_data).
type ServerSecurityData struct {
	EncryptionMethod  EncryptionMethod // encryptionMethod: the selected method
	EncryptionLevel   EncryptionLevel  // encryptionLevel
	ServerRandom      []byte           // serverRandom: 32 bytes with encryption, else empty
	ServerCertificate []byte           // serverCertificate: non-empty with encryption, else empty
}

var _ wire.PDU = (*ServerSecurityData)(nil)

// ServerRandomSize is the length of serverRandom: 2.2.1.4.3, "If either the
// encryptionMethod or encryptionLevel field is non-zero this field MUST be
// set to 0x00000020".
const ServerRandomSize = 32

// Size returns the encoded length in bytes.
func (s *ServerSecurityData) Size() int {
	n := headerSize + 4 /* encryptionMethod */ + 4 /* encryptionLevel */
	if s.EncryptionLevel != EncryptionLevelNone {
		n += 4 /* serverRandomLen */ + 4 /* serverCertLen */ + len(s.ServerRandom) + len(s.ServerCertificate)
	}
	return n
}

// check validates the fields against 5.3.2 and 2.2.1.4.3.
func (s *ServerSecurityData) check() error {
	if err := CheckEncryption(s.EncryptionMethod, s.EncryptionLevel); err != nil {
		return err
	}
	if s.EncryptionLevel == EncryptionLevelNone {
		// 2.2.1.4.3: "If the encryptionMethod and encryptionLevel fields are
		// both set to 0 then [serverRandomLen and serverCertLen] MUST NOT be
		// present".
		if len(s.ServerRandom) != 0 || len(s.ServerCertificate) != 0 {
			return fmt.Errorf("gcc: TS_UD_SC_SEC1: server random or certificate without encryption")
		}
		return nil
	}
	if len(s.ServerRandom) != ServerRandomSize {
		return fmt.Errorf("gcc: TS_UD_SC_SEC1: %d-byte server random, want %d", len(s.ServerRandom), ServerRandomSize)
	}
	if len(s.ServerCertificate) == 0 {
		return fmt.Errorf("gcc: TS_UD_SC_SEC1: encryption without a server certificate")
	}
	return nil
}

// AppendBinary implements [encoding.BinaryAppender].
func (s *ServerSecurityData) AppendBinary(b []byte) ([]byte, error) {
	if err := s.check(); err != nil {
		return b, err
	}
	b, err := appendHeader(b, SCSecurity, s.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(s.EncryptionMethod))
	b = wire.AppendU32LE(b, uint32(s.EncryptionLevel))
	if s.EncryptionLevel == EncryptionLevelNone {
		return b, nil
	}
	b = wire.AppendU32LE(b, uint32(len(s.ServerRandom)))
	b = wire.AppendU32LE(b, uint32(len(s.ServerCertificate)))
	b = append(b, s.ServerRandom...)
	return append(b, s.ServerCertificate...), nil
}

// Decode reads one TS_UD_SC_SEC1 block, header included, from r.
func (s *ServerSecurityData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, SCSecurity)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", err)
	}
	method, level := EncryptionMethod(body.U32LE()), EncryptionLevel(body.U32LE())
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", err)
	}
	if err := CheckEncryption(method, level); err != nil {
		body.Fail("encryptionMethod", fmt.Errorf("%w: %w", wire.ErrInvalid, err))
		return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", body.Err())
	}
	v := ServerSecurityData{EncryptionMethod: method, EncryptionLevel: level}
	if level != EncryptionLevelNone {
		randomLen, certLen := body.U32LE(), body.U32LE()
		if err := body.Err(); err != nil {
			return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", err)
		}
		// 2.2.1.4.3: serverRandomLen "MUST be set to 0x00000020".
		if randomLen != ServerRandomSize {
			body.Failf("serverRandomLen", "%d, want %d", randomLen, ServerRandomSize)
			return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", body.Err())
		}
		rest := body.Len() - ServerRandomSize // the certificate's share of the block
		if rest < 0 {
			body.Failf("serverRandom", "%d bytes left, want %d", body.Len(), ServerRandomSize)
			return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", body.Err())
		}
		// FreeRDP 2.11's client rejects serverCertLen 0 with encryption.
		if certLen == 0 || uint64(certLen) != uint64(rest) {
			body.Failf("serverCertLen", "%d, but %d bytes follow the random", certLen, rest)
			return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", body.Err())
		}
		v.ServerRandom = bytes.Clone(body.Bytes(ServerRandomSize))
		v.ServerCertificate = bytes.Clone(body.Bytes(int(certLen)))
	}
	// With both fields 0, 2.2.1.4.3 says serverRandomLen and serverCertLen
	// "MUST NOT be present": nothing may follow.
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_SC_SEC1: %w", err)
	}
	*s = v
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (s *ServerSecurityData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
