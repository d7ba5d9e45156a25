package sec

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// InfoFlags are the flags of the Info Packet ([MS-RDPBCGR] 2.2.1.11.1.1).
// Bits 9-12 hold a compression type, not a flag (see CompressionType).
type InfoFlags uint32

const (
	InfoMouse               InfoFlags = 0x00000001 // INFO_MOUSE
	InfoDisableCtrlAltDel   InfoFlags = 0x00000002 // INFO_DISABLECTRLALTDEL
	InfoAutologon           InfoFlags = 0x00000008 // INFO_AUTOLOGON
	InfoUnicode             InfoFlags = 0x00000010 // INFO_UNICODE: strings are UTF-16LE
	InfoMaximizeShell       InfoFlags = 0x00000020 // INFO_MAXIMIZESHELL
	InfoLogonNotify         InfoFlags = 0x00000040 // INFO_LOGONNOTIFY
	InfoCompression         InfoFlags = 0x00000080 // INFO_COMPRESSION: CompressionTypeMask is valid
	CompressionTypeMask     InfoFlags = 0x00001E00 // CompressionTypeMask: highest compression type supported
	InfoEnableWindowsKey    InfoFlags = 0x00000100 // INFO_ENABLEWINDOWSKEY
	InfoRemoteConsoleAudio  InfoFlags = 0x00002000 // INFO_REMOTECONSOLEAUDIO
	InfoForceEncryptedCSPDU InfoFlags = 0x00004000 // INFO_FORCE_ENCRYPTED_CS_PDU
	InfoRail                InfoFlags = 0x00008000 // INFO_RAIL
	InfoLogonErrors         InfoFlags = 0x00010000 // INFO_LOGONERRORS
	InfoMouseHasWheel       InfoFlags = 0x00020000 // INFO_MOUSE_HAS_WHEEL
	InfoPasswordIsSCPin     InfoFlags = 0x00040000 // INFO_PASSWORD_IS_SC_PIN
	InfoNoAudioPlayback     InfoFlags = 0x00080000 // INFO_NOAUDIOPLAYBACK
	InfoUsingSavedCreds     InfoFlags = 0x00100000 // INFO_USING_SAVED_CREDS
	InfoAudioCapture        InfoFlags = 0x00200000 // INFO_AUDIOCAPTURE
	InfoVideoDisable        InfoFlags = 0x00400000 // INFO_VIDEO_DISABLE
	InfoReserved1           InfoFlags = 0x00800000 // INFO_RESERVED1: "MUST NOT be set"
	InfoReserved2           InfoFlags = 0x01000000 // INFO_RESERVED2: "MUST NOT be set"
	InfoHiDefRailSupported  InfoFlags = 0x02000000 // INFO_HIDEF_RAIL_SUPPORTED
)

// compressionTypeShift is the position of CompressionTypeMask.
const compressionTypeShift = 9

var infoFlagNames = []wire.Flag{
	{Bits: uint64(InfoMouse), Name: "INFO_MOUSE"},
	{Bits: uint64(InfoDisableCtrlAltDel), Name: "INFO_DISABLECTRLALTDEL"},
	{Bits: uint64(InfoAutologon), Name: "INFO_AUTOLOGON"},
	{Bits: uint64(InfoUnicode), Name: "INFO_UNICODE"},
	{Bits: uint64(InfoMaximizeShell), Name: "INFO_MAXIMIZESHELL"},
	{Bits: uint64(InfoLogonNotify), Name: "INFO_LOGONNOTIFY"},
	{Bits: uint64(InfoCompression), Name: "INFO_COMPRESSION"},
	{Bits: uint64(InfoEnableWindowsKey), Name: "INFO_ENABLEWINDOWSKEY"},
	{Bits: uint64(InfoRemoteConsoleAudio), Name: "INFO_REMOTECONSOLEAUDIO"},
	{Bits: uint64(InfoForceEncryptedCSPDU), Name: "INFO_FORCE_ENCRYPTED_CS_PDU"},
	{Bits: uint64(InfoRail), Name: "INFO_RAIL"},
	{Bits: uint64(InfoLogonErrors), Name: "INFO_LOGONERRORS"},
	{Bits: uint64(InfoMouseHasWheel), Name: "INFO_MOUSE_HAS_WHEEL"},
	{Bits: uint64(InfoPasswordIsSCPin), Name: "INFO_PASSWORD_IS_SC_PIN"},
	{Bits: uint64(InfoNoAudioPlayback), Name: "INFO_NOAUDIOPLAYBACK"},
	{Bits: uint64(InfoUsingSavedCreds), Name: "INFO_USING_SAVED_CREDS"},
	{Bits: uint64(InfoAudioCapture), Name: "INFO_AUDIOCAPTURE"},
	{Bits: uint64(InfoVideoDisable), Name: "INFO_VIDEO_DISABLE"},
	{Bits: uint64(InfoReserved1), Name: "INFO_RESERVED1"},
	{Bits: uint64(InfoReserved2), Name: "INFO_RESERVED2"},
	{Bits: uint64(InfoHiDefRailSupported), Name: "INFO_HIDEF_RAIL_SUPPORTED"},
}

// Has reports whether every bit of g is set in f.
func (f InfoFlags) Has(g InfoFlags) bool { return f&g == g }

// CompressionType returns the CompressionTypeMask value. It is meaningful
// only when f has INFO_COMPRESSION.
func (f InfoFlags) CompressionType() CompressionType {
	return CompressionType((f & CompressionTypeMask) >> compressionTypeShift)
}

// WithCompressionType returns f with CompressionTypeMask set to t.
func (f InfoFlags) WithCompressionType(t CompressionType) InfoFlags {
	return f&^CompressionTypeMask | InfoFlags(t)<<compressionTypeShift&CompressionTypeMask
}

// String prints the flags as INFO_X|INFO_Y|PACKET_COMPR_TYPE_…, unknown
// bits in hex. The compression type is printed when its bits are not zero.
func (f InfoFlags) String() string {
	s := wire.FormatFlags(uint64(f&^CompressionTypeMask), infoFlagNames)
	if f&CompressionTypeMask == 0 {
		return s
	}
	ct := f.CompressionType().String()
	if s == "0" {
		return ct
	}
	return s + "|" + ct
}

// CompressionType is the 4-bit CompressionTypeMask value of the Info Packet
// flags: the highest bulk compression package the client supports.
type CompressionType uint8

const (
	CompressionType8K    CompressionType = 0x0 // PACKET_COMPR_TYPE_8K: RDP 4.0 (MPPC 8K)
	CompressionType64K   CompressionType = 0x1 // PACKET_COMPR_TYPE_64K: RDP 5.0 (MPPC 64K)
	CompressionTypeRDP6  CompressionType = 0x2 // PACKET_COMPR_TYPE_RDP6: NCRUSH
	CompressionTypeRDP61 CompressionType = 0x3 // PACKET_COMPR_TYPE_RDP61: XCRUSH
)

func (t CompressionType) String() string {
	switch t {
	case CompressionType8K:
		return "PACKET_COMPR_TYPE_8K"
	case CompressionType64K:
		return "PACKET_COMPR_TYPE_64K"
	case CompressionTypeRDP6:
		return "PACKET_COMPR_TYPE_RDP6"
	case CompressionTypeRDP61:
		return "PACKET_COMPR_TYPE_RDP61"
	}
	return fmt.Sprintf("PACKET_COMPR_TYPE(%#x)", uint8(t))
}
