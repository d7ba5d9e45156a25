package ctlchan

import "errors"

// Sentinel errors. Decoders return *wire.DecodeError chains that wrap
// them; the Machine wraps every error it returns in ErrProtocol.
var (
	// ErrProtocol means the expert broke the session-initialization
	// protocol (a malformed, truncated, oversized or out-of-order
	// message): the connection must end.
	ErrProtocol = errors.New("ctlchan: protocol error")
	// ErrUnknownMsgType means an RC_CTL message has a msgType outside
	// 1..12 ([MS-RA] 2.2.1.3). [MS-RA] 3 says a message "from a version
	// it does not implement" is dropped; the Machine does that. FreeRDP
	// treats an unknown msgType as fatal, so nothing here sends one.
	ErrUnknownMsgType = errors.New("ctlchan: unknown msgType")
	// ErrNotRCControl means a frame given to DecodeRCControl is on a
	// sub-channel other than the session-initialization one.
	ErrNotRCControl = errors.New("ctlchan: not an RC_CTL frame")
	// ErrExpertBlob means an expertBlob does not parse. Its messages never
	// quote the blob.
	ErrExpertBlob = errors.New("ctlchan: malformed expertBlob")
)
