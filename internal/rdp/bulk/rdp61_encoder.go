package bulk

// Level-1 match finder parameters, tuned on the benchmark payloads.
//
// The level-1 compressor finds matches with content-defined anchors: a
// rolling hash of the last rdp61Window bytes marks about one position in
// 1<<rdp61AnchorBits as an anchor, the same positions wherever the same
// bytes occur. Anchors of the history are indexed by hash; each anchor of
// a new block is looked up and a hit is extended both ways byte by byte.
// Any repeat of about rdp61Window + (1<<rdp61AnchorBits) bytes or more is
// found, at any distance in the 2,000,000-byte history.
const (
	rdp61Window     = 32 // bytes the rolling hash covers (its width in bits)
	rdp61AnchorBits = 5
	rdp61TableBits  = 17 // anchors indexed: 2,000,000 >> rdp61AnchorBits is about 1<<17

	// rdp61MinMatch is the shortest match worth 8 bytes of MatchDetails
	// (3.1.8.2.2: a compressor "SHOULD exclude matches that result in
	// expansion"). rdp61NearMinMatch applies to matches whose source is
	// close enough for the level-2 compressor to find it too, which it
	// codes in a few bytes.
	rdp61MinMatch     = 32
	rdp61NearMinMatch = 128
	rdp61Near         = historySize
)

// gear is the rolling hash's table: a fixed random 32-bit value per byte.
var gear = gearTable()

func gearTable() (t [256]uint32) {
	x := uint64(0x5DEECE66D) // splitmix64
	for i := range t {
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		t[i] = uint32(z ^ z>>31)
	}
	return t
}

// RDP61Encoder is the sender side of RDP 6.1 bulk compression
// ([MS-RDPEGDI] 3.1.8.2, PACKET_COMPR_TYPE_RDP61): a level-1 compressor
// over a 2,000,000-byte history chained to an MPPCEncoder. A connection
// has one RDP61Encoder for all the PDUs it compresses, in the order they
// are sent.
//
// The zero RDP61Encoder is ready to use. It is about 3 MB: allocate it
// once per connection. It is not safe for concurrent use.
type RDP61Encoder struct {
	hist [rdp61HistorySize]byte // the level-1 history buffer
	off  int                    // level-1 HistoryOffset
	h    uint32                 // rolling hash of the rdp61Window bytes before hist[off]

	// table maps the hash of an anchor to its newest position, stored as
	// an absolute position plus one like MPPCEncoder.head: base is the
	// absolute position of hist[0], and moves on by rdp61HistorySize when
	// the history starts again from offset 0.
	base  uint32
	table [1 << rdp61TableBits]uint32

	l2      MPPCEncoder
	matches []matchDetails
	l1      [MaxRDP61Len]byte // the level-1 output of the block being compressed
	l2buf   []byte            // the level-2 output of the block being compressed

	started   bool // a block has been sent since the start
	restartL1 bool // the next block must carry L1_PACKET_AT_FRONT
}

// NewRDP61Encoder returns a ready RDP61Encoder.
func NewRDP61Encoder() *RDP61Encoder { return new(RDP61Encoder) }

// Reset starts new histories: the next block carries
// L1_PACKET_AT_FRONT, and the next compressed level-2 data PACKET_FLUSHED
// (see MPPCEncoder.Reset). Use it when the receiver's state is unknown (a
// new decoder needs no Reset).
func (e *RDP61Encoder) Reset() {
	if e.off != 0 {
		e.newPass()
	}
	e.restartL1 = true
	e.l2.Reset()
}

// newPass empties the level-1 history.
func (e *RDP61Encoder) newPass() {
	e.off, e.h = 0, 0
	if e.base >= 1<<31 {
		clear(e.table[:])
		e.base = 0
		return
	}
	e.base += rdp61HistorySize
}

// Compress compresses one PDU's data for sending and appends the result to
// dst. It returns the extended slice and the compression flags to send
// with it:
//
//   - An RDP61_COMPRESSED_DATA ([MS-RDPEGDI] 2.2.2.4.1), flags
//     PACKET_COMPRESSED | PACKET_COMPR_TYPE_RDP61 ("the PDU which
//     encapsulates the level-1 output data MUST set the PACKET_COMPRESSED
//     flag", 3.1.8.2.2.2). Its Level1ComprFlags always have
//     L1_INNER_COMPRESSION (the level-1 output always goes to the level-2
//     compressor), L1_COMPRESSED when it found matches and
//     L1_NO_COMPRESSION otherwise, and L1_PACKET_AT_FRONT when the block
//     starts the level-1 history again: the first block, and one that did
//     not fit after the last. Level2ComprFlags are those of the level-2
//     MPPCEncoder (see MPPCEncoder.Compress), with the type bits cleared
//     when the level-2 data is not compressed, as in the example of 4.7.
//   - src itself, no flag set (Flags.Used is false): src is shorter than
//     MinRDP61Len or longer than MaxRDP61Len, or the structure would have
//     been longer than src ("Data that is tagged as compressed ... MUST NOT
//     be larger in size than the original data", [MS-RDPBCGR] 3.1.8.2.1).
//     The receiver's state does not change; the encoder's level-1 history
//     is as it was, or starts again with the next block.
//
// The appended data is never longer than src. Compress allocates nothing
// beyond growing dst (and, while the encoder is new, its own buffers).
func (e *RDP61Encoder) Compress(dst, src []byte) ([]byte, Flags) {
	n := len(src)
	if n < MinRDP61Len || n > MaxRDP61Len {
		return append(dst, src...), 0
	}
	var f1 l1Flags
	oldOff, oldH := e.off, e.h
	// 3.1.8.2.1: "If the data will not fit into the history buffer (the
	// sum of the HistoryOffset and the size of the uncompressed data
	// exceeds the size of the history buffer), then the HistoryOffset MUST
	// be reset to the start of the history buffer (offset 0)", which
	// L1_PACKET_AT_FRONT tells the receiver (3.1.8.2.2.2). The block must
	// also not end exactly at the end of the buffer: FreeRDP 2.11.7's
	// xcrush_decompress_l1 rejects that.
	if !e.started || e.restartL1 || e.off+n >= rdp61HistorySize {
		if e.off != 0 {
			e.newPass()
		}
		f1 |= l1PacketAtFront
	}
	e.started, e.restartL1 = true, false

	start, end := e.off, e.off+n
	copy(e.hist[start:end], src)
	e.findMatches(start, end)

	var l1 []byte
	if len(e.matches) > 0 {
		f1 |= l1Compressed
		l1 = appendL1Compressed(e.l1[:0], e.matches, e.hist[start:end])
	} else {
		f1 |= l1NoCompression
		l1 = e.hist[start:end]
	}
	f1 |= l1InnerCompressed

	l2, f2 := e.l2.Compress(e.l2buf[:0], l1)
	e.l2buf = l2[:0]
	if f2&Compressed == 0 {
		f2 &^= TypeMask
		if f2&Flushed != 0 {
			// FreeRDP 2.11.7's xcrush_decompress runs the level-2
			// decompressor only for PACKET_COMPRESSED data, so it misses
			// this flush; make the next compressed level-2 data carry
			// PACKET_FLUSHED too, as FreeRDP's compressor does.
			e.l2.Reset()
		}
	}

	if rdp61HeaderLen+len(l2) > n {
		// Expansion: send src as it is. The receiver sees no change, so
		// the level-2 history starts again, flushed, and the level-1
		// history goes back to where it was; if this block had already
		// started it again, the next one does so for the receiver too.
		if f2.Used() {
			e.l2.Reset()
		}
		if oldOff != 0 && start == 0 {
			e.restartL1 = true
		} else {
			e.off, e.h = oldOff, oldH
			e.restartL1 = f1&l1PacketAtFront != 0
		}
		return append(dst, src...), 0
	}
	e.off = end
	dst = append(dst, byte(f1), byte(f2))
	return append(dst, l2...), Compressed | TypeRDP61
}

// findMatches scans the new block hist[start:end] and sets e.matches to
// the matches it found, in order, and e.h to the rolling hash at end. A
// match never reads at or after the position it writes to.
func (e *RDP61Encoder) findMatches(start, end int) {
	hist := e.hist[:]
	h := e.h
	matches := e.matches[:0]
	next := start // the first byte no match covers yet
	for p := start; p < end; p++ {
		h = h<<1 + gear[hist[p]]
		if h>>(32-rdp61AnchorBits) != 0 || p < rdp61Window-1 {
			continue // not an anchor, or its window is not all in this pass
		}
		k := (h * 0x9E3779B1) >> (32 - rdp61TableBits)
		cand := e.table[k]
		e.table[k] = e.base + uint32(p) + 1
		if p < next || cand <= e.base {
			continue // inside a match already, or no candidate in this pass
		}
		q := int(cand - e.base - 1)
		// The source must end before the destination starts, so a match
		// is at most as long as its distance.
		dist := p - q
		if dist < rdp61MinMatch || (dist < rdp61Near && dist < rdp61NearMinMatch) || hist[q] != hist[p] {
			continue
		}
		// Extend back (not into the previous match or the previous
		// block's output) and forward (not past the block).
		b := 0
		for b+1 < dist && p-b > next && q-b > 0 && hist[p-b-1] == hist[q-b-1] {
			b++
		}
		l := b + 1 + matchLen(hist, q+1, p+1, min(end-p-1, dist-b-1))
		if l < rdp61MinMatch || (dist < rdp61Near && l < rdp61NearMinMatch) {
			continue
		}
		ps, qs := p-b, q-b
		matches = append(matches, matchDetails{length: l, outputOffset: ps - start, historyOffset: qs})
		next = ps + l
	}
	e.matches, e.h = matches, h
}
