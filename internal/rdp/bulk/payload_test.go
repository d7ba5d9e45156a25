package bulk

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/codec/planar"
)

// Test and benchmark payloads: deterministic byte streams shaped like
// what the server compresses, cut into PDUs.

// pduSize is the size of the PDUs the server sends for large updates:
// fast-path fragments of about 16 KB, as FreeRDP's shadow server cuts them
// (and FreeRDP compresses nothing of 16384 bytes or more).
const pduSize = 16 * 1024

// desktopUpdates returns the bitmap update data of a full refresh of the
// synthetic 1280×800 desktop at 32 bpp: each 64×64 tile as an 18-byte
// TS_BITMAP_DATA header ([MS-RDPBCGR] 2.2.9.1.1.3.1.2.2) and its planar
// stream, as the server sends them.
func desktopUpdates() []byte {
	const w, h = 1280, 800
	m := codectest.Desktop(w, h)
	e := planar.Encoder{AlignWidth: true}
	var out []byte
	codectest.Tiles(w, h, 64, func(x, y, tw, th int) {
		pix, stride := m.Sub(x, y, tw, th)
		stream, err := e.Encode(nil, pix, stride, tw, th)
		if err != nil {
			panic(err)
		}
		for _, v := range []int{x, y, x + tw - 1, y + th - 1, e.Width(tw), th, 32, 0x0401 /* BITMAP_COMPRESSION | NO_BITMAP_COMPRESSION_HDR */, len(stream)} {
			out = binary.LittleEndian.AppendUint16(out, uint16(v))
		}
		out = append(out, stream...)
	})
	return out
}

// rawTiles returns the desktop's 64×64 tiles as uncompressed 32 bpp
// bitmaps, bottom-up, as sent when bitmap compression is off.
func rawTiles() []byte {
	const w, h = 1280, 800
	m := codectest.Desktop(w, h)
	var out []byte
	codectest.Tiles(w, h, 64, func(x, y, tw, th int) {
		for row := th - 1; row >= 0; row-- {
			o := (y+row)*m.Stride + x*4
			out = append(out, m.Pix[o:o+tw*4]...)
		}
	})
	return out
}

// animation returns frames of a small animated area (a 96×96 spinner over
// a gradient) as planar tiles: consecutive frames differ in a few pixels.
func animation(frames int) []byte {
	var out []byte
	m := codectest.Gradient(96, 96)
	var e planar.Encoder
	for f := range frames {
		c := f % 12
		m.Fill(40+c*4-24, 40, 8, 16, byte(f*20), 0x80, 0x40)
		codectest.Tiles(96, 96, 64, func(x, y, tw, th int) {
			pix, stride := m.Sub(x, y, tw, th)
			stream, err := e.Encode(nil, pix, stride, tw, th)
			if err != nil {
				panic(err)
			}
			out = binary.LittleEndian.AppendUint16(out, uint16(len(stream)))
			out = append(out, stream...)
		})
	}
	return out
}

// terminalText returns lines of terminal-like ASCII text.
func terminalText(n int) []byte {
	words := strings.Fields("the quick brown fox jumps over lazy dog func return error nil if for range byte slice package import const var type struct interface")
	rnd := codectest.NewRand(7)
	var b strings.Builder
	for b.Len() < n {
		fmt.Fprintf(&b, "%5d: ", rnd.Intn(100000))
		for range 4 + rnd.Intn(10) {
			b.WriteString(words[rnd.Intn(len(words))])
			b.WriteByte(' ')
		}
		b.WriteByte('\n')
	}
	return []byte(b.String()[:n])
}

// randomBytes returns n uniformly random bytes: incompressible.
func randomBytes(n int, seed uint64) []byte {
	rnd := codectest.NewRand(seed)
	b := make([]byte, n)
	for i := range b {
		b[i] = rnd.Byte()
	}
	return b
}

// cut splits b into PDUs of size bytes (the last may be shorter).
func cut(b []byte, size int) [][]byte {
	var pdus [][]byte
	for len(b) > 0 {
		n := min(size, len(b))
		pdus = append(pdus, b[:n])
		b = b[n:]
	}
	return pdus
}

// payloads are the named streams of the round-trip tests and benchmarks.
func payloads() []struct {
	name string
	data []byte
} {
	return []struct {
		name string
		data []byte
	}{
		{"planar-desktop", desktopUpdates()},
		{"raw-desktop", rawTiles()},
		{"planar-animation", animation(40)},
		{"text", terminalText(300 << 10)},
		{"zeros", make([]byte, 300<<10)},
		{"random", randomBytes(200<<10, 1)},
	}
}

// mixedSource makes PDUs of the kinds a screen-sharing connection sends,
// for the mixed round trips: desktop updates, text, noise, zeros, an
// earlier PDU again (perhaps changed), and noise with a repeated tail.
type mixedSource struct {
	rnd               *codectest.Rand
	desk, text, noise []byte
	sent              [][]byte // the last 300 PDUs
}

func newMixedSource(rnd *codectest.Rand, noiseSeed uint64) *mixedSource {
	return &mixedSource{rnd: rnd, desk: desktopUpdates(), text: terminalText(1 << 20), noise: randomBytes(1<<20, noiseSeed)}
}

// next returns a PDU of size bytes (size < 1 MiB).
func (m *mixedSource) next(size int) []byte {
	rnd := m.rnd
	var pdu []byte
	switch k := rnd.Intn(12); {
	case k < 4:
		o := rnd.Intn(len(m.desk) - size)
		pdu = m.desk[o : o+size]
	case k < 6:
		o := rnd.Intn(len(m.text) - size)
		pdu = m.text[o : o+size]
	case k < 8:
		o := rnd.Intn(len(m.noise) - size)
		pdu = m.noise[o : o+size]
	case k < 9:
		pdu = make([]byte, size)
	case k < 11 && len(m.sent) > 0:
		pdu = append([]byte{}, m.sent[rnd.Intn(len(m.sent))]...)
		if len(pdu) > 0 && rnd.Intn(2) == 0 {
			pdu[rnd.Intn(len(pdu))]++
		}
	default:
		pdu = append(append([]byte{}, m.noise[:size/2]...), m.noise[:size-size/2]...)
	}
	m.sent = append(m.sent, pdu)
	if len(m.sent) > 300 {
		m.sent = m.sent[1:]
	}
	return pdu
}
