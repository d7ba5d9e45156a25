package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// LicenseErrorMessage is the Licensing Error Message
// (LICENSE_ERROR_MESSAGE), [MS-RDPBCGR] 2.2.1.12.1.3 ([MS-RDPELE] 2.2.2.8):
// the message after an ERROR_ALERT preamble. With STATUS_VALID_CLIENT it
// ends the licensing phase (ValidClientLicense).
type LicenseErrorMessage struct {
	ErrorCode       LicenseErrorCode       // dwErrorCode
	StateTransition LicenseStateTransition // dwStateTransition
	ErrorInfo       LicenseBinaryBlob      // bbErrorInfo
}

var _ wire.PDU = (*LicenseErrorMessage)(nil)

// Size returns the encoded length in bytes.
func (p *LicenseErrorMessage) Size() int {
	return 4 /* dwErrorCode */ + 4 /* dwStateTransition */ + p.ErrorInfo.Size()
}

// AppendBinary implements [encoding.BinaryAppender].
func (p *LicenseErrorMessage) AppendBinary(b []byte) ([]byte, error) {
	b = wire.AppendU32LE(b, uint32(p.ErrorCode))
	b = wire.AppendU32LE(b, uint32(p.StateTransition))
	b, err := p.ErrorInfo.AppendBinary(b)
	if err != nil {
		return b, fmt.Errorf("sec: LICENSE_ERROR_MESSAGE: %w", err)
	}
	return b, nil
}

// Decode reads one LICENSE_ERROR_MESSAGE from r.
func (p *LicenseErrorMessage) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("sec: %w", err)
	}
	return nil
}

func (p *LicenseErrorMessage) decode(r *wire.Reader) error {
	code, transition := r.U32LE(), r.U32LE()
	var blob LicenseBinaryBlob
	if err := blob.decode(r); err != nil {
		return fmt.Errorf("LICENSE_ERROR_MESSAGE: %w", err)
	}
	// 2.2.1.12.1.3: bbErrorInfo "MUST contain a BLOB of type BB_ERROR_BLOB";
	// but 2.2.1.12.1.2: with wBlobLen 0 "the contents of the wBlobType
	// field SHOULD be ignored".
	if len(blob.Data) > 0 && blob.BlobType != BBErrorBlob {
		return fmt.Errorf("LICENSE_ERROR_MESSAGE: %w", r.Failf("bbErrorInfo", "wBlobType %v, want BB_ERROR_BLOB", blob.BlobType))
	}
	p.ErrorCode, p.StateTransition, p.ErrorInfo = LicenseErrorCode(code), LicenseStateTransition(transition), blob
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (p *LicenseErrorMessage) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// LicenseErrorCode is dwErrorCode.
type LicenseErrorCode uint32

const (
	ErrInvalidServerCertificate LicenseErrorCode = 0x00000001 // ERR_INVALID_SERVER_CERTIFICATE (client)
	ErrNoLicense                LicenseErrorCode = 0x00000002 // ERR_NO_LICENSE (client)
	ErrInvalidMAC               LicenseErrorCode = 0x00000003 // ERR_INVALID_MAC (either)
	ErrInvalidScope             LicenseErrorCode = 0x00000004 // ERR_INVALID_SCOPE (server)
	ErrNoLicenseServer          LicenseErrorCode = 0x00000006 // ERR_NO_LICENSE_SERVER (server)
	StatusValidClient           LicenseErrorCode = 0x00000007 // STATUS_VALID_CLIENT (server)
	ErrInvalidClient            LicenseErrorCode = 0x00000008 // ERR_INVALID_CLIENT (server)
	ErrInvalidProductID         LicenseErrorCode = 0x0000000B // ERR_INVALID_PRODUCTID (server)
	ErrInvalidMessageLen        LicenseErrorCode = 0x0000000C // ERR_INVALID_MESSAGE_LEN (server)
)

func (c LicenseErrorCode) String() string {
	switch c {
	case ErrInvalidServerCertificate:
		return "ERR_INVALID_SERVER_CERTIFICATE"
	case ErrNoLicense:
		return "ERR_NO_LICENSE"
	case ErrInvalidMAC:
		return "ERR_INVALID_MAC"
	case ErrInvalidScope:
		return "ERR_INVALID_SCOPE"
	case ErrNoLicenseServer:
		return "ERR_NO_LICENSE_SERVER"
	case StatusValidClient:
		return "STATUS_VALID_CLIENT"
	case ErrInvalidClient:
		return "ERR_INVALID_CLIENT"
	case ErrInvalidProductID:
		return "ERR_INVALID_PRODUCTID"
	case ErrInvalidMessageLen:
		return "ERR_INVALID_MESSAGE_LEN"
	}
	return fmt.Sprintf("LicenseErrorCode(%#x)", uint32(c))
}

// LicenseStateTransition is dwStateTransition.
type LicenseStateTransition uint32

const (
	STTotalAbort        LicenseStateTransition = 0x00000001 // ST_TOTAL_ABORT
	STNoTransition      LicenseStateTransition = 0x00000002 // ST_NO_TRANSITION
	STResetPhaseToStart LicenseStateTransition = 0x00000003 // ST_RESET_PHASE_TO_START
	STResendLastMessage LicenseStateTransition = 0x00000004 // ST_RESEND_LAST_MESSAGE
)

func (t LicenseStateTransition) String() string {
	switch t {
	case STTotalAbort:
		return "ST_TOTAL_ABORT"
	case STNoTransition:
		return "ST_NO_TRANSITION"
	case STResetPhaseToStart:
		return "ST_RESET_PHASE_TO_START"
	case STResendLastMessage:
		return "ST_RESEND_LAST_MESSAGE"
	}
	return fmt.Sprintf("LicenseStateTransition(%#x)", uint32(t))
}
