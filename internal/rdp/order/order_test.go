package order

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

func newScrBlt() *ScrBlt { return new(ScrBlt) }

// scrollUp is a ScrBlt that scrolls a 1000x687 area up by 13 lines, with
// its bytes laid out by [MS-RDPEGDI] 2.2.2.2.1.1.2 and 2.2.2.2.1.1.2.7.
var (
	scrollUp    = ScrBlt{Left: 140, Top: 50, Width: 1000, Height: 687, Rop: RopSrcCopy, SrcX: 140, SrcY: 63}
	scrollUpRaw = rdptest.Hex(`
		09       # controlFlags: TS_STANDARD | TS_TYPE_CHANGE
		02       # orderType: TS_ENC_SCRBLT_ORDER
		7f       # fieldFlags: all seven fields
		8c 00    # nLeftRect: 140
		32 00    # nTopRect: 50
		e8 03    # nWidth: 1000
		af 02    # nHeight: 687
		cc       # bRop: SRCCOPY
		8c 00    # nXSrc: 140
		3f 00    # nYSrc: 63
	`)
)

func TestScrBlt(t *testing.T) {
	rdptest.Golden(t, scrollUpRaw, &scrollUp, newScrBlt)
}

func TestScrBltErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":            ``,
		"no type change":   `01 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00`,
		"other type":       `09 01 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00`,
		"partial fields":   `09 02 3f 00 00 00 00 01 00 01 00 cc 00 00`,
		"field bit 7":      `09 02 ff 00 00 00 00 01 00 01 00 cc 00 00 00 00`,
		"secondary":        `03 02 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00`,
		"alternate":        `02 02 7f`,
		"bounds":           `0d 02 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00`,
		"zero width":       `09 02 7f 00 00 00 00 00 00 01 00 cc 00 00 00 00`,
		"negative height":  `09 02 7f 00 00 00 00 01 00 ff ff cc 00 00 00 00`,
		"truncated":        `09 02 7f 00 00 00 00 01 00 01 00 cc 00 00 00`,
		"trailing byte":    `09 02 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00 00`,
		"delta coordinate": `19 02 7f 00 00 01 01 cc 00 00`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := new(ScrBlt).UnmarshalBinary(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
	if _, err := (&ScrBlt{Width: 0, Height: 5}).AppendBinary(nil); err == nil {
		t.Error("encoded a zero-width ScrBlt")
	}
	if _, err := AppendUpdate(nil, nil); err == nil {
		t.Error("encoded an Orders update without orders")
	}
}

// TestDecoderState: orders after the first may leave out the type and
// unchanged fields, or send coordinates as deltas (3.2.5.1); the decoder
// carries the state, and only a successful order changes it.
func TestDecoderState(t *testing.T) {
	data := rdptest.Hex(`
		04 00                                               # numberOrders: 4
		09 02 7f 8c 00 32 00 e8 03 af 02 cc 8c 00 3f 00     # scrollUp, whole
		01 22 3f 00 00 00                                   # no type change; fields 1 and 5: nTopRect 63, nXSrc 0
		11 60 f3 0d                                         # TS_DELTA_COORDINATES: nXSrc -13, nYSrc +13
		41                                                  # TS_ZERO_FIELD_BYTE_BIT0: the same order again
	`)
	var d Decoder
	got, err := d.DecodeUpdate(data)
	if err != nil {
		t.Fatal(err)
	}
	second := scrollUp
	second.Top, second.SrcX = 63, 0 // fields 1 (nTopRect) and 5 (nXSrc)
	third := second
	third.SrcX, third.SrcY = second.SrcX-13, second.SrcY+13
	want := []ScrBlt{scrollUp, second, third, third}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}

	// A failing order leaves the state alone.
	if _, err := d.DecodeUpdate(rdptest.Hex(`01 00 01 01 00`)); err == nil { // nLeftRect, truncated
		t.Fatal("decoded a bad update")
	}
	got, err = d.DecodeUpdate(rdptest.Hex(`01 00 41`))
	if err != nil || len(got) != 1 || got[0] != third {
		t.Fatalf("after an error: %+v, %v; want %+v", got, err, third)
	}
}

func TestDecoderErrors(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":              ``,
		"no orders":          `00 00`,
		"more than the data": `05 00 41 41`,
		"first without type": `01 00 01 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00`,
		"trailing":           `01 00 09 02 7f 00 00 00 00 01 00 01 00 cc 00 00 00 00 00`,
	} {
		t.Run(name, func(t *testing.T) {
			var d Decoder
			if _, err := d.DecodeUpdate(rdptest.Hex(raw)); err == nil {
				t.Fatal("decoded without error")
			}
		})
	}
}

func TestAppendUpdateRoundTrip(t *testing.T) {
	orders := []ScrBlt{scrollUp, {Left: -5, Top: 7, Width: 1, Height: 2, Rop: RopSrcCopy, SrcX: 32767, SrcY: -32768}}
	b, err := AppendUpdate(nil, orders)
	if err != nil {
		t.Fatal(err)
	}
	var d Decoder
	got, err := d.DecodeUpdate(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(orders, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}

func FuzzScrBlt(f *testing.F) {
	f.Add(scrollUpRaw)
	f.Fuzz(func(t *testing.T, b []byte) {
		rdptest.FuzzRoundTrip(t, b, newScrBlt)
	})
}

// FuzzDecoder decodes an Orders update with state; whatever it decodes
// re-encodes self-contained and decodes back to the same orders.
func FuzzDecoder(f *testing.F) {
	f.Add(append([]byte{1, 0}, scrollUpRaw...))
	f.Add(rdptest.Hex(`04 00 09 02 7f 8c 00 32 00 e8 03 af 02 cc 8c 00 3f 00 01 22 3f 00 00 00 11 60 f3 0d 41`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Decoder
		orders, err := d.DecodeUpdate(b)
		if err != nil {
			return
		}
		enc, err := AppendUpdate(nil, orders)
		if err != nil {
			t.Fatalf("decoded orders do not encode: %v", err)
		}
		var d2 Decoder
		again, err := d2.DecodeUpdate(enc)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(orders, again); d != "" {
			t.Fatalf("(-first +second):\n%s", d)
		}
	})
}
