package sec

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newClientInfo() *ClientInfo { return new(ClientInfo) }

// infoPacketEnd is where the 4.1.10 Info Packet's mandatory part ends.
const infoPacketEnd = 50

// fullChain is a UTF-16 Info Packet whose extended part has every optional
// field, including the ones FreeRDP 2.11 never writes (reserved1 = 100, as
// <20> says Microsoft clients send, and the dynamic DST fields).
var fullChain = concat(rdptest.Hex(`
	00 00 00 00 # CodePage
	13 00 00 00 # flags = INFO_MOUSE|INFO_DISABLECTRLALTDEL|INFO_UNICODE
	00 00       # cbDomain
	04 00       # cbUserName = 4
	00 00       # cbPassword
	00 00       # cbAlternateShell
	00 00       # cbWorkingDir
	00 00       # Domain = ""
	61 00 62 00 00 00 # UserName = "ab"
	00 00 00 00 00 00 # Password, AlternateShell, WorkingDir = ""
	17 00       # clientAddressFamily = AF_INET6
	08 00       # cbClientAddress = 8
	3a 00 3a 00 31 00 00 00 # clientAddress = "::1"
	02 00 00 00 # cbClientDir = 2, clientDir = ""
`), bcgr4110TimeZone, rdptest.Hex(`
	07 00 00 00 # clientSessionId = 7
	81 01 00 00 # performanceFlags = PERF_DISABLE_WALLPAPER|PERF_ENABLE_FONT_SMOOTHING|PERF_ENABLE_DESKTOP_COMPOSITION
	1c 00       # cbAutoReconnectCookie = 28
	1c 00 00 00 # cbLen = 28
	01 00 00 00 # Version = AUTO_RECONNECT_VERSION_1
	2a 00 00 00 # LogonId = 42
	00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff # SecurityVerifier
	64 00       # reserved1 = 100
	00 00       # reserved2
	06 00       # cbDynamicDSTTimeZoneKeyName = 6
	50 00 53 00 54 00 # dynamicDSTTimeZoneKeyName = "PST"
	01 00       # dynamicDaylightTimeDisabled = TRUE
`))

func fullChainValue() *ClientInfo {
	return &ClientInfo{
		Flags:    InfoMouse | InfoDisableCtrlAltDel | InfoUnicode,
		UserName: "ab",
		Extended: &ExtendedInfo{
			ClientAddressFamily: AddressFamilyINet6,
			ClientAddress:       "::1",
			Level:               ExtendedDynamicDST,
			TimeZone:            bcgr4110TimeZoneValue(),
			ClientSessionID:     7,
			PerformanceFlags:    PerfDisableWallpaper | PerfEnableFontSmoothing | PerfEnableDesktopComposition,
			AutoReconnectCookie: &AutoReconnectCookie{
				Version:          AutoReconnectVersion1,
				LogonID:          42,
				SecurityVerifier: [16]byte{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff},
			},
			Reserved1:                   100,
			DynamicDSTTimeZoneKeyName:   "PST",
			DynamicDaylightTimeDisabled: true,
		},
	}
}

// ansiInfo is an Info Packet without INFO_UNICODE: code-page bytes with
// one-byte terminators, in the mandatory and the extended part.
var ansiInfo = rdptest.Hex(`
	e4 04 00 00 # CodePage = 1252
	01 00 00 00 # flags = INFO_MOUSE
	01 00       # cbDomain = 1
	04 00       # cbUserName = 4
	02 00       # cbPassword = 2
	00 00       # cbAlternateShell
	00 00       # cbWorkingDir
	44 00       # Domain = "D"
	6a e9 72 f4 00 # UserName = "jérô" in Windows-1252
	70 77 00    # Password = "pw"
	00          # AlternateShell = ""
	00          # WorkingDir = ""
	02 00       # clientAddressFamily = AF_INET
	08 00       # cbClientAddress = 8
	31 2e 32 2e 33 2e 34 00 # clientAddress = "1.2.3.4"
	01 00       # cbClientDir = 1
	00          # clientDir = ""
`)

func TestClientInfo(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want *ClientInfo
		opts []rdptest.GoldenOption
	}{{
		// The decrypted TS_INFO_PACKET of [MS-RDPBCGR] 4.1.10. Its extended
		// part may stop after any optional field, so prefixes from the end
		// of WorkingDir on are checked in TestClientInfoPrefixes.
		name: "bcgr-4.1.10",
		raw:  bcgr4110InfoPacket,
		want: bcgr4110InfoPacketValue(),
		opts: []rdptest.GoldenOption{rdptest.PrefixesFrom(infoPacketEnd)},
	}, {
		name: "full-chain",
		raw:  fullChain,
		want: fullChainValue(),
		opts: []rdptest.GoldenOption{rdptest.PrefixesFrom(32)},
	}, {
		name: "ansi",
		raw:  ansiInfo,
		want: &ClientInfo{
			CodePage: 1252,
			Flags:    InfoMouse,
			Domain:   "D",
			UserName: "j\xe9r\xf4",
			Password: "pw",
			Extended: &ExtendedInfo{ClientAddressFamily: AddressFamilyINet, ClientAddress: "1.2.3.4"},
		},
		opts: []rdptest.GoldenOption{rdptest.PrefixesFrom(30)},
	}, {
		name: "rdp4-no-extended",
		raw: rdptest.Hex(`
			00 00 00 00 10 00 00 00 # CodePage, flags = INFO_UNICODE
			00 00 02 00 00 00 00 00 00 00 # cbDomain, cbUserName = 2, others 0
			00 00 78 00 00 00 00 00 00 00 00 00 # "", "x", "", "", ""
		`),
		want: &ClientInfo{Flags: InfoUnicode, UserName: "x"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, tt.want, newClientInfo, tt.opts...)
		})
	}
}

// TestClientInfoPrefixes checks that the 4.1.10 Info Packet decodes when cut
// exactly after WorkingDir or after any optional extended field, and at no
// other length: "If this field is not present, then all of the subsequent
// fields MUST NOT be present" ([MS-RDPBCGR] 2.2.1.11.1.1.1).
func TestClientInfoPrefixes(t *testing.T) {
	ext := infoPacketEnd + 4 + 30 + 2 + 132 // end of clientDir
	ok := map[int]ExtendedLevel{
		ext:                   ExtendedBase,
		ext + 172:             ExtendedTimeZone,
		ext + 172 + 4:         ExtendedSessionID,
		ext + 172 + 4 + 4:     ExtendedPerformanceFlags,
		ext + 172 + 4 + 4 + 2: ExtendedAutoReconnect,
	}
	for n := infoPacketEnd; n <= len(bcgr4110InfoPacket); n++ {
		var p ClientInfo
		err := p.UnmarshalBinary(bcgr4110InfoPacket[:n])
		level, want := ok[n]
		switch {
		case n == infoPacketEnd:
			if err != nil || p.Extended != nil {
				t.Errorf("%d bytes (no extraInfo): err %v, Extended %v", n, err, p.Extended)
			}
		case want && err != nil:
			t.Errorf("%d bytes: %v, want level %v", n, err, level)
		case want && p.Extended.Level != level:
			t.Errorf("%d bytes: level %v, want %v", n, p.Extended.Level, level)
		case !want && err == nil:
			t.Errorf("%d bytes decoded to level %v", n, p.Extended.Level)
		}
	}
}

func TestClientInfoRejects(t *testing.T) {
	replace := func(b []byte, off int, with string) []byte {
		out := append([]byte(nil), b...)
		copy(out[off:], rdptest.Hex(with))
		return out
	}
	ext := infoPacketEnd // offset of clientAddressFamily in bcgr4110InfoPacket
	tests := []struct {
		name string
		raw  []byte
	}{
		{"odd cbDomain", replace(bcgr4110InfoPacket, 8, "0b 00")},
		// Domain is 512 bytes at most, terminator included: 510 + 2.
		{"cbDomain 512", replace(bcgr4110InfoPacket, 8, "00 02")},
		{"Domain terminator missing", replace(bcgr4110InfoPacket, 18+10, "41 00")},
		{"WorkingDir terminator missing", replace(bcgr4110InfoPacket, infoPacketEnd-2, "00 01")},
		{"cbClientAddress 1", replace(bcgr4110InfoPacket, ext+2, "01 00")},
		{"cbClientAddress odd", replace(bcgr4110InfoPacket, ext+2, "1d 00")},
		{"cbClientAddress 82", append(append(append([]byte(nil), bcgr4110InfoPacket[:ext]...), rdptest.Hex("02 00 52 00")...), make([]byte, 82+2+2)...)},
		{"clientAddress terminator missing", replace(bcgr4110InfoPacket, ext+4+28, "31 00")},
		{"cbClientDir beyond data", replace(bcgr4110InfoPacket, ext+4+30, "ff 7f")},
		{"cbAutoReconnectCookie 5", replace(bcgr4110InfoPacket, len(bcgr4110InfoPacket)-2, "05 00")},
		{"cbAutoReconnectCookie 28 without cookie", replace(bcgr4110InfoPacket, len(bcgr4110InfoPacket)-2, "1c 00")},
		{"cookie cbLen 27", replace(fullChain, len(fullChain)-42, "1b 00 00 00")},
		{"reserved2 not zero", replace(fullChain, len(fullChain)-12, "01 00")},
		{"dynamicDaylightTimeDisabled 2", replace(fullChain, len(fullChain)-2, "02 00")},
		{"cbDynamicDSTTimeZoneKeyName odd", replace(fullChain, len(fullChain)-10, "05 00")},
		{"cbDynamicDSTTimeZoneKeyName 256", replace(fullChain, len(fullChain)-10, "00 01")},
		{"reserved1 without reserved2", append(append([]byte(nil), bcgr4110InfoPacket...), 0x64, 0x00)},
		{"dynamic DST name without dynamicDaylightTimeDisabled", fullChain[:len(fullChain)-2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p ClientInfo
			err := p.UnmarshalBinary(tt.raw)
			if err == nil {
				t.Fatalf("decoded: %v", p)
			}
			var de *wire.DecodeError
			if !errors.As(err, &de) {
				t.Errorf("error %v is not a *wire.DecodeError", err)
			}
			if !strings.HasPrefix(err.Error(), "sec: TS_INFO_PACKET: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

// TestClientInfoEmptyClientDir checks the leniency for clients that send
// cbClientDir = 0 (FreeRDP info.c: the Microsoft Android client from
// 8.1.31.44 does). The field decodes as empty and re-encodes with its
// terminator.
func TestClientInfoEmptyClientDir(t *testing.T) {
	raw := rdptest.Hex(`
		00 00 00 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 # INFO_UNICODE, all strings empty
		00 00 00 00 00 00 00 00 00 00 # five terminators
		02 00 04 00 31 00 00 00 # AF_INET, cbClientAddress 4, "1"
		00 00 # cbClientDir = 0: no clientDir at all
	`)
	want := &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{ClientAddressFamily: AddressFamilyINet, ClientAddress: "1"}}
	rdptest.Golden(t, raw, want, newClientInfo, rdptest.DecodeOnly(), rdptest.PrefixesFrom(28))
	enc, err := wire.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if wantEnc := append(append([]byte(nil), raw[:len(raw)-2]...), 0x02, 0x00, 0x00, 0x00); string(enc) != string(wantEnc) {
		t.Errorf("re-encoded %x, want %x", enc, wantEnc)
	}
}

func TestClientInfoEncodeErrors(t *testing.T) {
	long := strings.Repeat("x", 256) // 512 bytes of UTF-16 plus the terminator
	tests := []struct {
		name string
		p    *ClientInfo
	}{
		{"Password too long", &ClientInfo{Flags: InfoUnicode, Password: long}},
		{"ANSI WorkingDir too long", &ClientInfo{WorkingDir: strings.Repeat("x", 512)}},
		{"clientAddress too long", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{ClientAddress: strings.Repeat("1", 40)}}},
		{"clientDir too long", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{ClientDir: long}}},
		{"time zone beyond level", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{TimeZone: TimeZoneInformation{Bias: 1}}}},
		{"cookie beyond level", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{Level: ExtendedPerformanceFlags, AutoReconnectCookie: &AutoReconnectCookie{}}}},
		{"dynamic DST beyond level", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{Level: ExtendedReserved, DynamicDaylightTimeDisabled: true}}},
		{"level out of range", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{Level: ExtendedDynamicDST + 1}}},
		{"dynamic DST name too long", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{Level: ExtendedDynamicDST, DynamicDSTTimeZoneKeyName: strings.Repeat("x", 128)}}},
		{"time zone name too long", &ClientInfo{Flags: InfoUnicode, Extended: &ExtendedInfo{Level: ExtendedTimeZone, TimeZone: TimeZoneInformation{StandardName: strings.Repeat("x", 33)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := tt.p.AppendBinary(nil); err == nil {
				t.Errorf("encoded %x", b)
			}
		})
	}
}

// TestClientInfoRedaction checks that no fmt verb prints Password,
// AlternateShell or the auto-reconnect verifier, and that decode errors do
// not quote them.
func TestClientInfoRedaction(t *testing.T) {
	const password, raPassword = "Hunter2-Passw0rd", "ra-secret-4711"
	p := fullChainValue()
	p.Password, p.AlternateShell, p.WorkingDir = password, raPassword, "+ULZ6ifjoCa6cGPMLQiGHRPwkg6V"
	verifier := p.Extended.AutoReconnectCookie.SecurityVerifier
	secrets := []string{
		password, raPassword,
		hex.EncodeToString([]byte(password)), hex.EncodeToString([]byte(raPassword)),
		hex.EncodeToString(verifier[:]), fmt.Sprint(verifier[:]), fmt.Sprint(verifier[1:4]),
	}
	type holder struct{ Info ClientInfo }
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
		for _, arg := range []any{*p, p, holder{*p}, &holder{*p}, *p.Extended, p.Extended.AutoReconnectCookie, *p.Extended.AutoReconnectCookie} {
			out := fmt.Sprintf(format, arg)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("Sprintf(%q, %T) = %q contains a secret", format, arg, out)
				}
			}
		}
	}
	if s := p.String(); !strings.Contains(s, "Password: <redacted>") || !strings.Contains(s, "AlternateShell: <redacted>") || !strings.Contains(s, `UserName: "ab"`) {
		t.Errorf("String() = %q", s)
	}
	if s := (ClientInfo{}).String(); !strings.Contains(s, `Password: ""`) {
		t.Errorf("String() of an empty Info Packet = %q; want an empty Password shown as empty", s)
	}

	// Decode errors: corrupt the terminator after each secret field.
	raw, err := wire.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for cut := 0; cut < len(raw); cut++ {
		bad := append([]byte(nil), raw...)
		bad[cut] ^= 0xff
		var q ClientInfo
		if err := q.UnmarshalBinary(bad); err != nil {
			for _, s := range secrets {
				if strings.Contains(err.Error(), s) {
					t.Fatalf("error %q contains a secret", err)
				}
			}
		}
	}
}

func TestInfoFlagsString(t *testing.T) {
	// flags that xfreerdp 2.11.7 sends in assistance mode (ra-protocol.md §5.3).
	f := InfoFlags(0x000B47F3)
	want := "INFO_MOUSE|INFO_DISABLECTRLALTDEL|INFO_UNICODE|INFO_MAXIMIZESHELL|INFO_LOGONNOTIFY|INFO_COMPRESSION|INFO_ENABLEWINDOWSKEY|INFO_FORCE_ENCRYPTED_CS_PDU|INFO_LOGONERRORS|INFO_MOUSE_HAS_WHEEL|INFO_NOAUDIOPLAYBACK|PACKET_COMPR_TYPE_RDP61"
	if got := f.String(); got != want {
		t.Errorf("String() = %q\nwant %q", got, want)
	}
	if f.CompressionType() != CompressionTypeRDP61 || f.Has(InfoAutologon) || !f.Has(InfoUnicode|InfoLogonErrors) {
		t.Errorf("accessors wrong for %v", f)
	}
	if got := InfoFlags(0x10000000).String(); got != "0x10000000" {
		t.Errorf("unknown bit: %q", got)
	}
	if got := InfoFlags(0).String(); got != "0" {
		t.Errorf("zero: %q", got)
	}
}

func FuzzClientInfo(f *testing.F) {
	f.Add(bcgr4110InfoPacket)
	f.Add(fullChain)
	f.Add(ansiInfo)
	f.Add(freerdpAssistanceInfo)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientInfo)
	})
}

func TestClientInfoFreeRDPAssistance(t *testing.T) {
	want := &ClientInfo{
		Flags: InfoMouse | InfoDisableCtrlAltDel | InfoUnicode | InfoMaximizeShell | InfoLogonNotify | InfoCompression |
			InfoEnableWindowsKey | InfoForceEncryptedCSPDU | InfoLogonErrors | InfoMouseHasWheel | InfoNoAudioPlayback |
			InfoFlags(0).WithCompressionType(CompressionTypeRDP61),
		UserName:       "awake",
		Password:       "*",
		AlternateShell: "*",
		WorkingDir:     "+ULZ6ifjoCa6cGPMLQiGHRPwkg6VyJqGwxMnO6GcelwUh9a6/FBq3It5ADSndmLL",
		Extended: &ExtendedInfo{
			ClientAddressFamily: AddressFamilyINet,
			ClientAddress:       "127.0.0.1",
			ClientDir:           `C:\Windows\System32\mstscax.dll`,
			Level:               ExtendedAutoReconnect,
			TimeZone:            TimeZoneInformation{StandardName: "Coordinated Universal Time", DaylightName: "Coordinated Universal Time"},
			PerformanceFlags:    PerfEnableFontSmoothing | PerfEnableDesktopComposition,
		},
	}
	if uint32(want.Flags) != 0x000B47F3 {
		t.Fatalf("flags %#x", uint32(want.Flags))
	}
	rdptest.Golden(t, freerdpAssistanceInfo, want, newClientInfo, rdptest.PrefixesFrom(18+2+12+4+4+130))
}
