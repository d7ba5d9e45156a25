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
		if s.zip != nil {
			var flags bulk.Flags
			s.zbuf, flags = s.zip.Compress(s.zbuf[:0], piece.Data)
			if flags.Used() {
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
