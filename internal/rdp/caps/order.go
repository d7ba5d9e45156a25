package caps

import "github.com/ranoviced/ranoviced/internal/rdp/wire"

// OrderFlags is orderFlags of the Order set ([MS-RDPBCGR] 2.2.7.1.3).
type OrderFlags uint16

// Order flags.
const (
	NegotiateOrderSupport   OrderFlags = 0x0002 // NEGOTIATEORDERSUPPORT
	ZeroBoundsDeltasSupport OrderFlags = 0x0008 // ZEROBOUNDSDELTASSUPPORT
	ColorIndexSupport       OrderFlags = 0x0020 // COLORINDEXSUPPORT
	SolidPatternBrushOnly   OrderFlags = 0x0040 // SOLIDPATTERNBRUSHONLY
	OrderFlagsExtraFlags    OrderFlags = 0x0080 // ORDERFLAGS_EXTRA_FLAGS
)

// Has reports whether every flag in f is set.
func (o OrderFlags) Has(f OrderFlags) bool { return o&f == f }

func (o OrderFlags) String() string {
	return wire.FormatFlags(uint64(o), []wire.Flag{
		{Bits: uint64(NegotiateOrderSupport), Name: "NEGOTIATEORDERSUPPORT"},
		{Bits: uint64(ZeroBoundsDeltasSupport), Name: "ZEROBOUNDSDELTASSUPPORT"},
		{Bits: uint64(ColorIndexSupport), Name: "COLORINDEXSUPPORT"},
		{Bits: uint64(SolidPatternBrushOnly), Name: "SOLIDPATTERNBRUSHONLY"},
		{Bits: uint64(OrderFlagsExtraFlags), Name: "ORDERFLAGS_EXTRA_FLAGS"},
	})
}

// OrderSupportExFlags is orderSupportExFlags of the Order set.
type OrderSupportExFlags uint16

// Extended order support flags.
const (
	OrderFlagsExCacheBitmapRev3Support   OrderSupportExFlags = 0x0002 // ORDERFLAGS_EX_CACHE_BITMAP_REV3_SUPPORT
	OrderFlagsExAltsecFrameMarkerSupport OrderSupportExFlags = 0x0004 // ORDERFLAGS_EX_ALTSEC_FRAME_MARKER_SUPPORT
)

func (o OrderSupportExFlags) String() string {
	return wire.FormatFlags(uint64(o), []wire.Flag{
		{Bits: uint64(OrderFlagsExCacheBitmapRev3Support), Name: "ORDERFLAGS_EX_CACHE_BITMAP_REV3_SUPPORT"},
		{Bits: uint64(OrderFlagsExAltsecFrameMarkerSupport), Name: "ORDERFLAGS_EX_ALTSEC_FRAME_MARKER_SUPPORT"},
	})
}

// Order is the Order Capability Set (TS_ORDER_CAPABILITYSET),
// [MS-RDPBCGR] 2.2.7.1.3. Sent by both sides.
//
// The fields the spec says are ignored are written with their recommended
// values and not decoded: terminalDescriptor (zeros), desktopSaveXGranularity
// (1), desktopSaveYGranularity (20), maximumOrderLevel (ORD_LEVEL_1_ORDERS),
// numberFonts (0) and textFlags (0; "Values in this field MUST be ignored").
type Order struct {
	OrderFlags OrderFlags // orderFlags
	// OrderSupport is indexed by the TS_NEG_*_INDEX negotiation indices; a
	// supported order holds 0x01.
	OrderSupport        [32]uint8           // orderSupport
	OrderSupportExFlags OrderSupportExFlags // orderSupportExFlags
	DesktopSaveSize     uint32              // desktopSaveSize (the client assumes 230400)
	TextANSICodePage    uint16              // textANSICodePage
}

var _ Set = (*Order)(nil)

const orderBody = 16 /* terminalDescriptor */ + 4 /* pad4octetsA */ +
	2 /* desktopSaveXGranularity */ + 2 /* desktopSaveYGranularity */ + 2 /* pad2octetsA */ +
	2 /* maximumOrderLevel */ + 2 /* numberFonts */ + 2 /* orderFlags */ + 32 /* orderSupport */ +
	2 /* textFlags */ + 2 /* orderSupportExFlags */ + 4 /* pad4octetsB */ + 4 /* desktopSaveSize */ +
	2 /* pad2octetsC */ + 2 /* pad2octetsD */ + 2 /* textANSICodePage */ + 2 /* pad2octetsE */

// Type returns TypeOrder.
func (*Order) Type() SetType { return TypeOrder }

// Size returns the encoded length, 88.
func (*Order) Size() int { return headerSize + orderBody }

// AppendBinary appends the set.
func (s *Order) AppendBinary(b []byte) ([]byte, error) {
	b, err := appendHeader(b, TypeOrder, orderBody)
	if err != nil {
		return nil, err
	}
	b = wire.AppendZeros(b, 16) // terminalDescriptor
	b = wire.AppendU32LE(b, 0)  // pad4octetsA
	b = wire.AppendU16LE(b, 1)  // desktopSaveXGranularity
	b = wire.AppendU16LE(b, 20) // desktopSaveYGranularity
	b = wire.AppendU16LE(b, 0)  // pad2octetsA
	b = wire.AppendU16LE(b, 1)  // maximumOrderLevel: ORD_LEVEL_1_ORDERS
	b = wire.AppendU16LE(b, 0)  // numberFonts
	b = wire.AppendU16LE(b, uint16(s.OrderFlags))
	b = append(b, s.OrderSupport[:]...)
	b = wire.AppendU16LE(b, 0) // textFlags
	b = wire.AppendU16LE(b, uint16(s.OrderSupportExFlags))
	b = wire.AppendU32LE(b, 0) // pad4octetsB
	b = wire.AppendU32LE(b, s.DesktopSaveSize)
	b = wire.AppendU16LE(b, 0) // pad2octetsC
	b = wire.AppendU16LE(b, 0) // pad2octetsD
	b = wire.AppendU16LE(b, s.TextANSICodePage)
	b = wire.AppendU16LE(b, 0) // pad2octetsE
	return b, nil
}

// Decode reads one TS_ORDER_CAPABILITYSET.
func (s *Order) Decode(r *wire.Reader) error {
	return decodeSet(r, TypeOrder, "TS_ORDER_CAPABILITYSET", func(d *wire.Reader) {
		d.Skip(16 + 4 + 2 + 2 + 2 + 2 + 2) // terminalDescriptor … numberFonts: ignored or padding
		s.OrderFlags = OrderFlags(d.U16LE())
		copy(s.OrderSupport[:], d.Bytes(32))
		d.Skip(2) // textFlags: "Values in this field MUST be ignored."
		s.OrderSupportExFlags = OrderSupportExFlags(d.U16LE())
		d.Skip(4) // pad4octetsB
		s.DesktopSaveSize = d.U32LE()
		d.Skip(2 + 2) // pad2octetsC, pad2octetsD
		s.TextANSICodePage = d.U16LE()
		d.Skip(2) // pad2octetsE
	}, orderBody)
}

// UnmarshalBinary decodes b, which must hold exactly one set.
func (s *Order) UnmarshalBinary(b []byte) error { return wire.Unmarshal(s, b) }
