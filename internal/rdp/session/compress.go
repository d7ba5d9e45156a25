package session

import (
	"github.com/ranoviced/ranoviced/internal/rdp/bulk"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
)

// compressor is the server's side of bulk compression ([MS-RDPBCGR]
// 3.1.8): one per connection, fed every fast-path update fragment in the
// order they are sent, because its history mirrors the client's.
type compressor interface {
	Compress(dst, src []byte) ([]byte, bulk.Flags)
}

// newCompressor returns the compressor for the highest type the client
// advertised in its Client Info PDU (INFO_COMPRESSION and
// CompressionTypeMask, 2.2.1.11.1.1), or nil for none: RDP 6.1 for type 3
// or above, RDP 5.0 (64 KB MPPC) for 1 and 2, since RDP 6.0 compression is
// not implemented, and nothing for 0, whose RDP 4.0 variant is not either.
// The client names "the maximum compression type it supports" and "the
// server selects a compression type within the range advertised by the
// client" ([MS-RDPBCGR] 3.1.8).
func newCompressor(info *sec.ClientInfo, off bool) compressor {
	if off || info == nil || !info.Flags.Has(sec.InfoCompression) {
		return nil
	}
	switch t := info.Flags.CompressionType(); {
	case t >= sec.CompressionTypeRDP61:
		return bulk.NewRDP61Encoder()
	case t >= sec.CompressionType64K:
		return bulk.NewMPPCEncoder()
	}
	return nil
}

// appendFastPathUpdate appends one update as fast-path output PDUs: the
// whole update in one PDU when it fits, else fragments, each compressed on
// its own when the client negotiated bulk compression. Only fast-path
// updates are compressed: slow-path PDUs and virtual channel data go
// uncompressed and without compression flags, which leaves the shared
// history alone (3.1.8.3), and FreeRDP 2.11.7 cannot decompress channel
// data.
func (s *Session) appendFastPathUpdate(out []byte, code fastpath.UpdateCode, data []byte) ([]byte, error) {
	var err error
	for _, piece := range fastpath.Split(code, data, fastpath.MaxFragmentSize) {
		if s.zip != nil && s.effort.try() {
			var flags bulk.Flags
			s.zbuf, flags = s.zip.Compress(s.zbuf[:0], piece.Data)
			if flags.Used() {
				s.effort.result(len(piece.Data), len(s.zbuf))
				piece.Compression = fastpath.CompressionUsed
				piece.CompressionFlags = uint8(flags)
				piece.Data = s.zbuf
			}
		}
		if s.ubuf, err = piece.AppendBinary(s.ubuf[:0]); err != nil {
			return out, err
		}
		if out, err = s.link.AppendFastPathOutput(out, s.ubuf); err != nil {
			return out, err
		}
	}
	return out, nil
}

// LinkKeepsUp tells the session whether the link to the client has been
// taking updates as fast as they are made. While it does, CPU is the
// scarcer resource, and update fragments that bulk compression shrinks by
// less than a quarter (photographs, noise: a few per cent for about
// 15 ns a byte) are sent as they are, with a probe now and then to notice
// when the picture compresses again. While it does not, every fragment is
// compressed, since then bytes are what delays the picture. A new
// session starts as if it did not.
func (s *Session) LinkKeepsUp(ok bool) { s.effort.thrifty = ok }

// compressEffort decides which update fragments are worth compressing
// (see Session.LinkKeepsUp). Skipping one leaves the compressor's history
// alone on both sides: the fragment goes without compression flags.
type compressEffort struct {
	thrifty bool
	skip    int // fragments still to send without trying
	backoff int // fragments to skip after the next poor result; 0 means 1
}

// maxCompressBackoff bounds how many fragments in a row go uncompressed
// before a probe: 16 fragments are about 256 KB of a picture.
const maxCompressBackoff = 16

// try reports whether the next fragment should be compressed.
func (e *compressEffort) try() bool {
	if !e.thrifty || e.skip == 0 {
		return true
	}
	e.skip--
	return false
}

// result records what compressing a fragment of in bytes gave: out bytes
// (in when it went uncompressed after all).
func (e *compressEffort) result(in, out int) {
	if out*4 <= in*3 {
		e.skip, e.backoff = 0, 0
		return
	}
	if !e.thrifty {
		return
	}
	e.skip = max(e.backoff, 1)
	e.backoff = min(2*e.skip, maxCompressBackoff)
}
