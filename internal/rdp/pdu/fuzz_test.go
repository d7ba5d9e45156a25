package pdu

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

func FuzzShareHeaders(f *testing.F) {
	f.Add(uint8(0), rdptest.Hex("67 01 11 00 ea 03"))
	f.Add(uint8(1), rdptest.Hex("ea 03 01 00 00 01 08 00 1f 00 00 00"))
	f.Fuzz(func(t *testing.T, kind uint8, b []byte) {
		switch kind % 2 {
		case 0:
			rdptest.FuzzRoundTrip(t, b, func() *ShareControlHeader { return new(ShareControlHeader) })
		case 1:
			rdptest.FuzzRoundTrip(t, b, func() *ShareDataHeader { return new(ShareDataHeader) })
		}
	})
}

func FuzzActivation(f *testing.F) {
	da := testdata(f, "bcgr-4.1.12-demand-active.hex")
	ca := testdata(f, "bcgr-4.1.13-confirm-active.hex")
	f.Add(uint8(0), da[6:])
	f.Add(uint8(0), rdptest.Hex(freerdpDemandActive))
	f.Add(uint8(1), ca[6:])
	f.Add(uint8(2), rdptest.Hex("ea 03 01 00 01 00 00"))
	f.Fuzz(func(t *testing.T, kind uint8, b []byte) {
		switch kind % 3 {
		case 0:
			rdptest.FuzzRoundTrip(t, b, func() *DemandActive { return new(DemandActive) })
		case 1:
			rdptest.FuzzRoundTrip(t, b, func() *ConfirmActive { return new(ConfirmActive) })
		case 2:
			rdptest.FuzzRoundTrip(t, b, func() *DeactivateAll { return new(DeactivateAll) })
		}
	})
}

// FuzzDataBodies covers every fixed-layout Data PDU body; kind selects the
// type.
func FuzzDataBodies(f *testing.F) {
	for kind, hex := range []string{
		"01 00 ea 03",             // Synchronize
		"02 00 ef 03 ea 03 00 00", // Control
		"00 00 00 00 03 00 32 00", // FontList
		"00 00 00 00 03 00 04 00", // FontMap
		bcgr4117PersistentKeyList, // PersistentKeyList
		"0c 00 00 00",             // SetErrorInfo
		"02 00 00 00 00 00 00 00 3f 00 3f 00 40 00 40 00 ff 04 ff 03", // RefreshRect
		"01 00 00 00 00 00 00 00 ff 04 ff 03",                         // SuppressOutput
		"",                                                            // ShutdownRequest
		"",                                                            // ShutdownDenied
		"07 00 00 00",                                                 // FrameAcknowledge
		"00 00 00 00 ff 04 ff 03",                                     // Rectangle16
	} {
		f.Add(uint8(kind), rdptest.Hex(hex))
	}
	f.Fuzz(func(t *testing.T, kind uint8, b []byte) {
		switch kind % 12 {
		case 0:
			rdptest.FuzzRoundTrip(t, b, func() *Synchronize { return new(Synchronize) })
		case 1:
			rdptest.FuzzRoundTrip(t, b, func() *Control { return new(Control) })
		case 2:
			rdptest.FuzzRoundTrip(t, b, func() *FontList { return new(FontList) })
		case 3:
			rdptest.FuzzRoundTrip(t, b, func() *FontMap { return new(FontMap) })
		case 4:
			rdptest.FuzzRoundTrip(t, b, func() *PersistentKeyList { return new(PersistentKeyList) })
		case 5:
			rdptest.FuzzRoundTrip(t, b, func() *SetErrorInfo { return new(SetErrorInfo) })
		case 6:
			rdptest.FuzzRoundTrip(t, b, func() *RefreshRect { return new(RefreshRect) })
		case 7:
			rdptest.FuzzRoundTrip(t, b, func() *SuppressOutput { return new(SuppressOutput) })
		case 8:
			rdptest.FuzzRoundTrip(t, b, func() *ShutdownRequest { return new(ShutdownRequest) })
		case 9:
			rdptest.FuzzRoundTrip(t, b, func() *ShutdownDenied { return new(ShutdownDenied) })
		case 10:
			rdptest.FuzzRoundTrip(t, b, func() *FrameAcknowledge { return new(FrameAcknowledge) })
		case 11:
			rdptest.FuzzRoundTrip(t, b, func() *Rectangle16 { return new(Rectangle16) })
		}
	})
}

func FuzzInputEvents(f *testing.F) {
	f.Add(rdptest.Hex("01 00 00 00  78 56 34 12 04 00 00 40 1e 00 00 00"))
	f.Add(rdptest.Hex(`02 00 00 00  00 00 00 00 01 80 88 03 64 00 c8 00  00 00 00 00 02 80 02 80 0a 00 14 00`))
	f.Add(rdptest.Hex("01 00 00 00  00 00 00 00 00 00 00 00 06 00 00 00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *InputEvents { return new(InputEvents) })
	})
}

func FuzzBitmapUpdate(f *testing.F) {
	f.Add(rdptest.Hex(bitmapUpdateVector))
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, func() *BitmapUpdate { return new(BitmapUpdate) })
	})
}

// FuzzEnvelope drives the envelope helpers: whatever DecodeShareControl,
// DecodeShareData and the body dispatchers accept, AppendShareControl or
// AppendShareData re-encodes to a PDU that decodes to the same body.
func FuzzEnvelope(f *testing.F) {
	f.Add(testdata(f, "bcgr-4.1.12-demand-active.hex"))
	f.Add(testdata(f, "bcgr-4.1.13-confirm-active.hex"))
	f.Add(rdptest.Hex("0D 00 16 00 EA 03 EA 03 01 00 01 00 00"))
	f.Add(rdptest.Hex("1a 00 17 00 ea 03 ea 03 01 00 12 02 1a 00 14 00 00 00 02 00 ef 03 ea 03 00 00"))
	f.Add(rdptest.Hex("16 00 17 00 ef 03 ea 03 01 00 00 01 08 00 1f 00 00 00 01 00 ea 03"))
	f.Add(rdptest.Hex("00 80 00 42 00 00 ef 03"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ch, body, err := DecodeShareControl(b)
		if err != nil {
			return
		}
		var p wire.PDU
		var enc []byte
		if ch.Type == PDUTypeData {
			dh, payload, err := DecodeShareData(body)
			if err != nil {
				return
			}
			if p, err = DecodeShareDataBody(dh.Type2, payload); err != nil {
				return // unknown type or invalid body
			}
			if enc, err = AppendShareData(nil, ch.Source, dh.ShareID, dh.Type2, p); err != nil {
				t.Fatalf("re-encode %T: %v", p, err)
			}
		} else {
			if p, err = DecodeShareControlBody(ch.Type, body); err != nil {
				return
			}
			if enc, err = AppendShareControl(nil, ch.Type, ch.Source, p); err != nil {
				t.Fatalf("re-encode %T: %v", p, err)
			}
		}
		ch2, body2, err := DecodeShareControl(enc)
		if err != nil || ch2.Type != ch.Type || ch2.Source != ch.Source {
			t.Fatalf("re-encoded header %+v: %v", ch2, err)
		}
		var q wire.PDU
		if ch.Type == PDUTypeData {
			dh2, payload2, err := DecodeShareData(body2)
			if err != nil {
				t.Fatal(err)
			}
			q, err = DecodeShareDataBody(dh2.Type2, payload2)
			if err != nil {
				t.Fatal(err)
			}
		} else if q, err = DecodeShareControlBody(ch2.Type, body2); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(p, q, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("round trip (-first +second):\n%s", d)
		}
	})
}
