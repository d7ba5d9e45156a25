package pdu

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// bitmapUpdateVector holds three rectangles: uncompressed, compressed with
// a TS_CD_HEADER, compressed without one. Built from 2.2.9.1.1.3.1.2.x.
const bitmapUpdateVector = `
01 00 # updateType: UPDATETYPE_BITMAP
03 00 # numberRectangles: 3
# rectangle 0: 2x1 at 32 bpp, uncompressed (B,G,R,X)
00 00 00 00 01 00 00 00 # destLeft 0, destTop 0, destRight 1, destBottom 0 (inclusive)
02 00 01 00 20 00       # width 2, height 1, bitsPerPixel 32
00 00                   # flags: none
08 00                   # bitmapLength: 8
ff 00 00 00 00 ff 00 00 # bitmapDataStream
# rectangle 1: 4x2 at 16 bpp, compressed with TS_CD_HEADER
10 00 20 00 13 00 21 00 # destLeft 16, destTop 32, destRight 19, destBottom 33
04 00 02 00 10 00       # width 4, height 2, bitsPerPixel 16
01 00                   # flags: BITMAP_COMPRESSION
0b 00                   # bitmapLength: 11 = 8 + 3
00 00                   # cbCompFirstRowSize: 0
03 00                   # cbCompMainBodySize: 3
04 00                   # cbScanWidth: 4
10 00                   # cbUncompressedSize: 16
aa bb cc                # bitmapDataStream
# rectangle 2: 64x64 at 32 bpp, compressed, NO_BITMAP_COMPRESSION_HDR
40 00 00 00 7f 00 3f 00 # destLeft 64, destTop 0, destRight 127, destBottom 63
40 00 40 00 20 00       # width 64, height 64, bitsPerPixel 32
01 04                   # flags: BITMAP_COMPRESSION|NO_BITMAP_COMPRESSION_HDR
02 00                   # bitmapLength: 2
10 20                   # bitmapDataStream (planar stub)
`

func bitmapUpdateWant() *BitmapUpdate {
	return &BitmapUpdate{Rectangles: []BitmapData{{
		DestRight: 1, Width: 2, Height: 1, BitsPerPixel: 32,
		Data: []byte{0xff, 0, 0, 0, 0, 0xff, 0, 0},
	}, {
		DestLeft: 16, DestTop: 32, DestRight: 19, DestBottom: 33, Width: 4, Height: 2, BitsPerPixel: 16,
		Flags: BitmapCompression, CompressedHeader: &CompressedDataHeader{ScanWidth: 4, UncompressedSize: 16},
		Data: []byte{0xaa, 0xbb, 0xcc},
	}, {
		DestLeft: 64, DestRight: 127, DestBottom: 63, Width: 64, Height: 64, BitsPerPixel: 32,
		Flags: BitmapCompression | NoBitmapCompressionHdr, Data: []byte{0x10, 0x20},
	}}}
}

func TestBitmapUpdate(t *testing.T) {
	rdptest.RunCases(t, []rdptest.Case[*BitmapUpdate]{{
		Name: "three-rectangles", Raw: bitmapUpdateVector, Want: bitmapUpdateWant(),
	}}, func() *BitmapUpdate { return new(BitmapUpdate) })

	rdptest.RunBad(t, []rdptest.BadCase{
		{Name: "updateType-orders", Raw: "00 00 00 00", Want: wire.ErrInvalid},
		{Name: "updateType-palette", Raw: "02 00 00 00", Want: wire.ErrInvalid},
		{Name: "numberRectangles-beyond-data", Raw: "01 00 02 00  00000000 00000000 0100 0100 2000 0000 0000", Want: wire.ErrShort},
		{Name: "width-0", Raw: "01 00 01 00  00000000 00000000 0000 0100 2000 0000 0000", Want: wire.ErrInvalid},
		{Name: "height-0", Raw: "01 00 01 00  00000000 00000000 0100 0000 2000 0000 0000", Want: wire.ErrInvalid},
		{Name: "bitmapLength-beyond-data", Raw: "01 00 01 00  00000000 00000000 0100 0100 2000 0000 0400 ff00", Want: wire.ErrShort},
		{Name: "cd-header-longer-than-bitmapLength", Raw: "01 00 01 00  00000000 00000000 0100 0100 1000 0100 0400 0000 0000", Want: wire.ErrInvalid},
		{Name: "cbCompFirstRowSize-1", Raw: "01 00 01 00  00000000 00000000 0400 0100 1000 0100 0900 0100 0100 0400 0800 aa", Want: wire.ErrInvalid},
		// FreeRDP's server writes bitmapLength without the header; the spec counts it.
		{Name: "cbCompMainBodySize-mismatch", Raw: "01 00 01 00  00000000 00000000 0400 0100 1000 0100 0100 0000 0100 0400 0800 aa", Want: wire.ErrInvalid},
		{Name: "cbScanWidth-not-multiple-of-4", Raw: "01 00 01 00  00000000 00000000 0300 0100 1000 0100 0900 0000 0100 0300 0600 aa", Want: wire.ErrInvalid},
	}, func() *BitmapUpdate { return new(BitmapUpdate) })

	for name, r := range map[string]BitmapData{
		"width-0":             {Height: 1},
		"header-without-flag": {Width: 1, Height: 1, CompressedHeader: &CompressedDataHeader{}},
		"flag-without-header": {Width: 1, Height: 1, Flags: BitmapCompression},
		"scan-width-6":        {Width: 1, Height: 1, Flags: BitmapCompression, CompressedHeader: &CompressedDataHeader{ScanWidth: 6}},
		"data-too-long":       {Width: 1, Height: 1, Data: make([]byte, 0x10000)},
	} {
		if _, err := (&BitmapUpdate{Rectangles: []BitmapData{r}}).AppendBinary(nil); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
	if (BitmapCompression | NoBitmapCompressionHdr).String() != "BITMAP_COMPRESSION|NO_BITMAP_COMPRESSION_HDR" {
		t.Error("BitmapFlags.String")
	}
}

// TestSlowPathBitmapUpdate checks that AppendShareData with PDUTYPE2_UPDATE
// produces the slow-path Bitmap Update (TS_UPDATE_BITMAP): share control
// header, share data header, TS_UPDATE_BITMAP_DATA.
func TestSlowPathBitmapUpdate(t *testing.T) {
	body := rdptest.Hex(bitmapUpdateVector)
	got, err := AppendShareData(nil, 0x03EA, 0x000103EA, PDUType2Update, bitmapUpdateWant())
	if err != nil {
		t.Fatal(err)
	}
	total := 6 + 12 + len(body)
	want := append(rdptest.Hex(`
		61 00 17 00 ea 03 # totalLength 97, PDUTYPE_DATAPDU, pduSource 1002
		ea 03 01 00 00 01 # shareID, pad1, STREAM_LOW
		61 00             # uncompressedLength: the whole PDU
		02 00 00 00       # pduType2: PDUTYPE2_UPDATE, compressedType, compressedLength`), body...)
	if total != 97 || !bytes.Equal(got, want) {
		t.Errorf("got  %x\nwant %x", got, want)
	}
	_, _, p := decodeData(t, got)
	if u := p.(*BitmapUpdate); len(u.Rectangles) != 3 {
		t.Errorf("decoded %+v", u)
	}
}
