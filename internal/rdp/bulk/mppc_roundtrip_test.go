package bulk

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/codec/codectest"
)

// mppcPair is one connection's worth of MPPC state: the server's encoder
// and the client's decoder, plus the reference decoder, kept in step.
type mppcPair struct {
	e   *MPPCEncoder
	d   *MPPCDecoder
	ref *refMPPC // nil to skip the (slow) reference decoder

	in, out int           // bytes in and on the wire
	counts  map[Flags]int // PDUs by flags
}

func newMPPCPair() *mppcPair {
	return &mppcPair{e: NewMPPCEncoder(), d: NewMPPCDecoder(), ref: new(refMPPC), counts: map[Flags]int{}}
}

// send compresses one PDU, checks the flags against the rules of
// [MS-RDPBCGR] 3.1.8.2.1 and the Compress contract, decodes it with both
// decoders and checks that the encoder's and decoder's HistoryOffsets
// agree.
func (p *mppcPair) send(t *testing.T, pdu []byte) Flags {
	t.Helper()
	wasFlushPending := p.e.flush
	wire, flags := p.e.Compress([]byte{0xAA}, pdu) // a prefix, to check appending
	if wire[0] != 0xAA {
		t.Fatalf("Compress overwrote dst")
	}
	wire = wire[1:]
	p.in += len(pdu)
	p.out += len(wire)
	p.counts[flags]++

	switch {
	case len(pdu) < MinMPPCLen || len(pdu) > MaxMPPCLen:
		if flags != 0 || !bytes.Equal(wire, pdu) {
			t.Fatalf("%d-byte PDU: flags %v, want none and the data", len(pdu), flags)
		}
	case flags.Type() != Type64K:
		t.Fatalf("flags %v: want PACKET_COMPR_TYPE_64K", flags)
	case flags&Compressed == 0:
		if flags != Flushed|Type64K || !bytes.Equal(wire, pdu) {
			t.Fatalf("uncompressed %d-byte PDU: flags %v, want PACKET_FLUSHED and the data", len(pdu), flags)
		}
		if len(wire) < len(pdu) {
			t.Fatalf("sent uncompressed although it compressed")
		}
	default:
		if len(wire) > len(pdu) {
			t.Fatalf("compressed %d bytes to %d: expansion", len(pdu), len(wire))
		}
		if got := flags&Flushed != 0; got != wasFlushPending {
			t.Fatalf("flags %v: PACKET_FLUSHED %v, want %v (after Reset)", flags, got, wasFlushPending)
		}
		// The data went to offset 0 exactly when PACKET_AT_FRONT is set.
		if atFront := flags&AtFront != 0; atFront != (p.e.off == len(pdu)) {
			t.Fatalf("flags %v: PACKET_AT_FRONT %v with the encoder at %d after a %d-byte PDU", flags, atFront, p.e.off, len(pdu))
		}
		if flags&AtFront == 0 && p.d.off+len(pdu) > historySize {
			t.Fatalf("flags %v: %d bytes appended at %d overflow the history", flags, len(pdu), p.d.off)
		}
	}

	got, err := p.d.Decompress(nil, wire, flags)
	if err != nil {
		t.Fatalf("Decompress(%v, %d bytes): %v", flags, len(wire), err)
	}
	if !bytes.Equal(got, pdu) {
		t.Fatalf("%v: decoded %d bytes differ from the %d sent", flags, len(got), len(pdu))
	}
	if p.ref != nil {
		ref, err := p.ref.decompress(wire, flags)
		if err != nil || !bytes.Equal(ref, pdu) {
			t.Fatalf("reference decoder: %v (%d bytes)", err, len(ref))
		}
	}
	if flags.Used() && p.d.off != p.e.off {
		t.Fatalf("after %v: decoder HistoryOffset %d, encoder %d", flags, p.d.off, p.e.off)
	}
	return flags
}

func (p *mppcPair) ratio() float64 { return float64(p.out) / float64(max(p.in, 1)) }

func TestMPPCRoundTripPayloads(t *testing.T) {
	for _, pl := range payloads() {
		for _, size := range []int{pduSize, 1400, MaxMPPCLen} {
			t.Run(fmt.Sprintf("%s/%d", pl.name, size), func(t *testing.T) {
				p := newMPPCPair()
				for _, pdu := range cut(pl.data, size) {
					p.send(t, pdu)
				}
				t.Logf("%d bytes in %d PDUs → %d (ratio %.3f), flags %v", p.in, len(cut(pl.data, size)), p.out, p.ratio(), p.counts)
				if pl.name != "random" && len(pl.data) > historySize && size >= pduSize && p.counts[Compressed|AtFront|Type64K] < 2 {
					t.Errorf("the history never wrapped: %v", p.counts)
				}
				if pl.name == "random" && p.counts[Flushed|Type64K] == 0 {
					t.Errorf("random data never flushed: %v", p.counts)
				}
				if pl.name != "random" && p.ratio() > 0.9 {
					t.Errorf("ratio %.3f: %s should compress", p.ratio(), pl.name)
				}
			})
		}
	}
}

// TestMPPCRoundTripMixed sends a long sequence of PDUs of random sizes and
// kinds through one history: compressible data referring back across PDUs,
// incompressible data forcing flushes, PDUs too short or too long to
// compress, and Resets.
func TestMPPCRoundTripMixed(t *testing.T) {
	rnd := codectest.NewRand(3)
	src := newMixedSource(rnd, 2)
	p := newMPPCPair()
	p.ref = nil // 30 MB bit by bit takes too long; the payload tests use it
	for i := range 1500 {
		var size int
		switch rnd.Intn(10) {
		case 0:
			size = rnd.Intn(MinMPPCLen + 10)
		case 1:
			size = MaxMPPCLen - rnd.Intn(3) + rnd.Intn(3) // around the limit
		case 2, 3:
			size = rnd.Intn(65536)
		default:
			size = rnd.Intn(20000)
		}
		pdu := src.next(size)
		if rnd.Intn(200) == 0 {
			p.e.Reset()
		}
		p.send(t, pdu)
		if t.Failed() {
			t.Fatalf("PDU %d", i)
		}
	}
	t.Logf("%d bytes → %d (ratio %.3f), flags %v", p.in, p.out, p.ratio(), p.counts)
	for _, f := range []Flags{0, Flushed | Type64K, Compressed | Type64K, Compressed | AtFront | Type64K, Compressed | AtFront | Flushed | Type64K} {
		if p.counts[f] == 0 {
			t.Errorf("no PDU with flags %v: %v", f, p.counts)
		}
	}
}

// TestMPPCHistoryEdges fills the history exactly, checks PACKET_AT_FRONT
// at the boundary, and sends the largest and smallest PDUs.
func TestMPPCHistoryEdges(t *testing.T) {
	text := terminalText(3 * historySize)
	p := newMPPCPair()
	// 4 × 16384 fills the 65536-byte history exactly: no AT_FRONT until
	// the fifth.
	for i := range 5 {
		f := p.send(t, text[i*pduSize:(i+1)*pduSize])
		if want := i == 0 || i == 4; (f&AtFront != 0) != want {
			t.Errorf("PDU %d: flags %v, want PACKET_AT_FRONT %v", i, f, want)
		}
	}
	if f := p.send(t, text[:MaxMPPCLen]); f != Compressed|AtFront|Type64K {
		t.Errorf("65535-byte PDU: flags %v", f)
	}
	if f := p.send(t, text[:historySize]); f != 0 {
		t.Errorf("65536-byte PDU: flags %v, want none", f)
	}
	if f := p.send(t, text[:MinMPPCLen-1]); f != 0 {
		t.Errorf("%d-byte PDU: flags %v, want none", MinMPPCLen-1, f)
	}
	if f := p.send(t, nil); f != 0 {
		t.Errorf("empty PDU: flags %v, want none", f)
	}
	if f := p.send(t, text[:MinMPPCLen]); f != Compressed|AtFront|Type64K { // after 65535 bytes
		t.Errorf("%d-byte PDU: flags %v", MinMPPCLen, f)
	}
	// A run of one byte value coded as one long copy of offset 1.
	run := bytes.Repeat([]byte{0xC3}, MaxMPPCLen)
	p.send(t, run)
	// Reset: the next compressed PDU is flushed and at the front.
	p.e.Reset()
	if f := p.send(t, text[:1000]); f != Flushed|AtFront|Compressed|Type64K {
		t.Errorf("after Reset: flags %v", f)
	}
	// Incompressible: flushed, uncompressed; the next is at the front.
	if f := p.send(t, randomBytes(5000, 9)); f != Flushed|Type64K {
		t.Errorf("random PDU: flags %v", f)
	}
	if f := p.send(t, text[:1000]); f != AtFront|Compressed|Type64K {
		t.Errorf("after a flush: flags %v", f)
	}
}

// TestMPPCRebase runs the encoder past the point where its position
// counter starts over.
func TestMPPCRebase(t *testing.T) {
	p := newMPPCPair()
	p.e.base = 1<<31 - 2*historySize
	text := terminalText(1 << 20)
	for _, pdu := range cut(text, 40000) {
		p.send(t, pdu)
	}
	if p.e.base >= 1<<31 {
		t.Errorf("base %#x: never rebased", p.e.base)
	}
	if p.ratio() > 0.6 {
		t.Errorf("ratio %.3f after rebasing", p.ratio())
	}
}

// TestMPPCDecodeTruncated checks that the decoder never panics on cut or
// damaged compressed data and that what it accepts is what the reference
// decoder accepts.
func TestMPPCDecodeTruncated(t *testing.T) {
	e := NewMPPCEncoder()
	var streams [][]byte
	var flags []Flags
	for _, pdu := range cut(desktopUpdates()[:200000], 5000) {
		w, f := e.Compress(nil, pdu)
		if f&Compressed != 0 {
			streams = append(streams, w)
			flags = append(flags, f)
		}
	}
	streams = append(streams, bellsRDP5)
	flags = append(flags, Compressed|AtFront|Type64K)
	rejected := 0
	for i, s := range streams {
		for _, n := range []int{0, 1, 2, len(s) / 3, len(s) / 2, len(s) - 2, len(s) - 1} {
			if n < 0 || n > len(s) {
				continue
			}
			cutErr := checkSame(t, s[:n], flags[i]|Flushed) // from a known state
			if cutErr != nil {
				rejected++
			}
		}
		bad := append([]byte{}, s...)
		for j := 0; j < len(bad); j += 97 {
			bad[j] ^= 0xFF
		}
		checkSame(t, bad, flags[i]|Flushed)
	}
	if rejected == 0 {
		t.Error("no truncated stream was rejected")
	}
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"undefined length", bitBytes("11111000001 111111111111111 0")},
		{"copy-offset 0", bitBytes("11111000000 0")},
		{"copy-offset 65536", bitBytes("110 1111011011000000 0")}, // 2368 + 63168
		{"truncated literal", bitBytes("1011")[:1]},
		{"truncated copy-offset", []byte{0xFF}},
		{"truncated length", bitBytes("11111000001 1110")},
		{"padding", bitBytes("100000000 0000001")},
		{"overflow", bitBytes("01000001 01000001 11111000001 111111111111110 111111111111111")}, // 'A' 'A' <1,65535>
		{"read past the end", bitBytes("01000001 11111000010 0")},                               // 'A' <2,3> from 65535
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkSame(t, tc.src, Flushed|Compressed|Type64K); !errors.Is(err, ErrCorrupt) {
				t.Errorf("error %v, want ErrCorrupt", err)
			}
		})
	}
}

// checkSame decodes src with flags with a fresh MPPCDecoder and the
// reference decoder and fails unless they agree. It returns the decoder's
// error.
func checkSame(t *testing.T, src []byte, flags Flags) error {
	t.Helper()
	d := NewMPPCDecoder()
	got, err := d.Decompress(nil, src, flags)
	want, refErr := new(refMPPC).decompress(src, flags)
	if (err == nil) != (refErr == nil) {
		t.Fatalf("%v % x: decoder error %v, reference %v", flags, src, err, refErr)
	}
	if err == nil && !bytes.Equal(got, want) {
		t.Fatalf("%v % x: decoders disagree", flags, src)
	}
	return err
}
