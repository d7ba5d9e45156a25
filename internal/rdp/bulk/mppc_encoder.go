package bulk

import (
	"encoding/binary"
	"math/bits"
)

// Match finder parameters, tuned on the benchmark payloads (bench_test.go).
const (
	hashBits = 15
	// maxChain is how many earlier positions with the same hash the encoder
	// tries before settling for the longest match found.
	maxChain = 8
	// missChain is how many are tried right after a position without a
	// match: data that has just failed to match (already compressed
	// bitmaps, noise) rarely matches at the next position either.
	missChain = 1
	// goodMatch ends the search early: a match this long costs at most 2
	// bits a byte already, and a longer one saves little.
	goodMatch = 32
	// skipShift sets how fast the encoder skips through data without
	// matches (already compressed bitmaps, noise): after 1<<skipShift
	// positions in a row without a match it searches every second
	// position, then every third, and so on, up to maxSkip.
	skipShift = 5
	maxSkip   = 8
	// maxInsert is the longest match whose every position goes into the
	// hash chains; of longer ones only the first and last maxInsert/2.
	maxInsert = 16
)

// MPPCEncoder is the sender side of RDP 5.0 bulk compression
// ([MS-RDPBCGR] 3.1.8, PACKET_COMPR_TYPE_64K). It keeps the 64 KB history
// buffer that the client's decoder mirrors, so a connection has one
// MPPCEncoder for all the PDUs it compresses, in the order they are sent.
//
// The zero MPPCEncoder is ready to use. It is about 400 KB: allocate it
// once per connection. It is not safe for concurrent use.
type MPPCEncoder struct {
	// hist is the history buffer. The slack after it lets the match finder
	// load 4 bytes at any position of the buffer; it never holds history.
	hist [historySize + 8]byte
	// off is HistoryOffset: the next byte of history to be written.
	off int
	// ins is the first history position not yet in the hash chains. The
	// last two positions of a PDU are inserted when the next PDU supplies
	// the bytes their hash needs.
	ins int

	// Hash chains. head, indexed by the hash of 3 bytes, holds the newest
	// position with that hash as its absolute position plus one, where the
	// absolute position of hist[i] is base+i; base moves on by historySize
	// whenever the history starts again from offset 0, so entries of
	// earlier passes are at most base and ignored (0 is empty). prev[i] is
	// the distance from position i back to the previous position with the
	// same hash in the same pass, or 0.
	base uint32
	head [1 << hashBits]uint32
	prev [historySize]uint16

	// out holds the coded form of the PDU being compressed. See maxOverrun.
	out [historySize + maxOverrun]byte

	flush bool // Reset was called: the next compressed PDU carries PACKET_FLUSHED
}

// NewMPPCEncoder returns a ready MPPCEncoder.
func NewMPPCEncoder() *MPPCEncoder { return new(MPPCEncoder) }

// Reset starts a new history. The next PDU that Compress compresses
// carries PACKET_FLUSHED, so the receiver resets its history too; use it
// when the receiver's state is unknown (a new decoder needs no Reset).
func (e *MPPCEncoder) Reset() {
	e.newPass()
	e.flush = true
}

// newPass empties the history: HistoryOffset goes back to 0 and no earlier
// position is a match candidate any more.
func (e *MPPCEncoder) newPass() {
	e.off, e.ins = 0, 0
	if e.base >= 1<<31 {
		// Rebase before base+historySize overflows: forget every position.
		clear(e.head[:])
		e.base = 0
		return
	}
	e.base += historySize
}

// Compress compresses one PDU's data for sending and appends the result to
// dst. It returns the extended slice and the compression flags to send
// with it ([MS-RDPBCGR] 3.1.8.2.1), always with the type bits
// PACKET_COMPR_TYPE_64K when any flag is set:
//
//   - Compressed data: Compressed, with AtFront when the data starts at the
//     front of the history (the first PDU, one that did not fit after the
//     last, the first after a flush), and with Flushed when Reset was
//     called before it.
//   - src itself, Flushed: compressing did not shrink the data ("this
//     results in a flush and the data is sent uncompressed", 3.1.8.2). The
//     encoder's history has been reset, as the receiver's will be.
//   - src itself, no flag set (Flags.Used is false): src is shorter than
//     MinMPPCLen or longer than MaxMPPCLen and was not compressed. The
//     history is unchanged on both sides ([MS-RDPBCGR] 3.1.8.3 changes it
//     only for the three flags), so the PDU can go without compression
//     flags, as FreeRDP's server sends such PDUs.
//
// The appended data is never longer than src. Compress allocates nothing
// beyond growing dst.
func (e *MPPCEncoder) Compress(dst, src []byte) ([]byte, Flags) {
	n := len(src)
	if n < MinMPPCLen || n > MaxMPPCLen {
		return append(dst, src...), 0
	}
	flags := Type64K | Compressed
	if e.flush {
		flags |= Flushed | AtFront
		e.flush = false
	}
	// 3.1.8.1: "If the data will not fit into the history buffer (the sum
	// of the HistoryOffset and the size of the uncompressed data exceeds
	// the size of the history buffer), the HistoryOffset MUST be reset to
	// the start of the history buffer". 3.1.8.2.1 sets PACKET_AT_FRONT
	// then and when "this is the first packet to be compressed"; this
	// encoder sets it whenever the data goes to offset 0, which includes
	// the first PDU after a flush.
	if e.off+n > historySize {
		e.newPass()
	}
	if e.off == 0 {
		flags |= AtFront
	}

	start := len(dst)
	out, ok := e.compress(dst, src)
	if !ok {
		// 3.1.8.2: "If the resulting data is not smaller than the original
		// bytes (that is, expansion instead of compression results), then
		// this results in a flush and the data is sent uncompressed".
		// 3.1.8.2.1 allows compressed data the size of the original, so
		// only expansion flushes.
		e.newPass()
		return append(dst[:start], src...), Flushed | Type64K
	}
	return out, flags
}

// compress appends the coded form of src, which fits in the history at
// e.off, to dst. It returns false, with e.off not advanced, when the coded
// form would be longer than src.
func (e *MPPCEncoder) compress(dst, src []byte) ([]byte, bool) {
	n := len(src)
	start, end := e.off, e.off+n
	h := e.hist[:]
	copy(h[start:end], src)

	// Positions left over from the previous PDU now have their 3 bytes.
	for e.ins < start && e.ins+minMatch <= end {
		e.insert(e.ins)
		e.ins++
	}

	// The loop keeps the encoder's state in locals and indexes the tables
	// through array pointers, with masks the compiler can see are in
	// range: positions are below historySize.
	var (
		hist   = &e.hist
		head   = &e.head
		prev   = &e.prev
		base   = e.base
		ins    = e.ins
		misses = 0 // positions in a row without a match
	)
	bw := bitWriter{buf: e.out[:]}
	i := start
	for i+minMatch <= end {
		if bw.w > n {
			return dst, false
		}
		x := binary.LittleEndian.Uint32(hist[i&posMask:]) & 0xFFFFFF
		hh := hash3(x)
		c := int(head[hh]) - int(base) - 1 // newest candidate, or < 0
		head[hh] = base + uint32(i) + 1
		prev[i&posMask] = 0
		if c >= 0 {
			prev[i&posMask] = uint16(i - c)
		}
		ins = i + 1

		bestLen, bestPos := 0, 0
		maxLen := min(end-i, maxMatch)
		depth := maxChain
		if misses > 0 {
			depth = missChain
		}
		for ; c >= 0 && depth > 0; depth-- {
			// Cheap rejection: the byte that would lengthen the best match
			// (i+bestLen < end: a match reaching end ends the search).
			if hist[(c+bestLen)&posMask] == hist[(i+bestLen)&posMask] &&
				binary.LittleEndian.Uint32(hist[c&posMask:])&0xFFFFFF == x {
				if l := matchLen(hist[:], c, i, maxLen); l > bestLen {
					bestLen, bestPos = l, c
					if l >= goodMatch || l == maxLen {
						break
					}
				}
			}
			d := int(prev[c&posMask])
			if d == 0 {
				break
			}
			c -= d
		}

		if bestLen < minMatch {
			// No match: send this byte, and skip ahead without searching
			// if matches have been scarce.
			misses++
			stop := min(i+min(1+misses>>skipShift, maxSkip), end)
			for ; i < stop; i++ {
				bw.literal(hist[i&posMask])
			}
			ins = i
			continue
		}
		misses = 0
		bw.copyTuple(i-bestPos, bestLen)

		// Put the positions inside the match into the chains; of a long
		// match (a run, a repeated row) only the first and last few.
		stop := min(i+bestLen, end-minMatch+1)
		p := i + 1
		if bestLen > maxInsert {
			for ; p < i+maxInsert/2; p++ {
				e.insert(p)
			}
			p = max(p, stop-maxInsert/2)
		}
		for ; p < stop; p++ {
			e.insert(p)
		}
		ins = max(ins, stop)
		i += bestLen
	}
	e.ins = max(ins, e.ins)
	for ; i < end; i++ {
		bw.literal(h[i])
	}
	bw.flush()
	if bw.w > n {
		return dst, false
	}
	e.off = end
	return append(dst, bw.buf[:bw.w]...), true
}

// insert adds history position p, whose 3 bytes are in the history, to
// the hash chains.
func (e *MPPCEncoder) insert(p int) {
	p &= posMask
	hh := hash3(binary.LittleEndian.Uint32(e.hist[p:]) & 0xFFFFFF)
	c := int(e.head[hh]) - int(e.base) - 1
	e.prev[p] = 0
	if c >= 0 {
		e.prev[p] = uint16(p - c)
	}
	e.head[hh] = e.base + uint32(p) + 1
}

// hash3 hashes 3 bytes (in the low 24 bits of x) to a head index.
func hash3(x uint32) uint32 { return (x * 0x9E3779B1) >> (32 - hashBits) }

// matchLen returns how many bytes from h[a:] and h[b:] agree, up to max;
// b+max must be within h.
func matchLen(h []byte, a, b, max int) int {
	n := 0
	for n+8 <= max {
		if x := binary.LittleEndian.Uint64(h[a+n:]) ^ binary.LittleEndian.Uint64(h[b+n:]); x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		n += 8
	}
	for n < max && h[a+n] == h[b+n] {
		n++
	}
	return n
}

// maxOverrun is how far past the length of the input the encoder may write
// before it notices the output is too long. It checks before each step,
// and a step writes at most 12 bytes: a copy-tuple (49 bits), or up to
// maxSkip 9-bit literals, with up to 31 bits pending before them; the last
// two literals and the final partial word add up to 7 more.
const maxOverrun = 24

// bitWriter writes codes most significant bit first. acc holds nb pending
// bits in its low bits; whole 32-bit words go to buf[w:].
type bitWriter struct {
	buf []byte
	acc uint64
	nb  uint
	w   int
}

// put writes the k low bits of v, k <= 32.
func (bw *bitWriter) put(v uint64, k uint) {
	bw.acc = bw.acc<<k | v
	bw.nb += k
	if bw.nb >= 32 {
		bw.nb -= 32
		binary.BigEndian.PutUint32(bw.buf[bw.w:], uint32(bw.acc>>bw.nb))
		bw.w += 4
	}
}

// literal writes b as a literal, [MS-RDPBCGR] 3.1.8.4.2.1: below 0x80,
// 0 and the 7 lower bits (the byte itself); from 0x80, 10 and the 7 lower
// bits, which is the byte plus 0x80 in 9 bits.
func (bw *bitWriter) literal(b byte) {
	bw.put(uint64(b)+uint64(b&0x80), 8+uint(b>>7))
}

// copyTuple writes a copy-tuple: copy-offset o, 1 <= o < 65536
// ([MS-RDPBCGR] 3.1.8.4.2.2.1), and length-of-match l, 3 <= l <= 65535
// (3.1.8.4.2.2.2).
func (bw *bitWriter) copyTuple(o, l int) {
	switch o := uint64(o); {
	case o < offset1:
		bw.put(0x7C0|o, 11) // 11111 + 6 lower bits
	case o < offset2:
		bw.put(0x1E00|(o-offset1), 13) // 11110 + 8 bits of o-64
	case o < offset3:
		bw.put(0x7000|(o-offset2), 15) // 1110 + 11 bits of o-320
	default:
		bw.put(0x60000|(o-offset3), 19) // 110 + 16 bits of o-2368
	}
	if l == 3 {
		bw.put(0, 1) // 0
		return
	}
	// l is in [2^k, 2^(k+1)): k-1 ones, a zero, the k lower bits of l.
	k := uint(bits.Len(uint(l))) - 1
	bw.put((1<<k-2)<<k|uint64(l)&(1<<k-1), 2*k)
}

// flush writes the pending bits, padded with zero bits to a whole byte.
func (bw *bitWriter) flush() {
	if bw.nb == 0 {
		return
	}
	v := bw.acc << (64 - bw.nb)
	for k := uint(0); k < bw.nb; k += 8 {
		bw.buf[bw.w] = byte(v >> 56)
		v <<= 8
		bw.w++
	}
	bw.acc, bw.nb = 0, 0
}
