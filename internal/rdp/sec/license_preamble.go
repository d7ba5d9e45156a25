package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// LicensePreamble is the Licensing Preamble (LICENSE_PREAMBLE),
// [MS-RDPBCGR] 2.2.1.12.1.1 ([MS-RDPELE] 2.2.1.2): the header of every
// licensing message.
type LicensePreamble struct {
	MsgType LicenseMsgType       // bMsgType
	Flags   LicensePreambleFlags // flags (bVersion in [MS-RDPELE])
	// MsgSize is wMsgSize: "The size in bytes of the licensing packet
	// (including the size of the preamble)".
	MsgSize uint16
}

var _ wire.PDU = (*LicensePreamble)(nil)

const licensePreambleSize = 1 /* bMsgType */ + 1 /* flags */ + 2 /* wMsgSize */

// Size returns the encoded length in bytes (always 4).
func (*LicensePreamble) Size() int { return licensePreambleSize }

// AppendBinary implements [encoding.BinaryAppender].
func (p *LicensePreamble) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, byte(p.MsgType), byte(p.Flags))
	return wire.AppendU16LE(b, p.MsgSize), nil
}

// Decode reads one LICENSE_PREAMBLE from r. It does not check MsgSize
// against the data that follows; LicensingPDU does.
func (p *LicensePreamble) Decode(r *wire.Reader) error {
	typ, flags, size := r.U8(), r.U8(), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("sec: LICENSE_PREAMBLE: %w", err)
	}
	p.MsgType, p.Flags, p.MsgSize = LicenseMsgType(typ), LicensePreambleFlags(flags), size
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes are an error.
func (p *LicensePreamble) UnmarshalBinary(b []byte) error { return wire.Unmarshal(p, b) }

// ParseLicensePreamble reads the preamble at the start of a licensing PDU's
// data (after its security header) and ignores everything after it. It is
// the tolerant path for client licensing PDUs, which a server on the "valid
// client" path only has to recognise and ignore.
func ParseLicensePreamble(b []byte) (LicensePreamble, error) {
	var p LicensePreamble
	err := p.Decode(wire.NewReader(b))
	return p, err
}

// LicenseMsgType is bMsgType.
type LicenseMsgType uint8

const (
	LicenseRequest            LicenseMsgType = 0x01 // LICENSE_REQUEST (server)
	PlatformChallenge         LicenseMsgType = 0x02 // PLATFORM_CHALLENGE (server)
	NewLicense                LicenseMsgType = 0x03 // NEW_LICENSE (server)
	UpgradeLicense            LicenseMsgType = 0x04 // UPGRADE_LICENSE (server)
	LicenseInfo               LicenseMsgType = 0x12 // LICENSE_INFO (client)
	NewLicenseRequest         LicenseMsgType = 0x13 // NEW_LICENSE_REQUEST (client)
	PlatformChallengeResponse LicenseMsgType = 0x15 // PLATFORM_CHALLENGE_RESPONSE (client)
	ErrorAlert                LicenseMsgType = 0xFF // ERROR_ALERT (either): a LICENSE_ERROR_MESSAGE follows
)

func (t LicenseMsgType) String() string {
	switch t {
	case LicenseRequest:
		return "LICENSE_REQUEST"
	case PlatformChallenge:
		return "PLATFORM_CHALLENGE"
	case NewLicense:
		return "NEW_LICENSE"
	case UpgradeLicense:
		return "UPGRADE_LICENSE"
	case LicenseInfo:
		return "LICENSE_INFO"
	case NewLicenseRequest:
		return "NEW_LICENSE_REQUEST"
	case PlatformChallengeResponse:
		return "PLATFORM_CHALLENGE_RESPONSE"
	case ErrorAlert:
		return "ERROR_ALERT"
	}
	return fmt.Sprintf("LicenseMsgType(%#02x)", uint8(t))
}

// LicensePreambleFlags is the preamble's flags byte: a protocol version in
// the low nibble and EXTENDED_ERROR_MSG_SUPPORTED.
type LicensePreambleFlags uint8

const (
	LicenseProtocolVersionMask LicensePreambleFlags = 0x0F // LicenseProtocolVersionMask
	PreambleVersion20          LicensePreambleFlags = 0x02 // PREAMBLE_VERSION_2_0: RDP 4.0
	PreambleVersion30          LicensePreambleFlags = 0x03 // PREAMBLE_VERSION_3_0: RDP 5.0 and later
	// ExtendedErrorMsgSupported is EXTENDED_ERROR_MSG_SUPPORTED. A server
	// must not set it: FreeRDP's license.c notes it crashes mstsc when a
	// server sends it.
	ExtendedErrorMsgSupported LicensePreambleFlags = 0x80
)

// Version returns the license protocol version (PREAMBLE_VERSION_x).
func (f LicensePreambleFlags) Version() LicensePreambleFlags { return f & LicenseProtocolVersionMask }

func (f LicensePreambleFlags) String() string {
	var s string
	switch v := f.Version(); v {
	case PreambleVersion20:
		s = "PREAMBLE_VERSION_2_0"
	case PreambleVersion30:
		s = "PREAMBLE_VERSION_3_0"
	default:
		s = fmt.Sprintf("PREAMBLE_VERSION(%#x)", uint8(v))
	}
	if f&ExtendedErrorMsgSupported != 0 {
		s += "|EXTENDED_ERROR_MSG_SUPPORTED"
	}
	if rest := f &^ (LicenseProtocolVersionMask | ExtendedErrorMsgSupported); rest != 0 {
		s += fmt.Sprintf("|%#x", uint8(rest))
	}
	return s
}
