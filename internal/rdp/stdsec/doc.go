// Package stdsec implements the cryptography of Standard RDP Security,
// [MS-RDPBCGR] 5.3, for the server (and for a Go test client):
//
//   - the Terminal Services signing key (5.3.3.1.1) and the server's
//     proprietary certificate: RSA_PUBLIC_KEY (2.2.1.4.3.1.1.1),
//     PROPRIETARYSERVERCERTIFICATE (2.2.1.4.3.1.1) and SERVER_CERTIFICATE
//     (2.2.1.4.3.1), signed and verified as in 5.3.3.1.2 and 5.3.3.1.3;
//   - the Remote Assistance key hashes KH and KH2 over the certificate's
//     public key blob ([MS-RAI] 2.2.2);
//   - encrypting and decrypting the client random (5.3.4);
//   - the non-FIPS session keys (5.3.5.1), RC4 encryption with the MAC and
//     the salted MAC (5.3.6.1, 5.3.6.1.1) and the key update every 4096
//     packets (5.3.7.1).
//
// FIPS mode (ENCRYPTION_METHOD_FIPS: 3DES and HMAC-SHA1, 5.3.5.2, 5.3.6.2,
// 5.3.7.2) is out of scope, and so are X.509 certificate chains
// (CERT_CHAIN_VERSION_2) and the licensing keys of [MS-RDPELE].
//
// RC4, MD5 and SHA-1 and unpadded RSA are what the protocol prescribes;
// they are broken as general-purpose primitives, the scheme has no forward
// secrecy, and the proprietary certificate is signed with a published key,
// so it authenticates nothing by itself (Remote Assistance's KH/KH2 in the
// invitation is what binds the server key). These primitives are not
// available when Go runs in FIPS 140-only mode.
//
// The package does no I/O and draws no randomness: callers pass the server
// random, the client random and the RSA keys in.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [MS-RAI]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rai/
package stdsec
