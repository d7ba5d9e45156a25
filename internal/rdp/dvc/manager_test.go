package dvc

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ranoviced/ranoviced/internal/rdp/rdptest"
)

// enc encodes a PDU as the client (or server) would send it.
func enc(t *testing.T, p PDU) []byte {
	t.Helper()
	b, err := p.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serverPDUs decodes what the Manager sent, as the client would.
func serverPDUs(t *testing.T, out [][]byte) []PDU {
	t.Helper()
	var pdus []PDU
	for _, b := range out {
		if len(b) > 1600 {
			t.Fatalf("%d-byte DVC PDU does not fit one static channel chunk", len(b))
		}
		p, err := Decode(b, FromServer)
		if err != nil {
			t.Fatalf("server sent undecodable %x: %v", b, err)
		}
		pdus = append(pdus, p)
	}
	return pdus
}

// process feeds one client message and fails on error.
func process(t *testing.T, m *Manager, msg []byte) ([]Event, [][]byte) {
	t.Helper()
	ev, out, err := m.Process(msg)
	if err != nil {
		t.Fatalf("Process(%x): %v", msg, err)
	}
	return ev, out
}

// ready returns a Manager after Start and the client's v2 capabilities
// response.
func ready(t *testing.T, max int) *Manager {
	t.Helper()
	m := NewManager(max)
	m.Start()
	process(t, m, enc(t, &CapsResponse{Version: Version2}))
	return m
}

// opened returns a ready Manager with channel name open, and its id.
func opened(t *testing.T, max int, name string) (*Manager, uint32) {
	t.Helper()
	m := ready(t, max)
	id, _, err := m.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	ev, _ := process(t, m, enc(t, &CreateResponse{ChannelID: id}))
	if d := cmp.Diff([]Event{Opened{ID: id, Name: name}}, ev); d != "" {
		t.Fatalf("open (-want +got):\n%s", d)
	}
	return m, id
}

func TestManagerStart(t *testing.T) {
	m := NewManager(0)
	out := m.Start()
	want := rdptest.Hex(`50 00 02 00  00 00 00 00 00 00 00 00`) // DYNVC_CAPS_VERSION2, zero charges
	if len(out) != 1 || !bytes.Equal(out[0], want) {
		t.Fatalf("Start = %x, want %x", out, want)
	}
	if again := m.Start(); again != nil {
		t.Fatalf("second Start = %x", again)
	}
	if m.Version() != 0 {
		t.Fatal("version before the response")
	}
	process(t, m, rdptest.Hex(`5c 00 01 00`)) // mstsc-style Sp, version 1
	if m.Version() != Version1 {
		t.Fatalf("Version = %d", m.Version())
	}
}

func TestManagerCapsErrors(t *testing.T) {
	t.Run("response before Start", func(t *testing.T) {
		if _, _, err := NewManager(0).Process(enc(t, &CapsResponse{Version: 2})); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("version above the offer", func(t *testing.T) {
		m := NewManager(0)
		m.Start()
		if _, _, err := m.Process(enc(t, &CapsResponse{Version: 3})); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("second response", func(t *testing.T) {
		m := ready(t, 0)
		if _, _, err := m.Process(enc(t, &CapsResponse{Version: 2})); err == nil {
			t.Fatal("no error")
		}
	})
}

func TestManagerOpen(t *testing.T) {
	t.Run("idle -Open-> queued -CapsResponse-> requested -CreateResponse-> open", func(t *testing.T) {
		m := NewManager(0)
		id1, out, err := m.Open("ECHO")
		if err != nil || id1 != 1 || out != nil {
			t.Fatalf("Open = %d, %x, %v", id1, out, err)
		}
		id2, _, _ := m.Open("RC_CTL")
		if id2 != 2 {
			t.Fatalf("second id %d", id2)
		}
		m.Start()
		ev, out := process(t, m, enc(t, &CapsResponse{Version: 2}))
		if len(ev) != 0 {
			t.Fatalf("events %v", ev)
		}
		want := []PDU{&CreateRequest{ChannelID: 1, Name: "ECHO"}, &CreateRequest{ChannelID: 2, Name: "RC_CTL"}}
		if d := cmp.Diff(want, serverPDUs(t, out)); d != "" {
			t.Fatalf("create requests (-want +got):\n%s", d)
		}
		if !bytes.Equal(out[0], rdptest.Hex(`10 01 45 43 48 4f 00`)) {
			t.Fatalf("create request %x", out[0])
		}
		ev, _ = process(t, m, rdptest.Hex(`12 02 00 00 00 00 00 00 00`)) // 4-byte id, as some clients echo
		if d := cmp.Diff([]Event{Opened{ID: 2, Name: "RC_CTL"}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("ready -Open-> requested", func(t *testing.T) {
		m := ready(t, 0)
		id, out, err := m.Open("ECHO")
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]PDU{&CreateRequest{ChannelID: id, Name: "ECHO"}}, serverPDUs(t, out)); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
		if _, err := m.Send(id, []byte("x")); err == nil {
			t.Fatal("Send before the create response")
		}
	})
	t.Run("requested -CreateResponse(fail)-> gone", func(t *testing.T) {
		m := ready(t, 0)
		id, _, _ := m.Open("NOPE")
		ev, out := process(t, m, rdptest.Hex(`10 01 01 00 00 c0`)) // FreeRDP: no listener
		if d := cmp.Diff([]Event{OpenFailed{ID: id, Name: "NOPE", Status: -0x3FFFFFFF}}, ev); d != "" || out != nil {
			t.Fatalf("(-want +got):\n%s%x", d, out)
		}
		if _, err := m.Send(id, []byte("x")); err == nil {
			t.Fatal("Send on a refused channel")
		}
		ev, _ = process(t, m, enc(t, &Data{ChannelID: id, Data: []byte("late")}))
		if d := cmp.Diff([]Event{Dropped{ID: id, Cmd: CmdData, Len: 4}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("name errors", func(t *testing.T) {
		m := NewManager(0)
		for _, name := range []string{"", "a\x00b", string(make([]byte, MaxNameLength+1))} {
			if _, _, err := m.Open(name); err == nil {
				t.Errorf("Open(%q) accepted", name)
			}
		}
	})
	t.Run("wide ids and exhaustion", func(t *testing.T) {
		m := ready(t, 0)
		m.nextID = math.MaxUint32
		id, out, err := m.Open("ECHO")
		if err != nil || id != math.MaxUint32 {
			t.Fatalf("Open = %d, %v", id, err)
		}
		if !bytes.Equal(out[0], rdptest.Hex(`12 ff ff ff ff 45 43 48 4f 00`)) {
			t.Fatalf("create request %x", out[0])
		}
		if _, _, err := m.Open("ECHO"); err == nil {
			t.Fatal("ids did not run out")
		}
	})
}

func TestManagerCreateResponseErrors(t *testing.T) {
	t.Run("unknown id", func(t *testing.T) {
		m := ready(t, 0)
		if _, _, err := m.Process(enc(t, &CreateResponse{ChannelID: 7})); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("queued id", func(t *testing.T) {
		m := NewManager(0)
		id, _, _ := m.Open("ECHO")
		if _, _, err := m.Process(enc(t, &CreateResponse{ChannelID: id})); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("second response", func(t *testing.T) {
		m, id := opened(t, 0, "ECHO")
		if _, _, err := m.Process(enc(t, &CreateResponse{ChannelID: id})); err == nil {
			t.Fatal("no error")
		}
	})
}

// clientReassemble decodes what Send produced and rebuilds the message as
// a client would, checking the fragmentation rules.
func clientReassemble(t *testing.T, out [][]byte, id uint32) []byte {
	t.Helper()
	pdus := serverPDUs(t, out)
	switch first := pdus[0].(type) {
	case *Data:
		if len(pdus) != 1 || first.ChannelID != id || len(first.Data) > MaxDataSize {
			t.Fatalf("single DYNVC_DATA expected, got %d PDUs", len(pdus))
		}
		return first.Data
	case *DataFirst:
		msg := append([]byte(nil), first.Data...)
		if first.ChannelID != id || len(first.Data) > MaxDataSize {
			t.Fatalf("DYNVC_DATA_FIRST: channel %d, %d bytes", first.ChannelID, len(first.Data))
		}
		for i, p := range pdus[1:] {
			d, ok := p.(*Data)
			if !ok || d.ChannelID != id || len(d.Data) > MaxDataSize || len(d.Data) == 0 {
				t.Fatalf("PDU %d: %T", i+1, p)
			}
			msg = append(msg, d.Data...)
		}
		if len(msg) != int(first.Length) {
			t.Fatalf("reassembled %d bytes, Length %d", len(msg), first.Length)
		}
		return msg
	}
	t.Fatalf("first PDU is %T", pdus[0])
	return nil
}

func message(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*13 + i>>8)
	}
	return b
}

func TestManagerSendAndReceive(t *testing.T) {
	tests := []struct {
		name string
		size int
		pdus int
	}{
		{"1-byte", 1, 1},
		{"empty", 0, 1},
		{"1590-bytes-one-data", 1590, 1},
		{"1591-bytes-data-first", 1591, 2},
		{"100-KiB", 100 << 10, (100<<10 + MaxDataSize - 1) / MaxDataSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, id := opened(t, 200<<10, "ECHO")
			msg := message(tt.size)
			out, err := m.Send(id, msg)
			if err != nil {
				t.Fatal(err)
			}
			if len(out) != tt.pdus {
				t.Fatalf("%d PDUs, want %d", len(out), tt.pdus)
			}
			if got := clientReassemble(t, out, id); !bytes.Equal(got, msg) {
				t.Fatal("client reassembled a different message")
			}
			// The echo client sends the same PDUs back (DATA_FIRST and DATA
			// have the same layout both ways).
			var events []Event
			for _, b := range out {
				ev, reply := process(t, m, b)
				if reply != nil {
					t.Fatalf("reply %x", reply)
				}
				events = append(events, ev...)
			}
			if d := cmp.Diff([]Event{Received{ID: id, Data: msg}}, events, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("(-want +got):\n%s", d)
			}
		})
	}
}

// FreeRDP 2.11's client fills each PDU to 1,600 bytes and may use a 4-byte
// Length (drdynvc_main.c drdynvc_write_data); the Manager reassembles any
// split.
func TestManagerReceiveFreeRDPSplit(t *testing.T) {
	m, id := opened(t, 0, "ECHO")
	msg := message(5000)
	first := 1600 - 1 - 1 - 2 // header, 1-byte id, 2-byte Length
	ev, _ := process(t, m, enc(t, &DataFirst{ChannelID: id, Length: uint32(len(msg)), Data: msg[:first]}))
	for off := first; off < len(msg); off += 1598 {
		if len(ev) != 0 {
			t.Fatalf("early events %v", ev)
		}
		ev, _ = process(t, m, enc(t, &Data{ChannelID: id, Data: msg[off:min(off+1598, len(msg))]}))
	}
	if d := cmp.Diff([]Event{Received{ID: id, Data: msg}}, ev); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	// A DATA_FIRST holding the whole message completes at once.
	ev, _ = process(t, m, rdptest.Hex(`28 01 02 00 00 00 aa bb`))
	if d := cmp.Diff([]Event{Received{ID: id, Data: []byte{0xaa, 0xbb}}}, ev); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}

func TestManagerReceiveErrors(t *testing.T) {
	chErr := func(t *testing.T, err error, id uint32) {
		t.Helper()
		var ce *ChannelError
		if !errors.As(err, &ce) || ce.ID != id {
			t.Fatalf("err %v, want a ChannelError for %d", err, id)
		}
	}
	t.Run("open -DataFirst-> reassembling -DataFirst-> ChannelError", func(t *testing.T) {
		m, id := opened(t, 0, "ECHO")
		process(t, m, enc(t, &DataFirst{ChannelID: id, Length: 10, Data: []byte("abc")}))
		_, _, err := m.Process(enc(t, &DataFirst{ChannelID: id, Length: 10, Data: []byte("abc")}))
		chErr(t, err, id)
		// The partial message is gone and the channel still works.
		ev, _ := process(t, m, enc(t, &Data{ChannelID: id, Data: []byte("whole")}))
		if d := cmp.Diff([]Event{Received{ID: id, Data: []byte("whole")}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("DataFirst over the maximum", func(t *testing.T) {
		m, id := opened(t, 16, "ECHO")
		_, _, err := m.Process(enc(t, &DataFirst{ChannelID: id, Length: 17, Data: []byte("a")}))
		chErr(t, err, id)
	})
	t.Run("DataFirst of 4 GiB", func(t *testing.T) {
		m, id := opened(t, 16, "ECHO")
		_, _, err := m.Process(rdptest.Hex(`28 01 ff ff ff ff 61`))
		chErr(t, err, id)
	})
	t.Run("Data over the maximum", func(t *testing.T) {
		m, id := opened(t, 16, "ECHO")
		_, _, err := m.Process(enc(t, &Data{ChannelID: id, Data: make([]byte, 17)}))
		chErr(t, err, id)
	})
	t.Run("Data overflows the declared length", func(t *testing.T) {
		m, id := opened(t, 0, "ECHO")
		process(t, m, enc(t, &DataFirst{ChannelID: id, Length: 4, Data: []byte("ab")}))
		_, _, err := m.Process(enc(t, &Data{ChannelID: id, Data: []byte("cde")}))
		chErr(t, err, id)
	})
	t.Run("DataFirst with Length below its data", func(t *testing.T) {
		m, _ := opened(t, 0, "ECHO")
		if _, _, err := m.Process(rdptest.Hex(`20 01 01 aa bb`)); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("compressed data", func(t *testing.T) {
		m, _ := opened(t, 0, "ECHO")
		if _, _, err := m.Process(rdptest.Hex(`70 01 aa`)); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("capabilities request from the client", func(t *testing.T) {
		m := ready(t, 0)
		// Decoded FromClient this is a response: a second one.
		if _, _, err := m.Process(rdptest.Hex(`50 00 02 00 00 00 00 00 00 00 00 00`)); err == nil {
			t.Fatal("no error")
		}
	})
}

func TestManagerDropped(t *testing.T) {
	m, id := opened(t, 0, "ECHO")
	tests := []struct {
		name string
		msg  []byte
		want Event
	}{
		{"data for an unknown id", enc(t, &Data{ChannelID: 99, Data: []byte("xy")}), Dropped{ID: 99, Cmd: CmdData, Len: 2}},
		{"data-first for an unknown id", enc(t, &DataFirst{ChannelID: 99, Length: 9, Data: []byte("xyz")}), Dropped{ID: 99, Cmd: CmdDataFirst, Len: 3}},
		{"close for an unknown id", enc(t, &Close{ChannelID: 99}), Dropped{ID: 99, Cmd: CmdClose}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, out := process(t, m, tt.msg)
			if d := cmp.Diff([]Event{tt.want}, ev); d != "" || out != nil {
				t.Fatalf("(-want +got):\n%s%x", d, out)
			}
		})
	}
	// Data on a channel whose create request is unanswered.
	id2, _, _ := m.Open("OTHER")
	ev, _ := process(t, m, enc(t, &Data{ChannelID: id2, Data: []byte("z")}))
	if d := cmp.Diff([]Event{Dropped{ID: id2, Cmd: CmdData, Len: 1}}, ev); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	// Before the capabilities response everything but it is dropped or refused.
	m2 := NewManager(0)
	m2.Start()
	ev, _ = process(t, m2, enc(t, &Data{ChannelID: 1, Data: []byte("z")}))
	if d := cmp.Diff([]Event{Dropped{ID: 1, Cmd: CmdData, Len: 1}}, ev); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	_ = id
}

func TestManagerClose(t *testing.T) {
	t.Run("open -client Close-> closed, no answer", func(t *testing.T) {
		m, id := opened(t, 0, "ECHO")
		ev, out := process(t, m, rdptest.Hex(`42 01 00 00 00`)) // FreeRDP's 4-byte id
		if d := cmp.Diff([]Event{Closed{ID: id, Name: "ECHO"}}, ev); d != "" || out != nil {
			t.Fatalf("(-want +got):\n%s%x", d, out)
		}
		if _, err := m.Send(id, []byte("x")); err == nil {
			t.Fatal("Send after close")
		}
		ev, _ = process(t, m, enc(t, &Data{ChannelID: id, Data: []byte("x")}))
		if d := cmp.Diff([]Event{Dropped{ID: id, Cmd: CmdData, Len: 1}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("open -Close-> closing -client Close-> closed", func(t *testing.T) {
		m, id := opened(t, 0, "ECHO")
		process(t, m, enc(t, &DataFirst{ChannelID: id, Length: 10, Data: []byte("abc")}))
		out := m.Close(id)
		if d := cmp.Diff([]PDU{&Close{ChannelID: id}}, serverPDUs(t, out)); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
		if !bytes.Equal(out[0], []byte{0x40, 0x01}) {
			t.Fatalf("close %x", out[0])
		}
		if again := m.Close(id); again != nil {
			t.Fatalf("second Close = %x", again)
		}
		if _, err := m.Send(id, []byte("x")); err == nil {
			t.Fatal("Send while closing")
		}
		ev, _ := process(t, m, enc(t, &Data{ChannelID: id, Data: []byte("late")}))
		if d := cmp.Diff([]Event{Dropped{ID: id, Cmd: CmdData, Len: 4}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
		ev, out = process(t, m, enc(t, &Close{ChannelID: id}))
		if d := cmp.Diff([]Event{Closed{ID: id, Name: "ECHO"}}, ev); d != "" || out != nil {
			t.Fatalf("(-want +got):\n%s%x", d, out)
		}
	})
	t.Run("queued -Close-> forgotten", func(t *testing.T) {
		m := NewManager(0)
		id1, _, _ := m.Open("A")
		id2, _, _ := m.Open("B")
		if out := m.Close(id1); out != nil {
			t.Fatalf("Close = %x", out)
		}
		m.Start()
		_, out := process(t, m, enc(t, &CapsResponse{Version: 2}))
		if d := cmp.Diff([]PDU{&CreateRequest{ChannelID: id2, Name: "B"}}, serverPDUs(t, out)); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("requested -Close-> closing -CreateResponse(ok)-> closing -client Close-> closed", func(t *testing.T) {
		m := ready(t, 0)
		id, _, _ := m.Open("ECHO")
		if out := m.Close(id); len(out) != 1 {
			t.Fatalf("Close = %x", out)
		}
		ev, _ := process(t, m, enc(t, &CreateResponse{ChannelID: id}))
		if len(ev) != 0 {
			t.Fatalf("events %v", ev)
		}
		ev, _ = process(t, m, enc(t, &Close{ChannelID: id}))
		if d := cmp.Diff([]Event{Closed{ID: id, Name: "ECHO"}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("requested -Close-> closing -CreateResponse(fail)-> gone", func(t *testing.T) {
		m := ready(t, 0)
		id, _, _ := m.Open("ECHO")
		m.Close(id)
		ev, _ := process(t, m, enc(t, &CreateResponse{ChannelID: id, CreationStatus: -1}))
		if d := cmp.Diff([]Event{OpenFailed{ID: id, Name: "ECHO", Status: -1}}, ev); d != "" {
			t.Fatalf("(-want +got):\n%s", d)
		}
	})
	t.Run("unknown -Close-> nothing", func(t *testing.T) {
		if out := NewManager(0).Close(5); out != nil {
			t.Fatalf("Close = %x", out)
		}
	})
}

func TestManagerSendErrors(t *testing.T) {
	m := ready(t, 0)
	if _, err := m.Send(1, []byte("x")); err == nil {
		t.Fatal("Send on an unknown channel")
	}
}

func TestChannelError(t *testing.T) {
	inner := errors.New("bad")
	err := error(&ChannelError{ID: 3, Err: inner})
	if !errors.Is(err, inner) || err.Error() != "dvc: channel 3: bad" {
		t.Fatal(err)
	}
}

// FuzzManager feeds a sequence of client messages, each prefixed by a
// one-byte length, to a Manager with a channel open: nothing panics, and
// no message over the maximum is delivered.
func FuzzManager(f *testing.F) {
	var seed []byte
	for _, s := range []string{"20 01 0a 61 62 63", "30 01 64 65 66 67 68 69 6a", "40 01", "10 02 00 00 00 00", "30 02 61"} {
		b := rdptest.Hex(s)
		seed = append(append(seed, byte(len(b))), b...)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, b []byte) {
		m := NewManager(64)
		m.Start()
		if _, _, err := m.Process(rdptest.Hex("50 00 02 00")); err != nil {
			t.Fatal(err)
		}
		m.Open("ECHO")
		m.Open("OTHER")
		if _, _, err := m.Process(rdptest.Hex("10 01 00 00 00 00")); err != nil {
			t.Fatal(err)
		}
		for len(b) > 0 {
			n := min(int(b[0]), len(b)-1)
			events, out, err := m.Process(b[1 : 1+n])
			if err != nil && (events != nil || out != nil) {
				t.Fatal("error with results")
			}
			for _, ev := range events {
				if r, ok := ev.(Received); ok && len(r.Data) > 64 {
					t.Fatalf("%d-byte message over the maximum", len(r.Data))
				}
			}
			for _, o := range out {
				if _, err := Decode(o, FromServer); err != nil {
					t.Fatalf("undecodable output %x", o)
				}
			}
			b = b[1+n:]
		}
		// Whatever state the channels are in, sending never panics.
		for id := uint32(0); id < 4; id++ {
			m.Send(id, make([]byte, 4000))
			m.Close(id)
		}
	})
}
