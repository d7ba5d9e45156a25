// Package bulk implements RDP bulk data compression for server-to-client
// data: RDP 5.0 compression, the 64 KB-history variant of MPPC
// (PACKET_COMPR_TYPE_64K, [MS-RDPBCGR] 3.1.8), and RDP 6.1 compression
// (PACKET_COMPR_TYPE_RDP61, [MS-RDPEGDI] 3.1.8.2), which chains a level-1
// matcher over a 2,000,000-byte history to an RDP 5.0 compressor. Each has
// an encoder, for the server, and a strict decoder, for the test client
// and the tests.
//
// The package is sans-IO: bytes in, bytes out. Encoders and decoders keep
// the history that the two ends of a connection share, so each connection
// has its own, used by one goroutine, in the order the PDUs are sent.
//
// # Use
//
// The client advertises the highest type it decodes in the Client Info
// PDU: INFO_COMPRESSION and the CompressionTypeMask bits of its flags
// ([MS-RDPBCGR] 2.2.1.11.1.1; FreeRDP 2.11.7 sends 0x000B47F3, type 3,
// RDP 6.1). The server picks a type up to it: RDP61Encoder for 3 or more,
// MPPCEncoder for 1 or 2 (RDP 6.0 compression is not implemented), no
// compression for 0 (RDP 4.0, 8 KB history, is not implemented either).
//
// For each fast-path update fragment (TS_FP_UPDATE, 2.2.9.1.2.1.1), the
// server compresses updateData and, if the returned Flags are Used, sets
// FASTPATH_OUTPUT_COMPRESSION_USED, sends the flags as compressionFlags and
// the returned bytes as updateData (size is their length); if not, it
// sends the fragment as it was, without compressionFlags. FreeRDP 2.11.7
// decompresses each fragment before reassembling the update
// (fastpath_recv_update), and shares one history between fast-path and
// slow-path data (rdp->bulk), but not virtual channel data, which it
// cannot decompress. To be compressed a fragment must hold at most
// MaxRDP61Len (RDP 6.1) or MaxMPPCLen (RDP 5.0) bytes and at least
// MinMPPCLen.
//
// # Flags
//
// MPPCEncoder.Compress sets the flags of [MS-RDPBCGR] 3.1.8.2.1:
//
//   - PACKET_COMPRESSED (0x20) when it sends compressed data.
//   - PACKET_AT_FRONT (0x40), with PACKET_COMPRESSED, when the data goes to
//     offset 0 of the history: the first PDU; a PDU that does not fit after
//     HistoryOffset ("the sum of the HistoryOffset and the size of the
//     uncompressed data exceeds the size of the history buffer", 3.1.8.1);
//     the first compressed PDU after a flush or Reset.
//   - PACKET_FLUSHED (0x80) without PACKET_COMPRESSED, with the data
//     uncompressed, when compressing would have expanded it (3.1.8.2: "this
//     results in a flush and the data is sent uncompressed"); and with
//     PACKET_COMPRESSED | PACKET_AT_FRONT on the first PDU after Reset.
//   - The type bits, 1, whenever one of the above is set; no flag at all
//     when it leaves a PDU uncompressed without touching the history (too
//     short or too long), which 3.1.8.3 leaves the receiver's history
//     alone for.
//
// The decoders follow [MS-RDPBCGR] 3.1.8.3: PACKET_FLUSHED zeros the
// history and resets HistoryOffset first, PACKET_AT_FRONT resets
// HistoryOffset, PACKET_COMPRESSED decompresses at HistoryOffset; data
// without PACKET_COMPRESSED passes through and does not enter the history.
//
// RDP61Encoder.Compress sends PACKET_COMPRESSED | PACKET_COMPR_TYPE_RDP61
// with every RDP61_COMPRESSED_DATA, as [MS-RDPEGDI] 3.1.8.2.2.2 requires
// when the level-1 history changes, and no flags for a PDU it leaves
// alone. The structure's own flags are described at Compress.
//
// # Interoperability
//
// Outside this repository, FreeRDP 2.11.7's decoders (libfreerdp2
// mppc_decompress and xcrush_decompress, called as its fast-path code calls
// them) decoded the output of both encoders for the benchmark payloads and
// for thousands of PDUs of mixed kinds and sizes, including history wrap,
// flushes and Resets; and both decoders here decoded what FreeRDP 2.11.7's
// compressors (mppc_compress, xcrush_compress) made of the same PDUs.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [MS-RDPEGDI]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpegdi/
package bulk
