package pdu

import (
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// TestConfirmActiveSpec decodes the [MS-RDPBCGR] 4.1.13 Confirm Active.
func TestConfirmActiveSpec(t *testing.T) {
	raw := testdata(t, "bcgr-4.1.13-confirm-active.hex")
	h, body, err := DecodeShareControl(raw)
	if err != nil {
		t.Fatal(err)
	}
	if h != (ShareControlHeader{TotalLength: 492, Type: PDUTypeConfirmActive, Source: 1007}) {
		t.Errorf("header %+v", h)
	}
	p, err := DecodeShareControlBody(h.Type, body)
	if err != nil {
		t.Fatal(err)
	}
	ca := p.(*ConfirmActive)
	if ca.ShareID != 0x000103EA || ca.OriginatorID != ServerChannelID || ca.SourceDescriptor != "MSTSC" || len(ca.CapabilitySets) != 18 {
		t.Errorf("%#x %#x %q %d sets", ca.ShareID, ca.OriginatorID, ca.SourceDescriptor, len(ca.CapabilitySets))
	}
	n := caps.Negotiate(ca.CapabilitySets)
	if !n.FastPathOutput || n.DesktopWidth != 1280 || n.PointerCacheSize != 21 || n.KeyboardLayout != 0x409 || n.MaxRequestSize != caps.FastPathFragmentSafeSize {
		t.Errorf("negotiated %+v", n)
	}
	rdptest.Canonical(t, ca, func() *ConfirmActive { return new(ConfirmActive) })
}

func TestConfirmActive(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*ConfirmActive]{{
		Name: "freerdp-like",
		Raw: `ea 03 01 00 # shareID
		      ea 03       # originatorID: 0x03ea
		      08 00       # lengthSourceDescriptor: 8
		      14 00       # lengthCombinedCapabilities: 20
		      46 52 45 45 52 44 50 00 # sourceDescriptor: "FREERDP"
		      02 00 00 00 # numberCapabilities 2, pad2Octets
		      0f 00 08 00 02 00 00 00 # Brush: BRUSH_COLOR_FULL
		      1e 00 08 00 02 00 00 00 # Frame Acknowledge: 2`,
		Want: &ConfirmActive{ShareID: 0x000103EA, OriginatorID: ServerChannelID, SourceDescriptor: "FREERDP",
			CapabilitySets: []caps.Set{&caps.Brush{BrushSupportLevel: caps.BrushColorFull}, &caps.FrameAcknowledge{MaxUnacknowledgedFrameCount: 2}}},
	}, {
		Name: "descriptor-without-NUL", // kept; re-encoded with a NUL
		Raw:  "01 00 00 00 ea 03 02 00 04 00 41 42 00 00 00 00",
		Want: &ConfirmActive{ShareID: 1, OriginatorID: 0x03EA, SourceDescriptor: "AB"}, DecodeOnly: true,
	}}, func() *ConfirmActive { return new(ConfirmActive) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "trailing-after-sets", Raw: "01 00 00 00 ea 03 01 00 04 00 00 00 00 00 00 00", Want: wire.ErrTrailing},
		{Name: "bad-set", Raw: "01 00 00 00 ea 03 01 00 0c 00 00 01 00 00 00 0f 00 09 00 02 00 00 00", Want: wire.ErrInvalid},
	}, func() *ConfirmActive { return new(ConfirmActive) })
}
