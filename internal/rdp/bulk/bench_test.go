package bulk

import "testing"

// compressor is what the benchmarks drive: MPPCEncoder or RDP61Encoder.
type compressor interface {
	Compress(dst, src []byte) ([]byte, Flags)
}

// BenchmarkCompress runs each payload through one encoder in PDUs of
// about 16 KB (16,384 bytes for MPPC, MaxRDP61Len for RDP 6.1), as a
// connection does: the history carries over from PDU to PDU and wraps.
// Each pass over a payload starts with a new encoder (outside the timer),
// so that RDP 6.1's 2 MB history does not match the previous pass. MB/s is
// uncompressed input per second; ratio is bytes on the wire over bytes in
// (1 for PDUs sent uncompressed).
func BenchmarkCompress(b *testing.B) {
	codecs := []struct {
		name string
		size int
		new  func() compressor
	}{
		{"mppc", pduSize, func() compressor { return NewMPPCEncoder() }},
		{"rdp61", MaxRDP61Len, func() compressor { return NewRDP61Encoder() }},
	}
	for _, c := range codecs {
		for _, pl := range payloads() {
			pdus := cut(pl.data, c.size)
			b.Run(c.name+"/"+pl.name, func(b *testing.B) {
				buf := make([]byte, 0, c.size)
				e := c.new()
				in, out := 0, 0
				b.SetBytes(int64(c.size))
				b.ReportAllocs()
				b.ResetTimer()
				for i := range b.N {
					if i > 0 && i%len(pdus) == 0 {
						b.StopTimer()
						e = c.new()
						b.StartTimer()
					}
					pdu := pdus[i%len(pdus)]
					w, _ := e.Compress(buf[:0], pdu)
					in += len(pdu)
					out += len(w)
				}
				b.ReportMetric(float64(out)/float64(in), "ratio")
			})
		}
	}
}

// decompressor is what the decoding benchmark drives.
type decompressor interface {
	Decompress(dst, src []byte, flags Flags) ([]byte, error)
	Reset()
}

// BenchmarkDecompress decodes the planar desktop stream. The decoders
// serve the test client, so this only guards against slowness.
func BenchmarkDecompress(b *testing.B) {
	type packet struct {
		data  []byte
		flags Flags
	}
	run := func(b *testing.B, e compressor, d decompressor, size int) {
		var packets []packet
		for _, pdu := range cut(desktopUpdates(), size) {
			w, f := e.Compress(nil, pdu)
			packets = append(packets, packet{w, f})
		}
		buf := make([]byte, 0, 1<<16)
		b.SetBytes(int64(size))
		for i := range b.N {
			if i%len(packets) == 0 {
				d.Reset()
			}
			p := packets[i%len(packets)]
			if _, err := d.Decompress(buf[:0], p.data, p.flags); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("mppc", func(b *testing.B) { run(b, NewMPPCEncoder(), NewMPPCDecoder(), pduSize) })
	b.Run("rdp61", func(b *testing.B) { run(b, NewRDP61Encoder(), NewRDP61Decoder(), MaxRDP61Len) })
}
