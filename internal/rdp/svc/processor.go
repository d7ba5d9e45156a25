package svc

import "fmt"

// Processor handles one static virtual channel ([MS-RDPBCGR] 2.2.6). It is
// driven by the session loop and must not block, sleep, or do I/O.
//
// Messages in and out are whole channel messages: the session de-chunks
// what the client sends (Dechunker) before Process, and chunks what
// Start and Process return (AppendChunks) before sending.
type Processor interface {
	// Name returns the channel's CHANNEL_DEF name, e.g. "remdesk" or
	// "drdynvc", which the session matches against the client's Client
	// Network Data.
	Name() string
	// Start returns the messages to send once the channel is joined and the
	// connection is active.
	Start() ([][]byte, error)
	// Process handles one de-chunked message (FIRST…LAST) and returns the
	// messages to send in reply. A *ChannelError is scoped to this channel
	// (the session logs it and drops the message, or stops using the
	// channel); any other error is fatal to the connection.
	Process(msg []byte) ([][]byte, error)
}

// ChannelError is an error scoped to one channel: the peer misbehaved on
// it, but the connection can go on. It is http2's StreamError to the
// connection's ConnectionError.
type ChannelError struct {
	Channel string // CHANNEL_DEF name
	Err     error
}

func (e *ChannelError) Error() string { return fmt.Sprintf("svc: channel %q: %v", e.Channel, e.Err) }

func (e *ChannelError) Unwrap() error { return e.Err }
