// Package invite builds and reads Remote Assistance invitations: the
// invitation file (.msrcIncident, [MS-RAI] 6), Connection Strings 1 and 2
// ([MS-RAI] 2.2.1, 2.2.2), the PassStub password proof ([MS-RAI] 8 <17>)
// and the encrypted LHTICKET ([MS-RAI] 8 <20>), plus the generators for
// passwords, PassStubs and Authorization String Identifiers.
//
// The package is pure: it does no I/O, reads no clock (times are Unix
// seconds passed in) and draws randomness only from an io.Reader the caller
// passes. It holds no state.
//
// # Who reads what we write
//
// The invitation is read by Windows experts (msra.exe, an XML parser) and
// by FreeRDP, whose 2.11.7 parser (Debian bookworm's xfreerdp) does not
// parse XML at all but looks for substrings. Everything written here is
// therefore both well-formed XML and laid out exactly as FreeRDP 2.11.7
// needs it (ra-protocol.md §1.2, §2.2):
//
//   - The file is one line of 8-bit text, no BOM, no NUL, attributes as
//     KEY="value" separated by single spaces, L last (2.11.7 looks for
//     ` L="`, with the space). No value contains `"`, `&`, `<` or `>`:
//     2.11.7 decodes no entity, so `&amp;` would reach its PassStub proof
//     as five characters while Windows and FreeRDP 3.x hash one.
//   - Connection String 2 is written `<E><A ID=… KH=… KH2=…/><C><T ID="1"
//     SID="0"><L P="port" N="host"/>…</T></C></E>` with ID first in <A> and
//     P before N in <L>, and ends in CR LF like both Windows samples.
//   - After writing, Marshal re-reads its own output the way FreeRDP 2.11.7
//     and 3.x look attributes up (first occurrence of `KEY="`) and fails
//     rather than emit a value that would be read as another attribute.
//
// # Short addresses
//
// FreeRDP 2.11.7 silently drops every <L> whose N has 8 characters or
// fewer ("10.0.0.5", "::1"); a file with no other address is rejected.
// [ForFreeRDP211] keeps each such entry where it is (Windows and FreeRDP
// 3.x, which try the addresses in order, still use it first) and adds right
// after it a longer spelling of the same address for 2.11.7: an IPv6
// literal fully expanded to eight groups, an IPv4 address as an
// IPv4-mapped IPv6 literal (::ffff:a.b.c.d, which an IPv6 socket sends as
// plain IPv4). A short host name has no longer spelling of the same name
// and stays alone; [Invitation.ReadableByFreeRDP211] reports when no entry
// is left for 2.11.7.
//
// # Connection String 1
//
// The RCTICKET (Connection String 1) is optional in a type-2 invitation:
// the 2024 Windows sample has none, and FreeRDP never parses it in type-2
// files. [ConnectionString1] derives it from Connection String 2 the way the
// 2014 Windows sample does (IPv4 and host-name listeners only, ID, KH), and
// [Build] writes it only when asked.
//
// # Cryptography
//
// RC4, MD5, SHA-1 and AES-CBC with a zero IV and no MAC are what the
// protocol prescribes, not choices. They are not available when Go runs in
// FIPS 140-only mode. No function here puts a password, a proof or a
// plaintext ticket into an error.
//
// [MS-RAI]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rai/
package invite
