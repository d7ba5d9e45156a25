package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// Window is the Window List Capability Set (TS_WINDOW_CAPABILITYSET),
// [MS-RDPERP] 2.2.1.1.2. Sent by both sides in RemoteApp sessions.
type Window struct {
	// WndSupportLevel: TS_WINDOW_LEVEL_NOT_SUPPORTED 0, TS_WINDOW_LEVEL_SUPPORTED 1,
	// TS_WINDOW_LEVEL_SUPPORTED_EX 2.
	WndSupportLevel     uint32 // WndSupportLevel
	NumIconCaches       uint8  // NumIconCaches
	NumIconCacheEntries uint16 // NumIconCacheEntries
}

var _ Set = (*Window)(nil)

const windowBody = 4 /* WndSupportLevel */ + 1 /* NumIconCaches */ + 2 /* NumIconCacheEntries */

// Type returns TypeWindow.
func (*Window) Type() SetType { return TypeWindow }

// Size returns the encoded length, 11.
func (*Window) Size() int { return headerSize + windowBody }

// AppendBinary appends the set.
func (s *Window) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeWindow, windowBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendU32LE(b, s.WndSupportLevel)
	b = append(b, s.NumIconCaches)
	return wire.AppendU16LE(b, s.NumIconCacheEntries), nil
}

// Decode reads one TS_WINDOW_CAPABILITYSET.
func (s *Window) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeWindow, "TS_WINDOW_CAPABILITYSET", func(d *wire.Reader) {
		s.WndSupportLevel = d.U32LE()
		s.NumIconCaches = d.U8()
		s.NumIconCacheEntries = d.U16LE()
	}, windowBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Window) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
