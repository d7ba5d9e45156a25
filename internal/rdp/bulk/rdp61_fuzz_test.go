package bulk

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// FuzzRDP61Decode feeds two PDUs of arbitrary flags and data to one
// RDP61Decoder and checks that it never panics, that every block it
// decodes fits the limits, and that its level-1 offset stays in the
// history.
func FuzzRDP61Decode(f *testing.F) {
	c := byte(Compressed | TypeRDP61)
	f.Add(c, rdp61Packet1, c, rdp61Packet2)
	f.Add(c, rdp61Packet2, byte(Flushed|TypeRDP61), []byte("raw"))
	f.Add(c, []byte{0x01, 0, 0x01, 0, 0x05, 0, 0, 0, 0x08, 0, 0, 0}, c, []byte{0x15, 0x21, 0x41})
	f.Add(byte(Compressed|Type64K), bellsRDP5, c, []byte{0x12, 0x81, 0x41, 0x42})
	text := terminalText(3000)
	addPairs(f, NewRDP61Encoder(), [][]byte{text[:1000], text[:1000], text[1000:1500], randomBytes(200, 3), text[:2000]})
	f.Fuzz(func(t *testing.T, f1 byte, src1 []byte, f2 byte, src2 []byte) {
		d := NewRDP61Decoder()
		for _, p := range []struct {
			flags Flags
			src   []byte
		}{{Flags(f1), src1}, {Flags(f2), src2}} {
			before := d.off
			got, err := d.Decompress(nil, p.src, p.flags)
			if err != nil {
				return
			}
			if p.flags&Compressed == 0 {
				if !bytes.Equal(got, p.src) {
					t.Fatalf("%v: uncompressed data changed", p.flags)
				}
				continue
			}
			if len(got) > maxRDP61Block || d.off > rdp61HistorySize || d.off < len(got) {
				t.Fatalf("%v: %d bytes, offset %d → %d", p.flags, len(got), before, d.off)
			}
			if !bytes.Equal(got, d.hist[d.off-len(got):d.off]) {
				t.Fatalf("%v: output is not the history's end", p.flags)
			}
		}
	})
}

// FuzzRDP61RoundTrip compresses a sequence of blocks built from the
// fuzzer's bytes (as FuzzMPPCRoundTrip builds them, with earlier blocks
// repeated to reach the level-1 matcher) through one RDP61Encoder and
// decodes them with one RDP61Decoder, checking the rules of
// rdp61Pair.send. A mode byte with its top 6 bits set resets the encoder
// first; plan bytes past the PDUs move the level-1 offset near the end of
// the history.
func FuzzRDP61RoundTrip(f *testing.F) {
	f.Add([]byte(bells), []byte{0x00, 0x10, 0x00, 0xff, 0x3f, 0x01, 0x00, 0x01, 0x02})
	f.Add(terminalText(700), []byte{0x00, 0x30, 0x00, 0x00, 0x30, 0x04, 0x00, 0x30, 0xFC, 0x00, 0x30, 0x04})
	f.Add(randomBytes(300, 5), []byte{0x00, 0x20, 0x00, 0x00, 0x20, 0x04, 0x00, 0x40, 0x03})
	f.Fuzz(func(t *testing.T, data, plan []byte) {
		if len(data) == 0 {
			data = []byte{0}
		}
		p := newRDP61Pair()
		if len(plan)%3 == 1 { // start near the end of the level-1 history
			p.send(t, data[:min(len(data), MaxRDP61Len)])
			at := rdp61HistorySize - 20000 + int(plan[len(plan)-1])*50
			if p.e.off != 0 {
				p.e.off, p.d.off = at, at
			}
		}
		var blocks [][]byte
		for k := 0; k+3 <= len(plan) && k < 3*24; k += 3 {
			size := int(binary.LittleEndian.Uint16(plan[k:])) % (MaxRDP61Len + 100)
			mode := plan[k+2]
			var pdu []byte
			switch mode & 7 {
			case 0, 1, 2, 3:
				pdu = make([]byte, size)
				for i := range pdu {
					pdu[i] = data[(i+int(mode)*7)%len(data)]
				}
				if mode&3 == 1 { // and a run
					for i := size / 2; i < size; i++ {
						pdu[i] = byte(mode)
					}
				}
			case 4, 5: // an earlier block, perhaps cut
				if len(blocks) > 0 {
					b := blocks[int(mode>>3)%len(blocks)]
					pdu = append([]byte{}, b[min(len(b), int(mode&1)*7):]...)
				}
			default: // data then an earlier block
				pdu = append([]byte{}, data...)
				if len(blocks) > 0 {
					pdu = append(pdu, blocks[len(blocks)-1]...)
				}
				pdu = pdu[:min(len(pdu), MaxRDP61Len+1)]
			}
			if mode&0xFC == 0xFC {
				p.e.Reset()
			}
			p.send(t, pdu)
			blocks = append(blocks, pdu)
		}
	})
}
