package bulk

import (
	"encoding/binary"
	"fmt"
)

// RDP61Decoder is the receiver side of RDP 6.1 bulk compression
// ([MS-RDPEGDI] 3.1.8.2, PACKET_COMPR_TYPE_RDP61): the level-1 history and
// the level-2 MPPCDecoder. A connection has one for all the PDUs it
// receives, in order.
//
// It is strict, on top of what MPPCDecoder checks: undefined
// Level1ComprFlags bits, both or neither of L1_COMPRESSED and
// L1_NO_COMPRESSION, Level2ComprFlags without L1_INNER_COMPRESSION, no
// matches with L1_COMPRESSED, short MatchDetails or literals, matches out
// of order, of length 0, reading past the history buffer or from the
// output position itself, blocks over 16,384 bytes (see maxRDP61Block) and
// history overflow are errors. It never panics; after an error every call
// fails with ErrBroken until Reset.
//
// Two things are accepted because FreeRDP 2.11.7's compressor
// (libfreerdp2 xcrush_compress, which its shadow server uses) sends them
// and its decompressor takes them; the spec does not allow them in so many
// words:
//
//   - After L1_PACKET_AT_FRONT, matches that read the previous pass's data
//     beyond the output position. 2.2.2.4.1 says L1_PACKET_AT_FRONT
//     reinitializes the history "by filling it with zeros", and 3.1.8.2.2
//     that a match must not "refer to any data not yet received"; FreeRDP
//     only resets HistoryOffset and keeps the old data, and so does this
//     decoder. RDP61Encoder never reads past the output position.
//   - Matches whose source starts before the output position but runs
//     into it, which repeat the bytes in between (FreeRDP's
//     xcrush_copy_bytes copies them so): FreeRDP codes runs that way.
//
// The zero RDP61Decoder is ready to use. It is about 2 MB. It is not safe
// for concurrent use.
type RDP61Decoder struct {
	hist [rdp61HistorySize]byte
	off  int // level-1 HistoryOffset
	l2   MPPCDecoder
	buf  []byte // level-2 output
	err  error
}

// NewRDP61Decoder returns a ready RDP61Decoder.
func NewRDP61Decoder() *RDP61Decoder { return new(RDP61Decoder) }

// Reset returns the decoder to its initial state.
func (d *RDP61Decoder) Reset() {
	clear(d.hist[:])
	d.off, d.err = 0, nil
	d.l2.Reset()
}

// Decompress processes one PDU's data, received with flags, and appends
// the PDU's uncompressed data to dst. With PACKET_COMPRESSED, src is an
// RDP61_COMPRESSED_DATA ([MS-RDPEGDI] 2.2.2.4.1) decoded as 3.1.8.2.3
// describes; without, src is the data itself. PACKET_FLUSHED resets the
// level-1 history first, as FreeRDP's xcrush_decompress does (the
// level-2 history has its own flags). PACKET_AT_FRONT has no meaning for
// RDP 6.1 and is an error, like flags of another type. On error dst is
// returned unchanged.
func (d *RDP61Decoder) Decompress(dst, src []byte, flags Flags) ([]byte, error) {
	return sticky(&d.err, dst, func() ([]byte, error) { return d.decompress(dst, src, flags) })
}

func (d *RDP61Decoder) decompress(dst, src []byte, flags Flags) ([]byte, error) {
	if err := checkFlags(flags, TypeRDP61); err != nil {
		return nil, fmt.Errorf("bulk: RDP 6.1: %w", err)
	}
	if flags&AtFront != 0 {
		return nil, fmt.Errorf("bulk: RDP 6.1: %w: %v: PACKET_AT_FRONT", ErrFlags, flags)
	}
	if flags&Flushed != 0 {
		clear(d.hist[:])
		d.off = 0
	}
	if flags&Compressed == 0 {
		return append(dst, src...), nil
	}

	if len(src) < rdp61HeaderLen {
		return nil, errRDP61("%d bytes", len(src))
	}
	f1, f2 := l1Flags(src[0]), Flags(src[1])
	data := src[rdp61HeaderLen:]
	if f1&l1Reserved != 0 {
		return nil, errRDP61("Level1ComprFlags %v: undefined bits", f1)
	}
	if c := f1 & (l1Compressed | l1NoCompression); c == 0 || c == l1Compressed|l1NoCompression {
		return nil, errRDP61("Level1ComprFlags %v: want one of L1_COMPRESSED and L1_NO_COMPRESSION", f1)
	}
	if f1&l1InnerCompressed != 0 {
		// 3.1.8.2.3: the data "MUST first be passed to the chained level-2
		// RDP 5.0 bulk decompressor ... controlled by the contents of the
		// Level2ComprFlags field". Its type bits say RDP 5.0 when the data
		// is compressed; without PACKET_COMPRESSED the spec's example
		// leaves them 0 (4.7: 0x80) and FreeRDP sets them (0x81).
		if f2&Compressed == 0 && f2.Type() == 0 {
			f2 |= Type64K
		}
		var err error
		d.buf, err = d.l2.decompress(d.buf[:0], data, f2)
		if err != nil {
			return nil, fmt.Errorf("bulk: RDP 6.1 level 2: %w", err)
		}
		data = d.buf
	} else if f2 != 0 {
		return nil, errRDP61("Level2ComprFlags %v without L1_INNER_COMPRESSION", f2)
	}

	if f1&l1PacketAtFront != 0 {
		d.off = 0
	}
	start := d.off
	if err := d.expand(data, f1); err != nil {
		return nil, err
	}
	return append(dst, d.hist[start:d.off]...), nil
}

// expand decodes the level-1 data (after level 2) into the history at
// d.off and advances d.off.
func (d *RDP61Decoder) expand(data []byte, f1 l1Flags) error {
	literals := data
	var details []byte
	if f1&l1Compressed != 0 {
		if len(data) < matchCountLen {
			return errRDP61("MatchCount: %d bytes", len(data))
		}
		count := int(binary.LittleEndian.Uint16(data))
		if count == 0 {
			// 2.2.2.4.1: with L1_COMPRESSED the fields "MUST be present
			// and contain at least one match".
			return errRDP61("L1_COMPRESSED with MatchCount 0")
		}
		end := matchCountLen + count*matchDetailsLen
		if len(data) < end {
			return errRDP61("%d MatchDetails in %d bytes", count, len(data)-matchCountLen)
		}
		details, literals = data[matchCountLen:end], data[end:]
	}

	h := d.hist[:]
	out := 0 // bytes of this block written so far
	pos := d.off
	room := func(n int) error {
		if out+n > maxRDP61Block {
			return errRDP61("block longer than %d bytes", maxRDP61Block)
		}
		if pos+n > rdp61HistorySize {
			return errRDP61("block overflows the level-1 history at offset %d", d.off)
		}
		return nil
	}
	put := func(b []byte) error {
		if err := room(len(b)); err != nil {
			return err
		}
		copy(h[pos:], b)
		pos += len(b)
		out += len(b)
		return nil
	}
	for i := 0; i < len(details); i += matchDetailsLen {
		m := matchDetails{
			length:        int(binary.LittleEndian.Uint16(details[i:])),
			outputOffset:  int(binary.LittleEndian.Uint16(details[i+2:])),
			historyOffset: int(binary.LittleEndian.Uint32(details[i+4:])),
		}
		n := i / matchDetailsLen
		if m.outputOffset < out {
			return errRDP61("match %d: MatchOutputOffset %d before the end of the previous data at %d", n, m.outputOffset, out)
		}
		gap := m.outputOffset - out
		if gap > len(literals) {
			return errRDP61("match %d: %d literals before MatchOutputOffset %d, %d left", n, gap, m.outputOffset, len(literals))
		}
		if err := put(literals[:gap]); err != nil {
			return err
		}
		literals = literals[gap:]
		if m.length == 0 {
			return errRDP61("match %d: MatchLength 0", n)
		}
		if m.historyOffset+m.length > rdp61HistorySize {
			return errRDP61("match %d: %d bytes from history offset %d", n, m.length, m.historyOffset)
		}
		if m.historyOffset == pos {
			return errRDP61("match %d: history offset %d is the output position", n, m.historyOffset)
		}
		if err := room(m.length); err != nil {
			return err
		}
		if src := m.historyOffset; src > pos || src+m.length <= pos {
			copy(h[pos:], h[src:src+m.length]) // forward, as the byte loop below
		} else {
			// The match runs into its own output: byte by byte, it
			// repeats the bytes between its source and the output.
			for i := range m.length {
				h[pos+i] = h[src+i]
			}
		}
		pos += m.length
		out += m.length
	}
	if err := put(literals); err != nil {
		return err
	}
	d.off = pos
	return nil
}
