// Package pdu holds the RDP share-layer PDUs, the slow-path bodies carried
// in MCS Send Data on the I/O channel once security is done:
//
//   - the Share Control and Share Data headers ([MS-RDPBCGR] 2.2.8.1.1.1)
//     and the envelope helpers that decode and encode them
//     (DecodeShareControl, DecodeShareData, AppendShareControl,
//     AppendShareData) and dispatch on their type fields
//     (DecodeShareControlBody, DecodeShareDataBody) — nothing else in the
//     module switches on pduType or pduType2;
//   - capability exchange: Demand Active (2.2.1.13.1.1), Confirm Active
//     (2.2.1.13.2.1), Deactivate All (2.2.3.1.1);
//   - connection finalization: Synchronize (2.2.1.14.1), Control
//     (2.2.1.15.1), Persistent Key List (2.2.1.17.1), Font List (2.2.1.18.1),
//     Font Map (2.2.1.22.1);
//   - Shutdown Request and Shutdown Request Denied (2.2.2.1.1, 2.2.2.2.1),
//     Set Error Info (2.2.5.1.1);
//   - slow-path input (2.2.8.1.1.3.1), decoded to the events of package
//     input;
//   - the bitmap update payload TS_UPDATE_BITMAP_DATA (2.2.9.1.1.3.1.2),
//     shared by the slow-path Update PDU and fast-path output;
//   - Refresh Rect and Suppress Output (2.2.11.2.1, 2.2.11.3.1);
//   - Frame Acknowledge ([MS-RDPRFX] 2.2.3.1).
//
// Every body type implements wire.PDU; a Data PDU body excludes the share
// data header, and the Demand Active, Confirm Active and Deactivate All
// bodies exclude the share control header. The security header, MCS and
// X.224 layers belong to other packages.
//
// Leniencies, each for a real peer:
//
//   - uncompressedLength of the share data header is never checked:
//     mstsc writes the body length plus 4 ([MS-RDPBCGR] 4.1.14–4.1.16), the
//     Windows client Font List leaves it uninitialised (4.1.18), FreeRDP
//     writes the body length. AppendShareData writes the whole PDU length,
//     as the Windows server does (4.1.19–4.1.22, 4.2.2) and xrdp.
//   - Slow-path KBDFLAGS_DOWN is accepted and ignored: xfreerdp 2.11.7 sets
//     it on every key press (freerdp_input_send_keyboard_event_ex), although
//     the spec defines it as "the key was down prior to this event".
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [MS-RDPRFX]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdprfx/
package pdu
