package xi2

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

// The daemon's ledger is what Watch's Ledger is for.
var _ Claimer = (*shadow.KeyLedger)(nil)

const esc = 9

// The devices of a fresh Xvfb (xinput list), plus a floating keyboard.
var (
	vcp       = device{id: 2, use: xiMasterPointer, attachment: 3, enabled: true, name: "Virtual core pointer"}
	vck       = device{id: 3, use: xiMasterKeyboard, attachment: 2, enabled: true, name: "Virtual core keyboard"}
	xtestPtr  = device{id: 4, use: xiSlavePointer, attachment: 2, enabled: true, name: "Virtual core XTEST pointer"}
	xtestKbd  = device{id: 5, use: xiSlaveKeyboard, attachment: 3, enabled: true, name: "Virtual core XTEST keyboard"}
	xvfbMouse = device{id: 6, use: xiSlavePointer, attachment: 2, enabled: true, name: "Xvfb mouse"}
	xvfbKbd   = device{id: 7, use: xiSlaveKeyboard, attachment: 3, enabled: true, name: "Xvfb keyboard"}
	floating  = device{id: 8, use: xiFloatingSlave, enabled: true, name: "USB keyboard"}
	xvfbDevs  = []device{vcp, vck, xtestPtr, xtestKbd, xvfbMouse, xvfbKbd}
)

// raw is a RawKeyPress of key from slave src as that slave's own copy.
func raw(key uint32, src uint16) xiEvent {
	return xiEvent{extension: 131, evtype: xiRawKeyPress, deviceid: src, sourceid: src, detail: key, time: 1000}
}

func TestClassify(t *testing.T) {
	masterCopy := raw(esc, 5)
	masterCopy.deviceid = 3
	repeat := raw(esc, 7)
	repeat.flags = xiKeyRepeat
	release := raw(esc, 7)
	release.evtype = xiRawKeyPress + 1
	otherFlags := raw(esc, 7)
	otherFlags.flags = 1 << 15

	tests := []struct {
		name      string
		ev        xiEvent
		src       device
		known     bool
		ledger    bool // what claim returns
		want      verdict
		wantClaim bool // claim must be called
	}{
		{"keyboard press", raw(esc, 7), xvfbKbd, true, false, localDevice, false},
		{"keyboard press while an injection is pending", raw(esc, 7), xvfbKbd, true, true, localDevice, false},
		{"floating keyboard", raw(esc, 8), floating, true, true, localDevice, false},
		{"unknown device", raw(esc, 42), device{}, false, true, localDevice, false},
		{"own injection", raw(esc, 5), xtestKbd, true, true, ownInjection, true},
		{"another XTest client", raw(esc, 5), xtestKbd, true, false, xtestClient, true},
		{"XTEST pointer device", raw(esc, 4), xtestPtr, true, true, ownInjection, true},
		{"other key", raw(38, 7), xvfbKbd, true, false, ignored, false},
		{"other key by XTest", raw(38, 5), xtestKbd, true, true, ignored, false},
		{"keycode beyond 8 bits", raw(esc+256, 7), xvfbKbd, true, false, ignored, false},
		{"auto-repeat", repeat, xvfbKbd, true, false, ignored, false},
		{"unknown flags do not matter", otherFlags, xvfbKbd, true, false, localDevice, false},
		{"master's copy", masterCopy, xtestKbd, true, true, ignored, false},
		{"release", release, xvfbKbd, true, false, ignored, false},
	}
	for _, tt := range tests {
		called := false
		got := classify(tt.ev, esc, tt.src, tt.known, func() bool { called = true; return tt.ledger })
		if got != tt.want || called != tt.wantClaim {
			t.Errorf("%s: classify = %v (claim called %v), want %v (claim called %v)", tt.name, got, called, tt.want, tt.wantClaim)
		}
	}
	// No ledger at all: every XTest press is another client's.
	if got := classify(raw(esc, 5), esc, xtestKbd, true, nil); got != xtestClient {
		t.Errorf("no ledger: classify = %v, want xtestClient", got)
	}
}

func TestSessionWithLedger(t *testing.T) {
	t0 := time.Unix(1000, 0)
	var ledger shadow.KeyLedger
	s := newSession(esc, func(now time.Time) bool { return ledger.Claim(esc, now) }, xvfbDevs)

	// The expert's ESC: injected, then seen from the XTEST keyboard.
	ledger.Injected(esc, t0)
	if p, ok := s.rawEvent(raw(esc, 5), t0.Add(time.Millisecond)); ok {
		t.Errorf("own injection reported: %+v", p)
	}
	// xdotool's ESC: same device, no ledger entry.
	p, ok := s.rawEvent(raw(esc, 5), t0.Add(2*time.Millisecond))
	want := Press{Time: t0.Add(2 * time.Millisecond), ServerTime: 1000, Keycode: esc, Device: 5, DeviceName: "Virtual core XTEST keyboard", XTest: true}
	if !ok || p != want {
		t.Errorf("other XTest client's press = %+v, %v; want %+v", p, ok, want)
	}
	// The local user presses ESC while an injection is pending: reported,
	// and the entry is left for the injected press that follows.
	ledger.Injected(esc, t0.Add(3*time.Millisecond))
	p, ok = s.rawEvent(raw(esc, 7), t0.Add(4*time.Millisecond))
	want = Press{Time: t0.Add(4 * time.Millisecond), ServerTime: 1000, Keycode: esc, Device: 7, DeviceName: "Xvfb keyboard"}
	if !ok || p != want {
		t.Errorf("keyboard press = %+v, %v; want %+v", p, ok, want)
	}
	if p, ok := s.rawEvent(raw(esc, 5), t0.Add(5*time.Millisecond)); ok {
		t.Errorf("injection after a local press reported: %+v", p)
	}
	// An entry older than shadow.LedgerTTL no longer hides a press.
	ledger.Injected(esc, t0)
	if _, ok := s.rawEvent(raw(esc, 5), t0.Add(shadow.LedgerTTL+time.Second)); !ok {
		t.Error("XTest press with only an expired ledger entry not reported")
	}
}

func TestSessionRefresh(t *testing.T) {
	t0 := time.Unix(2000, 0)
	claims := 0
	s := newSession(esc, func(time.Time) bool { claims++; return false }, []device{vck, xvfbKbd})

	if !s.hierarchyChanged() {
		t.Fatal("first hierarchy change asks for no query")
	}
	if s.hierarchyChanged() {
		t.Error("second hierarchy change while a query is outstanding asks for another")
	}
	// A new master's XTEST keyboard (id 9) presses while the list is
	// stale, then a known keyboard; neither is decided yet.
	if _, ok := s.rawEvent(raw(esc, 9), t0); ok {
		t.Error("press reported before the device list arrived")
	}
	if _, ok := s.rawEvent(raw(esc, 7), t0.Add(time.Millisecond)); ok {
		t.Error("press reported before the device list arrived")
	}
	if _, ok := s.rawEvent(raw(38, 7), t0); ok {
		t.Error("other key reported")
	}
	newXTest := device{id: 9, use: xiSlaveKeyboard, attachment: 10, enabled: true, name: "second XTEST keyboard"}
	got := s.devicesReplied([]device{vck, xvfbKbd, newXTest})
	want := []Press{
		{Time: t0, ServerTime: 1000, Keycode: esc, Device: 9, DeviceName: "second XTEST keyboard", XTest: true},
		{Time: t0.Add(time.Millisecond), ServerTime: 1000, Keycode: esc, Device: 7, DeviceName: "Xvfb keyboard"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("presses after the refresh (-want +got):\n%s", diff)
	}
	if claims != 1 {
		t.Errorf("%d ledger claims, want 1 (only the XTEST press)", claims)
	}
	if !s.hierarchyChanged() {
		t.Error("hierarchy change after the reply asks for no query")
	}

	// A removed device is unknown: its presses count as local.
	s.devicesReplied([]device{vck})
	if p, ok := s.rawEvent(raw(esc, 7), t0); !ok || p.DeviceName != "" || p.XTest {
		t.Errorf("press from a removed device = %+v, %v; want a local press", p, ok)
	}
}

func TestSessionQueueBound(t *testing.T) {
	s := newSession(esc, nil, xvfbDevs)
	s.hierarchyChanged()
	for i := 0; i < maxQueued; i++ {
		if _, ok := s.rawEvent(raw(esc, 7), time.Time{}); ok {
			t.Fatalf("press %d reported while refreshing", i)
		}
	}
	if _, ok := s.rawEvent(raw(esc, 7), time.Time{}); !ok {
		t.Error("press beyond the queue bound not decided at once")
	}
	if got := s.devicesReplied(xvfbDevs); len(got) != maxQueued {
		t.Errorf("%d queued presses reported, want %d", len(got), maxQueued)
	}
}
