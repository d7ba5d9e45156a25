package bulk

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// FuzzMPPCDecode feeds two PDUs of arbitrary flags and data to one
// MPPCDecoder (the second sees the history the first left) and checks that
// it never panics, that what it decodes fits the history, and that it
// agrees with the reference decoder on every input, accepted or not.
func FuzzMPPCDecode(f *testing.F) {
	at := byte(Compressed | AtFront | Type64K)
	f.Add(at, bellsRDP5, byte(Compressed|Type64K), bitBytes("11111110001 1000"))
	f.Add(at, bellsFreeRDP, byte(Flushed|Compressed|Type64K), bellsRDP5)
	f.Add(byte(Flushed|Type64K), []byte("raw"), at, bitBytes("110 1111011010111100 1000"))
	f.Add(at, bitBytes("01000001 11111000001 111111111111110 111111111111111"), byte(0), []byte{})
	f.Add(at, bitBytes("11111000001 111111111111111 0"), at, bitBytes("100000000 0000001"))
	addPairs(f, NewMPPCEncoder(), cut(terminalText(2000), 400))
	f.Fuzz(func(t *testing.T, f1 byte, src1 []byte, f2 byte, src2 []byte) {
		d := NewMPPCDecoder()
		ref := new(refMPPC)
		for _, p := range []struct {
			flags Flags
			src   []byte
		}{{Flags(f1), src1}, {Flags(f2), src2}} {
			got, err := d.Decompress(nil, p.src, p.flags)
			want, refErr := ref.decompress(p.src, p.flags)
			if (err == nil) != (refErr == nil) {
				t.Fatalf("%v: decoder error %v, reference error %v", p.flags, err, refErr)
			}
			if err != nil {
				return
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%v: decoder and reference disagree", p.flags)
			}
			if p.flags&Compressed != 0 && len(got) > historySize {
				t.Fatalf("%v: %d bytes decoded", p.flags, len(got))
			}
		}
	})
}

// FuzzMPPCRoundTrip compresses a sequence of PDUs built from the fuzzer's
// bytes through one MPPCEncoder and decodes them with one MPPCDecoder and
// the reference decoder, checking the flags rules of mppcPair.send. Each
// 3-byte group of plan gives a PDU: a 16-bit size (up to 65536, beyond the
// largest the encoder compresses) and a byte choosing its content: data
// repeated from some offset, a run, or data mixed with its own earlier
// bytes; or a Reset before it.
func FuzzMPPCRoundTrip(f *testing.F) {
	f.Add([]byte(bells), []byte{0x00, 0x10, 0x00, 0xff, 0xff, 0x01, 0x00, 0x01, 0x02})
	f.Add([]byte("ab"), []byte{0xff, 0xff, 0x03, 0x00, 0x00, 0x00, 0x33, 0x00, 0x04})
	f.Add(randomBytes(300, 5), []byte{0x00, 0x40, 0x00, 0x00, 0x40, 0x80, 0x00, 0x40, 0x05})
	f.Add(terminalText(500), []byte{0x01, 0x80, 0x00, 0xff, 0x7f, 0x06, 0x00, 0x20, 0x07, 0x34, 0x12, 0x00})
	f.Fuzz(func(t *testing.T, data, plan []byte) {
		if len(data) == 0 {
			data = []byte{0}
		}
		p := newMPPCPair()
		for k := 0; k+3 <= len(plan) && k < 3*16; k += 3 {
			size := int(binary.LittleEndian.Uint16(plan[k:]))
			if size == 0xFFFF {
				size = historySize // one past MaxMPPCLen
			}
			mode := plan[k+2]
			pdu := make([]byte, size)
			switch mode & 3 {
			case 0: // data, repeated from an offset
				for i := range pdu {
					pdu[i] = data[(i+int(mode)*7)%len(data)]
				}
			case 1: // a run
				for i := range pdu {
					pdu[i] = data[int(mode)%len(data)]
				}
			case 2: // data, then copies of earlier bytes at data-chosen distances
				for i := range pdu {
					if i < len(data) {
						pdu[i] = data[i]
					} else {
						pdu[i] = pdu[i-1-int(data[i%len(data)])%i]
					}
				}
			case 3: // data, not repeated: the rest stays zero
				copy(pdu, data)
			}
			if mode&0xFC == 0xFC {
				p.e.Reset()
			}
			p.send(t, pdu)
		}
	})
}

// addPairs seeds a two-PDU decoding target with consecutive outputs of e
// for pdus: real compressed streams whose second PDU needs the first's
// history.
func addPairs(f *testing.F, e compressor, pdus [][]byte) {
	var prev []byte
	var prevFlags Flags
	for _, pdu := range pdus {
		w, fl := e.Compress(nil, pdu)
		if prev != nil {
			f.Add(byte(prevFlags), prev, byte(fl), w)
		}
		prev, prevFlags = w, fl
	}
}
