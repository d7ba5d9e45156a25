package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// GDIPlusCacheEntries is a GDI+ Cache Entries structure
// (TS_GDIPLUS_CACHE_ENTRIES), [MS-RDPEGDI] 2.2.1.3.1.
type GDIPlusCacheEntries struct {
	GdipGraphicsCacheEntries        uint16 // GdipGraphicsCacheEntries
	GdipBrushCacheEntries           uint16 // GdipBrushCacheEntries
	GdipPenCacheEntries             uint16 // GdipPenCacheEntries
	GdipImageCacheEntries           uint16 // GdipImageCacheEntries
	GdipImageAttributesCacheEntries uint16 // GdipImageAttributesCacheEntries
}

// GDIPlusCacheChunkSize is a GDI+ Cache Chunk Size structure
// (TS_GDIPLUS_CACHE_CHUNK_SIZE), [MS-RDPEGDI] 2.2.1.3.2.
type GDIPlusCacheChunkSize struct {
	GdipGraphicsCacheChunkSize              uint16 // GdipGraphicsCacheChunkSize
	GdipObjectBrushCacheChunkSize           uint16 // GdipObjectBrushCacheChunkSize
	GdipObjectPenCacheChunkSize             uint16 // GdipObjectPenCacheChunkSize
	GdipObjectImageAttributesCacheChunkSize uint16 // GdipObjectImageAttributesCacheChunkSize
}

// GDIPlusImageCacheProperties is a GDI+ Image Cache Properties structure
// (TS_GDIPLUS_IMAGE_CACHE_PROPERTIES), [MS-RDPEGDI] 2.2.1.3.3.
type GDIPlusImageCacheProperties struct {
	GdipObjectImageCacheChunkSize uint16 // GdipObjectImageCacheChunkSize
	GdipObjectImageCacheTotalSize uint16 // GdipObjectImageCacheTotalSize
	GdipObjectImageCacheMaxSize   uint16 // GdipObjectImageCacheMaxSize
}

// DrawGDIPlus is the Draw GDI+ Capability Set
// (TS_DRAW_GDIPLUS_CAPABILITYSET), [MS-RDPEGDI] 2.2.1.3. Sent by both sides;
// only the client fills GdipVersion and the cache fields (a Windows server
// leaves them uninitialised, [MS-RDPBCGR] 4.1.12).
type DrawGDIPlus struct {
	DrawGDIPlusSupportLevel  uint32                      // drawGDIPlusSupportLevel: TS_DRAW_GDIPLUS_DEFAULT 0, _SUPPORTED 1
	GdipVersion              uint32                      // GdipVersion
	DrawGdiplusCacheLevel    uint32                      // drawGdiplusCacheLevel: TS_DRAW_GDIPLUS_CACHE_LEVEL_DEFAULT 0, _ONE 1
	GdipCacheEntries         GDIPlusCacheEntries         // GdipCacheEntries
	GdipCacheChunkSize       GDIPlusCacheChunkSize       // GdipCacheChunkSize
	GdipImageCacheProperties GDIPlusImageCacheProperties // GdipImageCacheProperties
}

var _ Set = (*DrawGDIPlus)(nil)

const drawGDIPlusBody = 4 /* drawGDIPlusSupportLevel */ + 4 /* GdipVersion */ + 4 /* drawGdiplusCacheLevel */ +
	10 /* GdipCacheEntries */ + 8 /* GdipCacheChunkSize */ + 6 /* GdipImageCacheProperties */

// Type returns TypeDrawGDIPlus.
func (*DrawGDIPlus) Type() SetType { return TypeDrawGDIPlus }

// Size returns the encoded length, 40.
func (*DrawGDIPlus) Size() int { return headerSize + drawGDIPlusBody }

// AppendBinary appends the set.
func (s *DrawGDIPlus) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeDrawGDIPlus, drawGDIPlusBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32LE(b, s.DrawGDIPlusSupportLevel)
	b = wire.AppendU32LE(b, s.GdipVersion)
	b = wire.AppendU32LE(b, s.DrawGdiplusCacheLevel)
	e, c, p := &s.GdipCacheEntries, &s.GdipCacheChunkSize, &s.GdipImageCacheProperties
	for _, v := range [...]uint16{
		e.GdipGraphicsCacheEntries, e.GdipBrushCacheEntries, e.GdipPenCacheEntries,
		e.GdipImageCacheEntries, e.GdipImageAttributesCacheEntries,
		c.GdipGraphicsCacheChunkSize, c.GdipObjectBrushCacheChunkSize,
		c.GdipObjectPenCacheChunkSize, c.GdipObjectImageAttributesCacheChunkSize,
		p.GdipObjectImageCacheChunkSize, p.GdipObjectImageCacheTotalSize, p.GdipObjectImageCacheMaxSize,
	} {
		b = wire.AppendU16LE(b, v)
	}
	return b, nil
}

// Decode reads one TS_DRAW_GDIPLUS_CAPABILITYSET.
func (s *DrawGDIPlus) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeDrawGDIPlus, "TS_DRAW_GDIPLUS_CAPABILITYSET", func(d *wire.Reader) {
		s.DrawGDIPlusSupportLevel = d.U32LE()
		s.GdipVersion = d.U32LE()
		s.DrawGdiplusCacheLevel = d.U32LE()
		s.GdipCacheEntries = GDIPlusCacheEntries{d.U16LE(), d.U16LE(), d.U16LE(), d.U16LE(), d.U16LE()}
		s.GdipCacheChunkSize = GDIPlusCacheChunkSize{d.U16LE(), d.U16LE(), d.U16LE(), d.U16LE()}
		s.GdipImageCacheProperties = GDIPlusImageCacheProperties{d.U16LE(), d.U16LE(), d.U16LE()}
	}, drawGDIPlusBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *DrawGDIPlus) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
