package pdu

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// The pointer vectors are built by hand from the layouts of [MS-RDPBCGR]
// 2.2.9.1.1.4.1–2.2.9.1.1.4.7 and 2.2.9.1.2.1.11: section 4 has no pointer
// dumps. The mask sizes follow the spec's own examples (a 3-pixel 24-bpp
// XOR line takes 10 bytes, a 7-pixel AND line 2), which FreeRDP 2.11.7
// enforces on receipt (update.c update_read_pointer_color).

// colorPointerVector is a 3x2 Color Pointer Update (24 bpp): 10-byte XOR
// lines (9 bytes of pixels, 1 pad), 2-byte AND lines.
const colorPointerVector = `
05 00             # cacheIndex 5
01 00 00 00       # hotSpot (1,0)
03 00 02 00       # width 3, height 2
04 00             # lengthAndMask 4 = 2 lines x 2
14 00             # lengthXorMask 20 = 2 lines x 10
# xorMaskData, bottom-up: line 0 is the bottom row (y=1)
ff 00 00  00 ff 00  00 00 ff  00   # blue, green, red, pad
00 00 00  ff ff ff  00 00 00  00   # black, white, black, pad
# andMaskData, bottom-up, MSB first
00 00             # bottom row: all opaque
a0 00             # top row: pixels 0 and 2 keep the screen
`

func colorPointerWant() *ColorPointer {
	return &ColorPointer{
		CacheIndex: 5, HotSpot: Point16{1, 0}, Width: 3, Height: 2,
		XorMask: rdptest.Hex("ff0000 00ff00 0000ff 00  000000 ffffff 000000 00"),
		AndMask: []byte{0, 0, 0xa0, 0},
	}
}

// newPointerVector is a 2x2 New Pointer Update at 32 bpp (B,G,R,A).
const newPointerVector = `
20 00             # xorBpp 32
00 00             # cacheIndex 0
00 00 01 00       # hotSpot (0,1)
02 00 02 00       # width 2, height 2
04 00             # lengthAndMask 4
10 00             # lengthXorMask 16
10 20 30 ff  00 00 00 00   # bottom row: opaque, transparent
40 50 60 80  01 02 03 04   # top row: half alpha, low alpha
40 00             # bottom row AND: pixel 1 transparent
00 00             # top row AND
`

func newPointerWant() *NewPointer {
	return &NewPointer{XorBpp: 32, ColorPtrAttr: ColorPointer{
		HotSpot: Point16{0, 1}, Width: 2, Height: 2,
		XorMask: rdptest.Hex("102030ff 00000000 40506080 01020304"),
		AndMask: []byte{0x40, 0, 0, 0},
	}}
}

// newPointer1bppVector is a 7x1 monochrome New Pointer Update: 7 bits of
// XOR and of AND, each line padded to 2 bytes.
const newPointer1bppVector = `
01 00             # xorBpp 1
13 00             # cacheIndex 19
06 00 00 00       # hotSpot (6,0)
07 00 01 00       # width 7, height 1
02 00 02 00       # lengthAndMask 2, lengthXorMask 2
fe 00             # xorMaskData
01 00             # andMaskData
`

// largePointerVector is a 2x1 Large Pointer Update at 32 bpp.
const largePointerVector = `
20 00             # xorBpp 32
02 00             # cacheIndex 2
01 00 00 00       # hotSpot (1,0)
02 00 01 00       # width 2, height 1
02 00 00 00       # lengthAndMask 2 (u32)
08 00 00 00       # lengthXorMask 8 (u32)
aa bb cc ff  00 00 00 00   # xorMaskData
40 00             # andMaskData
`

func largePointerWant() *LargePointer {
	return &LargePointer{XorBpp: 32, CacheIndex: 2, HotSpot: Point16{1, 0}, Width: 2, Height: 1,
		XorMask: rdptest.Hex("aabbccff 00000000"), AndMask: []byte{0x40, 0}}
}

func TestPointerRowSizes(t *testing.T) {
	// 2.2.9.1.1.4.4's examples, then the other depths.
	for _, c := range []struct{ w, bpp, want int }{
		{3, 24, 10}, {1, 24, 4}, {2, 24, 6}, {41, 24, 124},
		{1, 32, 4}, {41, 32, 164}, {96, 32, 384},
		{1, 1, 2}, {7, 1, 2}, {16, 1, 2}, {17, 1, 4},
		{3, 4, 2}, {5, 4, 4}, {3, 8, 4}, {3, 16, 6},
	} {
		if got := PointerXorRowSize(c.w, c.bpp); got != c.want {
			t.Errorf("PointerXorRowSize(%d, %d) = %d, want %d", c.w, c.bpp, got, c.want)
		}
	}
	for _, c := range []struct{ w, want int }{{1, 2}, {7, 2}, {16, 2}, {17, 4}, {41, 6}, {96, 12}, {384, 48}} {
		if got := PointerAndRowSize(c.w); got != c.want {
			t.Errorf("PointerAndRowSize(%d) = %d, want %d", c.w, got, c.want)
		}
	}
}

func TestPointerSmall(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*PointerPosition]{
		{Name: "position", Raw: "0a 00 14 00", Want: &PointerPosition{X: 10, Y: 20}},
		{Name: "position-max", Raw: "ff ff ff ff", Want: &PointerPosition{X: 0xFFFF, Y: 0xFFFF}},
	}, func() *PointerPosition { return new(PointerPosition) })
	rdptest.RunCases(t, []rdptest.Case[*Point16]{
		{Name: "point", Raw: "01 00 02 00", Want: &Point16{X: 1, Y: 2}},
	}, func() *Point16 { return new(Point16) })
	rdptest.RunCases(t, []rdptest.Case[*SystemPointer]{
		{Name: "null", Raw: "00 00 00 00", Want: &SystemPointer{Type: SystemPointerNull}},
		{Name: "default", Raw: "00 7f 00 00", Want: &SystemPointer{Type: SystemPointerDefault}},
	}, func() *SystemPointer { return new(SystemPointer) })
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "type-1", Raw: "01 00 00 00", Want: wire.ErrInvalid},
		{Name: "type-7f01", Raw: "01 7f 00 00", Want: wire.ErrInvalid},
	}, func() *SystemPointer { return new(SystemPointer) })
	rdptest.RunCases(t, []rdptest.Case[*CachedPointer]{
		{Name: "cached", Raw: "13 00", Want: &CachedPointer{CacheIndex: 19}},
	}, func() *CachedPointer { return new(CachedPointer) })
	if _, err := (&SystemPointer{Type: 1}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("SystemPointer type 1 encoded: %v", err)
	}
	if SystemPointerDefault.String() != "SYSPTR_DEFAULT" || PointerMessageLarge.String() != "TS_PTRMSGTYPE_LARGE_POINTER" {
		t.Error("String")
	}
}

func TestColorPointer(t *testing.T) {
	newT := func() *ColorPointer { return new(ColorPointer) }
	// Without the pad byte, one more byte is the pad: accepted.
	rdptest.Golden(t, rdptest.Hex(colorPointerVector), colorPointerWant(), newT, rdptest.ExtraByteOK())
	// With the pad byte (FreeRDP's server writes it): decodes to the same
	// value; the canonical encoding has none.
	padded := append(rdptest.Hex(colorPointerVector), 0x5A)
	rdptest.Golden(t, padded, colorPointerWant(), newT, rdptest.DecodeOnly(), rdptest.PrefixesFrom(len(padded)-1))

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "width-0", Raw: "0000 0000 0000 0000 0200 0000 0000", Want: wire.ErrInvalid},
		{Name: "height-0", Raw: "0000 0000 0000 0100 0000 0000 0000", Want: wire.ErrInvalid},
		{Name: "width-97", Raw: "0000 0000 0000 6100 0100 0e00 2402", Want: wire.ErrInvalid},
		// FreeRDP accepts an absent AND mask; the spec has no such case.
		{Name: "no-and-mask", Raw: "0000 0000 0000 0100 0100 0000 0400 ffffff00", Want: wire.ErrInvalid},
		{Name: "xor-line-unpadded", Raw: "0000 0000 0000 0100 0100 0200 0300 ffffff 0000", Want: wire.ErrInvalid},
		{Name: "and-line-unpadded", Raw: "0000 0000 0000 0100 0100 0100 0400 ffffff00 00", Want: wire.ErrInvalid},
		{Name: "masks-short", Raw: "0000 0000 0000 0100 0100 0200 0400 ffffff00 00", Want: wire.ErrShort},
		{Name: "two-trailing", Raw: "0000 0000 0000 0100 0100 0200 0400 ffffff00 0000 0000", Want: wire.ErrTrailing},
	}, newT)
	for name, p := range map[string]*ColorPointer{
		"width-0":       {Height: 1},
		"too-big":       {Width: 97, Height: 1, XorMask: make([]byte, PointerXorRowSize(97, 24)), AndMask: make([]byte, 14)},
		"xor-too-short": {Width: 1, Height: 1, XorMask: make([]byte, 3), AndMask: make([]byte, 2)},
		"no-and-mask":   {Width: 1, Height: 1, XorMask: make([]byte, 4)},
	} {
		if _, err := p.AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
			t.Errorf("%s: encoded (%v)", name, err)
		}
	}
}

func TestNewPointer(t *testing.T) {
	newT := func() *NewPointer { return new(NewPointer) }
	rdptest.Golden(t, rdptest.Hex(newPointerVector), newPointerWant(), newT, rdptest.ExtraByteOK())
	rdptest.Golden(t, rdptest.Hex(newPointer1bppVector), &NewPointer{XorBpp: 1, ColorPtrAttr: ColorPointer{
		CacheIndex: 19, HotSpot: Point16{6, 0}, Width: 7, Height: 1, XorMask: []byte{0xfe, 0}, AndMask: []byte{1, 0},
	}}, newT, rdptest.ExtraByteOK())
	big := &NewPointer{XorBpp: 32, ColorPtrAttr: ColorPointer{
		Width: MaxPointerSize, Height: MaxPointerSize, HotSpot: Point16{95, 95},
		XorMask: make([]byte, MaxPointerSize*MaxPointerSize*4), AndMask: make([]byte, 12*MaxPointerSize),
	}}
	rdptest.Canonical(t, big, newT)

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "xorBpp-0", Raw: "0000 0000 0000 0000 0100 0100 0200 0200 0000 0000", Want: wire.ErrInvalid},
		{Name: "xorBpp-15", Raw: "0f00 0000 0000 0000 0100 0100 0200 0200 0000 0000", Want: wire.ErrInvalid},
		{Name: "xor-length-for-24bpp", Raw: "2000 0000 0000 0000 0200 0100 0200 0600 ffffffffffff 0000", Want: wire.ErrInvalid},
		{Name: "width-97", Raw: "2000 0000 0000 0000 6100 0100 0e00 8401", Want: wire.ErrInvalid},
		{Name: "truncated-header", Raw: "2000 0000 0000", Want: wire.ErrShort},
	}, newT)
	if _, err := (&NewPointer{XorBpp: 2, ColorPtrAttr: ColorPointer{Width: 1, Height: 1}}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("xorBpp 2 encoded: %v", err)
	}
}

func TestLargePointer(t *testing.T) {
	newT := func() *LargePointer { return new(LargePointer) }
	rdptest.Golden(t, rdptest.Hex(largePointerVector), largePointerWant(), newT, rdptest.ExtraByteOK())
	rdptest.Canonical(t, &LargePointer{XorBpp: 32, Width: MaxLargePointerSize, Height: MaxLargePointerSize,
		XorMask: make([]byte, MaxLargePointerSize*MaxLargePointerSize*4), AndMask: make([]byte, 48*MaxLargePointerSize)}, newT)
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "width-385", Raw: "2000 0000 0000 0000 8101 0100 34000000 08060000", Want: wire.ErrInvalid},
		{Name: "length-u32-huge", Raw: "2000 0000 0000 0000 0100 0100 02000000 ffffffff", Want: wire.ErrInvalid},
		{Name: "xorBpp-33", Raw: "2100 0000 0000 0000 0100 0100 02000000 06000000", Want: wire.ErrInvalid},
		{Name: "masks-short", Raw: "2000 0000 0000 0000 0100 0100 02000000 04000000 ffffffff", Want: wire.ErrShort},
	}, newT)
}

func TestPointerUpdate(t *testing.T) {
	newT := func() *PointerUpdate { return new(PointerUpdate) }
	rdptest.RunCases(t, []rdptest.Case[*PointerUpdate]{
		{Name: "system-null", Raw: "01 00 00 00  00 00 00 00", Want: &PointerUpdate{&SystemPointer{SystemPointerNull}}},
		{Name: "system-default", Raw: "01 00 00 00  00 7f 00 00", Want: &PointerUpdate{&SystemPointer{SystemPointerDefault}}},
		{Name: "position", Raw: "03 00 00 00  0a 00 14 00", Want: &PointerUpdate{&PointerPosition{10, 20}}},
		{Name: "cached", Raw: "07 00 00 00  05 00", Want: &PointerUpdate{&CachedPointer{5}}},
		// pad2Octets "MUST be ignored".
		{Name: "pad2Octets-set", Raw: "07 00 ff ff  05 00", Want: &PointerUpdate{&CachedPointer{5}}, DecodeOnly: true},
	}, newT)
	// The shape updates end with the optional pad byte, so one byte more
	// is accepted.
	for name, c := range map[string]struct {
		hdr  string
		body string
		want PointerAttribute
	}{
		"color": {"06 00 00 00", colorPointerVector, colorPointerWant()},
		"new":   {"08 00 00 00", newPointerVector, newPointerWant()},
		"large": {"09 00 00 00", largePointerVector, largePointerWant()},
	} {
		t.Run(name, func(t *testing.T) {
			rdptest.Golden(t, rdptest.Hex(c.hdr+c.body), &PointerUpdate{c.want}, newT, rdptest.ExtraByteOK())
		})
	}
	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "messageType-2", Raw: "02 00 00 00  00 00", Want: wire.ErrInvalid},
		{Name: "messageType-0", Raw: "00 00 00 00", Want: wire.ErrInvalid},
		{Name: "position-short", Raw: "03 00 00 00  0a 00", Want: wire.ErrShort},
		{Name: "system-bad", Raw: "01 00 00 00  02 00 00 00", Want: wire.ErrInvalid},
	}, newT)
	if _, err := (&PointerUpdate{}).AppendBinary(nil); !errors.Is(err, wire.ErrInvalid) {
		t.Errorf("nil attribute encoded: %v", err)
	}
}

// TestSlowPathPointerUpdate checks the whole slow-path Pointer Update PDU
// (2.2.9.1.1.4) as AppendShareData writes it with PDUTYPE2_POINTER.
func TestSlowPathPointerUpdate(t *testing.T) {
	got, err := AppendShareData(nil, 0x03EA, 0x000103EA, PDUType2Pointer, &PointerUpdate{&CachedPointer{CacheIndex: 3}})
	if err != nil {
		t.Fatal(err)
	}
	want := rdptest.Hex(`
		18 00 17 00 ea 03 # totalLength 24, PDUTYPE_DATAPDU, pduSource 1002
		ea 03 01 00 00 01 # shareID, pad1, STREAM_LOW
		18 00             # uncompressedLength: the whole PDU
		1b 00 00 00       # pduType2: PDUTYPE2_POINTER, compressedType, compressedLength
		07 00 00 00       # messageType TS_PTRMSGTYPE_CACHED, pad2Octets
		03 00             # cacheIndex 3`)
	if !bytes.Equal(got, want) {
		t.Errorf("got  %x\nwant %x", got, want)
	}
	_, body, err := DecodeShareControl(got)
	if err != nil {
		t.Fatal(err)
	}
	dh, payload, err := DecodeShareData(body)
	if err != nil || dh.Type2 != PDUType2Pointer {
		t.Fatalf("%v %v", dh.Type2, err)
	}
	var pu PointerUpdate
	if err := pu.UnmarshalBinary(payload); err != nil || *pu.Attribute.(*CachedPointer) != (CachedPointer{3}) {
		t.Fatalf("%+v %v", pu, err)
	}
}
