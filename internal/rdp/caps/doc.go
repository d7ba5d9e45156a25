// Package caps holds the RDP capability sets exchanged in the Demand Active
// and Confirm Active PDUs: [MS-RDPBCGR] 2.2.1.13.1.1.1 (TS_CAPS_SET) and
// 2.2.7 (every set), [MS-RDPEGDI] 2.2.1.1–2.2.1.4 (color table cache,
// DrawNineGrid, GDI+, bitmap cache v3 codec ID), [MS-RDPERP] 2.2.1.1 (RAIL,
// window list), [MS-RDPNSC] 2.2.1 (NSCodec properties) and [MS-RDPRFX]
// 2.2.1.1–2.2.1.3 (RemoteFX client container, frame acknowledge).
//
// Every set is one Go type implementing [Set]; its Decode reads the whole
// TS_*_CAPABILITYSET including the 4-byte header (capabilitySetType,
// lengthCapability). [DecodeSets] dispatches on capabilitySetType; types this
// package does not model decode as [Unknown], kept byte for byte.
// [Negotiate] extracts what a server keeps from a client's Confirm Active.
//
// Conventions shared by every set:
//
//   - lengthCapability must equal the size of the fields the spec defines.
//     The only accepted alternatives are the optional trailing fields the
//     spec itself allows (Pointer pointerCacheSize, Virtual Channel
//     VCChunkSize) and the 4-byte Font set Windows servers send (the bug
//     noted in [MS-RDPBCGR] 4.1.12). Every Confirm Active set written by
//     xfreerdp 2.11.7 (libfreerdp/core/capabilities.c rdp_write_*) and by
//     mstsc in [MS-RDPBCGR] 4.1.13 has exactly the spec length, so no set
//     keeps unmodelled trailing bytes.
//   - Fields the spec fixes ("MUST be set to X") are not struct fields: the
//     encoder writes X and the decoder rejects anything else. Fields the spec
//     says are ignored, or SHOULD hold a value, and padding are not struct
//     fields either: the encoder writes the recommended value and the decoder
//     ignores what was sent (so a spec dump with uninitialised padding
//     decodes, and re-encodes canonically).
//   - Boolean fields decode any nonzero value as TRUE, as FreeRDP and the
//     spec's receivers do, and encode TRUE as 1.
//   - Optional trailing fields are pointers: nil means absent.
//   - Decoded byte slices (codec properties, Unknown data) are copied: the
//     sets outlive the buffer they came from.
//
// [MS-RDPBCGR]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/
// [MS-RDPEGDI]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpegdi/
// [MS-RDPERP]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdperp/
// [MS-RDPNSC]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpnsc/
// [MS-RDPRFX]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdprfx/
package caps
