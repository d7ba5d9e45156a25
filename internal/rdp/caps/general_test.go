package caps

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bcgr4112General is the server's General set in [MS-RDPBCGR] 4.1.12.
const bcgr4112General = `
01 00 # capabilitySetType: CAPSTYPE_GENERAL
18 00 # lengthCapability: 24
01 00 # osMajorType: OSMAJORTYPE_WINDOWS
03 00 # osMinorType: OSMINORTYPE_WINDOWS_NT
00 02 # protocolVersion: TS_CAPS_PROTOCOLVERSION
00 00 # pad2octetsA
00 00 # compressionTypes
1d 04 # extraFlags: NO_BITMAP_COMPRESSION_HDR|ENC_SALTED_CHECKSUM|AUTORECONNECT_SUPPORTED|LONG_CREDENTIALS_SUPPORTED|FASTPATH_OUTPUT_SUPPORTED
00 00 # updateCapabilityFlag
00 00 # remoteUnshareFlag
00 00 # compressionLevel
01    # refreshRectSupport: TRUE
01    # suppressOutputSupport: TRUE
`

// bcgr4113General is the client's General set in [MS-RDPBCGR] 4.1.13.
const bcgr4113General = `
01 00 18 00 # CAPSTYPE_GENERAL, 24
01 00 03 00 # OSMAJORTYPE_WINDOWS, OSMINORTYPE_WINDOWS_NT
00 02 00 00 # protocolVersion, pad2octetsA
00 00 1d 04 # compressionTypes, extraFlags 0x041d
00 00 00 00 00 00 # updateCapabilityFlag, remoteUnshareFlag, compressionLevel
00 00       # refreshRectSupport, suppressOutputSupport: FALSE
`

func TestGeneral(t *testing.T) {
	flags := NoBitmapCompressionHdr | EncSaltedChecksum | AutoReconnectSupported | LongCredentialsSupported | FastPathOutputSupported
	rdptest.RunCases(t, []rdptest.Case[*General]{{
		Name: "bcgr-4.1.12-server",
		Raw:  bcgr4112General,
		Want: &General{OSMajorType: OSMajorWindows, OSMinorType: OSMinorWindowsNT, ExtraFlags: flags, RefreshRectSupport: true, SuppressOutputSupport: true},
	}, {
		Name: "bcgr-4.1.13-client",
		Raw:  bcgr4113General,
		Want: &General{OSMajorType: OSMajorWindows, OSMinorType: OSMinorWindowsNT, ExtraFlags: flags},
	}}, func() *General { return new(General) })

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "protocolVersion-0x0100", Raw: "01 00 18 00 01 00 03 00 00 01 00 00 00 00 1d 04 00 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "compressionTypes-1", Raw: "01 00 18 00 01 00 03 00 00 02 00 00 01 00 1d 04 00 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "updateCapabilityFlag-1", Raw: "01 00 18 00 01 00 03 00 00 02 00 00 00 00 1d 04 01 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "remoteUnshareFlag-1", Raw: "01 00 18 00 01 00 03 00 00 02 00 00 00 00 1d 04 00 00 01 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "compressionLevel-1", Raw: "01 00 18 00 01 00 03 00 00 02 00 00 00 00 1d 04 00 00 00 00 01 00 00 00", Want: wire.ErrInvalid},
		{Name: "lengthCapability-26", Raw: "01 00 1a 00 01 00 03 00 00 02 00 00 00 00 1d 04 00 00 00 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "wrong-type", Raw: "02 00 18 00 01 00 03 00 00 02 00 00 00 00 1d 04 00 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
	}, func() *General { return new(General) })

	if got, want := flags.String(), "FASTPATH_OUTPUT_SUPPORTED|LONG_CREDENTIALS_SUPPORTED|AUTORECONNECT_SUPPORTED|ENC_SALTED_CHECKSUM|NO_BITMAP_COMPRESSION_HDR"; got != want {
		t.Errorf("ExtraFlags.String() = %q, want %q", got, want)
	}
	if got := (ExtraFlags(0x8001)).String(); got != "FASTPATH_OUTPUT_SUPPORTED|0x8000" {
		t.Errorf("unknown bits: %q", got)
	}
	if got := OSMajorType(0x42).String(); got != "OSMAJORTYPE(0x0042)" {
		t.Errorf("unknown OSMajorType: %q", got)
	}
}
