// Package listener binds the RDP port on the novice's local addresses and
// reports the address/port pairs it really listens on, for the invitation's
// connection string.
//
// [MS-RA] 3.2.5: "The novice starts listening on all IP Address and port
// pairs for an incoming TCP connection from the expert machine and generates
// a Remote Assistance Connection String" listing those pairs. Like Windows,
// the package binds every chosen address on its own socket (not the
// wildcard address), each on the configured port or on a dynamic port of its
// own, so that what it reports is exactly what accepts connections.
//
// The order of the addresses matters: FreeRDP experts try the listed
// addresses one after the other with blocking connects, so an unreachable
// address early in the list costs a whole SYN timeout (ra-protocol.md §5.2).
// [Order] therefore puts the most reachable addresses first: IPv4
// global/private, then IPv6 global (including ULA), then loopback, then
// link-local. An IPv6 link-local address only means something together with
// its zone, and the novice's zone means nothing on the expert's machine, so
// link-local addresses are left out unless asked for.
//
// The decisions (which addresses, in which order) are pure functions,
// [Filter], [Order] and [Parse], tested without touching the system;
// [LocalAddresses] and [Listen] add the I/O.
package listener
