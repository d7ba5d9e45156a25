package dvc

import (
	"fmt"
	"math"
)

// OfferedVersion is the DVC version the server offers: 2, with zero
// priority charges, as xrdp does (rdp-server.md §4.2). Version 3 would
// allow compressed data, which ranoviced does not implement.
const OfferedVersion = Version2

// MaxDataSize is the most message bytes the server puts in one DYNVC_DATA
// or DYNVC_DATA_FIRST. 2.2.3.2: "A single DYNVC_DATA PDU is used to send a
// message when the total length of the message data is less than or equal
// to 1,590 bytes." IronRDP uses the same limit for every block
// (ironrdp-dvc pdu.rs); it keeps the largest PDU, a DYNVC_DATA_FIRST with
// 4-byte ChannelId and Length, at 1 + 4 + 4 + 1,590 = 1,599 bytes, within
// one 1,600-byte static channel chunk. FreeRDP 2.11's server fills each
// PDU to exactly 1,600 bytes instead (server.c
// FreeRDP_WTSVirtualChannelWrite); clients accept both.
const MaxDataSize = 1590

// DefaultMaxMessage is the reassembly limit used when NewManager is given
// none (rdp-server.md §4.1, Derived: 1 MiB).
const DefaultMaxMessage = 1 << 20

// Event is something the Manager reports from Process: Opened, OpenFailed,
// Received, Closed or Dropped.
type Event interface{ isEvent() }

// Opened reports that the client accepted a channel the server opened.
type Opened struct {
	ID   uint32
	Name string
}

// OpenFailed reports that the client refused a channel (a negative
// CreationStatus, typically 0xC0000001 when it has no listener for the
// name). The channel is gone.
type OpenFailed struct {
	ID     uint32
	Name   string
	Status int32 // CreationStatus, an HRESULT
}

// Received is one whole message the client sent on an open channel. Data
// aliases the message passed to Process when it came in one DYNVC_DATA (or
// a DYNVC_DATA_FIRST holding all of it); a reassembled message is a new
// slice. Either way the caller owns it until the next Process call.
type Received struct {
	ID   uint32
	Data []byte
}

// Closed reports that a channel is closed: the client closed it, or it
// answered the server's Close.
type Closed struct {
	ID   uint32
	Name string
}

// Dropped reports a PDU ignored because its channel is not open: data for
// a channel that is unknown, still opening, refused or closing, or a close
// for an unknown channel. FreeRDP 2.11's server drops these too ("did not
// open successfully"; server.c wts_read_drdynvc_pdu). It is not an error;
// the caller may log or count it.
type Dropped struct {
	ID  uint32
	Cmd Cmd
	Len int // bytes of channel data dropped
}

func (Opened) isEvent()     {}
func (OpenFailed) isEvent() {}
func (Received) isEvent()   {}
func (Closed) isEvent()     {}
func (Dropped) isEvent()    {}

// ChannelError is a client protocol violation scoped to one open channel:
// a DYNVC_DATA_FIRST while a message is being reassembled, a message over
// the maximum, or data beyond the declared length. The Manager has dropped
// the partial message and the channel stays open; the caller may go on,
// Close the channel, or end the connection. Any other error from Process
// is a violation of the drdynvc channel as a whole.
type ChannelError struct {
	ID  uint32
	Err error
}

func (e *ChannelError) Error() string { return fmt.Sprintf("dvc: channel %d: %v", e.ID, e.Err) }

func (e *ChannelError) Unwrap() error { return e.Err }

type channelState uint8

const (
	stateQueued    channelState = iota // create request waits for the capabilities response
	stateRequested                     // create request sent
	stateOpen                          // client answered with success
	stateClosing                       // server sent DYNVC_CLOSE, waiting for the client's
)

type channel struct {
	name  string
	state channelState
	// awaitingCreate is set on a channel closed while its create request
	// was unanswered: the response may still come.
	awaitingCreate bool
	// Reassembly of a DYNVC_DATA_FIRST + DYNVC_DATA… message.
	reassembling bool
	total        int
	buf          []byte
}

// Manager is the server side of the DVC protocol over the drdynvc static
// channel ([MS-RDPEDYC] 3.1, 3.3), sans I/O: the caller passes in each
// whole drdynvc message the client sent (de-chunked with svc.Dechunker)
// and sends each message the Manager returns (chunked with
// svc.AppendChunks; every one is at most 1,600 bytes, so one chunk).
//
// Call Start once the connection is active (FreeRDP's server waits for
// activation: server.c WTSVirtualChannelManagerCheckFileDescriptor). Open
// may be called before the client's capabilities response: the create
// request then waits and goes out with Process's output when the response
// arrives. Channel ids start at 1 and are never reused.
//
// Every id Open returns gets an Opened or OpenFailed event once the client
// answers; an opened channel gets Closed when the client closes it or
// answers the server's Close.
//
// A Manager is not safe for concurrent use; the session's owner goroutine
// drives it.
type Manager struct {
	max      int
	started  bool
	version  uint16 // negotiated version; 0 until the capabilities response
	nextID   uint32
	channels map[uint32]*channel
	queued   []uint32 // ids in stateQueued, in Open order
}

// NewManager returns a Manager that reassembles client messages of at most
// maxMessage bytes; maxMessage <= 0 means DefaultMaxMessage.
func NewManager(maxMessage int) *Manager {
	if maxMessage <= 0 {
		maxMessage = DefaultMaxMessage
	}
	return &Manager{max: maxMessage, nextID: 1, channels: make(map[uint32]*channel)}
}

// Version returns the negotiated DVC version, or 0 before the client's
// capabilities response.
func (m *Manager) Version() uint16 { return m.version }

// Start returns the capabilities request to send (DYNVC_CAPS_VERSION2 with
// zero priority charges). Only the first call returns it; later calls
// return nil.
func (m *Manager) Start() [][]byte {
	if m.started {
		return nil
	}
	m.started = true
	return [][]byte{mustEncode(&CapsRequest{Version: OfferedVersion})}
}

// Open allocates a channel id for name and returns the create request to
// send, or no message if the capabilities response has not arrived yet
// (the request is queued). The name must be non-empty, at most
// MaxNameLength bytes and free of NUL.
func (m *Manager) Open(name string) (id uint32, out [][]byte, err error) {
	if err := checkName(name); err != nil {
		return 0, nil, fmt.Errorf("dvc: open: %w", err)
	}
	if m.nextID == 0 {
		return 0, nil, fmt.Errorf("dvc: open %q: channel ids exhausted", name)
	}
	id = m.nextID
	m.nextID++ // wraps to 0 after math.MaxUint32: no more ids
	ch := &channel{name: name, state: stateQueued}
	m.channels[id] = ch
	if m.version == 0 {
		m.queued = append(m.queued, id)
		return id, nil, nil
	}
	ch.state = stateRequested
	return id, [][]byte{mustEncode(&CreateRequest{ChannelID: id, Name: name})}, nil
}

// Send returns the PDUs that carry msg on an open channel: one DYNVC_DATA
// when msg is at most MaxDataSize bytes, else a DYNVC_DATA_FIRST and
// DYNVC_DATAs of at most MaxDataSize data bytes each. Sending on a channel
// that is not open (unknown, still opening, closing) is an error.
func (m *Manager) Send(id uint32, msg []byte) ([][]byte, error) {
	ch := m.channels[id]
	if ch == nil || ch.state != stateOpen {
		return nil, fmt.Errorf("dvc: send on channel %d: not open", id)
	}
	if uint64(len(msg)) > math.MaxUint32 {
		return nil, fmt.Errorf("dvc: send on channel %d: %d bytes do not fit the 32-bit Length", id, len(msg))
	}
	if len(msg) <= MaxDataSize {
		return [][]byte{mustEncode(&Data{ChannelID: id, Data: msg})}, nil
	}
	out := make([][]byte, 0, (len(msg)+MaxDataSize-1)/MaxDataSize)
	out = append(out, mustEncode(&DataFirst{ChannelID: id, Length: uint32(len(msg)), Data: msg[:MaxDataSize]}))
	for off := MaxDataSize; off < len(msg); off += MaxDataSize {
		out = append(out, mustEncode(&Data{ChannelID: id, Data: msg[off:min(off+MaxDataSize, len(msg))]}))
	}
	return out, nil
}

// Close returns the DYNVC_CLOSE to send for a channel the server opened
// ([MS-RDPEDYC] 3.3.5.2). The channel stops being open at once: Send
// fails and its data is dropped. The client "MAY respond with a
// DYNVC_CLOSE" (its rules for closing a DVC); FreeRDP 2.11 does, and
// Process then reports Closed, but the caller should not wait for it. Closing a channel whose
// create request has not been sent yet forgets it with no message and no
// event; closing an unknown or already closing channel returns nothing.
func (m *Manager) Close(id uint32) [][]byte {
	ch := m.channels[id]
	if ch == nil {
		return nil
	}
	switch ch.state {
	case stateQueued:
		delete(m.channels, id)
		for i, q := range m.queued {
			if q == id {
				m.queued = append(m.queued[:i], m.queued[i+1:]...)
				break
			}
		}
		return nil
	case stateRequested:
		ch.awaitingCreate = true
	case stateOpen:
	default: // stateClosing
		return nil
	}
	ch.state = stateClosing
	ch.resetReassembly()
	return [][]byte{mustEncode(&Close{ChannelID: id})}
}

// Process handles one whole drdynvc message from the client. It returns
// the events it produced and the messages to send in reply. A
// *ChannelError leaves the Manager usable; any other error means the
// client broke the drdynvc protocol.
func (m *Manager) Process(msg []byte) ([]Event, [][]byte, error) {
	pdu, err := Decode(msg, FromClient)
	if err != nil {
		return nil, nil, err
	}
	switch p := pdu.(type) {
	case *CapsResponse:
		return m.capsResponse(p)
	case *CreateResponse:
		return m.createResponse(p)
	case *DataFirst:
		return m.dataFirst(p)
	case *Data:
		return m.data(p)
	case *Close:
		return m.close(p)
	}
	return nil, nil, fmt.Errorf("dvc: unexpected %T from the client", pdu)
}

func (m *Manager) capsResponse(p *CapsResponse) ([]Event, [][]byte, error) {
	switch {
	case !m.started:
		return nil, nil, fmt.Errorf("dvc: DYNVC_CAPS_RSP before the server's capabilities request")
	case m.version != 0:
		return nil, nil, fmt.Errorf("dvc: second DYNVC_CAPS_RSP")
	case p.Version > OfferedVersion:
		// 1.7: the client "responds with a Capabilities Response PDU that
		// indicates the maximum capability that it can support", which
		// cannot exceed what the server offered.
		return nil, nil, fmt.Errorf("dvc: DYNVC_CAPS_RSP version %d, but the server offered %d", p.Version, OfferedVersion)
	}
	m.version = p.Version
	var out [][]byte
	for _, id := range m.queued {
		ch := m.channels[id]
		ch.state = stateRequested
		out = append(out, mustEncode(&CreateRequest{ChannelID: id, Name: ch.name}))
	}
	m.queued = nil
	return nil, out, nil
}

func (m *Manager) createResponse(p *CreateResponse) ([]Event, [][]byte, error) {
	id := p.ChannelID
	ch := m.channels[id]
	switch {
	case ch == nil || ch.state == stateQueued:
		return nil, nil, fmt.Errorf("dvc: DYNVC_CREATE_RSP for channel %d, which the server did not request", id)
	case ch.state == stateRequested:
		if p.CreationStatus >= 0 {
			ch.state = stateOpen
			return []Event{Opened{ID: id, Name: ch.name}}, nil, nil
		}
		delete(m.channels, id)
		return []Event{OpenFailed{ID: id, Name: ch.name, Status: p.CreationStatus}}, nil, nil
	case ch.state == stateClosing && ch.awaitingCreate:
		ch.awaitingCreate = false
		if p.CreationStatus < 0 {
			// The client never opened it, so it will not answer the
			// server's close (FreeRDP: dvcman_close_channel finds nothing).
			delete(m.channels, id)
			return []Event{OpenFailed{ID: id, Name: ch.name, Status: p.CreationStatus}}, nil, nil
		}
		return nil, nil, nil // open on the client; its answer to our close follows
	}
	return nil, nil, fmt.Errorf("dvc: second DYNVC_CREATE_RSP for channel %d", id)
}

// openChannel returns the channel if it is open, else nil.
func (m *Manager) openChannel(id uint32) *channel {
	if ch := m.channels[id]; ch != nil && ch.state == stateOpen {
		return ch
	}
	return nil
}

func (m *Manager) dataFirst(p *DataFirst) ([]Event, [][]byte, error) {
	id := p.ChannelID
	ch := m.openChannel(id)
	if ch == nil {
		return []Event{Dropped{ID: id, Cmd: CmdDataFirst, Len: len(p.Data)}}, nil, nil
	}
	if ch.reassembling {
		ch.resetReassembly()
		return nil, nil, &ChannelError{ID: id, Err: fmt.Errorf("DYNVC_DATA_FIRST while a message is being reassembled")}
	}
	if uint64(p.Length) > uint64(m.max) {
		return nil, nil, &ChannelError{ID: id, Err: fmt.Errorf("message of %d bytes exceeds the maximum %d", p.Length, m.max)}
	}
	// Decode guarantees Length >= len(Data).
	if int(p.Length) == len(p.Data) {
		return []Event{Received{ID: id, Data: p.Data}}, nil, nil
	}
	ch.reassembling, ch.total = true, int(p.Length)
	// Length is within m.max, checked above, so it may size the buffer.
	ch.buf = append(make([]byte, 0, ch.total), p.Data...)
	return nil, nil, nil
}

func (m *Manager) data(p *Data) ([]Event, [][]byte, error) {
	id := p.ChannelID
	ch := m.openChannel(id)
	if ch == nil {
		return []Event{Dropped{ID: id, Cmd: CmdData, Len: len(p.Data)}}, nil, nil
	}
	if !ch.reassembling {
		if len(p.Data) > m.max {
			return nil, nil, &ChannelError{ID: id, Err: fmt.Errorf("message of %d bytes exceeds the maximum %d", len(p.Data), m.max)}
		}
		return []Event{Received{ID: id, Data: p.Data}}, nil, nil
	}
	if len(p.Data) > ch.total-len(ch.buf) {
		got, total := len(ch.buf)+len(p.Data), ch.total
		ch.resetReassembly()
		return nil, nil, &ChannelError{ID: id, Err: fmt.Errorf("DYNVC_DATA overflows the message: %d bytes of %d", got, total)}
	}
	ch.buf = append(ch.buf, p.Data...)
	if len(ch.buf) < ch.total {
		return nil, nil, nil
	}
	whole := ch.buf
	ch.buf = nil
	ch.resetReassembly()
	return []Event{Received{ID: id, Data: whole}}, nil, nil
}

func (m *Manager) close(p *Close) ([]Event, [][]byte, error) {
	id := p.ChannelID
	ch := m.channels[id]
	if ch == nil || ch.state == stateQueued {
		return []Event{Dropped{ID: id, Cmd: CmdClose}}, nil, nil
	}
	// Either the client's answer to the server's close, or a close the
	// client started. 3.3.5.2: "When a DVC client manager initiates a
	// channel-close, it sends an unsolicited DYNVC_CLOSE (section 2.2.4)
	// PDU specifying the ChannelId to the server. The server does not
	// respond to the DYNVC_CLOSE (section 2.2.4) PDU." FreeRDP 2.11's and
	// IronRDP's servers do not respond either.
	delete(m.channels, id)
	return []Event{Closed{ID: id, Name: ch.name}}, nil, nil
}

func (ch *channel) resetReassembly() { ch.reassembling, ch.total, ch.buf = false, 0, nil }

// mustEncode encodes a PDU the Manager built from validated values; its
// encoders fail only for values the Manager never builds.
func mustEncode(p PDU) []byte {
	b, err := p.AppendBinary(make([]byte, 0, p.Size()))
	if err != nil {
		panic("dvc: encoding a Manager PDU: " + err.Error())
	}
	return b
}
