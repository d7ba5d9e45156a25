package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// BitmapCacheV3CodecID is the Bitmap Cache V3 Codec ID Capability Set
// (TS_BITMAPCACHE_V3_CODECID), [MS-RDPEGDI] 2.2.1.4 in the revisions that
// define it (the current text drops the section; the layout follows FreeRDP
// 2.11.7 rdp_write_bitmap_cache_v3_codec_id_capability_set). It names the
// bitmap codec of Cache Bitmap (Revision 3) orders.
type BitmapCacheV3CodecID struct {
	CodecID uint8 // codecId
}

var _ Set = (*BitmapCacheV3CodecID)(nil)

const bitmapCacheV3Body = 1 /* codecId */

// Type returns TypeBitmapCacheV3CodecID.
func (*BitmapCacheV3CodecID) Type() SetType { return TypeBitmapCacheV3CodecID }

// Size returns the encoded length, 5.
func (*BitmapCacheV3CodecID) Size() int { return headerSize + bitmapCacheV3Body }

// AppendBinary appends the set.
func (s *BitmapCacheV3CodecID) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeBitmapCacheV3CodecID, bitmapCacheV3Body)
	if err != nil {
		return nil, err
	}
	return append(b, s.CodecID), nil
}

// Decode reads one TS_BITMAPCACHE_V3_CODECID.
func (s *BitmapCacheV3CodecID) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBitmapCacheV3CodecID, "TS_BITMAPCACHE_V3_CODECID", func(d *wire.Reader) {
		s.CodecID = d.U8()
	}, bitmapCacheV3Body)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *BitmapCacheV3CodecID) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
