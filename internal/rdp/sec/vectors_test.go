package sec

import "github.com/ranoviced/ranoviced/internal/rdp/rdptest"

// Byte strings transcribed from the [MS-RDPBCGR] section 4.1 annotated
// connection (the sample session also used by stdsec's tests), one field
// per line.

// bcgr4110TimeZone is the clientTimeZone of the decrypted TS_INFO_PACKET
// in [MS-RDPBCGR] 4.1.10.
var bcgr4110TimeZone = rdptest.Hex(`
	e0 01 00 00 # Bias = 480
	50 00 61 00 63 00 69 00 66 00 69 00 63 00 20 00 # StandardName = "Pacific Standard Time"
	53 00 74 00 61 00 6e 00 64 00 61 00 72 00 64 00
	20 00 54 00 69 00 6d 00 65 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 0a 00 00 00 05 00 02 00 00 00 00 00 00 00 # StandardDate: October, last Sunday, 2am
	00 00 00 00 # StandardBias = 0
	50 00 61 00 63 00 69 00 66 00 69 00 63 00 20 00 # DaylightName = "Pacific Daylight Time"
	44 00 61 00 79 00 6c 00 69 00 67 00 68 00 74 00
	20 00 54 00 69 00 6d 00 65 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 04 00 00 00 01 00 02 00 00 00 00 00 00 00 # DaylightDate: April, first Sunday, 2am
	c4 ff ff ff # DaylightBias = -60
`)

// bcgr4110Extended is the TS_EXTENDED_INFO_PACKET of [MS-RDPBCGR] 4.1.10.
var bcgr4110Extended = concat(rdptest.Hex(`
	02 00 # clientAddressFamily = AF_INET
	1e 00 # cbClientAddress = 30, terminator included
	31 00 35 00 37 00 2e 00 35 00 39 00 2e 00 32 00 34 00 32 00 2e 00 31 00 35 00 36 00 00 00 # "157.59.242.156"
	84 00 # cbClientDir = 132, terminator included
	43 00 3a 00 5c 00 64 00 65 00 70 00 6f 00 74 00 73 00 5c 00 77 00 32 00 6b 00 33 00 5f 00 31 00
	5c 00 74 00 65 00 72 00 6d 00 73 00 72 00 76 00 5c 00 6e 00 65 00 77 00 63 00 6c 00 69 00 65 00
	6e 00 74 00 5c 00 6c 00 69 00 62 00 5c 00 77 00 69 00 6e 00 33 00 32 00 5c 00 6f 00 62 00 6a 00
	5c 00 69 00 33 00 38 00 36 00 5c 00 6d 00 73 00 74 00 73 00 63 00 61 00 78 00 2e 00 64 00 6c 00
	6c 00 00 00 # clientDir
`), bcgr4110TimeZone, rdptest.Hex(`
	00 00 00 00 # clientSessionId = 0
	01 00 00 00 # performanceFlags = PERF_DISABLE_WALLPAPER
	00 00       # cbAutoReconnectCookie = 0
`))

// bcgr4110InfoPacket is the decrypted TS_INFO_PACKET of [MS-RDPBCGR] 4.1.10.
var bcgr4110InfoPacket = concat(rdptest.Hex(`
	09 04 09 04 # CodePage = 0x04090409
	b3 43 00 00 # flags = 0x43b3
	0a 00       # cbDomain = 10
	0c 00       # cbUserName = 12
	00 00       # cbPassword = 0
	00 00       # cbAlternateShell = 0
	00 00       # cbWorkingDir = 0
	4e 00 54 00 44 00 45 00 56 00 00 00       # Domain = "NTDEV"
	65 00 6c 00 74 00 6f 00 6e 00 73 00 00 00 # UserName = "eltons"
	00 00 # Password = ""
	00 00 # AlternateShell = ""
	00 00 # WorkingDir = ""
`), bcgr4110Extended)

// freerdpAssistanceInfo is the Info Packet of xfreerdp 2.11.7 in Remote
// Assistance mode (type-2 invitation of FreeRDP's TestCommonAssistance,
// USERNAME "awake"), decrypted from the capture in stdsec's
// interop_test.go (ra-protocol.md §5.3).
var freerdpAssistanceInfo = rdptest.Hex(`
	00 00 00 00 # CodePage = 0
	f3 47 0b 00 # flags = 0x000B47F3
	00 00 0a 00 02 00 02 00 80 00 # cbDomain 0, cbUserName 10, cbPassword 2, cbAlternateShell 2, cbWorkingDir 128
	00 00 # Domain = ""
	61 00 77 00 61 00 6b 00 65 00 00 00 # UserName = "awake"
	2a 00 00 00 # Password = "*"
	2a 00 00 00 # AlternateShell = "*"
	2b 00 55 00 4c 00 5a 00 36 00 69 00 66 00 6a 00 # WorkingDir = the RA session ID
	6f 00 43 00 61 00 36 00 63 00 47 00 50 00 4d 00
	4c 00 51 00 69 00 47 00 48 00 52 00 50 00 77 00
	6b 00 67 00 36 00 56 00 79 00 4a 00 71 00 47 00
	77 00 78 00 4d 00 6e 00 4f 00 36 00 47 00 63 00
	65 00 6c 00 77 00 55 00 68 00 39 00 61 00 36 00
	2f 00 46 00 42 00 71 00 33 00 49 00 74 00 35 00
	41 00 44 00 53 00 6e 00 64 00 6d 00 4c 00 4c 00
	00 00
	02 00 # clientAddressFamily = AF_INET
	14 00 # cbClientAddress = 20
	31 00 32 00 37 00 2e 00 30 00 2e 00 30 00 2e 00 31 00 00 00 # clientAddress = "127.0.0.1"
	40 00 # cbClientDir = 64
	43 00 3a 00 5c 00 57 00 69 00 6e 00 64 00 6f 00 77 00 73 00 5c 00 53 00 79 00 73 00 74 00 65 00 # clientDir = "C:\Windows\System32\mstscax.dll"
	6d 00 33 00 32 00 5c 00 6d 00 73 00 74 00 73 00 63 00 61 00 78 00 2e 00 64 00 6c 00 6c 00 00 00
	00 00 00 00 # Bias = 0
	43 00 6f 00 6f 00 72 00 64 00 69 00 6e 00 61 00 74 00 65 00 64 00 20 00 55 00 6e 00 69 00 76 00 # StandardName = "Coordinated Universal Time"
	65 00 72 00 73 00 61 00 6c 00 20 00 54 00 69 00 6d 00 65 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # StandardDate
	00 00 00 00 # StandardBias
	43 00 6f 00 6f 00 72 00 64 00 69 00 6e 00 61 00 74 00 65 00 64 00 20 00 55 00 6e 00 69 00 76 00 # DaylightName = "Coordinated Universal Time"
	65 00 72 00 73 00 61 00 6c 00 20 00 54 00 69 00 6d 00 65 00 00 00 00 00 00 00 00 00 00 00 00 00
	00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # DaylightDate
	00 00 00 00 # DaylightBias
	00 00 00 00 # clientSessionId = 0
	80 01 00 00 # performanceFlags = PERF_ENABLE_FONT_SMOOTHING|PERF_ENABLE_DESKTOP_COMPOSITION
	00 00 # cbAutoReconnectCookie = 0
`)

func bcgr4110TimeZoneValue() TimeZoneInformation {
	return TimeZoneInformation{
		Bias:         480,
		StandardName: "Pacific Standard Time",
		StandardDate: SystemTime{Month: 10, Day: 5, Hour: 2},
		DaylightName: "Pacific Daylight Time",
		DaylightDate: SystemTime{Month: 4, Day: 1, Hour: 2},
		DaylightBias: -60,
	}
}

func bcgr4110ExtendedValue() *ExtendedInfo {
	return &ExtendedInfo{
		ClientAddressFamily: AddressFamilyINet,
		ClientAddress:       "157.59.242.156",
		ClientDir:           `C:\depots\w2k3_1\termsrv\newclient\lib\win32\obj\i386\mstscax.dll`,
		Level:               ExtendedAutoReconnect,
		TimeZone:            bcgr4110TimeZoneValue(),
		PerformanceFlags:    PerfDisableWallpaper,
	}
}

func bcgr4110InfoPacketValue() *ClientInfo {
	return &ClientInfo{
		CodePage: 0x04090409,
		Flags: InfoMouse | InfoDisableCtrlAltDel | InfoUnicode | InfoMaximizeShell | InfoCompression |
			InfoEnableWindowsKey | InfoForceEncryptedCSPDU | InfoFlags(0).WithCompressionType(CompressionType64K),
		Domain:   "NTDEV",
		UserName: "eltons",
		Extended: bcgr4110ExtendedValue(),
	}
}

func concat(bs ...[]byte) []byte {
	var out []byte
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}
