package gcc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ClientCoreData is the Client Core Data block (TS_UD_CS_CORE),
// [MS-RDPBCGR] 2.2.1.3.2. Server processing: 3.3.5.3.3.
//
// The fields from PostBeta2ColorDepth on are optional: 2.2.1.3.2 says "If
// one field is present, all of the preceding fields MUST also be present. If
// one field is not present, all of the subsequent fields MUST NOT be
// present." Clients end the block at different fields: the [MS-RDPBCGR]
// 4.1.3 sample stops after serverSelectedProtocol (216 bytes), FreeRDP 2.11
// sends every field (234 bytes), RDP 4.0 clients stop after imeFileName.
// LastField records how far the block went, so a short block decodes and
// re-encodes byte for byte; optional fields after LastField are zero.
//
// The string fields hold the text before the first NUL of their fixed-size
// UTF-16LE field; the encoder pads with NULs.
type ClientCoreData struct {
	Version             RDPVersion   // version
	DesktopWidth        uint16       // desktopWidth: requested width in pixels (a request; the server decides)
	DesktopHeight       uint16       // desktopHeight
	ColorDepth          ColorDepth   // colorDepth: ignored when postBeta2ColorDepth is present
	SASSequence         uint16       // SASSequence: SHOULD be RNS_UD_SAS_DEL (0xAA03)
	KeyboardLayout      uint32       // keyboardLayout: active input locale identifier
	ClientBuild         uint32       // clientBuild
	ClientName          string       // clientName: 32 bytes of UTF-16LE, NUL-padded
	KeyboardType        KeyboardType // keyboardType
	KeyboardSubType     uint32       // keyboardSubType: OEM-dependent
	KeyboardFunctionKey uint32       // keyboardFunctionKey: number of function keys
	IMEFileName         string       // imeFileName: 64 bytes of UTF-16LE, NUL-padded

	// LastField is the last optional field the block carries
	// (CoreFieldNone: the block ends after imeFileName).
	LastField CoreField

	PostBeta2ColorDepth    ColorDepth           // postBeta2ColorDepth: ignored when highColorDepth is present
	ClientProductID        uint16               // clientProductId: SHOULD be 1
	SerialNumber           uint32               // serialNumber: SHOULD be 0
	HighColorDepth         HighColorDepth       // highColorDepth
	SupportedColorDepths   SupportedColorDepths // supportedColorDepths
	EarlyCapabilityFlags   EarlyCapabilityFlags // earlyCapabilityFlags
	ClientDigProductID     string               // clientDigProductId: 64 bytes of UTF-16LE, NUL-padded
	ConnectionType         ConnectionType       // connectionType: valid only with RNS_UD_CS_VALID_CONNECTION_TYPE
	ServerSelectedProtocol uint32               // serverSelectedProtocol: the selectedProtocol of the X.224 Connection Confirm (x224 Protocols values)
	DesktopPhysicalWidth   uint32               // desktopPhysicalWidth, in millimetres
	DesktopPhysicalHeight  uint32               // desktopPhysicalHeight, in millimetres
	DesktopOrientation     Orientation          // desktopOrientation
	DesktopScaleFactor     uint32               // desktopScaleFactor, percent
	DeviceScaleFactor      uint32               // deviceScaleFactor, percent
}

var _ wire.PDU = (*ClientCoreData)(nil)

// CoreField names the optional fields of TS_UD_CS_CORE in wire order, for
// ClientCoreData.LastField. The pad1octet field between connectionType and
// serverSelectedProtocol has its own value because a block may end after it.
type CoreField uint8

// Optional TS_UD_CS_CORE fields, [MS-RDPBCGR] 2.2.1.3.2, in wire order.
const (
	CoreFieldNone              CoreField = iota // no optional field
	CorePostBeta2ColorDepth                     // postBeta2ColorDepth (2 bytes)
	CoreClientProductID                         // clientProductId (2 bytes)
	CoreSerialNumber                            // serialNumber (4 bytes)
	CoreHighColorDepth                          // highColorDepth (2 bytes)
	CoreSupportedColorDepths                    // supportedColorDepths (2 bytes)
	CoreEarlyCapabilityFlags                    // earlyCapabilityFlags (2 bytes)
	CoreClientDigProductID                      // clientDigProductId (64 bytes)
	CoreConnectionType                          // connectionType (1 byte)
	CorePad1Octet                               // pad1octet (1 byte)
	CoreServerSelectedProtocol                  // serverSelectedProtocol (4 bytes)
	CoreDesktopPhysicalWidth                    // desktopPhysicalWidth (4 bytes)
	CoreDesktopPhysicalHeight                   // desktopPhysicalHeight (4 bytes)
	CoreDesktopOrientation                      // desktopOrientation (2 bytes)
	CoreDesktopScaleFactor                      // desktopScaleFactor (4 bytes)
	CoreDeviceScaleFactor                       // deviceScaleFactor (4 bytes): the last field
)

func (f CoreField) String() string {
	switch f {
	case CoreFieldNone:
		return "none"
	case CorePostBeta2ColorDepth:
		return "postBeta2ColorDepth"
	case CoreClientProductID:
		return "clientProductId"
	case CoreSerialNumber:
		return "serialNumber"
	case CoreHighColorDepth:
		return "highColorDepth"
	case CoreSupportedColorDepths:
		return "supportedColorDepths"
	case CoreEarlyCapabilityFlags:
		return "earlyCapabilityFlags"
	case CoreClientDigProductID:
		return "clientDigProductId"
	case CoreConnectionType:
		return "connectionType"
	case CorePad1Octet:
		return "pad1octet"
	case CoreServerSelectedProtocol:
		return "serverSelectedProtocol"
	case CoreDesktopPhysicalWidth:
		return "desktopPhysicalWidth"
	case CoreDesktopPhysicalHeight:
		return "desktopPhysicalHeight"
	case CoreDesktopOrientation:
		return "desktopOrientation"
	case CoreDesktopScaleFactor:
		return "desktopScaleFactor"
	case CoreDeviceScaleFactor:
		return "deviceScaleFactor"
	}
	return fmt.Sprintf("CoreField(%d)", uint8(f))
}

// size returns the field's size in bytes (0 for CoreFieldNone and unknown
// values).
func (f CoreField) size() int {
	switch f {
	case CorePostBeta2ColorDepth, CoreClientProductID, CoreHighColorDepth,
		CoreSupportedColorDepths, CoreEarlyCapabilityFlags, CoreDesktopOrientation:
		return 2
	case CoreSerialNumber, CoreServerSelectedProtocol, CoreDesktopPhysicalWidth,
		CoreDesktopPhysicalHeight, CoreDesktopScaleFactor, CoreDeviceScaleFactor:
		return 4
	case CoreClientDigProductID:
		return clientDigProductIDSize
	case CoreConnectionType, CorePad1Octet:
		return 1
	}
	return 0
}

const (
	clientNameSize         = 32
	imeFileNameSize        = 64
	clientDigProductIDSize = 64

	// coreMandatorySize is the block up to and including imeFileName.
	coreMandatorySize = headerSize + 4 /* version */ + 2 /* desktopWidth */ + 2 /* desktopHeight */ +
		2 /* colorDepth */ + 2 /* SASSequence */ + 4 /* keyboardLayout */ + 4 /* clientBuild */ +
		clientNameSize + 4 /* keyboardType */ + 4 /* keyboardSubType */ + 4 /* keyboardFunctionKey */ +
		imeFileNameSize
)

// Has reports whether the block carries optional field f.
func (c *ClientCoreData) Has(f CoreField) bool { return f != CoreFieldNone && f <= c.LastField }

// SelectedProtocol returns serverSelectedProtocol and whether the block
// carries it. [MS-RDPBCGR] 3.3.5.3.3 has the server compare it with the
// protocol it selected in the X.224 Connection Confirm; FreeRDP's server
// rejects a mismatch (gcc.c gcc_read_client_core_data).
func (c *ClientCoreData) SelectedProtocol() (protocol uint32, ok bool) {
	return c.ServerSelectedProtocol, c.Has(CoreServerSelectedProtocol)
}

// Size returns the encoded length in bytes.
func (c *ClientCoreData) Size() int {
	n := coreMandatorySize
	for f := CorePostBeta2ColorDepth; f <= c.LastField && f <= CoreDeviceScaleFactor; f++ {
		n += f.size()
	}
	return n
}

// isZero reports whether optional field f holds its zero value.
func (c *ClientCoreData) isZero(f CoreField) bool {
	switch f {
	case CorePostBeta2ColorDepth:
		return c.PostBeta2ColorDepth == 0
	case CoreClientProductID:
		return c.ClientProductID == 0
	case CoreSerialNumber:
		return c.SerialNumber == 0
	case CoreHighColorDepth:
		return c.HighColorDepth == 0
	case CoreSupportedColorDepths:
		return c.SupportedColorDepths == 0
	case CoreEarlyCapabilityFlags:
		return c.EarlyCapabilityFlags == 0
	case CoreClientDigProductID:
		return c.ClientDigProductID == ""
	case CoreConnectionType:
		return c.ConnectionType == 0
	case CoreServerSelectedProtocol:
		return c.ServerSelectedProtocol == 0
	case CoreDesktopPhysicalWidth:
		return c.DesktopPhysicalWidth == 0
	case CoreDesktopPhysicalHeight:
		return c.DesktopPhysicalHeight == 0
	case CoreDesktopOrientation:
		return c.DesktopOrientation == 0
	case CoreDesktopScaleFactor:
		return c.DesktopScaleFactor == 0
	case CoreDeviceScaleFactor:
		return c.DeviceScaleFactor == 0
	}
	return true
}

// AppendBinary implements [encoding.BinaryAppender]. It fails if LastField
// is out of range or an optional field after LastField is set (it would be
// lost), or a string does not fit its field.
func (c *ClientCoreData) AppendBinary(b []byte) ([]byte, error) {
	if c.LastField > CoreDeviceScaleFactor {
		return b, fmt.Errorf("gcc: TS_UD_CS_CORE: LastField %v out of range", c.LastField)
	}
	for f := c.LastField + 1; f <= CoreDeviceScaleFactor; f++ {
		if !c.isZero(f) {
			return b, fmt.Errorf("gcc: TS_UD_CS_CORE: %v is set but LastField is %v", f, c.LastField)
		}
	}
	b, err := appendHeader(b, CSCore, c.Size())
	if err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(c.Version))
	b = wire.AppendU16LE(b, c.DesktopWidth)
	b = wire.AppendU16LE(b, c.DesktopHeight)
	b = wire.AppendU16LE(b, uint16(c.ColorDepth))
	b = wire.AppendU16LE(b, c.SASSequence)
	b = wire.AppendU32LE(b, c.KeyboardLayout)
	b = wire.AppendU32LE(b, c.ClientBuild)
	if b, err = appendFixedUTF16(b, "TS_UD_CS_CORE clientName", c.ClientName, clientNameSize); err != nil {
		return b, err
	}
	b = wire.AppendU32LE(b, uint32(c.KeyboardType))
	b = wire.AppendU32LE(b, c.KeyboardSubType)
	b = wire.AppendU32LE(b, c.KeyboardFunctionKey)
	if b, err = appendFixedUTF16(b, "TS_UD_CS_CORE imeFileName", c.IMEFileName, imeFileNameSize); err != nil {
		return b, err
	}
	for f := CorePostBeta2ColorDepth; f <= c.LastField; f++ {
		switch f {
		case CorePostBeta2ColorDepth:
			b = wire.AppendU16LE(b, uint16(c.PostBeta2ColorDepth))
		case CoreClientProductID:
			b = wire.AppendU16LE(b, c.ClientProductID)
		case CoreSerialNumber:
			b = wire.AppendU32LE(b, c.SerialNumber)
		case CoreHighColorDepth:
			b = wire.AppendU16LE(b, uint16(c.HighColorDepth))
		case CoreSupportedColorDepths:
			b = wire.AppendU16LE(b, uint16(c.SupportedColorDepths))
		case CoreEarlyCapabilityFlags:
			b = wire.AppendU16LE(b, uint16(c.EarlyCapabilityFlags))
		case CoreClientDigProductID:
			if b, err = appendFixedUTF16(b, "TS_UD_CS_CORE clientDigProductId", c.ClientDigProductID, clientDigProductIDSize); err != nil {
				return b, err
			}
		case CoreConnectionType:
			b = append(b, uint8(c.ConnectionType))
		case CorePad1Octet:
			b = append(b, 0) // pad1octet
		case CoreServerSelectedProtocol:
			b = wire.AppendU32LE(b, c.ServerSelectedProtocol)
		case CoreDesktopPhysicalWidth:
			b = wire.AppendU32LE(b, c.DesktopPhysicalWidth)
		case CoreDesktopPhysicalHeight:
			b = wire.AppendU32LE(b, c.DesktopPhysicalHeight)
		case CoreDesktopOrientation:
			b = wire.AppendU16LE(b, uint16(c.DesktopOrientation))
		case CoreDesktopScaleFactor:
			b = wire.AppendU32LE(b, c.DesktopScaleFactor)
		case CoreDeviceScaleFactor:
			b = wire.AppendU32LE(b, c.DeviceScaleFactor)
		}
	}
	return b, nil
}

// Decode reads one TS_UD_CS_CORE block, header included, from r.
func (c *ClientCoreData) Decode(r *wire.Reader) error {
	body, err := readBlock(r, CSCore)
	if err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_CORE: %w", err)
	}
	var v ClientCoreData
	v.Version = RDPVersion(body.U32LE())
	v.DesktopWidth = body.U16LE()
	v.DesktopHeight = body.U16LE()
	v.ColorDepth = ColorDepth(body.U16LE())
	v.SASSequence = body.U16LE()
	v.KeyboardLayout = body.U32LE()
	v.ClientBuild = body.U32LE()
	v.ClientName = readFixedUTF16(body, clientNameSize)
	v.KeyboardType = KeyboardType(body.U32LE())
	v.KeyboardSubType = body.U32LE()
	v.KeyboardFunctionKey = body.U32LE()
	v.IMEFileName = readFixedUTF16(body, imeFileNameSize)
	if err := body.Err(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_CORE: mandatory fields: %w", err)
	}
	// 2.2.1.3.2: "If one field is not present, all of the subsequent fields
	// MUST NOT be present." A block that ends inside a field is neither.
	for f := CorePostBeta2ColorDepth; f <= CoreDeviceScaleFactor && body.Len() > 0; f++ {
		if n := f.size(); body.Len() < n {
			body.Failf(f.String(), "block ends %d bytes into this %d-byte field", body.Len(), n)
			return fmt.Errorf("gcc: TS_UD_CS_CORE: %w", body.Err())
		}
		switch f {
		case CorePostBeta2ColorDepth:
			v.PostBeta2ColorDepth = ColorDepth(body.U16LE())
		case CoreClientProductID:
			v.ClientProductID = body.U16LE()
		case CoreSerialNumber:
			v.SerialNumber = body.U32LE()
		case CoreHighColorDepth:
			v.HighColorDepth = HighColorDepth(body.U16LE())
		case CoreSupportedColorDepths:
			v.SupportedColorDepths = SupportedColorDepths(body.U16LE())
		case CoreEarlyCapabilityFlags:
			v.EarlyCapabilityFlags = EarlyCapabilityFlags(body.U16LE())
		case CoreClientDigProductID:
			v.ClientDigProductID = readFixedUTF16(body, clientDigProductIDSize)
		case CoreConnectionType:
			v.ConnectionType = ConnectionType(body.U8())
		case CorePad1Octet:
			body.Skip(1) // pad1octet: ignored
		case CoreServerSelectedProtocol:
			v.ServerSelectedProtocol = body.U32LE()
		case CoreDesktopPhysicalWidth:
			v.DesktopPhysicalWidth = body.U32LE()
		case CoreDesktopPhysicalHeight:
			v.DesktopPhysicalHeight = body.U32LE()
		case CoreDesktopOrientation:
			v.DesktopOrientation = Orientation(body.U16LE())
		case CoreDesktopScaleFactor:
			v.DesktopScaleFactor = body.U32LE()
		case CoreDeviceScaleFactor:
			v.DeviceScaleFactor = body.U32LE()
		}
		v.LastField = f
	}
	// deviceScaleFactor is the last field [MS-RDPBCGR] defines; anything
	// after it is rejected.
	if err := body.Finish(); err != nil {
		return fmt.Errorf("gcc: TS_UD_CS_CORE: after %v: %w", v.LastField, err)
	}
	*c = v
	return nil
}

// UnmarshalBinary implements [encoding.BinaryUnmarshaler]. Trailing bytes
// are an error.
func (c *ClientCoreData) UnmarshalBinary(b []byte) error { return wire.Unmarshal(c, b) }

// ColorDepth is a colorDepth or postBeta2ColorDepth value of TS_UD_CS_CORE,
// [MS-RDPBCGR] 2.2.1.3.2.
type ColorDepth uint16

// Color depths, [MS-RDPBCGR] 2.2.1.3.2.
const (
	ColorDepth4BPP     ColorDepth = 0xCA00 // RNS_UD_COLOR_4BPP
	ColorDepth8BPP     ColorDepth = 0xCA01 // RNS_UD_COLOR_8BPP
	ColorDepth16BPP555 ColorDepth = 0xCA02 // RNS_UD_COLOR_16BPP_555
	ColorDepth16BPP565 ColorDepth = 0xCA03 // RNS_UD_COLOR_16BPP_565
	ColorDepth24BPP    ColorDepth = 0xCA04 // RNS_UD_COLOR_24BPP
)

// SASSequenceDel is RNS_UD_SAS_DEL, the SASSequence value of TS_UD_CS_CORE
// that clients SHOULD send, [MS-RDPBCGR] 2.2.1.3.2.
const SASSequenceDel uint16 = 0xAA03

func (d ColorDepth) String() string {
	switch d {
	case ColorDepth4BPP:
		return "RNS_UD_COLOR_4BPP"
	case ColorDepth8BPP:
		return "RNS_UD_COLOR_8BPP"
	case ColorDepth16BPP555:
		return "RNS_UD_COLOR_16BPP_555"
	case ColorDepth16BPP565:
		return "RNS_UD_COLOR_16BPP_565"
	case ColorDepth24BPP:
		return "RNS_UD_COLOR_24BPP"
	}
	return fmt.Sprintf("ColorDepth(0x%04X)", uint16(d))
}

// HighColorDepth is the highColorDepth field of TS_UD_CS_CORE: bits per
// pixel, [MS-RDPBCGR] 2.2.1.3.2.
type HighColorDepth uint16

// High color depths, [MS-RDPBCGR] 2.2.1.3.2.
const (
	HighColor4BPP  HighColorDepth = 0x0004 // HIGH_COLOR_4BPP
	HighColor8BPP  HighColorDepth = 0x0008 // HIGH_COLOR_8BPP
	HighColor15BPP HighColorDepth = 0x000F // HIGH_COLOR_15BPP
	HighColor16BPP HighColorDepth = 0x0010 // HIGH_COLOR_16BPP
	HighColor24BPP HighColorDepth = 0x0018 // HIGH_COLOR_24BPP
)

func (d HighColorDepth) String() string {
	switch d {
	case HighColor4BPP, HighColor8BPP, HighColor15BPP, HighColor16BPP, HighColor24BPP:
		return fmt.Sprintf("HIGH_COLOR_%dBPP", uint16(d))
	}
	return fmt.Sprintf("HighColorDepth(%d)", uint16(d))
}

// SupportedColorDepths is the supportedColorDepths field of TS_UD_CS_CORE,
// [MS-RDPBCGR] 2.2.1.3.2.
type SupportedColorDepths uint16

// Supported color depth flags, [MS-RDPBCGR] 2.2.1.3.2.
const (
	Support24BPP SupportedColorDepths = 0x0001 // RNS_UD_24BPP_SUPPORT
	Support16BPP SupportedColorDepths = 0x0002 // RNS_UD_16BPP_SUPPORT
	Support15BPP SupportedColorDepths = 0x0004 // RNS_UD_15BPP_SUPPORT
	Support32BPP SupportedColorDepths = 0x0008 // RNS_UD_32BPP_SUPPORT
)

// Has reports whether every flag in s2 is set in s.
func (s SupportedColorDepths) Has(s2 SupportedColorDepths) bool { return s&s2 == s2 }

func (s SupportedColorDepths) String() string {
	return wire.FormatFlags(uint64(s), []wire.Flag{
		{Bits: uint64(Support24BPP), Name: "RNS_UD_24BPP_SUPPORT"},
		{Bits: uint64(Support16BPP), Name: "RNS_UD_16BPP_SUPPORT"},
		{Bits: uint64(Support15BPP), Name: "RNS_UD_15BPP_SUPPORT"},
		{Bits: uint64(Support32BPP), Name: "RNS_UD_32BPP_SUPPORT"},
	})
}

// EarlyCapabilityFlags is the earlyCapabilityFlags field of TS_UD_CS_CORE,
// [MS-RDPBCGR] 2.2.1.3.2.
type EarlyCapabilityFlags uint16

// Client early capability flags, [MS-RDPBCGR] 2.2.1.3.2.
const (
	SupportErrInfoPDU        EarlyCapabilityFlags = 0x0001 // RNS_UD_CS_SUPPORT_ERRINFO_PDU
	Want32BPPSession         EarlyCapabilityFlags = 0x0002 // RNS_UD_CS_WANT_32BPP_SESSION
	SupportStatusInfoPDU     EarlyCapabilityFlags = 0x0004 // RNS_UD_CS_SUPPORT_STATUSINFO_PDU
	StrongAsymmetricKeys     EarlyCapabilityFlags = 0x0008 // RNS_UD_CS_STRONG_ASYMMETRIC_KEYS
	RelativeMouseInput       EarlyCapabilityFlags = 0x0010 // RNS_UD_CS_RELATIVE_MOUSE_INPUT
	ValidConnectionType      EarlyCapabilityFlags = 0x0020 // RNS_UD_CS_VALID_CONNECTION_TYPE
	SupportMonitorLayoutPDU  EarlyCapabilityFlags = 0x0040 // RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU
	SupportNetcharAutodetect EarlyCapabilityFlags = 0x0080 // RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT
	SupportDynVCGFXProtocol  EarlyCapabilityFlags = 0x0100 // RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL
	SupportDynamicTimeZone   EarlyCapabilityFlags = 0x0200 // RNS_UD_CS_SUPPORT_DYNAMIC_TIME_ZONE
	SupportHeartbeatPDU      EarlyCapabilityFlags = 0x0400 // RNS_UD_CS_SUPPORT_HEARTBEAT_PDU
	SupportSkipChannelJoin   EarlyCapabilityFlags = 0x0800 // RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN
)

// Has reports whether every flag in f2 is set in f.
func (f EarlyCapabilityFlags) Has(f2 EarlyCapabilityFlags) bool { return f&f2 == f2 }

func (f EarlyCapabilityFlags) String() string {
	return wire.FormatFlags(uint64(f), []wire.Flag{
		{Bits: uint64(SupportErrInfoPDU), Name: "SUPPORT_ERRINFO_PDU"},
		{Bits: uint64(Want32BPPSession), Name: "WANT_32BPP_SESSION"},
		{Bits: uint64(SupportStatusInfoPDU), Name: "SUPPORT_STATUSINFO_PDU"},
		{Bits: uint64(StrongAsymmetricKeys), Name: "STRONG_ASYMMETRIC_KEYS"},
		{Bits: uint64(RelativeMouseInput), Name: "RELATIVE_MOUSE_INPUT"},
		{Bits: uint64(ValidConnectionType), Name: "VALID_CONNECTION_TYPE"},
		{Bits: uint64(SupportMonitorLayoutPDU), Name: "SUPPORT_MONITOR_LAYOUT_PDU"},
		{Bits: uint64(SupportNetcharAutodetect), Name: "SUPPORT_NETCHAR_AUTODETECT"},
		{Bits: uint64(SupportDynVCGFXProtocol), Name: "SUPPORT_DYNVC_GFX_PROTOCOL"},
		{Bits: uint64(SupportDynamicTimeZone), Name: "SUPPORT_DYNAMIC_TIME_ZONE"},
		{Bits: uint64(SupportHeartbeatPDU), Name: "SUPPORT_HEARTBEAT_PDU"},
		{Bits: uint64(SupportSkipChannelJoin), Name: "SUPPORT_SKIP_CHANNELJOIN"},
	})
}

// ConnectionType is the connectionType field of TS_UD_CS_CORE,
// [MS-RDPBCGR] 2.2.1.3.2. It is meaningful only when earlyCapabilityFlags
// has RNS_UD_CS_VALID_CONNECTION_TYPE.
type ConnectionType uint8

// Connection types, [MS-RDPBCGR] 2.2.1.3.2.
const (
	ConnectionTypeModem         ConnectionType = 0x01 // CONNECTION_TYPE_MODEM: 56 Kbps
	ConnectionTypeBroadbandLow  ConnectionType = 0x02 // CONNECTION_TYPE_BROADBAND_LOW: 256 Kbps to 2 Mbps
	ConnectionTypeSatellite     ConnectionType = 0x03 // CONNECTION_TYPE_SATELLITE
	ConnectionTypeBroadbandHigh ConnectionType = 0x04 // CONNECTION_TYPE_BROADBAND_HIGH: 2 Mbps to 10 Mbps
	ConnectionTypeWAN           ConnectionType = 0x05 // CONNECTION_TYPE_WAN
	ConnectionTypeLAN           ConnectionType = 0x06 // CONNECTION_TYPE_LAN: 10 Mbps or higher
	ConnectionTypeAutodetect    ConnectionType = 0x07 // CONNECTION_TYPE_AUTODETECT
)

func (t ConnectionType) String() string {
	switch t {
	case ConnectionTypeModem:
		return "CONNECTION_TYPE_MODEM"
	case ConnectionTypeBroadbandLow:
		return "CONNECTION_TYPE_BROADBAND_LOW"
	case ConnectionTypeSatellite:
		return "CONNECTION_TYPE_SATELLITE"
	case ConnectionTypeBroadbandHigh:
		return "CONNECTION_TYPE_BROADBAND_HIGH"
	case ConnectionTypeWAN:
		return "CONNECTION_TYPE_WAN"
	case ConnectionTypeLAN:
		return "CONNECTION_TYPE_LAN"
	case ConnectionTypeAutodetect:
		return "CONNECTION_TYPE_AUTODETECT"
	}
	return fmt.Sprintf("ConnectionType(%d)", uint8(t))
}

// KeyboardType is the keyboardType field of TS_UD_CS_CORE, [MS-RDPBCGR]
// 2.2.1.3.2.
type KeyboardType uint32

// Keyboard types, [MS-RDPBCGR] 2.2.1.3.2.
const (
	KeyboardIBMPCXT     KeyboardType = 1 // IBM PC/XT or compatible (83-key)
	KeyboardOlivettiICO KeyboardType = 2 // Olivetti "ICO" (102-key)
	KeyboardIBMPCAT     KeyboardType = 3 // IBM PC/AT (84-key) or similar
	KeyboardIBMEnhanced KeyboardType = 4 // IBM enhanced (101- or 102-key)
	KeyboardNokia1050   KeyboardType = 5 // Nokia 1050 and similar
	KeyboardNokia9140   KeyboardType = 6 // Nokia 9140 and similar
	KeyboardJapanese    KeyboardType = 7 // Japanese
)

// Orientation is the desktopOrientation field of TS_UD_CS_CORE, in degrees,
// [MS-RDPBCGR] 2.2.1.3.2.
type Orientation uint16

// Orientations, [MS-RDPBCGR] 2.2.1.3.2.
const (
	OrientationLandscape        Orientation = 0   // ORIENTATION_LANDSCAPE
	OrientationPortrait         Orientation = 90  // ORIENTATION_PORTRAIT
	OrientationLandscapeFlipped Orientation = 180 // ORIENTATION_LANDSCAPE_FLIPPED
	OrientationPortraitFlipped  Orientation = 270 // ORIENTATION_PORTRAIT_FLIPPED
)
