// Package dvc implements the Dynamic Virtual Channel Extension
// ([MS-RDPEDYC]) on the server side: the DVC PDUs carried as messages of
// the "drdynvc" static virtual channel (2.2), one type per file, their
// single dispatch (Decode), and the Manager, a sans-IO state machine that
// negotiates capabilities, opens and closes channels, and fragments and
// reassembles channel data (3.1, 3.3).
//
// Every DVC PDU starts with one header byte: cbId (bits 0–1, the width of
// ChannelId: 0 = 1 byte, 1 = 2 bytes, 2 = 4 bytes, 3 invalid), Sp (bits
// 2–3, meaning per command) and Cmd (bits 4–7) (2.2). Decoders accept any
// valid ChannelId width; encoders write the smallest.
//
// The server offers version 2 (DYNVC_CAPS_VERSION2, zero priority
// charges, as xrdp does; rdp-server.md §4.2). Version 3 adds compressed
// data, which ranoviced does not implement: compressed data PDUs and the
// multitransport soft-sync PDUs are recognised and rejected.
//
// [MS-RDPEDYC]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpedyc/
package dvc
