package sec

import (
	"fmt"
	"math"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// LicenseBinaryBlob is the Licensing Binary Blob (LICENSE_BINARY_BLOB),
// [MS-RDPBCGR] 2.2.1.12.1.2.
type LicenseBinaryBlob struct {
	// BlobType is wBlobType. "If wBlobLen is set to 0, then the contents of
	// this field SHOULD be ignored"; it is kept as sent.
	BlobType LicenseBlobType
	Data     []byte // blobData (wBlobLen bytes); aliases the decoded input
}

var _ wire.PDU = (*LicenseBinaryBlob)(nil)

// Size returns the encoded length in bytes.
func (p *LicenseBinaryBlob) Size() int { return 2 /* wBlobType */ + 2 /* wBlobLen */ + len(p.Data) }

// AppendBinary implements [encoding.BinaryAppender].
func (p *LicenseBinaryBlob) AppendBinary(b []byte) ([]byte, error) {
	if len(p.Data) > math.MaxUint16 {
		return b, fmt.Errorf("sec: LICENSE_BINARY_BLOB: %d bytes of blobData, maximum %d", len(p.Data), math.MaxUint16)
	}
	b = wire.AppendU16LE(b, uint16(p.BlobType))
	b = wire.AppendU16LE(b, uint16(len(p.Data)))
	return append(b, p.Data...), nil
}

// Decode reads one LICENSE_BINARY_BLOB from r.
func (p *LicenseBinaryBlob) Decode(r *wire.Reader) error {
	if err := p.decode(r); err != nil {
		return fmt.Errorf("sec: %w", err)
	}
	return nil
}

func (p *LicenseBinaryBlob) decode(r *wire.Reader) error {
	typ, n := r.U16LE(), r.U16LE()
	data := r.Bytes(int(n))
	if err := r.Err(); err != nil {
		return fmt.Errorf("LICENSE_BINARY_BLOB: %w", err)
	}
	p.BlobType, p.Data = LicenseBlobType(typ), data
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (p *LicenseBinaryBlob) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// LicenseBlobType is wBlobType.
type LicenseBlobType uint16

const (
	BBDataBlob              LicenseBlobType = 0x0001 // BB_DATA_BLOB
	BBRandomBlob            LicenseBlobType = 0x0002 // BB_RANDOM_BLOB
	BBCertificateBlob       LicenseBlobType = 0x0003 // BB_CERTIFICATE_BLOB
	BBErrorBlob             LicenseBlobType = 0x0004 // BB_ERROR_BLOB
	BBEncryptedDataBlob     LicenseBlobType = 0x0009 // BB_ENCRYPTED_DATA_BLOB
	BBKeyExchgAlgBlob       LicenseBlobType = 0x000D // BB_KEY_EXCHG_ALG_BLOB
	BBScopeBlob             LicenseBlobType = 0x000E // BB_SCOPE_BLOB
	BBClientUserNameBlob    LicenseBlobType = 0x000F // BB_CLIENT_USER_NAME_BLOB
	BBClientMachineNameBlob LicenseBlobType = 0x0010 // BB_CLIENT_MACHINE_NAME_BLOB
)

func (t LicenseBlobType) String() string {
	switch t {
	case BBDataBlob:
		return "BB_DATA_BLOB"
	case BBRandomBlob:
		return "BB_RANDOM_BLOB"
	case BBCertificateBlob:
		return "BB_CERTIFICATE_BLOB"
	case BBErrorBlob:
		return "BB_ERROR_BLOB"
	case BBEncryptedDataBlob:
		return "BB_ENCRYPTED_DATA_BLOB"
	case BBKeyExchgAlgBlob:
		return "BB_KEY_EXCHG_ALG_BLOB"
	case BBScopeBlob:
		return "BB_SCOPE_BLOB"
	case BBClientUserNameBlob:
		return "BB_CLIENT_USER_NAME_BLOB"
	case BBClientMachineNameBlob:
		return "BB_CLIENT_MACHINE_NAME_BLOB"
	}
	return fmt.Sprintf("LicenseBlobType(%#04x)", uint16(t))
}
