package encomsp

import (
	"errors"
	"fmt"
)

// Sentinel errors. Decoders otherwise return *wire.DecodeError chains
// wrapping wire.ErrShort, wire.ErrTrailing or wire.ErrInvalid.
var (
	// ErrUnknownType means an order has a Type outside 0x0001–0x000D.
	// [MS-RDPEMC] 3.1.5.1: "If the type does not correspond to a known
	// message type, the PDU SHOULD be ignored." The caller logs and drops
	// it; it is never a reason to disconnect.
	ErrUnknownType = errors.New("encomsp: unknown order type")
	// ErrUnsendable means AppendMessages was given an order the sharer
	// does not send to a participant: a participant's order (0x0006,
	// 0x0009) or one that ends a FreeRDP session (0x000C, 0x000D). See
	// OrderType.SafeForFreeRDP.
	ErrUnsendable = errors.New("encomsp: order type not sendable to a participant")
)

// UnknownTypeError reports an order of unknown Type, well framed: its
// Length was checked against the data. It wraps ErrUnknownType.
type UnknownTypeError struct {
	Type   OrderType // ORDER_HDR Type
	Length uint16    // ORDER_HDR Length, header included
}

func (e *UnknownTypeError) Error() string {
	return fmt.Sprintf("encomsp: unknown order type %#04x (Length %d)", uint16(e.Type), e.Length)
}

// Unwrap returns ErrUnknownType.
func (e *UnknownTypeError) Unwrap() error { return ErrUnknownType }
