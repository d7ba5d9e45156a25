// Package x224 holds the connection-layer PDUs below MCS: the TPKT header
// ([T123] section 8, RFC 1006), the class 0 X.224 TPDUs RDP uses ([X224]
// sections 13.3, 13.4, 13.5, 13.7) and the RDP negotiation structures they
// carry ([MS-RDPBCGR] 2.2.1.1, 2.2.1.1.1, 2.2.1.1.2, 2.2.1.2, 2.2.1.2.1,
// 2.2.1.2.2).
//
// The Connection Request, Connection Confirm and Disconnect Request types
// are whole PDUs: their encoding starts with the TPKT header, and
// UnmarshalBinary takes one complete TPKT. Every other slow-path PDU is an
// X.224 Data TPDU whose payload belongs to MCS; AppendData, AppendDataHeader
// and ParseData add and remove its 7-byte header.
//
// Server processing of the Connection Request is [MS-RDPBCGR] 3.3.5.3.1;
// the Connection Confirm is built as in 3.3.5.3.2.
//
// [T123]: https://www.itu.int/rec/T-REC-T.123
// [X224]: https://www.itu.int/rec/T-REC-X.224
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
package x224
