// Package encomsp implements the PDUs of the Multiparty Virtual Channel
// Extension ([MS-RDPEMC]) that a sharing manager (the novice daemon, the
// RDP server) sends and receives on the static virtual channel "encomsp":
// one type per order, each in its own file, the ORDER_HDR and
// UNICODE_STRING structures they share, the single dispatch on the order
// type (Decode), the walk over a channel message holding several orders
// (DecodeAll), and the encoder of an outgoing channel message
// (AppendMessages).
//
// The package is tier 0 (CONTRIBUTING.md): no I/O, no clock, no
// randomness, no logging, no package-level state. It sees reassembled
// channel messages (the svc package does the chunking); what the orders
// mean to the session — who may view or interact, which windows are
// shared — is the caller's business.
//
// # Orders
//
// Every order starts with ORDER_HDR (2.2.1): Type and Length, both LE16,
// Length counting the header. "More than one sharing message can be
// contained in a single virtual channel payload" (3.1.5.1); receivers
// walk them by Length. A participant sends only two orders, Show Window
// (0x0006) and Change Participant Control Level (0x0009); the sharer
// sends the others. All thirteen decode and encode, in both directions.
//
// # Decoding
//
// Decoders are total and bounds-checked. An order whose Length exceeds
// the data, is below 4, or is too small for the order's fields is an
// error: 3.1.5.1 says the receiver "MUST verify that enough network data
// remains" and "SHOULD disconnect" otherwise, and Windows does. Bytes
// after an order's fields but inside its Length are ignored: 3.2.5.1.1
// reserves them "for future extensions of the message", and Windows
// (<9>…<30>) and FreeRDP skip them; they are not kept, so the canonical
// re-encoding is shorter. Bytes after the Length of a whole order given
// to UnmarshalBinary or Decode are an error (wire.ErrTrailing).
//
// An order of unknown Type "SHOULD be ignored" (3.1.5.1; Windows does,
// <7>). Decode reports one as an *UnknownTypeError (errors.Is
// ErrUnknownType); DecodeAll skips it, decodes the orders after it, and
// reports it in the same way so the caller can log and drop it. Any
// other error ends the channel message, and by the spec the connection.
//
// Flag fields decode whatever bits are set; interpreting them, and
// ignoring ALLOW_CONTROL_REQUESTS as Windows does (<30>), is the caller's
// job.
//
// # Strings
//
// UNICODE_STRING (2.2.2) is cchString, at most MaxStringLength UTF-16 code
// units, and that many code units. The string "comprises the first n
// Unicode characters … where n is the lesser of the value of the
// cchString field and the number of characters preceding the first null":
// decoding cuts at the first NUL, so a decoded string never holds one.
// Encoding refuses a string with a NUL or over MaxStringLength code
// units; FitString shortens a name to what can be sent.
//
// # FreeRDP
//
// FreeRDP's encomsp client (2.11.7 and 3.x) knows orders 0x0001–0x000B
// only; on any other type it fails the channel, and a channel error ends
// the whole RDP session. So the sharer must not send Window Region Update
// (0x000C) or Change Participant Control Level Response (0x000D) to it.
// It also hands a received 0x0009 to its ChangeParticipantControlLevel
// callback, which is its own send function: a 0x0009 sent to FreeRDP
// comes straight back as a control request. OrderType.SafeForFreeRDP says
// which types are safe; AppendMessages, the encoder for outgoing channel
// messages, refuses the rest and the participant-only types. Sending a
// 0x000D anyway (to a Windows 10+ participant, behind an explicit
// opt-in) means calling its AppendBinary directly.
//
// FreeRDP 2.x experts always send ParticipantId 0 in Change Participant
// Control Level; 3.x sends the id learned from the IS_PARTICIPANT copy of
// Participant-Created, or 0. The codec keeps the value as sent.
//
// [MS-RDPEMC]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpemc/
package encomsp
