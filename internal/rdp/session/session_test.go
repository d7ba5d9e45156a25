package session

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/fastpath"
	"github.com/ranoviced/ranoviced/internal/rdp/gcc"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/link"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/svc"
	"github.com/ranoviced/ranoviced/internal/rdp/wire"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// The session is exercised end to end with the Go test expert
// (internal/rdp/rdptest/expert) and xfreerdp (e2e); these tests pin its
// finalization edges and its handling of bad input without a network.

const user = 1006 // two static channels: rdpdr 1004, drdynvc 1005

func newSession(t testing.TB) *Session {
	t.Helper()
	res := &acceptor.Result{
		UserChannel: user,
		Channels: []acceptor.Channel{
			{Name: "rdpdr", ID: 1004},
			{Name: DrdynvcChannel, ID: 1005},
		},
		ClientData: gcc.ClientData{Core: &gcc.ClientCoreData{
			LastField: gcc.CoreEarlyCapabilityFlags, EarlyCapabilityFlags: gcc.SupportErrInfoPDU,
		}},
		ClientCaps:   caps.Negotiate([]caps.Set{&caps.General{ExtraFlags: caps.FastPathOutputSupported}, &caps.MultifragmentUpdate{MaxRequestSize: 1 << 20}}),
		BitsPerPixel: 32, DesktopWidth: 64, DesktopHeight: 64,
		Link: link.New(user),
	}
	return New(res, Config{MaxChannelMessage: 4096})
}

// clientData builds a client share data PDU frame on the I/O channel.
func clientData(t testing.TB, t2 pdu.PDUType2, body wire.PDU) []byte {
	t.Helper()
	b, err := pdu.AppendShareData(nil, user, acceptor.ShareID, t2, body)
	if err != nil {
		t.Fatal(err)
	}
	return sendData(t, mcs.IOChannel, b)
}

func sendData(t testing.TB, channel uint16, data []byte) []byte {
	t.Helper()
	sdr := mcs.SendDataRequest{Initiator: user, ChannelID: channel, Priority: mcs.PriorityHigh, Segmentation: mcs.SegmentationBeginEnd, UserData: data}
	b, err := x224.AppendDataHeader(nil, sdr.Size())
	if err == nil {
		b, err = sdr.AppendBinary(b)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serverPDUs decodes what the session sent on the I/O channel into the
// share data PDU types, in order.
func serverPDUs(t *testing.T, out []byte) []pdu.PDUType2 {
	t.Helper()
	var types []pdu.PDUType2
	for len(out) > 0 {
		payload, err := x224.ParseData(out[:int(out[2])<<8|int(out[3])])
		if err != nil {
			t.Fatal(err)
		}
		out = out[int(out[2])<<8|int(out[3]):]
		p, err := mcs.DecodeDomainPDU(payload)
		if err != nil {
			t.Fatal(err)
		}
		sdi := p.(*mcs.SendDataIndication)
		if sdi.ChannelID != mcs.IOChannel {
			types = append(types, 0) // channel data: marked 0
			continue
		}
		_, body, err := pdu.DecodeShareControl(sdi.UserData)
		if err != nil {
			t.Fatal(err)
		}
		dh, _, err := pdu.DecodeShareData(body)
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, dh.Type2)
	}
	return types
}

// TestFinalization walks 2.2.1.14–2.2.1.22: each client PDU gets its
// answer, and only the Font List makes the session Ready (and starts
// drdynvc).
func TestFinalization(t *testing.T) {
	s := newSession(t)
	steps := []struct {
		edge  string
		frame []byte
		reply []pdu.PDUType2
		ready bool
	}{
		{"finalizing -Synchronize-> finalizing", clientData(t, pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: acceptor.ServerChannelID}), []pdu.PDUType2{pdu.PDUType2Synchronize}, false},
		{"finalizing -Cooperate-> finalizing", clientData(t, pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionCooperate}), []pdu.PDUType2{pdu.PDUType2Control}, false},
		{"finalizing -RequestControl-> finalizing (Granted)", clientData(t, pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionRequestControl}), []pdu.PDUType2{pdu.PDUType2Control}, false},
		{"finalizing -FontList-> active (FontMap, drdynvc caps)", clientData(t, pdu.PDUType2FontList, &pdu.FontList{ListFlags: pdu.FontListFirst | pdu.FontListLast, EntrySize: 50}), []pdu.PDUType2{pdu.PDUType2FontMap, 0}, true},
	}
	for _, st := range steps {
		evs, out, err := s.Handle(st.frame, nil)
		if err != nil {
			t.Fatalf("%s: %v", st.edge, err)
		}
		got := serverPDUs(t, out)
		if len(got) != len(st.reply) {
			t.Fatalf("%s: replies %v, want %v", st.edge, got, st.reply)
		}
		for i := range got {
			if got[i] != st.reply[i] {
				t.Fatalf("%s: replies %v, want %v", st.edge, got, st.reply)
			}
		}
		if s.Ready() != st.ready {
			t.Fatalf("%s: Ready = %v", st.edge, s.Ready())
		}
		if st.ready && (len(evs) != 1 || evs[0] != Ready{}) {
			t.Fatalf("%s: events %v, want Ready", st.edge, evs)
		}
	}
}

func TestBitmapBeforeFinalizationRefused(t *testing.T) {
	s := newSession(t)
	if _, err := s.AppendBitmapUpdate(nil, []pdu.BitmapData{{Width: 4, Height: 4, BitsPerPixel: 32, Data: make([]byte, 64)}}); err == nil {
		t.Fatal("bitmap update sent before the Font List")
	}
}

func TestInputAndControlEvents(t *testing.T) {
	s := newSession(t)
	fp, err := fastpath.AppendInputEvents(nil, []input.Event{input.Key{Scancode: 0x1E}, input.Mouse{X: 3, Y: 4, Move: true}})
	if err != nil {
		t.Fatal(err)
	}
	fpdu, err := fastpath.AppendInputPDU(nil, 0, nil, 2, fp)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		frame []byte
		want  Event
	}{
		{"fast-path input", fpdu, Input{Events: []input.Event{input.Key{Scancode: 0x1E}, input.Mouse{X: 3, Y: 4, Move: true}}}},
		{"slow-path input", clientData(t, pdu.PDUType2Input, &pdu.InputEvents{Events: []input.Event{input.Unicode{Code: 'x'}}}), Input{Events: []input.Event{input.Unicode{Code: 'x'}}}},
		{"refresh rect", clientData(t, pdu.PDUType2RefreshRect, &pdu.RefreshRect{Areas: []pdu.Rectangle16{{Right: 9, Bottom: 9}}}), RefreshRect{Areas: []pdu.Rectangle16{{Right: 9, Bottom: 9}}}},
		{"suppress output", clientData(t, pdu.PDUType2SuppressOutput, &pdu.SuppressOutput{}), SuppressOutput{}},
		{"shutdown request", clientData(t, pdu.PDUType2ShutdownRequest, &pdu.ShutdownRequest{}), ShutdownRequest{}},
		{"frame ack", clientData(t, pdu.PDUType2FrameAcknowledge, &pdu.FrameAcknowledge{FrameID: 7}), FrameAck{FrameID: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, _, err := s.Handle(tt.frame, nil)
			if err != nil || len(evs) != 1 {
				t.Fatalf("events %v, err %v", evs, err)
			}
			if got, want := evs[0], tt.want; !equalEvent(got, want) {
				t.Fatalf("event %#v, want %#v", got, want)
			}
		})
	}
}

func equalEvent(a, b Event) bool {
	switch a := a.(type) {
	case Input:
		bb, ok := b.(Input)
		if !ok || len(a.Events) != len(bb.Events) {
			return false
		}
		for i := range a.Events {
			if a.Events[i] != bb.Events[i] {
				return false
			}
		}
		return true
	case RefreshRect:
		bb, ok := b.(RefreshRect)
		return ok && len(a.Areas) == len(bb.Areas) && a.Areas[0] == bb.Areas[0]
	case SuppressOutput:
		bb, ok := b.(SuppressOutput)
		return ok && a.Allow == bb.Allow && (a.Rect == nil) == (bb.Rect == nil)
	}
	return a == b
}

// TestBadInputEndsTheConnection: malformed or misdirected client PDUs are
// errors (the driver logs the reason and disconnects), never panics; a
// client's own disconnect is reported as such.
func TestBadInputEndsTheConnection(t *testing.T) {
	dpum, _ := x224.AppendDataHeader(nil, 2)
	dpum, _ = (&mcs.DisconnectProviderUltimatum{Reason: mcs.ReasonUserRequested}).AppendBinary(dpum)
	oversize := make([]byte, 8)
	wire.PutU32LE(oversize, 0, 1<<20) // channel message larger than MaxChannelMessage
	wire.PutU32LE(oversize, 4, uint32(svc.FlagFirst))
	tests := []struct {
		name  string
		frame []byte
		want  error // nil: any error
	}{
		{"client disconnect", dpum, ErrClientDisconnected},
		{"empty frame", nil, nil},
		{"bad first byte", []byte{0x01, 0x02}, nil},
		{"unknown channel", sendData(t, 1099, []byte{1, 2, 3}), nil},
		{"wrong share id", func() []byte {
			b, _ := pdu.AppendShareData(nil, user, 0x1234, pdu.PDUType2Synchronize, &pdu.Synchronize{})
			return sendData(t, mcs.IOChannel, b)
		}(), nil},
		{"oversize channel message", sendData(t, 1004, oversize), nil},
		{"truncated share control", sendData(t, mcs.IOChannel, []byte{0x10, 0x00, 0x17}), nil},
		{"fast-path garbage", []byte{0x04, 0x03, 0xFF}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := newSession(t).Handle(tt.frame, nil)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzHandle(f *testing.F) {
	f.Add(clientData(f, pdu.PDUType2FontList, &pdu.FontList{ListFlags: 3, EntrySize: 50}))
	f.Add(clientData(f, pdu.PDUType2Input, &pdu.InputEvents{Events: []input.Event{input.Sync{}}}))
	f.Add(sendData(f, 1005, []byte{8, 0, 0, 0, 3, 0, 0, 0, 0x50, 0, 2, 0, 0, 0, 0, 0}))
	f.Add([]byte{0x04, 0x05, 0x21, 0x00, 0x08})
	f.Fuzz(func(t *testing.T, frame []byte) {
		s := newSession(t)
		s.Handle(clientData(t, pdu.PDUType2FontList, &pdu.FontList{ListFlags: 3, EntrySize: 50}), nil)
		s.Handle(frame, nil)
	})
}
