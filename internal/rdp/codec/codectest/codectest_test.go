package codectest

import (
	"hash/crc32"
	"testing"
)

// TestDesktopIsFixed pins the benchmark frame: the codec benchmarks'
// bytes/frame figures are comparable across commits only while it stays
// the same. Update the checksum (and say so) when changing the generator.
func TestDesktopIsFixed(t *testing.T) {
	a, b := Desktop(1280, 800), Desktop(1280, 800)
	ca, cb := crc32.ChecksumIEEE(a.Pix), crc32.ChecksumIEEE(b.Pix)
	if ca != cb {
		t.Fatal("Desktop is not deterministic")
	}
	const want = 0xcf361662
	if ca != want {
		t.Errorf("Desktop(1280, 800) checksum %#08x, want %#08x", ca, want)
	}
}

func TestSub(t *testing.T) {
	m := Gradient(10, 10)
	pix, stride := m.Sub(3, 4, 5, 2)
	if stride != 40 || len(pix) != 40+20 {
		t.Fatalf("Sub: stride %d len %d", stride, len(pix))
	}
	if b, g, r := m.At(3, 4); pix[0] != b || pix[1] != g || pix[2] != r {
		t.Error("Sub does not start at the rectangle's top-left pixel")
	}
	if d := DiffBGR(pix, stride, m.Pix[4*40+12:], 40, 5, 2); d != "" {
		t.Error(d)
	}
	n := 0
	Tiles(130, 70, 64, func(x, y, w, h int) { n += w * h })
	if n != 130*70 {
		t.Errorf("Tiles covers %d pixels", n)
	}
}
