package caps

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// SetType is capabilitySetType, the type of a capability set
// ([MS-RDPBCGR] 2.2.1.13.1.1.1).
type SetType uint16

// Capability set types.
const (
	TypeGeneral                SetType = 0x0001 // CAPSTYPE_GENERAL
	TypeBitmap                 SetType = 0x0002 // CAPSTYPE_BITMAP
	TypeOrder                  SetType = 0x0003 // CAPSTYPE_ORDER
	TypeBitmapCache            SetType = 0x0004 // CAPSTYPE_BITMAPCACHE
	TypeControl                SetType = 0x0005 // CAPSTYPE_CONTROL
	TypeBitmapCacheV3CodecID   SetType = 0x0006 // CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID ([MS-RDPEGDI] 2.2.1.4)
	TypeActivation             SetType = 0x0007 // CAPSTYPE_ACTIVATION
	TypePointer                SetType = 0x0008 // CAPSTYPE_POINTER
	TypeShare                  SetType = 0x0009 // CAPSTYPE_SHARE
	TypeColorCache             SetType = 0x000A // CAPSTYPE_COLORCACHE
	TypeSound                  SetType = 0x000C // CAPSTYPE_SOUND
	TypeInput                  SetType = 0x000D // CAPSTYPE_INPUT
	TypeFont                   SetType = 0x000E // CAPSTYPE_FONT
	TypeBrush                  SetType = 0x000F // CAPSTYPE_BRUSH
	TypeGlyphCache             SetType = 0x0010 // CAPSTYPE_GLYPHCACHE
	TypeOffscreenBitmapCache   SetType = 0x0011 // CAPSTYPE_OFFSCREENCACHE
	TypeBitmapCacheHostSupport SetType = 0x0012 // CAPSTYPE_BITMAPCACHE_HOSTSUPPORT
	TypeBitmapCacheRev2        SetType = 0x0013 // CAPSTYPE_BITMAPCACHE_REV2
	TypeVirtualChannel         SetType = 0x0014 // CAPSTYPE_VIRTUALCHANNEL
	TypeDrawNineGridCache      SetType = 0x0015 // CAPSTYPE_DRAWNINEGRIDCACHE
	TypeDrawGDIPlus            SetType = 0x0016 // CAPSTYPE_DRAWGDIPLUS
	TypeRail                   SetType = 0x0017 // CAPSTYPE_RAIL
	TypeWindow                 SetType = 0x0018 // CAPSTYPE_WINDOW
	TypeDesktopComposition     SetType = 0x0019 // CAPSETTYPE_COMPDESK
	TypeMultifragmentUpdate    SetType = 0x001A // CAPSETTYPE_MULTIFRAGMENTUPDATE
	TypeLargePointer           SetType = 0x001B // CAPSETTYPE_LARGE_POINTER
	TypeSurfaceCommands        SetType = 0x001C // CAPSETTYPE_SURFACE_COMMANDS
	TypeBitmapCodecs           SetType = 0x001D // CAPSETTYPE_BITMAP_CODECS
	TypeFrameAcknowledge       SetType = 0x001E // CAPSETTYPE_FRAME_ACKNOWLEDGE ([MS-RDPRFX] 2.2.1.3)
)

// String returns the spec name of t, or CAPSTYPE(0x…) for unknown types.
func (t SetType) String() string {
	switch t {
	case TypeGeneral:
		return "CAPSTYPE_GENERAL"
	case TypeBitmap:
		return "CAPSTYPE_BITMAP"
	case TypeOrder:
		return "CAPSTYPE_ORDER"
	case TypeBitmapCache:
		return "CAPSTYPE_BITMAPCACHE"
	case TypeControl:
		return "CAPSTYPE_CONTROL"
	case TypeBitmapCacheV3CodecID:
		return "CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID"
	case TypeActivation:
		return "CAPSTYPE_ACTIVATION"
	case TypePointer:
		return "CAPSTYPE_POINTER"
	case TypeShare:
		return "CAPSTYPE_SHARE"
	case TypeColorCache:
		return "CAPSTYPE_COLORCACHE"
	case TypeSound:
		return "CAPSTYPE_SOUND"
	case TypeInput:
		return "CAPSTYPE_INPUT"
	case TypeFont:
		return "CAPSTYPE_FONT"
	case TypeBrush:
		return "CAPSTYPE_BRUSH"
	case TypeGlyphCache:
		return "CAPSTYPE_GLYPHCACHE"
	case TypeOffscreenBitmapCache:
		return "CAPSTYPE_OFFSCREENCACHE"
	case TypeBitmapCacheHostSupport:
		return "CAPSTYPE_BITMAPCACHE_HOSTSUPPORT"
	case TypeBitmapCacheRev2:
		return "CAPSTYPE_BITMAPCACHE_REV2"
	case TypeVirtualChannel:
		return "CAPSTYPE_VIRTUALCHANNEL"
	case TypeDrawNineGridCache:
		return "CAPSTYPE_DRAWNINEGRIDCACHE"
	case TypeDrawGDIPlus:
		return "CAPSTYPE_DRAWGDIPLUS"
	case TypeRail:
		return "CAPSTYPE_RAIL"
	case TypeWindow:
		return "CAPSTYPE_WINDOW"
	case TypeDesktopComposition:
		return "CAPSETTYPE_COMPDESK"
	case TypeMultifragmentUpdate:
		return "CAPSETTYPE_MULTIFRAGMENTUPDATE"
	case TypeLargePointer:
		return "CAPSETTYPE_LARGE_POINTER"
	case TypeSurfaceCommands:
		return "CAPSETTYPE_SURFACE_COMMANDS"
	case TypeBitmapCodecs:
		return "CAPSETTYPE_BITMAP_CODECS"
	case TypeFrameAcknowledge:
		return "CAPSETTYPE_FRAME_ACKNOWLEDGE"
	}
	return fmt.Sprintf("CAPSTYPE(%#04x)", uint16(t))
}

// Set is one capability set. Decode reads the whole set, header included;
// Size counts the header.
type Set interface {
	wire.PDU
	// Type returns capabilitySetType.
	Type() SetType
}

// newSet returns an empty set of the Go type that models t, or an Unknown
// of type t. It is the only dispatch on capabilitySetType.
func newSet(t SetType) Set {
	switch t {
	case TypeGeneral:
		return new(General)
	case TypeBitmap:
		return new(Bitmap)
	case TypeOrder:
		return new(Order)
	case TypeBitmapCache:
		return new(BitmapCache)
	case TypeControl:
		return new(Control)
	case TypeBitmapCacheV3CodecID:
		return new(BitmapCacheV3CodecID)
	case TypeActivation:
		return new(Activation)
	case TypePointer:
		return new(Pointer)
	case TypeShare:
		return new(Share)
	case TypeColorCache:
		return new(ColorCache)
	case TypeSound:
		return new(Sound)
	case TypeInput:
		return new(Input)
	case TypeFont:
		return new(Font)
	case TypeBrush:
		return new(Brush)
	case TypeGlyphCache:
		return new(GlyphCache)
	case TypeOffscreenBitmapCache:
		return new(OffscreenBitmapCache)
	case TypeBitmapCacheHostSupport:
		return new(BitmapCacheHostSupport)
	case TypeBitmapCacheRev2:
		return new(BitmapCacheRev2)
	case TypeVirtualChannel:
		return new(VirtualChannel)
	case TypeDrawNineGridCache:
		return new(DrawNineGridCache)
	case TypeDrawGDIPlus:
		return new(DrawGDIPlus)
	case TypeRail:
		return new(Rail)
	case TypeWindow:
		return new(Window)
	case TypeDesktopComposition:
		return new(DesktopComposition)
	case TypeMultifragmentUpdate:
		return new(MultifragmentUpdate)
	case TypeLargePointer:
		return new(LargePointer)
	case TypeSurfaceCommands:
		return new(SurfaceCommands)
	case TypeBitmapCodecs:
		return new(BitmapCodecs)
	case TypeFrameAcknowledge:
		return new(FrameAcknowledge)
	}
	return &Unknown{SetType: t}
}

// DecodeSets reads count capability sets (the capabilitySets field of the
// Demand Active and Confirm Active PDUs, [MS-RDPBCGR] 2.2.1.13.1.1 and
// 2.2.1.13.2.1) from r, in order.
//
// Duplicate types are kept as sent: the spec neither forbids nor orders
// them. [Negotiate] uses the last set of each type, as FreeRDP 2.11's
// rdp_read_capability_sets does by processing sets in turn.
func DecodeSets(r *wire.Reader, count int) ([]Set, error) {
	// Every set is at least its 4-byte header: never allocate more than the
	// input can hold, whatever numberCapabilities claims.
	sets := make([]Set, 0, min(max(count, 0), r.Len()/headerSize))
	for i := range count {
		h := r.Peek(2)
		if h == nil {
			r.Fail("capabilitySets", fmt.Errorf("%w: set %d of %d missing", wire.ErrShort, i+1, count))
			return nil, fmt.Errorf("caps: %w", r.Err())
		}
		s := newSet(SetType(uint16(h[0]) | uint16(h[1])<<8))
		if err := s.Decode(r); err != nil {
			return nil, fmt.Errorf("caps: set %d of %d: %w", i+1, count, err)
		}
		sets = append(sets, s)
	}
	return sets, nil
}

// AppendSets appends every set in order.
func AppendSets(b []byte, sets []Set) ([]byte, error) {
	for i, s := range sets {
		if s == nil {
			return nil, fmt.Errorf("caps: set %d is nil", i+1)
		}
		var err error
		if b, err = s.AppendBinary(b); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// SetsSize returns the encoded length of sets.
func SetsSize(sets []Set) int {
	n := 0
	for _, s := range sets {
		if s != nil {
			n += s.Size()
		}
	}
	return n
}

const headerSize = 2 /* capabilitySetType */ + 2 /* lengthCapability */

// appendHeader appends the TS_CAPS_SET header of a set whose capabilityData
// is bodyLen bytes long.
func appendHeader(b []byte, t SetType, bodyLen int) ([]byte, error) {
	if bodyLen+headerSize > 0xFFFF {
		return nil, fmt.Errorf("caps: %v: lengthCapability %d exceeds 65535", t, bodyLen+headerSize)
	}
	b = wire.AppendU16LE(b, uint16(t))
	return wire.AppendU16LE(b, uint16(bodyLen+headerSize)), nil
}

// decodeSet reads the header of a set of type t, checks that its
// capabilityData is one of sizes bytes long (any length when sizes is
// empty), calls read with a Reader over exactly that data, and requires read
// to consume it. name is the spec structure name, for errors.
func decodeSet(r *wire.Reader, t SetType, name string, read func(body *wire.Reader), sizes ...int) error {
	typ, length := SetType(r.U16LE()), r.U16LE()
	if err := r.Err(); err != nil {
		return fmt.Errorf("caps: %s: %w", name, err)
	}
	if typ != t {
		return fmt.Errorf("caps: %s: %w", name, r.Failf("capabilitySetType", "%v, want %v", typ, t))
	}
	// 2.2.1.13.1.1.1: lengthCapability counts "the size of the
	// capabilitySetType and lengthCapability fields".
	if length < headerSize {
		return fmt.Errorf("caps: %s: %w", name, r.Failf("lengthCapability", "%d is shorter than the header", length))
	}
	n := int(length) - headerSize
	if len(sizes) > 0 && !slices.Contains(sizes, n) {
		return fmt.Errorf("caps: %s: %w", name, r.Failf("lengthCapability", "%d, want %s", length, lengths(sizes)))
	}
	body := r.Sub(n)
	if err := r.Err(); err != nil {
		return fmt.Errorf("caps: %s: %w", name, err)
	}
	read(body)
	if err := body.Finish(); err != nil {
		return fmt.Errorf("caps: %s: %w", name, err)
	}
	return nil
}

// lengths formats capabilityData sizes as lengthCapability values.
func lengths(sizes []int) string {
	parts := make([]string, len(sizes))
	for i, s := range sizes {
		parts[i] = fmt.Sprint(s + headerSize)
	}
	return strings.Join(parts, " or ")
}

// boolU8, boolU16 and boolU32 encode a BOOL field: TRUE is 1.
func boolU8(v bool) uint8 {
	if v {
		return 1
	}
	return 0
}

func boolU16(v bool) uint16 { return uint16(boolU8(v)) }

func boolU32(v bool) uint32 { return uint32(boolU8(v)) }
