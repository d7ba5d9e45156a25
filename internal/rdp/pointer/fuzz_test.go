package pointer

import (
	"bytes"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// FuzzDecodeFastPath: any fast-path pointer update decodes without
// panicking; what decodes re-encodes to the same attribute, and shapes
// render (or fail) without panicking.
func FuzzDecodeFastPath(f *testing.F) {
	f.Add(uint8(fastpath.UpdatePointer), rdptest.Hex("2000 0000 0000 0100 0200 0200 0400 1000 102030ff000000004050608001020304 4000 0000"))
	f.Add(uint8(fastpath.UpdateColor), rdptest.Hex("0700 0000 0100 0200 0200 0400 0c00 102030000000405060000000 4000 4000"))
	f.Add(uint8(fastpath.UpdateLargePointer), rdptest.Hex("2000 0200 0100 0000 0200 0100 02000000 08000000 aabbccff00000000 4000"))
	f.Add(uint8(fastpath.UpdatePtrPosition), rdptest.Hex("0a00 1400"))
	f.Add(uint8(fastpath.UpdateCached), rdptest.Hex("0500"))
	f.Add(uint8(fastpath.UpdatePtrNull), []byte(nil))
	f.Fuzz(func(t *testing.T, code uint8, data []byte) {
		attr, err := DecodeFastPath(fastpath.UpdateCode(code&0x0F), data)
		if err != nil {
			return
		}
		c2, d2, err := FastPath(attr)
		if err != nil || c2 != fastpath.UpdateCode(code&0x0F) {
			t.Fatalf("re-encode: %v %v", c2, err)
		}
		again, err := DecodeFastPath(c2, d2)
		if err != nil {
			t.Fatal(err)
		}
		b1, _ := wire.Marshal(attr)
		b2, _ := wire.Marshal(again)
		if !bytes.Equal(b1, b2) {
			t.Fatalf("round trip %x != %x", b1, b2)
		}
		_, _, _ = Decode(attr)
	})
}

// FuzzEncode: any shape encodes for any format without panicking, within
// the format's limits, and decodes back to itself when it was neither
// trimmed nor scaled.
func FuzzEncode(f *testing.F) {
	f.Add(uint8(2), uint8(2), uint8(0), uint8(1), uint8(0), uint16(0), rdptest.Hex("40506080 01020304 102030ff 00000000"))
	f.Add(uint8(40), uint8(3), uint8(50), uint8(0), uint8(3), uint16(200), []byte{1, 2, 3, 0, 0xff})
	f.Fuzz(func(t *testing.T, w, h, hx, hy, sel uint8, maxBytes uint16, pix []byte) {
		if w == 0 || h == 0 {
			return
		}
		s := Shape{Width: int(w), Height: int(h), HotX: int(hx), HotY: int(hy), Pix: make([]byte, int(w)*int(h)*4)}
		for i := range s.Pix {
			if len(pix) > 0 {
				s.Pix[i] = pix[i%len(pix)]
			}
		}
		fm := Format{Depth: 32, CacheSize: 4, MaxSize: []int{32, 96}[sel&1], MaxBytes: int(maxBytes)}
		if sel&2 != 0 {
			fm.Depth = 24
		}
		if sel&4 != 0 {
			fm.MaxLargeSize = 384
		}
		attr, err := fm.Encode(s, uint16(sel>>6))
		if err != nil {
			return
		}
		if fm.MaxBytes > 0 && attr.Size() > fm.MaxBytes {
			t.Fatalf("%d bytes over %d", attr.Size(), fm.MaxBytes)
		}
		b, err := wire.Marshal(attr)
		if err != nil {
			t.Fatal(err)
		}
		code, _, _ := FastPath(attr)
		back, err := DecodeFastPath(code, b)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := Decode(back)
		if err != nil {
			t.Fatal(err)
		}
		if got.Width > max(fm.MaxSize, fm.MaxLargeSize) || got.Height > max(fm.MaxSize, fm.MaxLargeSize) {
			t.Fatalf("%dx%d", got.Width, got.Height)
		}
		if got.Width == s.Width && got.Height == s.Height {
			want := s
			want.HotX, want.HotY = min(s.HotX, s.Width-1), min(s.HotY, s.Height-1)
			if fm.Depth == 24 {
				want = threshold24(want)
			}
			if !Equal(want, got) {
				t.Fatal(Diff(want, got))
			}
		}
	})
}
