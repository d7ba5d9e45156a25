package sec

import (
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newExtendedInfo() *ExtendedInfo { return new(ExtendedInfo) }

func TestExtendedInfo(t *testing.T) {
	// The extended part of [MS-RDPBCGR] 4.1.10 on its own; its prefixes are
	// covered by TestClientInfoPrefixes.
	rdptest.Golden(t, bcgr4110Extended, bcgr4110ExtendedValue(), newExtendedInfo, rdptest.PrefixesFrom(4+30+2+132))
}

func TestTimeZoneInformation(t *testing.T) {
	rdptest.Golden(t, bcgr4110TimeZone, ptr(bcgr4110TimeZoneValue()), func() *TimeZoneInformation { return new(TimeZoneInformation) })

	// Bytes after a name's NUL are kept so the block re-encodes exactly.
	raw := append([]byte(nil), bcgr4110TimeZone...)
	copy(raw[4+2*25:], rdptest.Hex("41 00")) // StandardName = "Pacific Standard Time\0\0\0\0A"
	want := bcgr4110TimeZoneValue()
	want.StandardName = "Pacific Standard Time\x00\x00\x00\x00A"
	rdptest.Golden(t, raw, &want, func() *TimeZoneInformation { return new(TimeZoneInformation) })
	if got := TimeZoneName(want.StandardName); got != "Pacific Standard Time" {
		t.Errorf("TimeZoneName = %q", got)
	}
}

func TestSystemTime(t *testing.T) {
	raw := rdptest.Hex(`
		00 00 # wYear
		0a 00 # wMonth = October
		00 00 # wDayOfWeek = Sunday
		05 00 # wDay = last
		02 00 # wHour
		00 00 # wMinute
		00 00 # wSecond
		00 00 # wMilliseconds
	`)
	rdptest.Golden(t, raw, &SystemTime{Month: 10, Day: 5, Hour: 2}, func() *SystemTime { return new(SystemTime) })
}

func TestAutoReconnectCookie(t *testing.T) {
	raw := rdptest.Hex(`
		1c 00 00 00 # cbLen = 28
		01 00 00 00 # Version = AUTO_RECONNECT_VERSION_1
		2a 00 00 00 # LogonId = 42
		00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff # SecurityVerifier
	`)
	want := fullChainValue().Extended.AutoReconnectCookie
	rdptest.Golden(t, raw, want, func() *AutoReconnectCookie { return new(AutoReconnectCookie) })
}

func ptr[T any](v T) *T { return &v }

func FuzzExtendedInfo(f *testing.F) {
	f.Add(bcgr4110Extended)
	f.Add(fullChain[32:])
	f.Add(freerdpAssistanceInfo[170:])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newExtendedInfo)
	})
}

func FuzzTimeZoneInformation(f *testing.F) {
	f.Add(bcgr4110TimeZone)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *TimeZoneInformation { return new(TimeZoneInformation) })
	})
}

func FuzzSystemTime(f *testing.F) {
	f.Add(bcgr4110TimeZone[68:84])
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *SystemTime { return new(SystemTime) })
	})
}

func FuzzAutoReconnectCookie(f *testing.F) {
	f.Add(rdptest.Hex("1c 00 00 00 01 00 00 00 2a 00 00 00 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *AutoReconnectCookie { return new(AutoReconnectCookie) })
	})
}
