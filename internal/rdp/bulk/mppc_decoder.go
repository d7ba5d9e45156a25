package bulk

import (
	"fmt"
	"math/bits"
)

// MPPCDecoder is the receiver side of RDP 5.0 bulk compression
// ([MS-RDPBCGR] 3.1.8, PACKET_COMPR_TYPE_64K): it mirrors the sender's
// history buffer, so a connection has one MPPCDecoder for all the PDUs it
// receives, in order.
//
// It is strict: every code must be complete and defined, every copy must
// lie within the history buffer, the data must not overflow it, and the
// padding bits of the last byte must be zero (the spec does not say what
// they hold; FreeRDP's encoder and this package's write zeros). It never
// panics. After an error its history no longer matches the sender's, so
// every later call fails with ErrBroken until Reset.
//
// The zero MPPCDecoder is ready to use: an empty (all-zero) history at
// offset 0, as 3.1.8.1 initializes it. It is not safe for concurrent use.
type MPPCDecoder struct {
	hist [historySize]byte
	off  int   // HistoryOffset
	err  error // first error; the decoder is broken
}

// NewMPPCDecoder returns a ready MPPCDecoder.
func NewMPPCDecoder() *MPPCDecoder { return new(MPPCDecoder) }

// Reset returns the decoder to its initial state.
func (d *MPPCDecoder) Reset() { *d = MPPCDecoder{} }

// Decompress processes one PDU's data, received with flags, and appends
// the PDU's uncompressed data to dst, following [MS-RDPBCGR] 3.1.8.3:
//
//   - PACKET_FLUSHED: the history is refilled with zeros and HistoryOffset
//     reset to 0, first.
//   - PACKET_AT_FRONT: HistoryOffset is reset to 0 (it MUST come with
//     PACKET_COMPRESSED, 3.1.8.2.1).
//   - PACKET_COMPRESSED: src is decompressed into the history at
//     HistoryOffset, which advances past it.
//   - Otherwise src is the data itself and does not enter the history.
//
// Flags with none of the three set are not checked further: such a PDU
// carries no compressed data, whatever its type bits say. Flags with any
// of them set must have the type PACKET_COMPR_TYPE_64K. On error dst is
// returned unchanged.
func (d *MPPCDecoder) Decompress(dst, src []byte, flags Flags) ([]byte, error) {
	return sticky(&d.err, dst, func() ([]byte, error) { return d.decompress(dst, src, flags) })
}

func (d *MPPCDecoder) decompress(dst, src []byte, flags Flags) ([]byte, error) {
	if err := checkFlags(flags, Type64K); err != nil {
		return nil, fmt.Errorf("bulk: MPPC: %w", err)
	}
	if flags&Flushed != 0 {
		clear(d.hist[:])
		d.off = 0
	}
	if flags&Compressed == 0 {
		return append(dst, src...), nil
	}
	if flags&AtFront != 0 {
		d.off = 0
	}
	start := d.off
	if err := d.expand(src); err != nil {
		return nil, err
	}
	return append(dst, d.hist[start:d.off]...), nil
}

// checkFlags checks flags of a PDU for a decoder of compression type typ.
func checkFlags(flags, typ Flags) error {
	if !flags.Used() {
		return nil
	}
	if flags&reservedMask != 0 {
		return fmt.Errorf("%w: %v: reserved bit 0x10", ErrFlags, flags)
	}
	if flags.Type() != typ {
		return fmt.Errorf("%w: %v, want type %v", ErrFlags, flags, typ)
	}
	// 3.1.8.2.1: PACKET_AT_FRONT "MUST be set in conjunction with the
	// PACKET_COMPRESSED (0x20) flag".
	if flags&(AtFront|Compressed) == AtFront {
		return fmt.Errorf("%w: %v: PACKET_AT_FRONT without PACKET_COMPRESSED", ErrFlags, flags)
	}
	return nil
}

// expand decodes the literals and copy-tuples of src into the history at
// d.off and advances d.off.
func (d *MPPCDecoder) expand(src []byte) error {
	var r bitReader
	r.init(src)
	h := d.hist[:]
	off := d.off
	for r.left >= 8 {
		r.refill()
		v := r.peek32()
		// Literals, 3.1.8.4.2.1.
		if v>>31 == 0 { // 0 + 7 bits
			if off >= historySize {
				return fmt.Errorf("%w: MPPC: literal at byte %d overflows the history buffer", ErrCorrupt, r.bytePos())
			}
			h[off] = byte(v >> 24)
			off++
			r.skip(8)
			continue
		}
		if v>>30 == 0b10 { // 10 + 7 bits
			if r.left < 9 {
				return r.truncated("literal")
			}
			if off >= historySize {
				return fmt.Errorf("%w: MPPC: literal at byte %d overflows the history buffer", ErrCorrupt, r.bytePos())
			}
			h[off] = 0x80 | byte(v>>23)&0x7F
			off++
			r.skip(9)
			continue
		}

		// Copy-offset, 3.1.8.4.2.2.1.
		var co, n int
		switch {
		case v>>27 == 0b11111:
			co, n = int(v>>21&0x3F), 11
		case v>>27 == 0b11110:
			co, n = int(v>>19&0xFF)+offset1, 13
		case v>>28 == 0b1110:
			co, n = int(v>>17&0x7FF)+offset2, 15
		default: // 110
			co, n = int(v>>13&0xFFFF)+offset3, 19
		}
		if r.left < n {
			return r.truncated("copy-offset")
		}
		pos := r.bytePos()
		r.skip(n)

		// Length-of-match, 3.1.8.4.2.2.2: k ones, a zero, k+1 bits.
		r.refill()
		v = r.peek32()
		k := bits.LeadingZeros32(^v)
		var length int
		switch {
		case k == 0:
			length, n = 3, 1
		case k <= 14:
			length, n = 1<<(k+1)|int(v>>(30-2*k)&(1<<(k+1)-1)), 2*k+2
		default: // 15 or more ones: bits past the end read as zeros, so they are real
			return fmt.Errorf("%w: MPPC: undefined length-of-match code at byte %d", ErrCorrupt, r.bytePos())
		}
		if r.left < n {
			return r.truncated("length-of-match")
		}
		r.skip(n)

		// 3.1.8.1: "the entire history buffer is immediately regarded as
		// valid", so a copy-offset may reach back past offset 0 into the
		// end of the buffer (FreeRDP's decoder wraps it the same way). It
		// must not read past the end of the buffer, nor write past it.
		if co == 0 || co >= historySize {
			return fmt.Errorf("%w: MPPC: copy-offset %d at byte %d", ErrCorrupt, co, pos)
		}
		if off+length > historySize {
			return fmt.Errorf("%w: MPPC: copy of %d bytes at byte %d overflows the history buffer at offset %d", ErrCorrupt, length, pos, off)
		}
		from := (off - co) & (historySize - 1)
		if from+length > historySize {
			return fmt.Errorf("%w: MPPC: copy of %d bytes from offset %d at byte %d reads past the history buffer", ErrCorrupt, length, from, pos)
		}
		if from < off && off-from < length {
			// The copy overlaps what it writes: byte by byte, each byte
			// may be one the copy wrote itself (a run).
			for i := range length {
				h[off+i] = h[from+i]
			}
		} else {
			copy(h[off:off+length], h[from:from+length])
		}
		off += length
	}
	if r.left > 0 {
		r.refill()
		if r.peek32() != 0 {
			return fmt.Errorf("%w: MPPC: non-zero padding bits", ErrCorrupt)
		}
	}
	d.off = off
	return nil
}

// bitReader reads src most significant bit first. Past the end it reads
// zeros; left says how many real bits remain.
type bitReader struct {
	src  []byte
	next int    // next byte of src to load into acc
	acc  uint64 // unread bits, left-aligned
	nacc uint   // bits in acc
	left int    // unread bits in acc and src
}

func (r *bitReader) init(src []byte) {
	*r = bitReader{src: src, left: 8 * len(src)}
}

// refill loads acc with at least 32 bits, or all the bits left.
func (r *bitReader) refill() {
	for r.nacc <= 56 && r.next < len(r.src) {
		r.acc |= uint64(r.src[r.next]) << (56 - r.nacc)
		r.next++
		r.nacc += 8
	}
}

// peek32 returns the next 32 bits, zeros past the end; call refill first.
func (r *bitReader) peek32() uint32 { return uint32(r.acc >> 32) }

// skip consumes n bits, n <= r.left and n <= r.nacc.
func (r *bitReader) skip(n int) {
	r.acc <<= uint(n)
	r.nacc -= uint(n)
	r.left -= n
}

// bytePos is the index of the byte holding the next bit, for errors.
func (r *bitReader) bytePos() int { return len(r.src) - (r.left+7)/8 }

func (r *bitReader) truncated(what string) error {
	return fmt.Errorf("%w: MPPC: %s truncated at byte %d", ErrCorrupt, what, r.bytePos())
}
