// Package order encodes and decodes the drawing orders ranoviced sends
// ([MS-RDPEGDI] 2.2.2): today one, the ScrBlt Primary Drawing Order
// (2.2.2.2.1.1.2.7), which moves a rectangle of the client's own screen,
// so a scrolled window costs a few bytes plus the newly exposed lines
// instead of the whole window as bitmaps.
//
// The server writes every order self-contained: TS_STANDARD with
// TS_TYPE_CHANGE, all fields present, 2-byte coordinates, no bounds. It
// therefore needs no per-connection order state, and a client that keeps
// state (the last order type and field values, 3.2.5.1) ends up with the
// same state whatever came before.
//
// Decoder, for the Go test expert, follows the spec's state rules for
// primary orders of the types this package knows (an order without
// TS_TYPE_CHANGE repeats the last type, absent fields keep their last
// values, TS_DELTA_COORDINATES makes coordinates 1-byte deltas) and
// rejects what the expert never advertises: other order types, secondary
// and alternate secondary orders, and bounds.
//
// The package is pure: bytes in, values out.
//
// [MS-RDPEGDI]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpegdi/
package order
