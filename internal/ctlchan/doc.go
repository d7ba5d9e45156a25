// Package ctlchan implements Remote Assistance session initialization on
// the novice's side ([MS-RA] 2.2.1, 3.4–3.8): the remdesk framing, the
// REMOTEDESKTOP_* messages of the "RC_CTL" sub-channel, the expertBlob,
// the version 3 session authorization token, and Machine, the novice's
// state machine for protocol versions 1, 2 and 3 — password or token
// check, then the novice's consent, then the view.
//
// The package is tier 1 (CONTRIBUTING.md): no I/O, no clock, no
// randomness, no logging, no package-level state. The connection's owner
// goroutine feeds Machine whole remdesk PDUs and carries out the Actions
// it returns.
//
// # Transport and framing
//
// [MS-RA] 2.1 puts session initialization on a dynamic channel "RC_CTL"
// or a static channel "remdesk"; FreeRDP only has the static one. Every
// message on it is a Frame: REMOTEDESKTOP_CHANNELBUFHEADER (ChannelNameLen,
// DataLen), a NUL-terminated UTF-16LE sub-channel name, and the data. The
// name "RC_CTL" (or "remdesk", 2.2.1.2) marks a session-initialization
// message: msgType (REMOTEDESKTOP_CTL_BUFHEADER) and its fields, decoded
// by DecodeRCControl, the package's single dispatch on msgType. Frames on
// "70" (chat), "71" (share control) and the file-transfer channels are
// handed on unchanged as SubChannel actions once the session is
// established (ClassifyChannel tags them); only an EXPERTIP command on
// "71" is looked at here, for the log.
//
// # Versions
//
// The novice announces itself with SERVER_ANNOUNCE and VERSIONINFO 1.2;
// the expert's answer picks the version ([MS-RA] 3): VERSIONINFO (or
// AUTHENTICATE) version 1, EXPERT_ON_VISTA (or VERIFY_PASSWORD) version
// 2. FreeRDP 2.11 and 3.x always answer with version 2: EXPERT_ON_VISTA
// with the raw 32-byte PassStub proof, then VERIFY_PASSWORD with
// "PASS=" and the same proof in hex (ra-protocol.md §0.1, §4.4). A
// version 3 invitation (initiated over PNRP) skips all that: each side
// sends a TOKEN (2.2.4) and checks the other's.
//
// Messages of a version the session did not negotiate are dropped, as
// [MS-RA] 3 says of messages "from a version it does not implement"; so
// are unknown msgTypes (FreeRDP would end the session on one, so this
// package never sends one). Malformed, truncated and oversized messages,
// and credential messages out of order or repeated, end the connection
// (an error wrapping ErrProtocol).
//
// # Secrets
//
// Passwords never reach this package: Invitation.CheckProof and
// Invitation.Token hold them. Proofs, tokens, expertBlobs and connection
// strings do pass through; they appear in no error, no Note and no String
// or GoString method, and are compared in constant time
// (crypto/subtle).
//
// [MS-RA]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ra/
package ctlchan
