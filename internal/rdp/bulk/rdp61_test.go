package bulk

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// The two packets of the RDP 6.1 example, [MS-RDPEGDI] 4.7 (data from the
// examples of 3.1.8.2.2.1 and 3.1.8.2.3.1).
var (
	rdp61Packet1 = rdptest.Hex(`
		16                            # L1_INNER_COMPRESSION | L1_NO_COMPRESSION | L1_PACKET_AT_FRONT
		80                            # PACKET_FLUSHED
		61 62 63 64 65 66 67 68 69 6a # Literals "abcdefghij"
	`)
	// rdp61Packet2L1 is the second packet as 4.7 shows it, "after having
	// been decompressed by the level-2 decompressor".
	rdp61Packet2L1 = rdptest.Hex(`
		02 00             # MatchCount 2
		09 00 05 00       # MatchLength 9, MatchOutputOffset 5
		03 00 00 00       # MatchHistoryOffset 3
		04 00 0e 00       # MatchLength 4, MatchOutputOffset 14
		00 00 00 00       # MatchHistoryOffset 0
		6b 6c 6d 6e 6f 75 # Literals "klmnou"
	`)
)

// rdp61Packet2 is the second packet on the wire. Its Level2ComprFlags are
// PACKET_COMPRESSED | PACKET_COMPR_TYPE_64K; every byte of the level-1
// data is below 0x80, so coding all of them as RDP 5.0 literals
// ([MS-RDPBCGR] 3.1.8.4.2.1) gives the same bytes.
var rdp61Packet2 = append([]byte{0x11, 0x21}, rdp61Packet2L1...)

func TestRDP61Golden(t *testing.T) {
	d := NewRDP61Decoder()
	got, err := d.Decompress(nil, rdp61Packet1, Compressed|TypeRDP61)
	if err != nil || string(got) != "abcdefghij" {
		t.Fatalf("packet 1: %q, %v", got, err)
	}
	got, err = d.Decompress(nil, rdp61Packet2, Compressed|TypeRDP61)
	if err != nil || string(got) != "klmnodefghijklabcdu" {
		t.Fatalf("packet 2: %q, %v", got, err)
	}

	// The level-1 output for the example's matches.
	block := []byte("klmnodefghijklabcdu")
	matches := []matchDetails{{length: 9, outputOffset: 5, historyOffset: 3}, {length: 4, outputOffset: 14, historyOffset: 0}}
	if enc := appendL1Compressed(nil, matches, block); !bytes.Equal(enc, rdp61Packet2L1) {
		t.Errorf("appendL1Compressed =\n% x\nwant\n% x", enc, rdp61Packet2L1)
	}
}

func TestL1FlagsString(t *testing.T) {
	for f, want := range map[l1Flags]string{
		0x16: "L1_INNER_COMPRESSION|L1_PACKET_AT_FRONT|L1_NO_COMPRESSION",
		0x11: "L1_INNER_COMPRESSION|L1_COMPRESSED",
		0x28: "0x28",
	} {
		if got := f.String(); got != want {
			t.Errorf("l1Flags(%#x) = %q, want %q", uint8(f), got, want)
		}
	}
}

func TestRDP61DecoderErrors(t *testing.T) {
	setup := func(t *testing.T) *RDP61Decoder {
		d := NewRDP61Decoder()
		if _, err := d.Decompress(nil, rdp61Packet1, Compressed|TypeRDP61); err != nil {
			t.Fatal(err)
		}
		return d
	}
	l1 := func(f1, f2 byte, rest string) []byte { return append([]byte{f1, f2}, rdptest.Hex(rest)...) }
	tests := []struct {
		name  string
		flags Flags
		src   []byte
		want  string
		err   error
	}{
		{"uncompressed", 0, []byte("raw"), "raw", nil},
		{"uncompressed, flushed", Flushed | TypeRDP61, []byte("raw"), "raw", nil},
		{"no level 2", Compressed | TypeRDP61, l1(0x02, 0, `41 42`), "AB", nil},
		{"level 2 flushed with type", Compressed | TypeRDP61, l1(0x12, 0x81, `41 42`), "AB", nil},
		{"match into the previous packet", Compressed | TypeRDP61, l1(0x01, 0, `01 00 03 00 00 00 07 00 00 00`), "hij", nil},
		{"literals only after the matches", Compressed | TypeRDP61, l1(0x01, 0, `01 00 02 00 00 00 00 00 00 00 41`), "abA", nil},
		{"at front", Compressed | TypeRDP61, l1(0x06, 0, `41 42 43`), "ABC", nil},
		{"wrong type", Compressed | Type64K, l1(0x02, 0, `41`), "", ErrFlags},
		{"outer at front", Compressed | AtFront | TypeRDP61, l1(0x02, 0, `41`), "", ErrFlags},
		{"short", Compressed | TypeRDP61, []byte{0x02}, "", ErrCorrupt},
		{"reserved L1 bit", Compressed | TypeRDP61, l1(0x0a, 0, `41`), "", ErrCorrupt},
		{"neither L1 flag", Compressed | TypeRDP61, l1(0x10, 0, `41`), "", ErrCorrupt},
		{"both L1 flags", Compressed | TypeRDP61, l1(0x03, 0, `01 00 01 00 00 00 00 00 00 00`), "", ErrCorrupt},
		{"level 2 flags without inner", Compressed | TypeRDP61, l1(0x02, 0x20, `41`), "", ErrCorrupt},
		{"bad level 2 data", Compressed | TypeRDP61, l1(0x12, 0x21, `ff`), "", ErrCorrupt},
		{"level 2 of another type", Compressed | TypeRDP61, l1(0x12, 0x23, `41`), "", ErrFlags},
		{"no MatchCount", Compressed | TypeRDP61, l1(0x01, 0, `01`), "", ErrCorrupt},
		{"MatchCount 0", Compressed | TypeRDP61, l1(0x01, 0, `00 00 41`), "", ErrCorrupt},
		{"short MatchDetails", Compressed | TypeRDP61, l1(0x01, 0, `01 00 03 00 00 00 07 00 00`), "", ErrCorrupt},
		{"MatchLength 0", Compressed | TypeRDP61, l1(0x01, 0, `01 00 00 00 00 00 07 00 00 00`), "", ErrCorrupt},
		{"matches out of order", Compressed | TypeRDP61, l1(0x01, 0, `02 00 03 00 00 00 00 00 00 00 03 00 01 00 00 00 00 00`), "", ErrCorrupt},
		{"missing literals", Compressed | TypeRDP61, l1(0x01, 0, `01 00 03 00 02 00 00 00 00 00 41`), "", ErrCorrupt},
		{"match overlapping the output", Compressed | TypeRDP61, l1(0x01, 0, `01 00 05 00 00 00 08 00 00 00`), "ijiji", nil}, // as FreeRDP sends runs
		{"match at the output", Compressed | TypeRDP61, l1(0x01, 0, `01 00 03 00 00 00 0a 00 00 00`), "", ErrCorrupt},
		{"match after the output", Compressed | TypeRDP61, l1(0x01, 0, `01 00 03 00 00 00 0b 00 00 00`), "\x00\x00\x00", nil}, // the zeros after "abcdefghij"
		{"match past the history", Compressed | TypeRDP61, l1(0x01, 0, `01 00 03 00 00 00 7e 84 1e 00`), "", ErrCorrupt},      // 1999998 + 3
		{"match at front reads old data", Compressed | TypeRDP61, l1(0x05, 0, `01 00 03 00 00 00 01 00 00 00`), "bcd", nil},   // as FreeRDP's decoder
		{"match at front at the output", Compressed | TypeRDP61, l1(0x05, 0, `01 00 03 00 00 00 00 00 00 00`), "", ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := setup(t)
			got, err := d.Decompress(nil, tt.src, tt.flags)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if err != nil {
				if _, err2 := d.Decompress(nil, nil, 0); !errors.Is(err2, ErrBroken) {
					t.Errorf("after an error: %v, want ErrBroken", err2)
				}
				return
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestRDP61DecoderLimits checks the block and history limits.
func TestRDP61DecoderLimits(t *testing.T) {
	d := NewRDP61Decoder()
	big := append([]byte{0x06, 0}, make([]byte, maxRDP61Block)...)
	if _, err := d.Decompress(nil, big, Compressed|TypeRDP61); err != nil {
		t.Fatalf("%d-byte block: %v", maxRDP61Block, err)
	}
	d.Reset()
	if _, err := d.Decompress(nil, append(big, 0), Compressed|TypeRDP61); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("%d-byte block: %v, want ErrCorrupt", maxRDP61Block+1, err)
	}
	d.Reset()
	d.off = rdp61HistorySize - 10
	if _, err := d.Decompress(nil, append([]byte{0x02, 0}, make([]byte, 10)...), Compressed|TypeRDP61); err != nil {
		t.Fatalf("filling the history: %v", err)
	}
	if _, err := d.Decompress(nil, []byte{0x02, 0, 1}, Compressed|TypeRDP61); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("past the history: %v, want ErrCorrupt", err)
	}
}

// rdp61Pair is one connection's RDP 6.1 state: encoder and decoder.
type rdp61Pair struct {
	e       *RDP61Encoder
	d       *RDP61Decoder
	in, out int
	counts  map[string]int // PDUs by flags, Level1ComprFlags and Level2ComprFlags
}

func newRDP61Pair() *rdp61Pair {
	return &rdp61Pair{e: NewRDP61Encoder(), d: NewRDP61Decoder(), counts: map[string]int{}}
}

// send compresses one PDU, checks the flags and structure against the
// rules of [MS-RDPEGDI] 3.1.8.2.2.2 and the Compress contract, decodes it
// and checks the level-1 HistoryOffsets agree.
func (p *rdp61Pair) send(t *testing.T, pdu []byte) Flags {
	t.Helper()
	wire, flags := p.e.Compress([]byte{0xAA}, pdu)
	if wire[0] != 0xAA {
		t.Fatalf("Compress overwrote dst")
	}
	wire = wire[1:]
	p.in += len(pdu)
	p.out += len(wire)
	if len(wire) > len(pdu) {
		t.Fatalf("%d bytes sent for %d", len(wire), len(pdu))
	}
	switch flags {
	case 0:
		if !bytes.Equal(wire, pdu) {
			t.Fatalf("uncompressed PDU differs")
		}
		p.counts["none"]++
	case Compressed | TypeRDP61:
		f1, f2 := l1Flags(wire[0]), Flags(wire[1])
		p.counts[fmt.Sprintf("%v / %v", f1, f2)]++
		if f1&l1InnerCompressed == 0 || f1&(l1Compressed|l1NoCompression) == 0 || f1&(l1Compressed|l1NoCompression) == l1Compressed|l1NoCompression {
			t.Fatalf("Level1ComprFlags %v", f1)
		}
		if atFront := f1&l1PacketAtFront != 0; atFront != (p.e.off == len(pdu)) {
			t.Fatalf("%v with the encoder at %d after a %d-byte block", f1, p.e.off, len(pdu))
		}
		if f2&Compressed == 0 && f2.Type() != 0 {
			t.Fatalf("Level2ComprFlags %v: type bits without compression", f2)
		}
	default:
		t.Fatalf("flags %v", flags)
	}
	got, err := p.d.Decompress(nil, wire, flags)
	if err != nil {
		t.Fatalf("Decompress(%v, % x...): %v", flags, wire[:min(len(wire), 16)], err)
	}
	if !bytes.Equal(got, pdu) {
		t.Fatalf("%v: decoded %d bytes differ from the %d sent", flags, len(got), len(pdu))
	}
	if flags.Used() && p.d.off != p.e.off {
		t.Fatalf("level-1 HistoryOffset: decoder %d, encoder %d", p.d.off, p.e.off)
	}
	return flags
}

func (p *rdp61Pair) ratio() float64 { return float64(p.out) / float64(max(p.in, 1)) }

func TestRDP61RoundTripPayloads(t *testing.T) {
	for _, pl := range payloads() {
		for _, size := range []int{MaxRDP61Len, 1400} {
			t.Run(fmt.Sprintf("%s/%d", pl.name, size), func(t *testing.T) {
				p := newRDP61Pair()
				m := newMPPCPair()
				for _, pdu := range cut(pl.data, size) {
					p.send(t, pdu)
					m.send(t, pdu)
				}
				t.Logf("%d bytes → %d (ratio %.4f; MPPC alone %.4f), %v", p.in, p.out, p.ratio(), m.ratio(), p.counts)
				if pl.name != "random" && p.ratio() > 0.9 {
					t.Errorf("ratio %.3f: %s should compress", p.ratio(), pl.name)
				}
			})
		}
	}
}

// TestRDP61LongRange sends the desktop twice with other data between,
// more than the level-2 history holds: the level-1 history still has the
// first copy.
func TestRDP61LongRange(t *testing.T) {
	desk := desktopUpdates()
	text := terminalText(300 << 10)
	p := newRDP61Pair()
	m := newMPPCPair()
	for _, b := range [][]byte{desk, text} {
		for _, pdu := range cut(b, MaxRDP61Len) {
			p.send(t, pdu)
			m.send(t, pdu)
		}
	}
	p.in, p.out, m.in, m.out = 0, 0, 0, 0
	for _, pdu := range cut(desk, MaxRDP61Len) {
		p.send(t, pdu)
		m.send(t, pdu)
	}
	t.Logf("second copy: ratio %.4f (MPPC alone %.4f), %v", p.ratio(), m.ratio(), p.counts)
	if p.ratio() > 0.05 {
		t.Errorf("second copy: ratio %.4f", p.ratio())
	}
}

// TestRDP61RoundTripMixed sends PDUs of random kinds and sizes through one
// encoder, past the end of the level-1 history several times.
func TestRDP61RoundTripMixed(t *testing.T) {
	rnd := codectest.NewRand(5)
	src := newMixedSource(rnd, 4)
	p := newRDP61Pair()
	total := 0
	for i := 0; total < 3*rdp61HistorySize; i++ {
		size := rnd.Intn(MaxRDP61Len + 200)
		if rnd.Intn(10) == 0 {
			size = rnd.Intn(MinRDP61Len + 20)
		}
		pdu := src.next(size)
		p.send(t, pdu)
		if t.Failed() {
			t.Fatalf("PDU %d", i)
		}
		total += len(pdu)
	}
	t.Logf("%d bytes → %d (ratio %.4f), %v", p.in, p.out, p.ratio(), p.counts)
	for _, k := range []string{"none", "L1_INNER_COMPRESSION|L1_COMPRESSED / PACKET_COMPRESSED|PACKET_COMPR_TYPE_64K"} {
		if p.counts[k] == 0 {
			t.Errorf("no PDU with %s", k)
		}
	}
	atFront := 0
	for k, n := range p.counts {
		if bytes.Contains([]byte(k), []byte("L1_PACKET_AT_FRONT")) {
			atFront += n
		}
	}
	if atFront < 3 {
		t.Errorf("the level-1 history wrapped %d times", atFront)
	}
}

// TestRDP61Expansion sends incompressible blocks between compressible
// ones: they go uncompressed, and the history carries on.
func TestRDP61Expansion(t *testing.T) {
	text := terminalText(100000)
	p := newRDP61Pair()
	p.send(t, text[:10000])
	if f := p.send(t, randomBytes(5000, 6)); f != 0 {
		t.Fatalf("random block: flags %v", f)
	}
	off := p.e.off
	p.send(t, text[:10000]) // all one long match
	if p.e.matches[0].historyOffset != 0 || p.e.matches[0].length != 10000 {
		t.Errorf("matches %+v, want the first block", p.e.matches)
	}
	if off != 10000 {
		t.Errorf("offset after the uncompressed block %d, want 10000", off)
	}
	// At the end of the history: the block that starts it again expands.
	p.e.off = rdp61HistorySize - 100
	p.d.off = p.e.off
	if f := p.send(t, randomBytes(5000, 7)); f != 0 {
		t.Fatalf("random block: flags %v", f)
	}
	if f := p.send(t, text[:3000]); f != Compressed|TypeRDP61 {
		t.Fatalf("flags %v", f)
	}
}

// TestRDP61DecodeDamaged checks that damaged encoder output never panics
// the decoder.
func TestRDP61DecodeDamaged(t *testing.T) {
	e := NewRDP61Encoder()
	data := append(desktopUpdates()[:100000], desktopUpdates()[:100000]...)
	for i, pdu := range cut(data, 5000) {
		w, f := e.Compress(nil, pdu)
		if f == 0 {
			continue
		}
		for _, n := range []int{0, 1, 2, 3, len(w) / 2, len(w) - 1} {
			NewRDP61Decoder().Decompress(nil, w[:n], f)
		}
		bad := append([]byte{}, w...)
		bad[i%len(bad)] ^= 0x5A
		NewRDP61Decoder().Decompress(nil, bad, f)
	}
}
