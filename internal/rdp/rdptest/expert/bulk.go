package expert

import (
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/bulk"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/sec"
)

// decompressor is the client's side of bulk compression ([MS-RDPBCGR]
// 3.1.8) for fast-path updates. It holds the decoders for the types the
// test expert implements, RDP 5.0 (64 KB MPPC) and RDP 6.1, and is
// stricter than FreeRDP 2.11.7: a type above the one advertised in the
// Client Info PDU, a type the client did not advertise at all, and a
// change of type within a connection are protocol errors, since "the
// server selects a compression type within the range advertised by the
// client. This compression type is then used when performing all
// subsequent server-to-client ... bulk compression" (3.1.8).
type decompressor struct {
	max   bulk.Flags // the advertised type; valid when on
	on    bool       // INFO_COMPRESSION was sent
	typ   bulk.Flags // the type in use, fixed by the first compressed piece
	used  bool
	mppc  *bulk.MPPCDecoder
	rdp61 *bulk.RDP61Decoder
	buf   []byte
}

func newDecompressor(flags sec.InfoFlags) *decompressor {
	return &decompressor{
		on:  flags.Has(sec.InfoCompression),
		max: bulk.Flags(flags.CompressionType()) & bulk.TypeMask,
	}
}

// update returns u with its data decompressed; an uncompressed u is
// returned as is. The returned data is valid until the next call.
func (d *decompressor) update(u fastpath.Update) (fastpath.Update, error) {
	if u.Compression != fastpath.CompressionUsed {
		return u, nil
	}
	f := bulk.Flags(u.CompressionFlags)
	switch t := f.Type(); {
	case !d.on:
		return u, fmt.Errorf("%v compressed (%v) but the client advertised no compression", u.Code, f)
	case t > d.max:
		return u, fmt.Errorf("%v compressed with %v, above the advertised type %d", u.Code, f, d.max)
	case d.used && t != d.typ:
		return u, fmt.Errorf("%v compressed with %v after type %d", u.Code, f, d.typ)
	}
	d.typ, d.used = f.Type(), true
	var err error
	switch d.typ {
	case bulk.Type64K:
		if d.mppc == nil {
			d.mppc = bulk.NewMPPCDecoder()
		}
		d.buf, err = d.mppc.Decompress(d.buf[:0], u.Data, f)
	case bulk.TypeRDP61:
		if d.rdp61 == nil {
			d.rdp61 = bulk.NewRDP61Decoder()
		}
		d.buf, err = d.rdp61.Decompress(d.buf[:0], u.Data, f)
	default:
		return u, fmt.Errorf("%v compressed with %v, which the test expert does not decode", u.Code, f)
	}
	if err != nil {
		return u, fmt.Errorf("%v: %w", u.Code, err)
	}
	u.Compression, u.CompressionFlags, u.Data = 0, 0, d.buf
	return u, nil
}
