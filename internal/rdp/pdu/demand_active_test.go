package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func setTypes(sets []caps.Set) []caps.SetType {
	var ts []caps.SetType
	for _, s := range sets {
		ts = append(ts, s.Type())
	}
	return ts
}

// TestDemandActiveSpec decodes the [MS-RDPBCGR] 4.1.12 Demand Active (every
// set is checked field by field in package caps). Its padding is
// uninitialised, so the canonical encoding is checked instead of bytes.
func TestDemandActiveSpec(t *testing.T) {
	raw := testdata(t, "bcgr-4.1.12-demand-active.hex")
	h, body, err := DecodeShareControl(raw)
	if err != nil {
		t.Fatal(err)
	}
	if h != (ShareControlHeader{TotalLength: 359, Type: PDUTypeDemandActive, Source: 0x03EA}) {
		t.Errorf("header %+v", h)
	}
	p, err := DecodeShareControlBody(h.Type, body)
	if err != nil {
		t.Fatal(err)
	}
	da := p.(*DemandActive)
	if da.ShareID != 0x000103EA || da.SourceDescriptor != "RDP" || da.SessionID != 0 {
		t.Errorf("shareID %#x, sourceDescriptor %q, sessionId %d", da.ShareID, da.SourceDescriptor, da.SessionID)
	}
	want := []caps.SetType{caps.TypeShare, caps.TypeGeneral, caps.TypeVirtualChannel, caps.TypeDrawGDIPlus, caps.TypeFont,
		caps.TypeBitmap, caps.TypeOrder, caps.TypeColorCache, caps.TypeBitmapCacheHostSupport, caps.TypePointer,
		caps.TypeInput, caps.TypeRail, caps.TypeWindow}
	if d := cmp.Diff(want, setTypes(da.CapabilitySets)); d != "" {
		t.Errorf("set types (-want +got):\n%s", d)
	}
	if got := da.CapabilitySets[5].(*caps.Bitmap); got.DesktopWidth != 1280 || got.PreferredBitsPerPixel != 24 {
		t.Errorf("bitmap %+v", got)
	}
	if err := new(DemandActive).UnmarshalBinary(body[:len(body)-4]); err == nil {
		t.Error("Demand Active without sessionId decoded")
	}
	rdptest.Canonical(t, da, func() *DemandActive { return new(DemandActive) })
	enc, err := AppendShareControl(nil, PDUTypeDemandActive, 0x03EA, da)
	if err != nil || len(enc) != len(raw) {
		t.Errorf("re-encoded %d bytes (%v), want %d", len(enc), err, len(raw))
	}
}

// freerdpDemandActive is a Demand Active body with the minimum sets that
// xfreerdp 2.11.7 accepts (rdp-server.md §3.1, VERIFIED there), 640x480 at
// 32 bpp, built field by field.
const freerdpDemandActive = `
ea 03 01 00 # shareID: 0x000103ea
04 00       # lengthSourceDescriptor: 4
16 01       # lengthCombinedCapabilities: 278
52 44 50 00 # sourceDescriptor: "RDP"
09 00       # numberCapabilities: 9
00 00       # pad2Octets
01 00 18 00 04 00 00 00 00 02 00 00 00 00 05 04 00 00 00 00 00 00 01 01 # General: UNIX, extraFlags 0x0405, refresh+suppress
02 00 1c 00 20 00 01 00 01 00 01 00 80 02 e0 01 00 00 01 00 01 00 00 00 01 00 00 00 # Bitmap: 32 bpp, 640x480, resize
03 00 58 00 00000000000000000000000000000000 00000000 0100 1400 0000 0100 0000 2a00
      0000000000000000000000000000000000000000000000000000000000000000
      0000 0000 00000000 00840300 0000 0000 0000 0000 # Order: no orders, desktopSaveSize 230400
08 00 0a 00 01 00 19 00 19 00 # Pointer: 25, 25
0d 00 58 00 3d 01 00 00 00000000 00000000 00000000 00000000
      00000000000000000000000000000000 00000000000000000000000000000000
      00000000000000000000000000000000 00000000000000000000000000000000 # Input: 0x013d
14 00 0c 00 00 00 00 00 40 06 00 00 # Virtual Channel: VCCAPS_NO_COMPR, 1600
09 00 08 00 ea 03 00 00 # Share: nodeID 0x03ea
0e 00 08 00 01 00 00 00 # Font: FONTSUPPORT_FONTLIST
1a 00 08 00 00 00 20 00 # Multifragment Update: 0x200000
00 00 00 00 # sessionId
`

func freerdpDemandActiveWant() *DemandActive {
	return &DemandActive{
		ShareID:          0x000103EA,
		SourceDescriptor: "RDP",
		CapabilitySets: []caps.Set{
			&caps.General{OSMajorType: caps.OSMajorUnix, ExtraFlags: caps.FastPathOutputSupported | caps.LongCredentialsSupported | caps.NoBitmapCompressionHdr,
				RefreshRectSupport: true, SuppressOutputSupport: true},
			&caps.Bitmap{PreferredBitsPerPixel: 32, DesktopWidth: 640, DesktopHeight: 480, DesktopResize: true},
			&caps.Order{OrderFlags: caps.NegotiateOrderSupport | caps.ZeroBoundsDeltasSupport | caps.ColorIndexSupport, DesktopSaveSize: 230400},
			&caps.Pointer{ColorPointerCacheSize: 25, PointerCacheSize: new(uint16(25))},
			&caps.Input{InputFlags: caps.InputFlagScancodes | caps.InputFlagMouseX | caps.InputFlagFastPathInput | caps.InputFlagUnicode |
				caps.InputFlagFastPathInput2 | caps.InputFlagMouseHWheel},
			&caps.VirtualChannel{VCChunkSize: new(uint32(1600))},
			&caps.Share{NodeID: 0x03EA},
			&caps.Font{FontSupportFlags: new(caps.FontSupportFontList)},
			&caps.MultifragmentUpdate{MaxRequestSize: 0x200000},
		},
	}
}

func TestDemandActive(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*DemandActive]{{
		Name: "freerdp-minimum", Raw: freerdpDemandActive, Want: freerdpDemandActiveWant(),
	}, {
		Name: "no-sets",
		Raw:  "01 00 00 00 04 00 04 00 52 44 50 00 00 00 00 00 07 00 00 00",
		Want: &DemandActive{ShareID: 1, SourceDescriptor: "RDP", SessionID: 7},
	}}, func() *DemandActive { return new(DemandActive) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "lengthCombined-too-short", Raw: "01 00 00 00 04 00 03 00 52 44 50 00 00 00 00 00 00 00 00", Want: wire.ErrInvalid},
		{Name: "lengthCombined-too-long", Raw: "01 00 00 00 04 00 06 00 52 44 50 00 00 00 00 00 00 00 00 00 00 00", Want: nil},
		{Name: "set-beyond-lengthCombined", Raw: "01 00 00 00 04 00 04 00 52 44 50 00 01 00 00 00 0e 00 04 00 00 00 00 00", Want: nil},
		{Name: "numberCapabilities-beyond-sets", Raw: "01 00 00 00 04 00 08 00 52 44 50 00 02 00 00 00 0e 00 04 00 00 00 00 00", Want: wire.ErrShort},
	}, func() *DemandActive { return new(DemandActive) })
}
