package svc

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// ChunkSize is CHANNEL_CHUNK_LENGTH, the chunk size the server uses: at
// most this many bytes of message data follow each CHANNEL_PDU_HEADER.
// The server chunks with its own size and ignores the client's VCChunkSize
// ([MS-RDPBCGR] 2.2.7.1.10), as FreeRDP 2.11's server does (peer.c
// freerdp_peer_virtual_channel_write with VirtualChannelChunkSize 1600).
const ChunkSize = 1600

// DefaultMaxMessage is the reassembly limit the session uses unless policy
// says otherwise (rdp-server.md §4.1, Derived: 1 MiB).
const DefaultMaxMessage = 1 << 20

// AppendChunks splits msg into chunks of at most chunkSize data bytes and
// appends each to dst as a ready-to-send byte slice: CHANNEL_PDU_HEADER
// (length = len(msg), flags) followed by the chunk's data
// ([MS-RDPBCGR] 3.1.5.2.1). The first chunk has FlagFirst and the last
// FlagLast; a message that fits in one chunk, including an empty one, is a
// single chunk with both. extra is ORed into every chunk's flags (say
// FlagShowProtocol for a channel created with CHANNEL_OPTION_SHOW_PROTOCOL);
// its FlagFirst and FlagLast bits and the compression bits are ignored,
// since the server never compresses. chunkSize <= 0 means ChunkSize. The
// chunks share one new backing array (each capped at its own end) and do
// not alias msg.
//
// len(msg) must fit the 32-bit length field, which any message the server
// builds does.
func AppendChunks(dst [][]byte, msg []byte, chunkSize int, extra ChannelFlags) [][]byte {
	if chunkSize <= 0 {
		chunkSize = ChunkSize
	}
	extra &^= FlagFirst | FlagLast | FlagPacketCompressed | FlagPacketAtFront | FlagPacketFlushed | CompressionTypeMask
	n := max(1, (len(msg)+chunkSize-1)/chunkSize)
	buf := make([]byte, 0, n*HeaderSize+len(msg))
	for i := range n {
		off := i * chunkSize
		end := min(off+chunkSize, len(msg))
		flags := extra
		if i == 0 {
			flags |= FlagFirst
		}
		if i == n-1 {
			flags |= FlagLast
		}
		start := len(buf)
		buf = wire.AppendU32LE(buf, uint32(len(msg))) // length: the whole message
		buf = wire.AppendU32LE(buf, uint32(flags))
		buf = append(buf, msg[off:end]...)
		dst = append(dst, buf[start:len(buf):len(buf)])
	}
	return dst
}

// Dechunker reassembles the chunks a client sends on one static virtual
// channel into whole messages ([MS-RDPBCGR] 3.1.5.2.2.1). Use one per
// channel. It is not safe for concurrent use.
//
// It is strict: a FIRST while a message is open, a chunk without FIRST
// when none is open, a chunk whose length field differs from the open
// message's, data beyond the declared length, a LAST that does not complete
// the message exactly, a non-LAST chunk that leaves nothing to come, a
// message over the maximum and compressed chunks are errors. After an error
// the partial message is dropped and the next chunk must be a FIRST.
// CHANNEL_FLAG_SHOW_PROTOCOL, SUSPEND, RESUME and SHADOW_PERSISTENT are
// ignored, as are the MPPC bits (AT_FRONT, FLUSHED, the compression type)
// when CHANNEL_PACKET_COMPRESSED is clear.
type Dechunker struct {
	max   int
	open  bool
	total int
	buf   []byte
}

// NewDechunker returns a Dechunker for messages of at most max bytes;
// max <= 0 means DefaultMaxMessage.
func NewDechunker(max int) *Dechunker {
	if max <= 0 {
		max = DefaultMaxMessage
	}
	return &Dechunker{max: max}
}

// Pending reports whether a message is partly received.
func (d *Dechunker) Pending() bool { return d.open }

// Add takes one chunk: CHANNEL_PDU_HEADER and data, as carried in one MCS
// Send Data Request. It returns done and the message when the chunk
// completes one. For a single-chunk message msg aliases chunk; a
// reassembled message is a new slice the caller owns.
func (d *Dechunker) Add(chunk []byte) (msg []byte, done bool, err error) {
	r := wire.NewReader(chunk)
	var h ChannelPDUHeader
	if err := h.Decode(r); err != nil {
		d.reset()
		return nil, false, err
	}
	data := r.Rest()

	// The server advertises VCCAPS_NO_COMPR (2.2.7.1.10), so the client
	// must not compress.
	if h.Flags.Has(FlagPacketCompressed) {
		d.reset()
		return nil, false, fmt.Errorf("svc: chunk flags %v: compressed channel data, but no compression was negotiated", h.Flags)
	}
	// 3.1.5.2.2.1: length "specifies the total length of the uncompressed
	// virtual channel data spanned across all of the associated Virtual
	// Channel PDUs".
	if int64(h.Length) > int64(d.max) {
		d.reset()
		return nil, false, fmt.Errorf("svc: message of %d bytes exceeds the maximum %d", h.Length, d.max)
	}
	total := int(h.Length)
	first, last := h.Flags.Has(FlagFirst), h.Flags.Has(FlagLast)

	switch {
	case first && d.open:
		d.reset()
		return nil, false, fmt.Errorf("svc: CHANNEL_FLAG_FIRST while a message is open")
	case !first && !d.open:
		return nil, false, fmt.Errorf("svc: chunk without CHANNEL_FLAG_FIRST and no message open (flags %v)", h.Flags)
	case !first && total != d.total:
		d.reset()
		return nil, false, fmt.Errorf("svc: chunk length field %d differs from the open message's %d", total, d.total)
	}

	have := 0
	if !first {
		have = len(d.buf)
	}
	switch {
	case len(data) > total-have:
		d.reset()
		return nil, false, fmt.Errorf("svc: chunk of %d bytes overflows the message (%d of %d received)", len(data), have, total)
	case last && have+len(data) != total:
		d.reset()
		return nil, false, fmt.Errorf("svc: CHANNEL_FLAG_LAST with %d of %d bytes received", have+len(data), total)
	case !last && have+len(data) == total:
		d.reset()
		return nil, false, fmt.Errorf("svc: chunk completes the %d-byte message without CHANNEL_FLAG_LAST", total)
	}

	if first && last {
		return data, true, nil
	}
	if first {
		// total is within max, checked above, so it may size the buffer.
		d.open, d.total, d.buf = true, total, make([]byte, 0, total)
	}
	d.buf = append(d.buf, data...)
	if !last {
		return nil, false, nil
	}
	msg = d.buf
	d.buf = nil
	d.reset()
	return msg, true, nil
}

func (d *Dechunker) reset() { d.open, d.total, d.buf = false, 0, nil }
