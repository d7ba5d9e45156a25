// Package mcs holds the T.125 Multipoint Communication Service PDUs that RDP
// uses ([MS-RDPBCGR] 2.2.1.3–2.2.1.9, 2.2.2.3 and the Send Data PDUs that
// carry every later slow-path PDU; [T125] section 7):
//
//   - the connect PDUs, BER-encoded: Connect-Initial (client) and
//     Connect-Response (server), with their DomainParameters. Their userData
//     is the GCC Conference Create Request/Response, kept here as opaque
//     bytes (package gcc decodes it);
//   - the DomainMCSPDUs, ALIGNED BASIC-PER: Erect Domain Request, Attach
//     User Request/Confirm, Channel Join Request/Confirm, Send Data
//     Request/Indication and Disconnect Provider Ultimatum. DecodeDomainPDU
//     is the one place that dispatches on the CHOICE byte.
//
// Every type decodes the MCS payload of one X.224 Data TPDU
// (x224.ParseData) and encodes without the TPKT and X.224 headers
// (x224.AppendDataHeader).
//
// # Channel and user ids
//
// All ids are plain uint16 values as RDP uses them: the I/O channel is
// 1003, a user channel 1007. UserId fields (every Initiator) are
// DynamicChannelIds, INTEGER (1001..65535), and travel as the offset from
// 1001 (BaseChannel); the types here add and subtract it. ChannelId fields
// travel as they are.
//
// [T125]: https://www.itu.int/rec/T-REC-T.125
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
package mcs

// Channel ids with a fixed meaning in RDP.
const (
	// BaseChannel is MCS_BASE_CHANNEL: the lowest DynamicChannelId and the
	// offset PER subtracts from every UserId on the wire.
	BaseChannel = 1001
	// ServerChannel (0x03EA) is the id Windows servers use for themselves:
	// the pduSource of server share control headers, the nodeId of the
	// Share capability set, the controlId of Granted Control, and the
	// initiator of the server's Send Data Indications. No client joins it,
	// so never hand it out as a user channel.
	ServerChannel = 1002
	// IOChannel (0x03EB) is the I/O (global) channel announced as
	// MCSChannelId in the Server Network Data (2.2.1.4.4); static virtual
	// channels get the ids after it, then the message channel, then the
	// user channel.
	IOChannel = 1003
)
