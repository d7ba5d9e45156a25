package caps

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNegotiate(t *testing.T) {
	rfx := mustEncode(t, new(rfxClientCapsWant()))
	for _, tc := range []struct {
		name   string
		client []Set
		want   Negotiated
	}{{
		name:   "bcgr-4.1.13-mstsc",
		client: bcgr4113Want(),
		want: Negotiated{
			Received: []SetType{TypeGeneral, TypeBitmap, TypeOrder, TypeBitmapCacheRev2, TypeColorCache, TypeActivation,
				TypeControl, TypePointer, TypeShare, TypeInput, TypeSound, TypeFont, TypeGlyphCache, TypeBrush,
				TypeOffscreenBitmapCache, TypeVirtualChannel, TypeDrawNineGridCache, TypeDrawGDIPlus},
			OSMajorType: OSMajorWindows, OSMinorType: OSMinorWindowsNT,
			ExtraFlags:     NoBitmapCompressionHdr | EncSaltedChecksum | AutoReconnectSupported | LongCredentialsSupported | FastPathOutputSupported,
			FastPathOutput: true, SaltedChecksum: true, NoBitmapCompressionHeader: true, LongCredentials: true,
			PreferredBitsPerPixel: 24, DesktopWidth: 1280, DesktopHeight: 1024, DesktopResize: true,
			ColorPointerCacheSize: 20, PointerCacheSize: 21, HasPointerCacheSize: true,
			InputFlags:     InputFlagUnicode | InputFlagMouseX | InputFlagScancodes,
			KeyboardLayout: 0x409, KeyboardType: 4, KeyboardFunctionKey: 12,
			// [MS-RDPBCGR] 4.1.13's orderSupport, with NEGOTIATEORDERSUPPORT.
			OrderSupport: [32]uint8{0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 7: 1, 8: 1, 9: 1, 11: 1,
				15: 1, 16: 1, 17: 1, 18: 1, 19: 1, 20: 1, 21: 1, 22: 1, 24: 1, 25: 1, 26: 1},
			VCFlags: VCCapsComprSC,
			// No Multifragment Update set: FASTPATH_FRAGMENT_SAFE_SIZE.
			MaxRequestSize: FastPathFragmentSafeSize,
		},
	}, {
		name: "freerdp-like",
		client: []Set{
			&General{OSMajorType: OSMajorUnix, OSMinorType: OSMinorNativeXServer, ExtraFlags: FastPathOutputSupported | NoBitmapCompressionHdr},
			&Bitmap{PreferredBitsPerPixel: 32, DesktopWidth: 1024, DesktopHeight: 768, DesktopResize: true, DrawingFlags: DrawAllowSkipAlpha},
			&Pointer{ColorPointerCacheSize: 20},
			&Input{InputFlags: InputFlagScancodes | InputFlagFastPathInput2, KeyboardLayout: 0x407},
			&MultifragmentUpdate{MaxRequestSize: 0xFFFF},
			&LargePointer{LargePointerSupportFlags: LargePointerFlag96x96},
			&SurfaceCommands{CmdFlags: SurfCmdsSetSurfaceBits | SurfCmdsFrameMarker},
			&BitmapCodecs{Codecs: []BitmapCodec{
				{GUID: CodecRemoteFX.GUID(), ID: 3, Properties: rfx},
				{GUID: CodecNSCodec.GUID(), ID: 1, Properties: []byte{1, 1, 3}},
			}},
			&FrameAcknowledge{MaxUnacknowledgedFrameCount: 2},
			// orderSupport counts only with NEGOTIATEORDERSUPPORT.
			&Order{OrderSupport: [32]uint8{2: 1}},
		},
		want: Negotiated{
			Received: []SetType{TypeGeneral, TypeBitmap, TypePointer, TypeInput, TypeMultifragmentUpdate,
				TypeLargePointer, TypeSurfaceCommands, TypeBitmapCodecs, TypeFrameAcknowledge, TypeOrder},
			OSMajorType: OSMajorUnix, OSMinorType: OSMinorNativeXServer,
			ExtraFlags:     FastPathOutputSupported | NoBitmapCompressionHdr,
			FastPathOutput: true, NoBitmapCompressionHeader: true,
			PreferredBitsPerPixel: 32, DesktopWidth: 1024, DesktopHeight: 768, DesktopResize: true, DrawingFlags: DrawAllowSkipAlpha,
			ColorPointerCacheSize: 20,
			InputFlags:            InputFlagScancodes | InputFlagFastPathInput2, KeyboardLayout: 0x407,
			MaxRequestSize: 0xFFFF, ClientMaxRequestSize: 0xFFFF,
			LargePointerFlags: LargePointerFlag96x96,
			SurfaceCommands:   SurfCmdsSetSurfaceBits | SurfCmdsFrameMarker,
			Codecs: []BitmapCodec{
				{GUID: CodecRemoteFX.GUID(), ID: 3, Properties: rfx},
				{GUID: CodecNSCodec.GUID(), ID: 1, Properties: []byte{1, 1, 3}},
			},
			FrameAcknowledge: true, MaxUnacknowledgedFrameCount: 2,
		},
	}, {
		name: "small-MaxRequestSize", // "observed with some windows ce rdp clients" (FreeRDP)
		client: []Set{
			&MultifragmentUpdate{MaxRequestSize: 0x3000},
		},
		want: Negotiated{Received: []SetType{TypeMultifragmentUpdate}, MaxRequestSize: FastPathFragmentSafeSize, ClientMaxRequestSize: 0x3000},
	}, {
		name: "last-duplicate-wins",
		client: []Set{
			&Pointer{ColorPointerCacheSize: 20, PointerCacheSize: new(uint16(21))},
			&Pointer{ColorPointerCacheSize: 5},
			nil,
		},
		want: Negotiated{Received: []SetType{TypePointer, TypePointer}, ColorPointerCacheSize: 5, MaxRequestSize: FastPathFragmentSafeSize},
	}, {
		name: "empty",
		want: Negotiated{MaxRequestSize: FastPathFragmentSafeSize},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := Negotiate(tc.client)
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}

	n := Negotiate([]Set{&General{}, &BitmapCodecs{Codecs: []BitmapCodec{{GUID: CodecNSCodec.GUID(), ID: 1, Properties: []byte{1, 1, 3}}}}})
	if !n.Has(TypeGeneral) || n.Has(TypeInput) {
		t.Error("Has")
	}
	if c, ok := n.Codec(CodecNSCodec); !ok || c.ID != 1 {
		t.Errorf("Codec(NSCodec) = %+v, %v", c, ok)
	}
	if _, ok := n.Codec(CodecRemoteFX); ok {
		t.Error("Codec(RemoteFX) found")
	}
	// Negotiated keeps copies of the codec properties.
	src := &BitmapCodecs{Codecs: []BitmapCodec{{GUID: CodecNSCodec.GUID(), ID: 1, Properties: []byte{1, 1, 3}}}}
	n = Negotiate([]Set{src})
	src.Codecs[0].Properties[2] = 7
	if n.Codecs[0].Properties[2] != 3 {
		t.Error("Negotiated aliases the set's properties")
	}
}
