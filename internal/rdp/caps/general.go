package caps

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// OSMajorType is osMajorType, the sender's platform ([MS-RDPBCGR] 2.2.7.1.1).
type OSMajorType uint16

// Platforms.
const (
	OSMajorUnspecified OSMajorType = 0x0000 // OSMAJORTYPE_UNSPECIFIED
	OSMajorWindows     OSMajorType = 0x0001 // OSMAJORTYPE_WINDOWS
	OSMajorOS2         OSMajorType = 0x0002 // OSMAJORTYPE_OS2
	OSMajorMacintosh   OSMajorType = 0x0003 // OSMAJORTYPE_MACINTOSH
	OSMajorUnix        OSMajorType = 0x0004 // OSMAJORTYPE_UNIX
	OSMajorIOS         OSMajorType = 0x0005 // OSMAJORTYPE_IOS
	OSMajorOSX         OSMajorType = 0x0006 // OSMAJORTYPE_OSX
	OSMajorAndroid     OSMajorType = 0x0007 // OSMAJORTYPE_ANDROID
	OSMajorChromeOS    OSMajorType = 0x0008 // OSMAJORTYPE_CHROME_OS
)

func (t OSMajorType) String() string {
	switch t {
	case OSMajorUnspecified:
		return "OSMAJORTYPE_UNSPECIFIED"
	case OSMajorWindows:
		return "OSMAJORTYPE_WINDOWS"
	case OSMajorOS2:
		return "OSMAJORTYPE_OS2"
	case OSMajorMacintosh:
		return "OSMAJORTYPE_MACINTOSH"
	case OSMajorUnix:
		return "OSMAJORTYPE_UNIX"
	case OSMajorIOS:
		return "OSMAJORTYPE_IOS"
	case OSMajorOSX:
		return "OSMAJORTYPE_OSX"
	case OSMajorAndroid:
		return "OSMAJORTYPE_ANDROID"
	case OSMajorChromeOS:
		return "OSMAJORTYPE_CHROME_OS"
	}
	return fmt.Sprintf("OSMAJORTYPE(%#04x)", uint16(t))
}

// OSMinorType is osMinorType, the platform version ([MS-RDPBCGR] 2.2.7.1.1).
type OSMinorType uint16

// Platform versions.
const (
	OSMinorUnspecified   OSMinorType = 0x0000 // OSMINORTYPE_UNSPECIFIED
	OSMinorWindows31x    OSMinorType = 0x0001 // OSMINORTYPE_WINDOWS_31X
	OSMinorWindows95     OSMinorType = 0x0002 // OSMINORTYPE_WINDOWS_95
	OSMinorWindowsNT     OSMinorType = 0x0003 // OSMINORTYPE_WINDOWS_NT
	OSMinorOS2V21        OSMinorType = 0x0004 // OSMINORTYPE_OS2_V21
	OSMinorPowerPC       OSMinorType = 0x0005 // OSMINORTYPE_POWER_PC
	OSMinorMacintosh     OSMinorType = 0x0006 // OSMINORTYPE_MACINTOSH
	OSMinorNativeXServer OSMinorType = 0x0007 // OSMINORTYPE_NATIVE_XSERVER
	OSMinorPseudoXServer OSMinorType = 0x0008 // OSMINORTYPE_PSEUDO_XSERVER
	OSMinorWindowsRT     OSMinorType = 0x0009 // OSMINORTYPE_WINDOWS_RT
)

func (t OSMinorType) String() string {
	switch t {
	case OSMinorUnspecified:
		return "OSMINORTYPE_UNSPECIFIED"
	case OSMinorWindows31x:
		return "OSMINORTYPE_WINDOWS_31X"
	case OSMinorWindows95:
		return "OSMINORTYPE_WINDOWS_95"
	case OSMinorWindowsNT:
		return "OSMINORTYPE_WINDOWS_NT"
	case OSMinorOS2V21:
		return "OSMINORTYPE_OS2_V21"
	case OSMinorPowerPC:
		return "OSMINORTYPE_POWER_PC"
	case OSMinorMacintosh:
		return "OSMINORTYPE_MACINTOSH"
	case OSMinorNativeXServer:
		return "OSMINORTYPE_NATIVE_XSERVER"
	case OSMinorPseudoXServer:
		return "OSMINORTYPE_PSEUDO_XSERVER"
	case OSMinorWindowsRT:
		return "OSMINORTYPE_WINDOWS_RT"
	}
	return fmt.Sprintf("OSMINORTYPE(%#04x)", uint16(t))
}

// ExtraFlags is extraFlags of the General set ([MS-RDPBCGR] 2.2.7.1.1).
type ExtraFlags uint16

// General capability flags.
const (
	FastPathOutputSupported  ExtraFlags = 0x0001 // FASTPATH_OUTPUT_SUPPORTED
	LongCredentialsSupported ExtraFlags = 0x0004 // LONG_CREDENTIALS_SUPPORTED
	AutoReconnectSupported   ExtraFlags = 0x0008 // AUTORECONNECT_SUPPORTED
	EncSaltedChecksum        ExtraFlags = 0x0010 // ENC_SALTED_CHECKSUM
	NoBitmapCompressionHdr   ExtraFlags = 0x0400 // NO_BITMAP_COMPRESSION_HDR
)

// Has reports whether every flag in f is set.
func (e ExtraFlags) Has(f ExtraFlags) bool { return e&f == f }

func (e ExtraFlags) String() string {
	return wire.FormatFlags(uint64(e), []wire.Flag{
		{Bits: uint64(FastPathOutputSupported), Name: "FASTPATH_OUTPUT_SUPPORTED"},
		{Bits: uint64(LongCredentialsSupported), Name: "LONG_CREDENTIALS_SUPPORTED"},
		{Bits: uint64(AutoReconnectSupported), Name: "AUTORECONNECT_SUPPORTED"},
		{Bits: uint64(EncSaltedChecksum), Name: "ENC_SALTED_CHECKSUM"},
		{Bits: uint64(NoBitmapCompressionHdr), Name: "NO_BITMAP_COMPRESSION_HDR"},
	})
}

// General is the General Capability Set (TS_GENERAL_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.1. Sent by both sides.
//
// protocolVersion is written as TS_CAPS_PROTOCOLVERSION (0x0200) and
// compressionTypes, updateCapabilityFlag, remoteUnshareFlag and
// compressionLevel as zero; the spec fixes all five ("MUST be set to") and
// the decoder rejects other values.
type General struct {
	OSMajorType OSMajorType // osMajorType
	OSMinorType OSMinorType // osMinorType
	ExtraFlags  ExtraFlags  // extraFlags
	// RefreshRectSupport and SuppressOutputSupport are server-only flags:
	// the server accepts the Refresh Rect and Suppress Output PDUs.
	RefreshRectSupport    bool // refreshRectSupport
	SuppressOutputSupport bool // suppressOutputSupport
}

var _ Set = (*General)(nil)

// ProtocolVersion is TS_CAPS_PROTOCOLVERSION, the only protocolVersion.
const ProtocolVersion = 0x0200

const generalBody = 2 /* osMajorType */ + 2 /* osMinorType */ + 2 /* protocolVersion */ +
	2 /* pad2octetsA */ + 2 /* compressionTypes */ + 2 /* extraFlags */ +
	2 /* updateCapabilityFlag */ + 2 /* remoteUnshareFlag */ + 2 /* compressionLevel */ +
	1 /* refreshRectSupport */ + 1 /* suppressOutputSupport */

// Type returns TypeGeneral.
func (*General) Type() SetType { return TypeGeneral }

// Size returns the encoded length, 24.
func (*General) Size() int { return headerSize + generalBody }

// AppendBinary appends the set.
func (s *General) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeGeneral, generalBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU16LE(b, uint16(s.OSMajorType))
	b = wire.AppendU16LE(b, uint16(s.OSMinorType))
	b = wire.AppendU16LE(b, ProtocolVersion)
	b = wire.AppendU16LE(b, 0) // pad2octetsA
	b = wire.AppendU16LE(b, 0) // compressionTypes
	b = wire.AppendU16LE(b, uint16(s.ExtraFlags))
	b = wire.AppendU16LE(b, 0) // updateCapabilityFlag
	b = wire.AppendU16LE(b, 0) // remoteUnshareFlag
	b = wire.AppendU16LE(b, 0) // compressionLevel
	b = append(b, boolU8(s.RefreshRectSupport), boolU8(s.SuppressOutputSupport))
	return b, nil
}

// Decode reads one TS_GENERAL_CAPABILITYSET.
func (s *General) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeGeneral, "TS_GENERAL_CAPABILITYSET", func(d *wire.Reader) {
		s.OSMajorType = OSMajorType(d.U16LE())
		s.OSMinorType = OSMinorType(d.U16LE())
		// "This field MUST be set to TS_CAPS_PROTOCOLVERSION (0x0200)."
		if v := d.U16LE(); d.Err() == nil && v != ProtocolVersion {
			d.Failf("protocolVersion", "%#04x, want %#04x", v, ProtocolVersion)
		}
		d.Skip(2) // pad2octetsA
		// compressionTypes: "This field MUST be set to zero."
		mustZero16(d, "compressionTypes")
		s.ExtraFlags = ExtraFlags(d.U16LE())
		mustZero16(d, "updateCapabilityFlag") // "MUST be set to zero"
		mustZero16(d, "remoteUnshareFlag")    // "MUST be set to zero"
		mustZero16(d, "compressionLevel")     // "MUST be set to zero"
		s.RefreshRectSupport = d.U8() != 0
		s.SuppressOutputSupport = d.U8() != 0
	}, generalBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *General) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }

// mustZero16 reads a 16-bit field the spec fixes at zero.
func mustZero16(d *wire.Reader, field string) {
	if v := d.U16LE(); d.Err() == nil && v != 0 {
		d.Failf(field, "%#04x, want 0", v)
	}
}
