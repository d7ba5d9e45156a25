// Package sec holds the security-layer PDUs of the RDP connection sequence:
// the security headers ([MS-RDPBCGR] 2.2.8.1.1.2.1 and 2.2.8.1.1.2.2), the
// Security Exchange PDU data (2.2.1.10.1), the Client Info PDU data
// (2.2.1.11.1.1 with its extended part, time zone and auto-reconnect cookie,
// 2.2.1.11.1.1.1, 2.2.1.11.1.1.1.1, 2.2.4.3) and the licensing PDUs the server
// needs for the short "valid client" path (2.2.1.12, [MS-RDPELE] 2.2.2).
//
// The package only moves bytes. Encrypting, decrypting and signing the data
// that follows a security header is package stdsec's job; so is decrypting
// the client random carried by SecurityExchange. The FIPS security header
// (TS_SECURITY_HEADER2) is not modelled: FIPS is out of scope.
//
// Secrets: ClientInfo carries the logon password and, in Remote Assistance,
// the assistance password (in AlternateShell, [MS-RA] 2.2.7.2); the
// auto-reconnect cookie carries a proof. Their String, GoString and Format
// methods print these fields redacted, and no error of this package quotes
// field contents.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [MS-RDPELE]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpele/
// [MS-RA]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ra/
package sec
