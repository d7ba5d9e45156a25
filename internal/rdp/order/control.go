package order

// ControlFlags is the controlFlags byte that starts every drawing order
// ([MS-RDPEGDI] 2.2.2.2.1.1.2, PRIMARY_DRAWING_ORDER).
type ControlFlags uint8

const (
	Standard          ControlFlags = 0x01 // TS_STANDARD: set on every primary and secondary order
	Secondary         ControlFlags = 0x02 // TS_SECONDARY: a secondary (or, without Standard, alternate secondary) order
	Bounds            ControlFlags = 0x04 // TS_BOUNDS: a bounding rectangle applies
	TypeChange        ControlFlags = 0x08 // TS_TYPE_CHANGE: orderType is present
	DeltaCoordinates  ControlFlags = 0x10 // TS_DELTA_COORDINATES: Coord Fields are 1-byte deltas
	ZeroBoundsDeltas  ControlFlags = 0x20 // TS_ZERO_BOUNDS_DELTAS: the bounds did not change
	ZeroFieldByteBit0 ControlFlags = 0x40 // TS_ZERO_FIELD_BYTE_BIT0: one fieldFlags byte fewer
	ZeroFieldByteBit1 ControlFlags = 0x80 // TS_ZERO_FIELD_BYTE_BIT1: two fieldFlags bytes fewer
)

// Type is the orderType of a primary drawing order: its encoding order
// number.
type Type uint8

// TypeScrBlt is TS_ENC_SCRBLT_ORDER.
const TypeScrBlt Type = 0x02

// NegScrBlt is TS_NEG_SCRBLT_INDEX: the orderSupport entry of the Order
// Capability Set ([MS-RDPBCGR] 2.2.7.1.3) that says the client takes
// ScrBlt.
const NegScrBlt = 0x02
