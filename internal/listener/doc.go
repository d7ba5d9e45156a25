// Package listener will bind the configured port on every usable local
// address (IPv4 and IPv6, as policy says), report the address/port pairs it
// really listens on for the invitation's connection string, and hand
// accepted connections to the RDP server. Until then, ranoviced run binds
// the configured addresses directly. (Issue 3.)
package listener
