package bulk

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// bells is the source data of the compression example in [MS-RDPBCGR]
// 3.1.8.2 and 3.1.8.2.3.
const bells = "for.whom.the.bell.tolls,.the.bell.tolls.for.thee!"

// bellsRDP5 is bells coded with RDP 5.0 codes (3.1.8.4.2) as the spec's
// example compresses it: "for.whom.the.bell.tolls,<16,15>.<40,4><19,3>e!"
// (3.1.8.2). It is sent with PACKET_COMPRESSED | PACKET_AT_FRONT |
// PACKET_COMPR_TYPE_64K.
var bellsRDP5 = rdptest.Hex(`
	66 6f 72 2e 77 68 6f 6d 2e 74 68 65 2e 62 65 6c 6c 2e 74 6f 6c 6c 73 2c
	# 24 literals below 0x80: "0" + 7 bits, i.e. the bytes themselves
	fa 1b 97 7e 88 fa 66 52 10
	# 11111 010000   copy-offset 16
	# 110 111        length-of-match 15
	# 00101110       literal '.'
	# 11111 101000   copy-offset 40
	# 10 00          length-of-match 4
	# 11111 010011   copy-offset 19
	# 0              length-of-match 3
	# 01100101       literal 'e'
	# 00100001       literal '!'
	# 0000           padding
`)

// bellsFreeRDP is what FreeRDP 2.11.7's mppc_compress (libfreerdp2, level
// 1) makes of bells: its match finder ignores matches at history offset 0,
// so "for." is sent as literals. Any decoder must accept it.
var bellsFreeRDP = rdptest.Hex(`
	66 6f 72 2e 77 68 6f 6d 2e 74 68 65 2e 62 65 6c 6c 2e 74 6f 6c 6c 73 2c
	fa 1b 97 33 7e 87 e3 32 90 80`)

// compressAt runs the compressor core on src as Compress would, without
// Compress's minimum length, and returns the coded bytes.
func compressAt(t *testing.T, e *MPPCEncoder, src []byte) []byte {
	t.Helper()
	out, ok := e.compress(nil, src)
	if !ok {
		t.Fatalf("compress(%q) expanded", src)
	}
	return out
}

func TestMPPCGoldenBells(t *testing.T) {
	e := NewMPPCEncoder()
	if got := compressAt(t, e, []byte(bells)); !bytes.Equal(got, bellsRDP5) {
		t.Errorf("compress(bells) =\n% x\nwant\n% x", got, bellsRDP5)
	}
	for _, tc := range []struct {
		name string
		src  []byte
	}{{"spec", bellsRDP5}, {"freerdp", bellsFreeRDP}} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewMPPCDecoder()
			got, err := d.Decompress([]byte("prefix:"), tc.src, Compressed|AtFront|Type64K)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "prefix:"+bells {
				t.Errorf("Decompress = %q", got)
			}
		})
	}
}

// TestMPPCCodes checks the copy-tuple codes against the examples and
// tables of [MS-RDPBCGR] 3.1.8.4.2.2.1 and 3.1.8.4.2.2.2.
func TestMPPCCodes(t *testing.T) {
	tests := []struct {
		offset, length int
		bits           string // copy-offset code, length-of-match code
	}{
		{1, 3, "11111000001 0"},
		{63, 4, "11111111111 1000"},
		{64, 7, "1111000000000 1011"},
		{319, 8, "1111011111111 110000"},
		{320, 15, "111000000000000 110111"},                                  // "110 111" is the spec's example for 15
		{2367, 120, "111011111111111 111110111000"},                          // "111110 111000" for 120
		{2368, 4097, "1100000000000000000 111111111110000000000001"},         // "111111111110 000000000001" for 4097
		{65535, 65535, "1101111011010111111 111111111111110111111111111111"}, // 65535-2368 = 0xF6BF
		{3000, 8192, "1100000001001111000 11111111111100000000000000"},
		{100, 32768, "1111000100100 111111111111110000000000000000"},
	}
	for _, tt := range tests {
		bw := bitWriter{buf: make([]byte, 16)}
		bw.copyTuple(tt.offset, tt.length)
		n := int(bw.w*8) + int(bw.nb)
		bw.flush()
		got := bitString(bw.buf[:bw.w], n)
		want := strings.ReplaceAll(tt.bits, " ", "")
		if got != want {
			t.Errorf("copyTuple(%d, %d) = %s, want %s", tt.offset, tt.length, got, want)
		}

		// The decoder reads the tuple back, at a HistoryOffset where it fits.
		d := NewMPPCDecoder()
		if tt.offset+tt.length <= historySize {
			d.off = tt.offset
		}
		got2, err := d.Decompress(nil, bitBytes(want), Compressed|Type64K)
		if err != nil || len(got2) != tt.length {
			t.Errorf("decoding <%d,%d>: %d bytes, %v", tt.offset, tt.length, len(got2), err)
		}
	}
	for _, tt := range []struct {
		b    byte
		bits string
	}{{0x00, "00000000"}, {0x7F, "01111111"}, {0x80, "100000000"}, {0xFF, "101111111"}, {0xC3, "101000011"}} {
		bw := bitWriter{buf: make([]byte, 16)}
		bw.literal(tt.b)
		n := int(bw.w*8) + int(bw.nb)
		bw.flush()
		if got := bitString(bw.buf[:bw.w], n); got != tt.bits {
			t.Errorf("literal(%#x) = %s, want %s", tt.b, got, tt.bits)
		}
	}
}

// bitString prints the first n bits of b.
func bitString(b []byte, n int) string {
	var s strings.Builder
	for i := range n {
		s.WriteByte('0' + b[i/8]>>(7-i%8)&1)
	}
	return s.String()
}

// bitBytes packs a string of 0s and 1s (spaces ignored) into bytes, padded
// with zero bits.
func bitBytes(s string) []byte {
	s = strings.ReplaceAll(s, " ", "")
	b := make([]byte, (len(s)+7)/8)
	for i, c := range s {
		if c == '1' {
			b[i/8] |= 0x80 >> (i % 8)
		}
	}
	return b
}

func TestFlagsString(t *testing.T) {
	for f, want := range map[Flags]string{
		0:                                  "PACKET_COMPR_TYPE_8K",
		Type64K:                            "PACKET_COMPR_TYPE_64K",
		Compressed | AtFront | Type64K:     "PACKET_AT_FRONT|PACKET_COMPRESSED|PACKET_COMPR_TYPE_64K",
		Flushed | Type64K:                  "PACKET_FLUSHED|PACKET_COMPR_TYPE_64K",
		Flushed | AtFront | Compressed | 3: "PACKET_FLUSHED|PACKET_AT_FRONT|PACKET_COMPRESSED|PACKET_COMPR_TYPE_RDP61",
		0x12:                               "0x10|PACKET_COMPR_TYPE_RDP6",
		0x2F:                               "PACKET_COMPRESSED|type 15",
	} {
		if got := f.String(); got != want {
			t.Errorf("Flags(%#x).String() = %q, want %q", uint8(f), got, want)
		}
	}
}

func TestMPPCDecoderFlags(t *testing.T) {
	// Set up a decoder with bells in its history at offset 0..49.
	setup := func(t *testing.T) *MPPCDecoder {
		d := NewMPPCDecoder()
		if _, err := d.Decompress(nil, bellsRDP5, Compressed|AtFront|Type64K); err != nil {
			t.Fatal(err)
		}
		return d
	}
	// <49,4> copies "for." from the start of bells at HistoryOffset 49,
	// and zeros from the end of the buffer after a flush: the zero-filled
	// history is valid (3.1.8.1), and offsets wrap as in FreeRDP.
	forDot := bitBytes("11111110001 1000")
	// <65532,4> at HistoryOffset 0 wraps to offset 4: after PACKET_AT_FRONT
	// the old history is still there, "whom".
	whom := bitBytes("110 1111011010111100 1000")

	tests := []struct {
		name  string
		flags Flags
		src   []byte
		want  string
		err   error
	}{
		{"uncompressed, no flags", 0, []byte("raw"), "raw", nil},
		{"uncompressed, type only", Type64K, []byte("raw"), "raw", nil},
		{"uncompressed, other type, no flags", TypeRDP61, []byte("raw"), "raw", nil},
		{"append", Compressed | Type64K, forDot, "for.", nil},
		{"flushed then compressed", Flushed | Compressed | Type64K, forDot, "\x00\x00\x00\x00", nil},
		{"at front keeps the history", Compressed | AtFront | Type64K, whom, "whom", nil},
		{"flushed and at front", Flushed | Compressed | AtFront | Type64K, whom, "\x00\x00\x00\x00", nil},
		{"copy past the end of the buffer", Compressed | AtFront | Type64K, bitBytes("11111000001 0"), "", ErrCorrupt}, // <1,3> at offset 0 reads 65535..65537
		{"flushed uncompressed", Flushed | Type64K, []byte("raw"), "raw", nil},
		{"wrong type", Compressed | Type8K, forDot, "", ErrFlags},
		{"rdp61 type", Compressed | TypeRDP61, forDot, "", ErrFlags},
		{"reserved bit", Compressed | Type64K | 0x10, forDot, "", ErrFlags},
		{"at front alone", AtFront | Type64K, []byte("raw"), "", ErrFlags},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := setup(t)
			got, err := d.Decompress(nil, tt.src, tt.flags)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Decompress(%v) error %v, want %v", tt.flags, err, tt.err)
			}
			if err != nil {
				if _, err2 := d.Decompress(nil, []byte("x"), 0); !errors.Is(err2, ErrBroken) {
					t.Errorf("after an error: %v, want ErrBroken", err2)
				}
				d.Reset()
				if got, err := d.Decompress(nil, []byte("x"), 0); err != nil || string(got) != "x" {
					t.Errorf("after Reset: %q, %v", got, err)
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("Decompress(%v) = %q, want %q", tt.flags, got, tt.want)
			}
		})
	}
}
