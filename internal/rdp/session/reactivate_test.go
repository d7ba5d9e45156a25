package session

import (
	"errors"
	"testing"

	"github.com/ranoviced/ranoviced/internal/rdp/acceptor"
	"github.com/ranoviced/ranoviced/internal/rdp/caps"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/rdp/mcs"
	"github.com/ranoviced/ranoviced/internal/rdp/pdu"
	"github.com/ranoviced/ranoviced/internal/rdp/x224"
)

// finalize runs the client's finalization PDUs until the session is Ready.
func finalize(t *testing.T, s *Session) {
	t.Helper()
	for _, f := range [][]byte{
		clientData(t, pdu.PDUType2Synchronize, &pdu.Synchronize{TargetUser: acceptor.ServerChannelID}),
		clientData(t, pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionCooperate}),
		clientData(t, pdu.PDUType2Control, &pdu.Control{Action: pdu.ControlActionRequestControl}),
		clientData(t, pdu.PDUType2FontList, &pdu.FontList{ListFlags: pdu.FontListFirst | pdu.FontListLast, EntrySize: 50}),
	} {
		if _, _, err := s.Handle(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	if !s.Ready() {
		t.Fatal("not Ready after finalization")
	}
}

// confirmActive builds the client's Confirm Active frame.
func confirmActive(t *testing.T, sets ...caps.Set) []byte {
	t.Helper()
	b, err := pdu.AppendShareControl(nil, pdu.PDUTypeConfirmActive, user, &pdu.ConfirmActive{
		ShareID: acceptor.ShareID, OriginatorID: acceptor.ServerChannelID, SourceDescriptor: "FREERDP", CapabilitySets: sets,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sendData(t, mcs.IOChannel, b)
}

// shareControlTypes decodes the share control PDU types the session sent.
func shareControlTypes(t *testing.T, out []byte) ([]pdu.PDUType, []any) {
	t.Helper()
	var types []pdu.PDUType
	var bodies []any
	for len(out) > 0 {
		n := int(out[2])<<8 | int(out[3])
		payload, err := x224.ParseData(out[:n])
		if err != nil {
			t.Fatal(err)
		}
		out = out[n:]
		p, err := mcs.DecodeDomainPDU(payload)
		if err != nil {
			t.Fatal(err)
		}
		h, body, err := pdu.DecodeShareControl(p.(*mcs.SendDataIndication).UserData)
		if err != nil {
			t.Fatal(err)
		}
		types = append(types, h.Type)
		if h.Type == pdu.PDUTypeData {
			bodies = append(bodies, nil)
			continue
		}
		b, err := pdu.DecodeShareControlBody(h.Type, body)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	return types, bodies
}

func resizable(t *testing.T) *Session {
	t.Helper()
	s := newSession(t)
	s.res.ClientCaps.DesktopResize = true
	s.res.ServerCaps = acceptor.ServerCapabilities(acceptor.CapsConfig{Width: 64, Height: 64, BitsPerPixel: 32, MaxRequestSize: acceptor.MultifragmentSize(64, 64)})
	finalize(t, s)
	return s
}

// TestReactivation walks a resize (1.3.1.3): Deactivate All and a Demand
// Active with the new size; no graphics until the client confirmed and
// finalized again; input goes on meanwhile.
func TestReactivation(t *testing.T) {
	s := resizable(t)
	out, err := s.Reactivate(nil, 200, 100)
	if err != nil {
		t.Fatal(err)
	}
	types, bodies := shareControlTypes(t, out)
	if len(types) != 2 || types[0] != pdu.PDUTypeDeactivateAll || types[1] != pdu.PDUTypeDemandActive {
		t.Fatalf("sent %v, want Deactivate All, Demand Active", types)
	}
	var bm *caps.Bitmap
	var mf *caps.MultifragmentUpdate
	for _, set := range bodies[1].(*pdu.DemandActive).CapabilitySets {
		switch v := set.(type) {
		case *caps.Bitmap:
			bm = v
		case *caps.MultifragmentUpdate:
			mf = v
		}
	}
	if bm == nil || bm.DesktopWidth != 200 || bm.DesktopHeight != 100 || !bm.DesktopResize {
		t.Fatalf("Demand Active Bitmap set %+v, want 200x100 with desktopResizeFlag", bm)
	}
	if mf == nil || mf.MaxRequestSize != acceptor.MultifragmentSize(200, 100) {
		t.Fatalf("Multifragment Update %+v, want %d", mf, acceptor.MultifragmentSize(200, 100))
	}
	if s.Ready() {
		t.Fatal("Ready while reactivating")
	}
	if _, err := s.AppendBitmapUpdate(nil, []pdu.BitmapData{{Width: 1, Height: 1, BitsPerPixel: 32, Data: make([]byte, 4)}}); err == nil {
		t.Fatal("a bitmap update was accepted while reactivating")
	}
	if _, err := s.Reactivate(nil, 300, 300); err == nil {
		t.Fatal("a second Reactivate while reactivating was accepted")
	}
	// Input sent before the client saw the Deactivate All still counts.
	evs, _, err := s.Handle(clientData(t, pdu.PDUType2Input, &pdu.InputEvents{Events: []input.Event{input.Sync{}}}), nil)
	if err != nil || len(evs) != 1 {
		t.Fatalf("input while reactivating: %v, %v", evs, err)
	}
	if _, _, err := s.Handle(confirmActive(t,
		&caps.General{ExtraFlags: caps.FastPathOutputSupported},
		&caps.Bitmap{PreferredBitsPerPixel: 32, DesktopWidth: 200, DesktopHeight: 100, DesktopResize: true},
		&caps.MultifragmentUpdate{MaxRequestSize: acceptor.MultifragmentSize(200, 100)},
	), nil); err != nil {
		t.Fatal(err)
	}
	if s.Ready() {
		t.Fatal("Ready before the client finalized again")
	}
	finalize(t, s)
	if r := s.Result(); r.DesktopWidth != 200 || r.DesktopHeight != 100 {
		t.Fatalf("desktop %dx%d after reactivation, want 200x100", r.DesktopWidth, r.DesktopHeight)
	}
	if got, want := s.UpdateLimit(), int(acceptor.MultifragmentSize(200, 100)); got != want {
		t.Fatalf("UpdateLimit %d, want the new confirm's %d", got, want)
	}
	if _, err := s.AppendBitmapUpdate(nil, []pdu.BitmapData{{DestRight: 0, DestBottom: 0, Width: 1, Height: 1, BitsPerPixel: 32, Data: make([]byte, 4)}}); err != nil {
		t.Fatalf("bitmap after reactivation: %v", err)
	}
}

func TestReactivationRefused(t *testing.T) {
	s := newSession(t) // no desktopResizeFlag
	finalize(t, s)
	if _, err := s.Reactivate(nil, 100, 100); !errors.Is(err, ErrNoDesktopResize) {
		t.Fatalf("Reactivate without desktopResizeFlag: %v, want ErrNoDesktopResize", err)
	}
	if !s.Ready() {
		t.Fatal("a refused reactivation left the session inactive")
	}
	// A Confirm Active outside a reactivation is a protocol error.
	if _, _, err := s.Handle(confirmActive(t, &caps.General{}), nil); err == nil {
		t.Fatal("an unexpected Confirm Active was accepted")
	}
	s = resizable(t)
	if _, err := s.Reactivate(nil, 0, 100); err == nil {
		t.Fatal("a 0-wide desktop was accepted")
	}
	if _, err := s.Reactivate(nil, 100, 100); err != nil {
		t.Fatal(err)
	}
	bad, err := pdu.AppendShareControl(nil, pdu.PDUTypeConfirmActive, user, &pdu.ConfirmActive{
		ShareID: acceptor.ShareID + 1, OriginatorID: acceptor.ServerChannelID, SourceDescriptor: "X",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Handle(sendData(t, mcs.IOChannel, bad), nil); err == nil {
		t.Fatal("a Confirm Active for another share was accepted")
	}
}
