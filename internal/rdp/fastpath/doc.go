// Package fastpath frames the fast-path PDUs of [MS-RDPBCGR]: the Client
// Fast-Path Input Event PDU (TS_FP_INPUT_PDU, 2.2.8.1.2) with its events
// (TS_FP_INPUT_EVENT, 2.2.8.1.2.2.x), and the Server Fast-Path Update PDU
// (TS_FP_UPDATE_PDU, 2.2.9.1.2) with its updates (TS_FP_UPDATE,
// 2.2.9.1.2.1), including update fragmentation and its reassembly.
//
// The package does no cryptography. Under Standard RDP Security the MAC
// (dataSignature) and the RC4 stream cover exactly one byte range per PDU,
// and this package exposes that range:
//
//   - input: InputPDU.Data, everything after dataSignature (the optional
//     numEvents byte and the events). The caller verifies the MAC over it
//     and decrypts it in place, then calls DecodeInputEvents.
//   - output: the updates argument of AppendOutputPDU (one or more
//     TS_FP_UPDATE structures, as AppendUpdate writes them). The caller
//     computes the MAC over the plaintext, encrypts it, and passes the
//     ciphertext and the signature.
//
// This mirrors FreeRDP 2.11 (libfreerdp/core/fastpath.c
// fastpath_send_update_pdu, peer.c peer_recv_fastpath_pdu).
//
// Remote Assistance ([MS-RA] 2.2.7.1) wraps each fast-path update in an
// MSRA_FP_UPDATE_WRAPPER: the update followed by padding that its size
// field counts. The updates written here carry no padding, which is a
// valid wrapper for every expert; DecodeUpdates hands a reader the size
// bytes of each update, padding included, and skips by size.
//
// fipsInformation is never expected or written: it is present only under
// ENCRYPTION_METHOD_FIPS, which ranoviced never selects. Updates may carry
// bulk-compressed updateData (compressionFlags); this package frames them
// and package bulk compresses and decompresses. A fragmented update's
// pieces are compressed one by one, so the receiver decompresses each
// before the Reassembler joins them.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
package fastpath
