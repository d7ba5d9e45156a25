package sec

import (
	"fmt"
	"math"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// LicensingPDU is a licensing message with its preamble: the data of a
// Licensing PDU (TS_LICENSING_PDU, [MS-RDPELE] 2.2.2) after its security
// header, whose flags "MUST contain the SEC_LICENSE_PKT (0x0080) flag"; the
// caller adds and checks that header. The server's "valid client" message
// (LICENSE_VALID_CLIENT_DATA, [MS-RDPBCGR] 2.2.1.12.1) is one
// (ValidClientLicense).
//
// An ERROR_ALERT message is decoded into ErrorMessage; every other message
// type is kept raw in Body, since the "valid client" path never needs them.
type LicensingPDU struct {
	// Preamble is the preamble. AppendBinary writes wMsgSize from the
	// encoded size and ignores Preamble.MsgSize; Decode checks it.
	Preamble     LicensePreamble
	ErrorMessage *LicenseErrorMessage // the message when Preamble.MsgType is ERROR_ALERT, else nil
	Body         []byte               // the raw message for any other type (aliases the input), else nil
}

var _ wire.PDU = (*LicensingPDU)(nil)

// ValidClientLicense returns the server's License Error (Valid Client)
// message, [MS-RDPBCGR] 2.2.1.12: ERROR_ALERT with PREAMBLE_VERSION_3_0 and
// wMsgSize 16, STATUS_VALID_CLIENT, ST_NO_TRANSITION and an empty
// BB_ERROR_BLOB. The preamble flags never carry EXTENDED_ERROR_MSG_SUPPORTED:
// FreeRDP's license.c notes that a server setting it crashes mstsc. Send it
// after a Basic Security Header with SEC_LICENSE_PKT.
func ValidClientLicense() *LicensingPDU {
	return &LicensingPDU{
		Preamble: LicensePreamble{MsgType: ErrorAlert, Flags: PreambleVersion30, MsgSize: 16},
		ErrorMessage: &LicenseErrorMessage{
			ErrorCode:       StatusValidClient,
			StateTransition: STNoTransition,
			ErrorInfo:       LicenseBinaryBlob{BlobType: BBErrorBlob},
		},
	}
}

// IsValidClient reports whether p ends licensing with STATUS_VALID_CLIENT.
func (p *LicensingPDU) IsValidClient() bool {
	return p.Preamble.MsgType == ErrorAlert && p.ErrorMessage != nil &&
		p.ErrorMessage.ErrorCode == StatusValidClient && p.ErrorMessage.StateTransition == STNoTransition
}

func (p *LicensingPDU) bodySize() int {
	if p.Preamble.MsgType == ErrorAlert && p.ErrorMessage != nil {
		return p.ErrorMessage.Size()
	}
	return len(p.Body)
}

// Size returns the encoded length in bytes.
func (p *LicensingPDU) Size() int { return licensePreambleSize + p.bodySize() }

// AppendBinary implements [encoding.BinaryAppender].
func (p *LicensingPDU) AppendBinary(b []byte) ([]byte, error) {
	isError := p.Preamble.MsgType == ErrorAlert
	switch {
	case isError && p.ErrorMessage == nil:
		return b, fmt.Errorf("sec: licensing PDU: ERROR_ALERT without an error message")
	case !isError && p.ErrorMessage != nil:
		return b, fmt.Errorf("sec: licensing PDU: error message with bMsgType %v", p.Preamble.MsgType)
	case isError && p.Body != nil:
		return b, fmt.Errorf("sec: licensing PDU: ERROR_ALERT with a raw body")
	}
	n := p.Size()
	if n > math.MaxUint16 {
		return b, fmt.Errorf("sec: licensing PDU: %d bytes, wMsgSize maximum %d", n, math.MaxUint16)
	}
	pre := p.Preamble
	pre.MsgSize = uint16(n)
	b, _ = pre.AppendBinary(b)
	if !isError {
		return append(b, p.Body...), nil
	}
	b, err := p.ErrorMessage.AppendBinary(b)
	if err != nil {
		return b, fmt.Errorf("sec: licensing PDU: %w", err)
	}
	return b, nil
}

// Decode reads one licensing message from r; it runs to the end of r.
func (p *LicensingPDU) Decode(r *wire.Reader) error {
	var pre LicensePreamble
	if err := pre.Decode(r); err != nil {
		return err
	}
	// [MS-RDPBCGR] 2.2.1.12.1.1: wMsgSize is "The size in bytes of the
	// licensing packet (including the size of the preamble)".
	if int(pre.MsgSize) != licensePreambleSize+r.Len() {
		return fmt.Errorf("sec: licensing PDU: %w", r.Failf("wMsgSize", "%d, but %d bytes present", pre.MsgSize, licensePreambleSize+r.Len()))
	}
	q := LicensingPDU{Preamble: pre}
	if pre.MsgType == ErrorAlert {
		q.ErrorMessage = new(LicenseErrorMessage)
		if err := q.ErrorMessage.decode(r); err != nil {
			return fmt.Errorf("sec: licensing PDU: %w", err)
		}
		if r.Len() != 0 {
			return fmt.Errorf("sec: licensing PDU: %w", r.Failf("wMsgSize", "%d bytes after LICENSE_ERROR_MESSAGE", r.Len()))
		}
	} else {
		q.Body = r.Rest()
	}
	*p = q
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler].
func (p *LicensingPDU) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }
