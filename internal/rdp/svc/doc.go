// Package svc implements static virtual channel framing ([MS-RDPBCGR]
// 2.2.6.1, 2.2.6.1.1, 3.1.5.2): the Channel PDU Header, chunking of
// outgoing messages, reassembly of incoming chunks, and the Processor
// interface that channel handlers (drdynvc, remdesk, encomsp…) implement.
//
// The caller carries each chunk in an MCS Send Data Indication on the
// channel's MCS id (with a security header under Standard RDP Security);
// this package sees only CHANNEL_PDU_HEADER and the chunk data.
//
// The server advertises no virtual channel compression (VCCAPS_NO_COMPR,
// 2.2.7.1.10), so it never writes and never accepts compressed chunks.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
package svc
