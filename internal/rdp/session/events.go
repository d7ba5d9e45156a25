package session

import (
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
)

// Event is something the client did that the driver acts on.
type Event interface{ isEvent() }

// Ready reports that connection finalization is complete ([MS-RDPBCGR]
// 1.3.1.1: the server may send graphics once it has the Font List).
type Ready struct{}

// Input carries decoded keyboard and mouse events, in arrival order.
type Input struct{ Events []input.Event }

// RefreshRect asks for the given areas to be sent again (2.2.11.2).
type RefreshRect struct{ Areas []pdu.Rectangle16 }

// SuppressOutput pauses (Allow false) or resumes display updates; on
// resume Rect, if set, is the area the client shows (2.2.11.3).
type SuppressOutput struct {
	Allow bool
	Rect  *pdu.Rectangle16
}

// ShutdownRequest reports the client's Shutdown Request (2.2.2.1): the user
// is closing the client.
type ShutdownRequest struct{}

// FrameAck reports a Frame Acknowledge ([MS-RDPRFX] 2.2.3.1).
type FrameAck struct{ FrameID uint32 }

// ChannelMessage is one whole message on a static virtual channel other
// than drdynvc. Data is owned by the receiver.
type ChannelMessage struct {
	Channel string
	Data    []byte
}

// DVCOpened reports that the client accepted a dynamic channel.
type DVCOpened struct {
	ID   uint32
	Name string
}

// DVCOpenFailed reports that the client refused a dynamic channel.
type DVCOpenFailed struct {
	ID     uint32
	Name   string
	Status int32
}

// DVCMessage is one whole message on a dynamic channel. Data is owned by
// the receiver.
type DVCMessage struct {
	ID   uint32
	Data []byte
}

// DVCClosed reports that a dynamic channel closed.
type DVCClosed struct {
	ID   uint32
	Name string
}

// Ignored reports a PDU the session skipped, for debug logs: a share data
// type it does not handle, or drdynvc data for a channel that is not open.
type Ignored struct{ What string }

func (Ready) isEvent()           {}
func (Input) isEvent()           {}
func (RefreshRect) isEvent()     {}
func (SuppressOutput) isEvent()  {}
func (ShutdownRequest) isEvent() {}
func (FrameAck) isEvent()        {}
func (ChannelMessage) isEvent()  {}
func (DVCOpened) isEvent()       {}
func (DVCOpenFailed) isEvent()   {}
func (DVCMessage) isEvent()      {}
func (DVCClosed) isEvent()       {}
func (Ignored) isEvent()         {}
