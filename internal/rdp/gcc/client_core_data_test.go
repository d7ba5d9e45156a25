package gcc

import (
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func newClientCoreData() *ClientCoreData { return new(ClientCoreData) }

// coreUpTo returns the bytes of the 4.1.3 CS_CORE body cut after n body
// bytes, with the header length fixed up.
func coreUpTo(t testing.TB, n int) []byte {
	t.Helper()
	full := rdptest.Hex(bcgr413Core)
	b := append([]byte(nil), full[:headerSize+n]...)
	wire.PutU16LE(b, 2, uint16(len(b)))
	return b
}

func TestClientCoreData(t *testing.T) {
	short := bcgr413CoreValue()
	short.LastField = CoreFieldNone
	short.PostBeta2ColorDepth, short.ClientProductID, short.HighColorDepth = 0, 0, 0
	short.SupportedColorDepths, short.EarlyCapabilityFlags, short.ClientDigProductID = 0, 0, ""

	throughFlags := bcgr413CoreValue()
	throughFlags.LastField = CoreEarlyCapabilityFlags
	throughFlags.ClientDigProductID = ""

	throughPad := bcgr413CoreValue()
	throughPad.LastField = CorePad1Octet

	tests := []struct {
		name string
		raw  []byte
		want ClientCoreData
	}{{
		name: "bcgr-4.1.3", // 216 bytes: through serverSelectedProtocol
		raw:  rdptest.Hex(bcgr413Core),
		want: bcgr413CoreValue(),
	}, {
		name: "xfreerdp-2.11.7", // 234 bytes: every field
		raw:  rdptest.Hex(xfreerdpCore),
		want: xfreerdpCoreValue(),
	}, {
		name: "rdp4-through-imeFileName", // 132 bytes: no optional field
		raw:  coreUpTo(t, coreMandatorySize-headerSize),
		want: short,
	}, {
		name: "through-earlyCapabilityFlags",
		raw:  coreUpTo(t, coreMandatorySize-headerSize+14),
		want: throughFlags,
	}, {
		name: "through-pad1octet", // as clients that end with pad2octets
		raw:  coreUpTo(t, coreMandatorySize-headerSize+80),
		want: throughPad,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdptest.Golden(t, tt.raw, &tt.want, newClientCoreData)
		})
	}
}

func TestClientCoreDataSelectedProtocol(t *testing.T) {
	c := bcgr413CoreValue()
	if p, ok := c.SelectedProtocol(); !ok || p != 0 {
		t.Errorf("4.1.3 SelectedProtocol = %d, %v; want 0, true", p, ok)
	}
	x := xfreerdpCoreValue()
	if p, ok := x.SelectedProtocol(); !ok || p != 1 {
		t.Errorf("xfreerdp SelectedProtocol = %d, %v; want 1, true", p, ok)
	}
	c.LastField = CorePad1Octet
	c.ServerSelectedProtocol = 0
	if _, ok := c.SelectedProtocol(); ok {
		t.Error("SelectedProtocol present in a block that ends at pad1octet")
	}
	if !c.Has(CorePostBeta2ColorDepth) || c.Has(CoreDesktopPhysicalWidth) || c.Has(CoreFieldNone) {
		t.Error("Has disagrees with LastField")
	}
}

// A clientName of 16 characters fills its field without a terminator;
// FreeRDP's server reads such names, and so does this package.
func TestClientCoreDataNameWithoutTerminator(t *testing.T) {
	want := bcgr413CoreValue()
	want.ClientName = "ABCDEFGHIJKLMNOP"
	raw, err := want.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := raw[24:56]; string(got) != string(wire.AppendUTF16LE(nil, want.ClientName)) {
		t.Fatalf("clientName bytes %x", got)
	}
	rdptest.Golden(t, raw, &want, newClientCoreData)
}

func TestClientCoreDataDecodeErrors(t *testing.T) {
	extra := append(rdptest.Hex(xfreerdpCore), 0)
	wire.PutU16LE(extra, 2, uint16(len(extra)))
	wrongType := rdptest.Hex(bcgr413Core)
	wrongType[0] = 0x02
	tooShortLength := rdptest.Hex(bcgr413Core)
	wire.PutU16LE(tooShortLength, 2, 3)
	tooLong := rdptest.Hex(bcgr413Core)
	wire.PutU16LE(tooLong, 2, 217)
	for _, tt := range []struct {
		name string
		raw  []byte
		want error
	}{
		{"mandatory-fields-cut", coreUpTo(t, coreMandatorySize-headerSize-1), wire.ErrShort},
		{"ends-inside-postBeta2ColorDepth", coreUpTo(t, coreMandatorySize-headerSize+1), wire.ErrInvalid},
		{"ends-inside-clientDigProductId", coreUpTo(t, coreMandatorySize-headerSize+20), wire.ErrInvalid},
		{"ends-inside-serverSelectedProtocol", coreUpTo(t, coreMandatorySize-headerSize+82), wire.ErrInvalid},
		{"byte-after-deviceScaleFactor", extra, wire.ErrTrailing},
		{"wrong-type", wrongType, wire.ErrInvalid},
		{"length-below-header", tooShortLength, wire.ErrInvalid},
		{"length-beyond-input", tooLong, wire.ErrShort},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := new(ClientCoreData).UnmarshalBinary(tt.raw)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var de *wire.DecodeError
			if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), "gcc: TS_UD_CS_CORE") {
				t.Errorf("err = %v, want a gcc: TS_UD_CS_CORE DecodeError", err)
			}
		})
	}
}

func TestClientCoreDataEncodeErrors(t *testing.T) {
	for _, tt := range []struct {
		name   string
		modify func(*ClientCoreData)
	}{
		{"field-after-LastField", func(c *ClientCoreData) { c.DesktopScaleFactor = 100 }},
		{"LastField-out-of-range", func(c *ClientCoreData) { c.LastField = CoreDeviceScaleFactor + 1 }},
		{"clientName-too-long", func(c *ClientCoreData) { c.ClientName = "ABCDEFGHIJKLMNOPQ" }},
		{"clientName-with-NUL", func(c *ClientCoreData) { c.ClientName = "A\x00B" }},
		{"imeFileName-too-long", func(c *ClientCoreData) { c.IMEFileName = strings.Repeat("x", 33) }},
		{"clientDigProductId-too-long", func(c *ClientCoreData) { c.ClientDigProductID = strings.Repeat("€", 33) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := bcgr413CoreValue()
			tt.modify(&c)
			if b, err := c.AppendBinary(nil); err == nil {
				t.Errorf("encoded %x", b)
			}
		})
	}
}

func TestClientCoreDataStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{ColorDepth8BPP.String(), "RNS_UD_COLOR_8BPP"},
		{ColorDepth(0x1234).String(), "ColorDepth(0x1234)"},
		{HighColor24BPP.String(), "HIGH_COLOR_24BPP"},
		{HighColorDepth(32).String(), "HighColorDepth(32)"},
		{(Support24BPP | Support32BPP).String(), "RNS_UD_24BPP_SUPPORT|RNS_UD_32BPP_SUPPORT"},
		{EarlyCapabilityFlags(0x05E3).String(), "SUPPORT_ERRINFO_PDU|WANT_32BPP_SESSION|VALID_CONNECTION_TYPE|" +
			"SUPPORT_MONITOR_LAYOUT_PDU|SUPPORT_NETCHAR_AUTODETECT|SUPPORT_DYNVC_GFX_PROTOCOL|SUPPORT_HEARTBEAT_PDU"},
		{EarlyCapabilityFlags(0x9000).String(), "0x9000"},
		{EarlyCapabilityFlags(0).String(), "0"},
		{ConnectionTypeAutodetect.String(), "CONNECTION_TYPE_AUTODETECT"},
		{ConnectionType(9).String(), "ConnectionType(9)"},
		{CoreServerSelectedProtocol.String(), "serverSelectedProtocol"},
		{CoreField(99).String(), "CoreField(99)"},
	} {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}

func FuzzClientCoreData(f *testing.F) {
	f.Add(rdptest.Hex(bcgr413Core))
	f.Add(rdptest.Hex(xfreerdpCore))
	f.Add(coreUpTo(f, coreMandatorySize-headerSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newClientCoreData)
	})
}
