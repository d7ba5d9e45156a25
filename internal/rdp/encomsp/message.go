package encomsp

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/wire"
)

// Message is one order, [MS-RDPEMC] 2.2.3–2.2.5: *FilterUpdated,
// *ApplicationCreated, *ApplicationRemoved, *WindowCreated,
// *WindowRemoved, *ShowWindow, *WindowRegionUpdate, *ParticipantCreated,
// *ParticipantRemoved, *ChangeParticipantControlLevel,
// *ChangeParticipantControlLevelResponse, *GraphicsStreamPaused or
// *GraphicsStreamResumed. The set is closed.
//
// Each type's wire form (Size, AppendBinary, Decode, UnmarshalBinary) is
// the whole order as the spec draws it: ORDER_HDR, then the fields.
// Encoding writes Length as the exact size; decoding accepts a larger
// Length and ignores the surplus (3.2.5.1.1; see the package comment).
type Message interface {
	wire.PDU
	// OrderType returns the order's ORDER_HDR Type.
	OrderType() OrderType
	// decodeBody reads the fields after ORDER_HDR from a reader holding
	// Length-4 bytes; any bytes it leaves are the ignored surplus.
	decodeBody(r *wire.Reader) error
}

// newMessage returns a zero order of type t, or nil for an unknown type.
// It is the package's single dispatch on Type.
func newMessage(t OrderType) Message {
	switch t {
	case TypeFilterStateUpdated:
		return new(FilterUpdated)
	case TypeAppRemoved:
		return new(ApplicationRemoved)
	case TypeAppCreated:
		return new(ApplicationCreated)
	case TypeWndRemoved:
		return new(WindowRemoved)
	case TypeWndCreated:
		return new(WindowCreated)
	case TypeWndShow:
		return new(ShowWindow)
	case TypeParticipantRemoved:
		return new(ParticipantRemoved)
	case TypeParticipantCreated:
		return new(ParticipantCreated)
	case TypeParticipantCtrlChange:
		return new(ChangeParticipantControlLevel)
	case TypeGraphicsStreamPaused:
		return new(GraphicsStreamPaused)
	case TypeGraphicsStreamResumed:
		return new(GraphicsStreamResumed)
	case TypeWndRegionUpdate:
		return new(WindowRegionUpdate)
	case TypeParticipantCtrlChangeResponse:
		return new(ChangeParticipantControlLevelResponse)
	}
	return nil
}

// Decode decodes one whole order: b must be exactly the Length its
// ORDER_HDR gives. An order of unknown type whose header is consistent
// with b gives an *UnknownTypeError (errors.Is ErrUnknownType), which
// the caller logs and drops (3.1.5.1: the PDU "SHOULD be ignored").
func Decode(b []byte) (Message, error) {
	var h OrderHeader
	if err := h.Decode(wire.NewReader(b)); err != nil {
		return nil, err
	}
	m := newMessage(h.Type)
	if m == nil {
		r := wire.NewReader(b)
		r.Skip(int(h.Length))
		if err := r.Finish(); err != nil {
			return nil, fmt.Errorf("encomsp: %v: Length %d: %w", h.Type, h.Length, err)
		}
		return nil, &UnknownTypeError{Type: h.Type, Length: h.Length}
	}
	if err := m.UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return m, nil
}

// DecodeAll decodes a whole channel message: the orders in it, back to
// back (3.1.5.1: "they are concatenated, with each message having its own
// common message header").
//
// Orders of unknown type are skipped, by their Length, and the orders
// after them decoded. If any were skipped, DecodeAll returns every known
// order together with an error that joins one *UnknownTypeError per
// skipped order: errors.Is(err, ErrUnknownType) holds, and the caller
// logs it and carries on. Any other error — a header that does not fit,
// a Length beyond the data or below an order's fields, a bad string — is
// fatal: DecodeAll returns nil and an error that does not wrap
// ErrUnknownType, and the caller ends the connection ("The receiver
// SHOULD disconnect from the sharing session if there is not enough
// data", 3.1.5.1). An empty message holds no orders.
//
// Decoded orders do not alias msg.
func DecodeAll(msg []byte) ([]Message, error) {
	var (
		msgs    []Message
		unknown []error
	)
	for off := 0; off < len(msg); {
		order, err := nextOrder(msg[off:])
		if err != nil {
			return nil, fmt.Errorf("%w (order at offset %d)", err, off)
		}
		m, err := Decode(order)
		switch {
		case errors.Is(err, ErrUnknownType):
			unknown = append(unknown, err)
		case err != nil:
			return nil, fmt.Errorf("%w (order at offset %d)", err, off)
		default:
			msgs = append(msgs, m)
		}
		off += len(order)
	}
	return msgs, errors.Join(unknown...)
}

// nextOrder returns the order at the start of b, by its header's Length.
func nextOrder(b []byte) ([]byte, error) {
	r := wire.NewReader(b)
	var h OrderHeader
	if err := h.Decode(r); err != nil {
		return nil, err
	}
	// 3.1.5.1: "the receiver MUST verify that enough network data remains
	// in the virtual channel packet to process a message of the size
	// specified by the Length field."
	r.Skip(int(h.Length) - HeaderSize)
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("encomsp: %v: Length %d: %w", h.Type, h.Length, err)
	}
	return b[:h.Length:h.Length], nil
}

// AppendMessages appends msgs, back to back, as one channel message for a
// participant. It refuses, with an error wrapping ErrUnsendable, any order
// a sharer does not send to a participant by default: the participant's
// own orders (0x0006, 0x0009) and those a FreeRDP participant cannot take
// (0x000C, 0x000D; see OrderType.SafeForFreeRDP). On error it returns b
// unchanged.
func AppendMessages(b []byte, msgs ...Message) ([]byte, error) {
	start := len(b)
	for _, m := range msgs {
		t := m.OrderType()
		if t.FromParticipant() || !t.SafeForFreeRDP() {
			return b[:start], fmt.Errorf("%w: %s", ErrUnsendable, t.pduName())
		}
		var err error
		if b, err = m.AppendBinary(b); err != nil {
			return b[:start], err
		}
	}
	return b, nil
}

// decodeOrder reads one whole order of m's type from r into m: ORDER_HDR,
// then m's fields from the Length-4 bytes that follow.
func decodeOrder(m Message, r *wire.Reader) error {
	t := m.OrderType()
	name := t.pduName()
	bodyStart := r.Offset() + HeaderSize
	var h OrderHeader
	if err := h.decode(r); err != nil {
		return fmt.Errorf("encomsp: %s: ORDER_HDR: %w", name, err)
	}
	// 2.2.3.1–2.2.5.2: "The Type field of the common PDU header MUST be
	// set to" the order's type.
	if h.Type != t {
		return fmt.Errorf("encomsp: %s: ORDER_HDR: %w", name, r.Failf("Type", "%v, want %v", h.Type, t))
	}
	// 3.1.5.1: "the receiver MUST verify that enough network data remains
	// in the virtual channel packet to process a message of the size
	// specified by the Length field."
	body := r.Sub(int(h.Length) - HeaderSize)
	if err := r.Err(); err != nil {
		return fmt.Errorf("encomsp: %s: Length %d: %w", name, h.Length, err)
	}
	// 3.2.5.1.1 and its siblings: "If the PDU size is not long enough to
	// contain all the fields in the message, … the connection SHOULD be
	// terminated."
	if err := m.decodeBody(body); err != nil {
		var de *wire.DecodeError
		if errors.As(err, &de) { // body's own error: make its offset r's
			de.Offset += bodyStart
		}
		return fmt.Errorf("encomsp: %s: Length %d: %w", name, h.Length, err)
	}
	// Whatever body still holds is ignored. 3.2.5.1.1: "If the size of the
	// received PDU extends past the end of the Name string, the receiver
	// SHOULD ignore the rest of the PDU (the part that extends past the
	// end of the PDU is reserved for future extensions of the message)";
	// Windows does so for every order (<9>, <11>, <12>, <14>–<17>, <20>,
	// <22>–<25>, <30>), and so does FreeRDP.
	return nil
}
