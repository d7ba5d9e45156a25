package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// BitmapCacheHostSupport is the Bitmap Cache Host Support Capability Set
// (TS_BITMAPCACHE_HOSTSUPPORT_CAPABILITYSET), [MS-RDPBCGR] 2.2.7.2.1. Server
// to client only: it announces persistent (Revision 2) bitmap caching.
// cacheVersion "MUST be set to TS_BITMAPCACHE_REV2 (0x01)", so the set has
// no fields; the decoder rejects any other cacheVersion.
type BitmapCacheHostSupport struct{}

var _ Set = (*BitmapCacheHostSupport)(nil)

const bitmapCacheHostSupportBody = 1 /* cacheVersion */ + 1 /* pad1 */ + 2 /* pad2 */

const bitmapCacheRev2Version = 0x01 // TS_BITMAPCACHE_REV2

// Type returns TypeBitmapCacheHostSupport.
func (*BitmapCacheHostSupport) Type() SetType { return TypeBitmapCacheHostSupport }

// Size returns the encoded length, 8.
func (*BitmapCacheHostSupport) Size() int { return headerSize + bitmapCacheHostSupportBody }

// AppendBinary appends the set.
func (s *BitmapCacheHostSupport) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeBitmapCacheHostSupport, bitmapCacheHostSupportBody)
	if err != nil {
		return nil, err
	}
	b = append(b, bitmapCacheRev2Version, 0) // cacheVersion, pad1
	return wire.AppendU16LE(b, 0), nil       // pad2
}

// Decode reads one TS_BITMAPCACHE_HOSTSUPPORT_CAPABILITYSET.
func (s *BitmapCacheHostSupport) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeBitmapCacheHostSupport, "TS_BITMAPCACHE_HOSTSUPPORT_CAPABILITYSET", func(d *wire.Reader) {
		// cacheVersion: "This field MUST be set to TS_BITMAPCACHE_REV2 (0x01)."
		if v := d.U8(); d.Err() == nil && v != bitmapCacheRev2Version {
			d.Failf("cacheVersion", "%#02x, want %#02x", v, bitmapCacheRev2Version)
		}
		d.Skip(1 + 2) // pad1, pad2
	}, bitmapCacheHostSupportBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *BitmapCacheHostSupport) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
