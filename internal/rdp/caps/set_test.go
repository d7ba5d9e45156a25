package caps

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bcgr4112Sets is the capabilitySets field of the Demand Active PDU in
// [MS-RDPBCGR] 4.1.12 (decrypted), 13 sets, 333 bytes.
const bcgr4112Sets = `09 00 08 00 ea 03 dc e2 # Share` + bcgr4112General + `
14 00 08 00 02 00 00 00 # Virtual Channel
16 00 28 00 00 00 00 00 70 f6 13 f3 01 00 00 00 01 00 00 00 18 00 00 00 9c f6 13 f3 61 a6 82 80 00 00 00 00 00 50 91 bf # DrawGdiPlus
0e 00 04 00 # Font (4 bytes, Windows server bug)
` + bcgr4112Bitmap + bcgr4112Order + `
0a 00 08 00 06 00 00 00 # Color Table Cache
12 00 08 00 01 00 00 00 # Bitmap Cache Host Support
08 00 0a 00 01 00 19 00 19 00 # Pointer
` + bcgr4112Input + `
17 00 08 00 00 00 00 00 # RAIL
18 00 0b 00 00 00 00 00 00 00 00 # Window
`

// bcgr4113Sets is the capabilitySets field of the Confirm Active PDU in
// [MS-RDPBCGR] 4.1.13 (decrypted), 18 sets, 466 bytes.
const bcgr4113Sets = bcgr4113General + bcgr4112Bitmap + bcgr4113Order + bcgr4113BitmapCacheRev2 + `
0a 00 08 00 06 00 00 00 # Color Table Cache
07 00 0c 00 00 00 00 00 00 00 00 00 # Window Activation
05 00 0c 00 00 00 00 00 02 00 02 00 # Control
08 00 0a 00 01 00 14 00 15 00 # Pointer
09 00 08 00 00 00 00 00 # Share
` + bcgr4113Input + `
0c 00 08 00 01 00 00 00 # Sound
0e 00 08 00 01 00 00 00 # Font
10 00 34 00 fe 00 04 00 fe 00 04 00 fe 00 08 00 fe 00 08 00 fe 00 10 00 fe 00 20 00 fe 00 40 00 fe 00 80 00 fe 00 00 01 40 00 00 08 00 01 00 01 03 00 00 00 # Glyph Cache
0f 00 08 00 01 00 00 00 # Brush
11 00 0c 00 01 00 00 00 00 1e 64 00 # Offscreen Bitmap Cache
14 00 08 00 01 00 00 00 # Virtual Channel
15 00 0c 00 02 00 00 00 00 0a 00 01 # DrawNineGrid Cache
16 00 28 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 # DrawGdiPlus
`

func bcgr4112Want() []Set {
	var order Order
	var input Input
	var gdip DrawGDIPlus
	mustDecode(&order, bcgr4112Order)
	mustDecode(&input, bcgr4112Input)
	mustDecode(&gdip, "16 00 28 00 00 00 00 00 70 f6 13 f3 01 00 00 00 01 00 00 00 18 00 00 00 9c f6 13 f3 61 a6 82 80 00 00 00 00 00 50 91 bf")
	return []Set{
		&Share{NodeID: 0x03EA},
		&General{OSMajorType: OSMajorWindows, OSMinorType: OSMinorWindowsNT,
			ExtraFlags:         NoBitmapCompressionHdr | EncSaltedChecksum | AutoReconnectSupported | LongCredentialsSupported | FastPathOutputSupported,
			RefreshRectSupport: true, SuppressOutputSupport: true},
		&VirtualChannel{Flags: VCCapsComprCS8K},
		&gdip,
		&Font{},
		&Bitmap{PreferredBitsPerPixel: 24, DesktopWidth: 1280, DesktopHeight: 1024, DesktopResize: true},
		&order,
		&ColorCache{},
		&BitmapCacheHostSupport{},
		&Pointer{ColorPointerCacheSize: 25, PointerCacheSize: new(uint16(25))},
		&input,
		&Rail{},
		&Window{},
	}
}

func bcgr4113Want() []Set {
	var order Order
	mustDecode(&order, bcgr4113Order)
	return []Set{
		&General{OSMajorType: OSMajorWindows, OSMinorType: OSMinorWindowsNT,
			ExtraFlags: NoBitmapCompressionHdr | EncSaltedChecksum | AutoReconnectSupported | LongCredentialsSupported | FastPathOutputSupported},
		&Bitmap{PreferredBitsPerPixel: 24, DesktopWidth: 1280, DesktopHeight: 1024, DesktopResize: true},
		&order,
		&BitmapCacheRev2{CacheFlags: PersistentKeysExpected | AllowCacheWaitingList, NumCellCaches: 3, CellInfo: [5]CellInfo{120, 120, 0x800009fb}},
		&ColorCache{},
		&Activation{},
		&Control{},
		&Pointer{ColorPointerCacheSize: 20, PointerCacheSize: new(uint16(21))},
		&Share{},
		&Input{InputFlags: InputFlagUnicode | InputFlagMouseX | InputFlagScancodes, KeyboardLayout: 0x409, KeyboardType: 4, KeyboardFunctionKey: 12},
		&Sound{SoundFlags: SoundFlagBeeps},
		&Font{FontSupportFlags: new(FontSupportFontList)},
		&GlyphCache{
			GlyphCache: [10]CacheDefinition{{254, 4}, {254, 4}, {254, 8}, {254, 8}, {254, 16}, {254, 32}, {254, 64}, {254, 128}, {254, 256}, {64, 2048}},
			FragCache:  CacheDefinition{256, 256}, GlyphSupportLevel: GlyphSupportEncode,
		},
		&Brush{BrushSupportLevel: BrushColor8x8},
		&OffscreenBitmapCache{OffscreenSupportLevel: true, OffscreenCacheSize: 7680, OffscreenCacheEntries: 100},
		&VirtualChannel{Flags: VCCapsComprSC},
		&DrawNineGridCache{DrawNineGridSupportLevel: DrawNineGridSupportedRev2, DrawNineGridCacheSize: 2560, DrawNineGridCacheEntries: 256},
		&DrawGDIPlus{},
	}
}

func mustDecode(p wire.PDU, hex string) {
	if err := p.UnmarshalBinary(rdptest.Hex(hex)); err != nil {
		panic(err)
	}
}

func TestDecodeSets(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  string
		size int
		want []Set
	}{
		{"bcgr-4.1.12-demand-active", bcgr4112Sets, 333, bcgr4112Want()},
		{"bcgr-4.1.13-confirm-active", bcgr4113Sets, 466, bcgr4113Want()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := rdptest.Hex(tc.raw)
			if len(raw) != tc.size {
				t.Fatalf("transcription: %d bytes, want %d", len(raw), tc.size)
			}
			r := wire.NewReader(raw)
			got, err := DecodeSets(r, len(tc.want))
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Finish(); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
			// Canonical re-encoding decodes to the same sets.
			enc, err := AppendSets(nil, got)
			if err != nil {
				t.Fatal(err)
			}
			if len(enc) != SetsSize(got) || len(enc) != tc.size {
				t.Errorf("encoded %d bytes, SetsSize %d, want %d", len(enc), SetsSize(got), tc.size)
			}
			again, err := DecodeSets(wire.NewReader(enc), len(got))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(got, again, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("re-encoding (-first +second):\n%s", d)
			}
		})
	}
}

func TestDecodeSetsEdges(t *testing.T) {
	two := rdptest.Hex("0f 00 08 00 01 00 00 00  42 00 05 00 07")
	t.Run("unknown-type-kept", func(t *testing.T) {
		got, err := DecodeSets(wire.NewReader(two), 2)
		if err != nil {
			t.Fatal(err)
		}
		want := []Set{&Brush{BrushSupportLevel: BrushColor8x8}, &Unknown{SetType: 0x42, Data: []byte{7}}}
		if d := cmp.Diff(want, got); d != "" {
			t.Error(d)
		}
	})
	t.Run("duplicates-kept-in-order", func(t *testing.T) {
		raw := rdptest.Hex("0f 00 08 00 01 00 00 00  0f 00 08 00 02 00 00 00")
		got, err := DecodeSets(wire.NewReader(raw), 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[1].(*Brush).BrushSupportLevel != BrushColorFull {
			t.Errorf("got %v", got)
		}
	})
	t.Run("count-beyond-data", func(t *testing.T) {
		if _, err := DecodeSets(wire.NewReader(two), 3); !errors.Is(err, wire.ErrShort) {
			t.Errorf("err = %v, want ErrShort", err)
		}
		// A huge count fails on the data, not on allocation.
		if _, err := DecodeSets(wire.NewReader(two), 1<<30); !errors.Is(err, wire.ErrShort) {
			t.Errorf("err = %v, want ErrShort", err)
		}
	})
	t.Run("count-short-of-data", func(t *testing.T) {
		r := wire.NewReader(two)
		got, err := DecodeSets(r, 1)
		if err != nil || len(got) != 1 || r.Len() != 5 {
			t.Errorf("got %d sets, %v, %d left", len(got), err, r.Len())
		}
	})
	t.Run("bad-set-is-fatal", func(t *testing.T) {
		raw := rdptest.Hex("0f 00 09 00 01 00 00 00 00")
		if _, err := DecodeSets(wire.NewReader(raw), 1); !errors.Is(err, wire.ErrInvalid) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("nil-set", func(t *testing.T) {
		if _, err := AppendSets(nil, []Set{nil}); err == nil {
			t.Error("encoded a nil set")
		}
	})
}

func TestSetTypeString(t *testing.T) {
	for typ := SetType(0); typ <= 0x1F; typ++ {
		s := newSet(typ)
		if _, unknown := s.(*Unknown); unknown {
			if got := typ.String(); got[:9] != "CAPSTYPE(" {
				t.Errorf("%d: String() = %q for an unmodelled type", typ, got)
			}
			continue
		}
		if s.Type() != typ {
			t.Errorf("newSet(%v).Type() = %v", typ, s.Type())
		}
		if got := typ.String(); got[:4] != "CAPS" || got[len(got)-1] == ')' {
			t.Errorf("%d: String() = %q", typ, got)
		}
	}
}
