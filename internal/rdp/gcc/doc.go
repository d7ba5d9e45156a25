// Package gcc encodes and decodes the T.124 Generic Conference Control
// wrapper that RDP carries in the userData of the MCS Connect-Initial and
// Connect-Response PDUs, and every settings data block inside it:
//
//   - [ConferenceCreateRequest]: the GCC Conference Create Request
//     ([MS-RDPBCGR] 2.2.1.3, [T124] 8.7, 9.5, 9.6) holding [ClientData]:
//     TS_UD_CS_CORE (2.2.1.3.2), TS_UD_CS_SEC (2.2.1.3.3), TS_UD_CS_NET
//     (2.2.1.3.4), TS_UD_CS_CLUSTER (2.2.1.3.5), TS_UD_CS_MONITOR
//     (2.2.1.3.6), TS_UD_CS_MCS_MSGCHANNEL (2.2.1.3.7),
//     TS_UD_CS_MULTITRANSPORT (2.2.1.3.8) and TS_UD_CS_MONITOR_EX
//     (2.2.1.3.10); other block types are kept raw.
//   - [ConferenceCreateResponse]: the GCC Conference Create Response
//     ([MS-RDPBCGR] 2.2.1.4) holding [ServerData]: TS_UD_SC_CORE (2.2.1.4.2),
//     TS_UD_SC_SEC1 (2.2.1.4.3), TS_UD_SC_NET (2.2.1.4.4),
//     TS_UD_SC_MCS_MSGCHANNEL (2.2.1.4.5) and TS_UD_SC_MULTITRANSPORT
//     (2.2.1.4.6).
//
// The input of this package is the value of the MCS Connect-Initial userData
// OCTET STRING and its output the value of the Connect-Response userData;
// the BER around them belongs to package mcs.
//
// The T.124 bytes are ALIGNED BASIC-PER ([X691]) as package per reads and
// writes them. RDP uses one fixed shape of each PDU, so this package checks
// every wrapper byte against that shape rather than implementing T.124.
//
// Decoders never act on the values they read: whether the client's
// serverSelectedProtocol matches the protocol the server selected, whether
// CS_CORE is present, which encryption method to pick, are the acceptor's
// decisions. The helpers [ClientData.CheckRequired],
// [ClientCoreData.SelectedProtocol] and [ClientSecurityData.Methods] are for
// it.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [T124]: https://www.itu.int/rec/T-REC-T.124
// [X691]: https://www.itu.int/rec/T-REC-X.691
package gcc
