// Package session runs the active phase of an RDP connection after the
// acceptor's capability exchange: connection finalization ([MS-RDPBCGR]
// 2.2.1.14–2.2.1.22), client input, static and dynamic virtual channels,
// and the framing of everything the server sends. It does no I/O: the
// driver hands it each client frame and writes what it appends to out.
package session

import (
	"errors"
	"fmt"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/dvc"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/frame"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/link"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// ErrClientDisconnected reports that the client ended the connection.
var ErrClientDisconnected = errors.New("session: client disconnected")

// DrdynvcChannel is the static channel that carries dynamic channels.
const DrdynvcChannel = "drdynvc"

// maxSlowPathData bounds one slow-path share data PDU: the MCS user data
// length is a 14-bit PER length (mcs.MaxUserData), less the headers.
const maxSlowPathData = mcs.MaxUserData - 64

// Config tunes a Session.
type Config struct {
	// MaxChannelMessage caps one reassembled static or dynamic channel
	// message; 0 means 1 MiB.
	MaxChannelMessage int
	// NoBulkCompression sends fast-path updates uncompressed even when the
	// client advertises bulk compression in its Client Info PDU.
	NoBulkCompression bool
}

// phase is the session's place in connection finalization.
type phase uint8

const (
	phaseFinalizing   phase = iota + 1 // waiting for the client's Font List
	phaseActive                        // graphics may flow
	phaseReactivating                  // Deactivate All and Demand Active sent; waiting for the Confirm Active
)

type channel struct {
	acceptor.Channel
	dechunk *svc.Dechunker
	extra   svc.ChannelFlags // flags every chunk we send carries
}

// Session is the active phase of one connection. It is not safe for
// concurrent use: the connection's owner goroutine drives it.
type Session struct {
	res   *acceptor.Result
	link  *link.Link
	phase phase

	byID   map[uint16]*channel
	byName map[string]*channel
	dvc    *dvc.Manager // nil without a drdynvc channel

	updateLimit int // largest fast-path update the client reassembles

	zip        compressor // bulk compression of fast-path updates; nil for none
	effort     compressEffort
	zbuf, ubuf []byte // scratch: a compressed fragment, an encoded update

	// The desktop size of the Demand Active in flight (phaseReactivating).
	newWidth, newHeight uint16
}

// New starts the active phase from the acceptor's result.
func New(res *acceptor.Result, cfg Config) *Session {
	if cfg.MaxChannelMessage <= 0 {
		cfg.MaxChannelMessage = svc.DefaultMaxMessage
	}
	s := &Session{
		res:    res,
		link:   res.Link,
		phase:  phaseFinalizing,
		byID:   map[uint16]*channel{},
		byName: map[string]*channel{},
		// Negotiate already turns a missing or tiny Multifragment Update
		// set into the no-fragmentation size, as FreeRDP's server does.
		updateLimit: int(res.ClientCaps.MaxRequestSize),
		zip:         newCompressor(res.ClientInfo, cfg.NoBulkCompression),
	}
	for _, ch := range res.Channels {
		c := &channel{Channel: ch, dechunk: svc.NewDechunker(cfg.MaxChannelMessage)}
		if ch.Options.Has(gcc.ChannelOptionShowProtocol) {
			c.extra = svc.FlagShowProtocol
		}
		s.byID[ch.ID] = c
		s.byName[ch.Name] = c
	}
	if _, ok := s.byName[DrdynvcChannel]; ok {
		s.dvc = dvc.NewManager(cfg.MaxChannelMessage)
	}
	return s
}

// Ready reports whether finalization is complete and graphics may flow.
func (s *Session) Ready() bool { return s.phase == phaseActive }

// FastPathOutput reports whether updates go out as fast-path PDUs.
func (s *Session) FastPathOutput() bool { return s.res.ClientCaps.FastPathOutput }

// Result returns what the connection sequence established.
func (s *Session) Result() *acceptor.Result { return s.res }

// Handle processes one client frame (a TPKT or fast-path PDU, as
// frame.Len delimits them) and appends any replies to out.
func (s *Session) Handle(f []byte, out []byte) ([]Event, []byte, error) {
	k, err := frame.KindOf(firstByte(f))
	if err != nil {
		return nil, out, fmt.Errorf("session: %w", err)
	}
	if k == frame.KindFastPath {
		ev, err := s.fastPathInput(f)
		return ev, out, err
	}
	p, cd, err := s.link.ReadSlowPath(f, false)
	if err != nil {
		var dr x224.DisconnectRequest
		if dr.UnmarshalBinary(f) == nil {
			return nil, out, ErrClientDisconnected
		}
		return nil, out, fmt.Errorf("session: %w", err)
	}
	if cd == nil {
		if _, ok := p.(*mcs.DisconnectProviderUltimatum); ok {
			return nil, out, ErrClientDisconnected
		}
		return nil, out, fmt.Errorf("session: unexpected MCS %v", p.Choice())
	}
	if cd.ChannelID == mcs.IOChannel {
		return s.ioData(cd.Data, out)
	}
	ch, ok := s.byID[cd.ChannelID]
	if !ok {
		return nil, out, fmt.Errorf("session: data on unknown channel %d", cd.ChannelID)
	}
	msg, done, err := ch.dechunk.Add(cd.Data)
	if err != nil {
		return nil, out, fmt.Errorf("session: channel %s: %w", ch.Name, err)
	}
	if !done {
		return nil, out, nil
	}
	if ch.Name == DrdynvcChannel && s.dvc != nil {
		return s.drdynvc(ch, msg, out)
	}
	return []Event{ChannelMessage{Channel: ch.Name, Data: msg}}, out, nil
}

func firstByte(b []byte) byte {
	if len(b) == 0 {
		return 0xFF // neither kind: KindOf reports it
	}
	return b[0]
}

func (s *Session) fastPathInput(f []byte) ([]Event, error) {
	n, data, err := s.link.ReadFastPathInput(f)
	if err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	evs, err := fastpath.DecodeInputEvents(n, data)
	if err != nil {
		return nil, fmt.Errorf("session: fast-path input: %w", err)
	}
	if len(evs) == 0 {
		return nil, nil
	}
	return []Event{Input{Events: evs}}, nil
}

// ioData handles a share control PDU on the I/O channel.
func (s *Session) ioData(data, out []byte) ([]Event, []byte, error) {
	h, body, err := pdu.DecodeShareControl(data)
	if errors.Is(err, pdu.ErrFlowPDU) {
		return nil, out, nil // 2.2.8.1.1.1.1: flow PDUs are ignored
	}
	if err != nil {
		return nil, out, fmt.Errorf("session: %w", err)
	}
	if h.Type == pdu.PDUTypeConfirmActive && s.phase == phaseReactivating {
		return nil, out, s.confirmActive(data)
	}
	if h.Type != pdu.PDUTypeData {
		return nil, out, fmt.Errorf("session: unexpected %v PDU", h.Type)
	}
	dh, payload, err := pdu.DecodeShareData(body)
	if err != nil {
		return nil, out, fmt.Errorf("session: %w", err)
	}
	if dh.ShareID != acceptor.ShareID {
		return nil, out, fmt.Errorf("session: data PDU for share %#x, want %#x", dh.ShareID, acceptor.ShareID)
	}
	p, err := pdu.DecodeShareDataBody(dh.Type2, payload)
	if errors.Is(err, pdu.ErrUnknownType) {
		return []Event{Ignored{What: dh.Type2.String()}}, out, nil
	}
	if err != nil {
		return nil, out, fmt.Errorf("session: %v: %w", dh.Type2, err)
	}
	switch m := p.(type) {
	case *pdu.InputEvents:
		if len(m.Events) == 0 {
			return nil, out, nil
		}
		return []Event{Input{Events: m.Events}}, out, nil
	case *pdu.Synchronize:
		// 2.2.1.19: the server answers with its own Synchronize.
		out, err = s.appendData(out, pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: s.res.UserChannel})
		return nil, out, err
	case *pdu.Control:
		switch m.Action {
		case pdu.ControlActionCooperate: // 2.2.1.20
			out, err = s.appendData(out, pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionCooperate})
		case pdu.ControlActionRequestControl: // 2.2.1.21: Granted Control
			out, err = s.appendData(out, pdu.PDUType2Control, &pdu.Control{
				Action: pdu.ControlActionGrantedControl, GrantID: s.res.UserChannel, ControlID: acceptor.ServerChannelID,
			})
		default:
			return nil, out, fmt.Errorf("session: control action %v from the client", m.Action)
		}
		return nil, out, err
	case *pdu.PersistentKeyList:
		return nil, out, nil // the server keeps no bitmap cache
	case *pdu.FontList:
		// 2.2.1.22: the Font Map ends finalization; graphics may follow.
		if out, err = s.appendData(out, pdu.PDUType2FontMap, pdu.ServerFontMap()); err != nil {
			return nil, out, err
		}
		first := s.phase != phaseActive
		s.phase = phaseActive
		evs := []Event{Ready{}}
		if first && s.dvc != nil {
			// drdynvc starts only once the client is active, as FreeRDP's
			// server does.
			if out, err = s.appendChannelMessages(out, s.byName[DrdynvcChannel], s.dvc.Start()); err != nil {
				return nil, out, err
			}
		}
		return evs, out, nil
	case *pdu.RefreshRect:
		return []Event{RefreshRect{Areas: m.Areas}}, out, nil
	case *pdu.SuppressOutput:
		return []Event{SuppressOutput{Allow: m.AllowDisplayUpdates, Rect: m.Rect}}, out, nil
	case *pdu.ShutdownRequest:
		return []Event{ShutdownRequest{}}, out, nil
	case *pdu.FrameAcknowledge:
		return []Event{FrameAck{FrameID: m.FrameID}}, out, nil
	}
	return []Event{Ignored{What: dh.Type2.String()}}, out, nil
}

func (s *Session) drdynvc(ch *channel, msg, out []byte) ([]Event, []byte, error) {
	dvcEvents, replies, err := s.dvc.Process(msg)
	var ce *dvc.ChannelError
	if errors.As(err, &ce) {
		// A violation on one dynamic channel drops that message only.
		return []Event{Ignored{What: ce.Error()}}, out, nil
	}
	if err != nil {
		return nil, out, fmt.Errorf("session: %w", err)
	}
	if out, err = s.appendChannelMessages(out, ch, replies); err != nil {
		return nil, out, err
	}
	var evs []Event
	for _, e := range dvcEvents {
		switch e := e.(type) {
		case dvc.Opened:
			evs = append(evs, DVCOpened{ID: e.ID, Name: e.Name})
		case dvc.OpenFailed:
			evs = append(evs, DVCOpenFailed{ID: e.ID, Name: e.Name, Status: e.Status})
		case dvc.Received:
			evs = append(evs, DVCMessage{ID: e.ID, Data: append([]byte(nil), e.Data...)})
		case dvc.Closed:
			evs = append(evs, DVCClosed{ID: e.ID, Name: e.Name})
		case dvc.Dropped:
			evs = append(evs, Ignored{What: fmt.Sprintf("drdynvc %v for channel %d that is not open (%d bytes)", e.Cmd, e.ID, e.Len)})
		}
	}
	return evs, out, nil
}

// appendData appends a share data PDU on the I/O channel.
func (s *Session) appendData(out []byte, t2 pdu.PDUType2, body wire.PDU) ([]byte, error) {
	source := uint16(acceptor.ServerChannelID)
	if t2 == pdu.PDUType2SetErrorInfo {
		source = 0 // as Windows servers send it
	}
	b, err := pdu.AppendShareData(nil, source, acceptor.ShareID, t2, body)
	if err != nil {
		return out, fmt.Errorf("session: %v: %w", t2, err)
	}
	return s.link.AppendSlowPath(out, mcs.IOChannel, 0, b)
}

func (s *Session) appendChannelMessages(out []byte, ch *channel, msgs [][]byte) ([]byte, error) {
	var err error
	for _, m := range msgs {
		if out, err = s.appendChannel(out, ch, m); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (s *Session) appendChannel(out []byte, ch *channel, msg []byte) ([]byte, error) {
	var err error
	for _, chunk := range svc.AppendChunks(nil, msg, svc.ChunkSize, ch.extra) {
		if out, err = s.link.AppendSlowPath(out, ch.ID, 0, chunk); err != nil {
			return out, err
		}
	}
	return out, nil
}

// AppendChannel appends msg for the static channel name, chunked.
func (s *Session) AppendChannel(out []byte, name string, msg []byte) ([]byte, error) {
	ch, ok := s.byName[name]
	if !ok {
		return out, fmt.Errorf("session: the client did not join channel %q", name)
	}
	return s.appendChannel(out, ch, msg)
}

// HasChannel reports whether the client joined the static channel name.
func (s *Session) HasChannel(name string) bool {
	_, ok := s.byName[name]
	return ok
}

// OpenDVC asks the client to open the dynamic channel name. The answer
// arrives as DVCOpened or DVCOpenFailed.
func (s *Session) OpenDVC(out []byte, name string) (uint32, []byte, error) {
	if s.dvc == nil {
		return 0, out, errors.New("session: the client has no drdynvc channel")
	}
	id, msgs, err := s.dvc.Open(name)
	if err != nil {
		return 0, out, fmt.Errorf("session: %w", err)
	}
	out, err = s.appendChannelMessages(out, s.byName[DrdynvcChannel], msgs)
	return id, out, err
}

// AppendDVC appends msg for the open dynamic channel id.
func (s *Session) AppendDVC(out []byte, id uint32, msg []byte) ([]byte, error) {
	if s.dvc == nil {
		return out, errors.New("session: the client has no drdynvc channel")
	}
	msgs, err := s.dvc.Send(id, msg)
	if err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	return s.appendChannelMessages(out, s.byName[DrdynvcChannel], msgs)
}

// CloseDVC closes the dynamic channel id.
func (s *Session) CloseDVC(out []byte, id uint32) ([]byte, error) {
	if s.dvc == nil {
		return out, errors.New("session: the client has no drdynvc channel")
	}
	return s.appendChannelMessages(out, s.byName[DrdynvcChannel], s.dvc.Close(id))
}

// AppendBitmapUpdate appends bitmap updates carrying rects: fast-path
// PDUs when the client takes them, else slow-path Update PDUs. Rectangles
// are packed into as few updates as the size limits allow; one rectangle
// larger than a PDU is fragmented on the fast path, within the client's
// Multifragment Update limit.
func (s *Session) AppendBitmapUpdate(out []byte, rects []pdu.BitmapData) ([]byte, error) {
	if s.phase != phaseActive {
		return out, errors.New("session: bitmap update before finalization")
	}
	limit := maxSlowPathData
	if s.FastPathOutput() {
		limit = fastpath.MaxFragmentSize
	}
	var err error
	for len(rects) > 0 {
		n, size := 0, 2+2 // updateType, numberRectangles
		for n < len(rects) {
			rs := rects[n].Size()
			if n > 0 && size+rs > limit {
				break
			}
			size += rs
			n++
		}
		if out, err = s.appendBitmap(out, rects[:n], size); err != nil {
			return out, err
		}
		rects = rects[n:]
	}
	return out, nil
}

func (s *Session) appendBitmap(out []byte, rects []pdu.BitmapData, size int) ([]byte, error) {
	upd := pdu.BitmapUpdate{Rectangles: rects}
	if !s.FastPathOutput() {
		if size > maxSlowPathData {
			return out, fmt.Errorf("session: bitmap of %d bytes exceeds a slow-path update", size)
		}
		return s.appendData(out, pdu.PDUType2Update, &upd)
	}
	if size > s.updateLimit {
		return out, fmt.Errorf("session: bitmap update of %d bytes exceeds the client's limit of %d", size, s.updateLimit)
	}
	data, err := upd.AppendBinary(make([]byte, 0, size))
	if err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	if out, err = s.appendFastPathUpdate(out, fastpath.UpdateBitmap, data); err != nil {
		return out, fmt.Errorf("session: %w", err)
	}
	return out, nil
}

// UpdateLimit returns the largest bitmap update (in bytes) the client
// accepts; encoders size their tiles to stay below it.
func (s *Session) UpdateLimit() int {
	if !s.FastPathOutput() {
		return maxSlowPathData
	}
	return s.updateLimit
}

// AppendSetErrorInfo appends a Set Error Info PDU (2.2.5.1.1) when the
// client said it understands them, and nothing otherwise.
func (s *Session) AppendSetErrorInfo(out []byte, info pdu.ErrorInfo) ([]byte, error) {
	core := s.res.ClientData.Core
	if !core.Has(gcc.CoreEarlyCapabilityFlags) || !core.EarlyCapabilityFlags.Has(gcc.SupportErrInfoPDU) {
		return out, nil
	}
	return s.appendData(out, pdu.PDUType2SetErrorInfo, &pdu.SetErrorInfo{ErrorInfo: info})
}

// AppendDisconnect appends the server-initiated disconnection of
// 1.3.1.4.2: Set Error Info (when supported), Deactivate All and the MCS
// Disconnect Provider Ultimatum. The driver closes the connection after
// writing it.
func (s *Session) AppendDisconnect(out []byte, info pdu.ErrorInfo) ([]byte, error) {
	out, err := s.AppendSetErrorInfo(out, info)
	if err != nil {
		return out, err
	}
	if out, err = s.appendDeactivateAll(out); err != nil {
		return out, err
	}
	return AppendUltimatum(out, mcs.ReasonUserRequested)
}

// AppendUltimatum appends an MCS Disconnect Provider Ultimatum, which ends
// a connection at any point after the MCS connection exists.
func AppendUltimatum(out []byte, reason mcs.Reason) ([]byte, error) {
	dpu := mcs.DisconnectProviderUltimatum{Reason: reason}
	out, err := x224.AppendDataHeader(out, dpu.Size())
	if err != nil {
		return out, err
	}
	return dpu.AppendBinary(out)
}

// ErrNoDesktopResize reports a client that did not set desktopResizeFlag
// in its Bitmap set: it cannot follow a change of the desktop size.
var ErrNoDesktopResize = errors.New("session: the client cannot follow a desktop resize (no desktopResizeFlag)")

// CanResize reports whether the client follows a desktop resize by a
// Deactivation-Reactivation Sequence.
func (s *Session) CanResize() bool { return s.res.ClientCaps.DesktopResize }

// Reactivate starts a Deactivation-Reactivation Sequence ([MS-RDPBCGR]
// 1.3.1.3) for a new desktop size: it appends Deactivate All (2.2.3.1) and
// a Demand Active with the new size. Until the client has confirmed and
// finalized again (the next Ready event) the session is not Ready and
// takes no graphics; input and channel data go on. It must be called
// while Ready.
func (s *Session) Reactivate(out []byte, width, height uint16) ([]byte, error) {
	if !s.CanResize() {
		return out, ErrNoDesktopResize
	}
	if s.phase != phaseActive {
		return out, errors.New("session: reactivation while not active")
	}
	if width == 0 || height == 0 {
		return out, fmt.Errorf("session: cannot resize the desktop to %dx%d", width, height)
	}
	out, err := s.appendDeactivateAll(out)
	if err != nil {
		return out, err
	}
	sets := acceptor.ResizedCapabilities(s.res.ServerCaps, width, height)
	if out, err = acceptor.AppendDemandActive(out, s.link, sets); err != nil {
		return out, err
	}
	s.res.ServerCaps = sets
	s.newWidth, s.newHeight = width, height
	s.phase = phaseReactivating
	return out, nil
}

// confirmActive takes the client's Confirm Active of a reactivation
// (3.3.5.3.13.2): its capabilities replace the old ones, and finalization
// follows as at the start (the client sends Synchronize, Control and
// Font List again).
func (s *Session) confirmActive(data []byte) error {
	ca, err := acceptor.DecodeConfirmActive(data)
	if err != nil {
		return fmt.Errorf("session: reactivation: %w", err)
	}
	s.res.ClientCaps = caps.Negotiate(ca.CapabilitySets)
	s.res.DesktopWidth, s.res.DesktopHeight = s.newWidth, s.newHeight
	s.updateLimit = int(s.res.ClientCaps.MaxRequestSize)
	s.phase = phaseFinalizing
	return nil
}

// appendDeactivateAll appends Deactivate All (2.2.3.1), which ends the
// share before a disconnection or a reactivation.
func (s *Session) appendDeactivateAll(out []byte) ([]byte, error) {
	da, err := pdu.AppendShareControl(nil, pdu.PDUTypeDeactivateAll, acceptor.ServerChannelID,
		&pdu.DeactivateAll{ShareID: acceptor.ShareID, SourceDescriptor: []byte{0}})
	if err != nil {
		return out, err
	}
	return s.link.AppendSlowPath(out, mcs.IOChannel, 0, da)
}
