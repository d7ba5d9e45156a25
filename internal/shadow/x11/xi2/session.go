package xi2

import "time"

// verdict is what a raw event means for the panic key.
type verdict uint8

const (
	// ignored: not a fresh press of the watched key as its slave device
	// reported it (another key, a release, an auto-repeat, or the
	// master's copy of a slave's event).
	ignored verdict = iota
	// ownInjection: from an XTEST device, and the ledger claimed it: the
	// daemon injected it for the expert. Not reported.
	ownInjection
	// localDevice: from a device that is not an XTEST device, or one the
	// watcher does not know (yet, or any more). Reported.
	localDevice
	// xtestClient: from an XTEST device but not in the ledger: another
	// XTest client on the novice's machine. Reported.
	xtestClient
)

func (v verdict) String() string {
	switch v {
	case ignored:
		return "ignored"
	case ownInjection:
		return "ownInjection"
	case localDevice:
		return "localDevice"
	case xtestClient:
		return "xtestClient"
	}
	return "verdict(?)"
}

// isWatchedPress reports whether ev is a press of keycode that counts at
// all, whatever its source: a RawKeyPress of that keycode, not an
// auto-repeat, and the slave device's own copy. The server sends each raw
// event once from the slave (deviceid == sourceid) and once more from the
// master it is attached to (deviceid = master, same sourceid); a floating
// slave's events have no master copy, so counting the slave's copy sees
// every press exactly once.
func isWatchedPress(ev xiEvent, keycode uint8) bool {
	return ev.evtype == xiRawKeyPress &&
		ev.detail == uint32(keycode) &&
		ev.flags&xiKeyRepeat == 0 &&
		ev.deviceid == ev.sourceid
}

// classify decides about a raw event: see the verdicts. src is the event's
// source device and known whether the device list has it. claim consumes
// one ledger entry for the key and reports whether there was one; it is
// called only for watched presses from XTEST devices, so a local press
// never uses up the entry of an injection on its way.
func classify(ev xiEvent, keycode uint8, src device, known bool, claim func() bool) verdict {
	if !isWatchedPress(ev, keycode) {
		return ignored
	}
	return classifySource(src, known, claim)
}

func classifySource(src device, known bool, claim func() bool) verdict {
	// Unknown devices count as local: the list lags a hierarchy change
	// only briefly, and the panic key must err towards firing.
	if !known || !src.isXTest() {
		return localDevice
	}
	if claim != nil && claim() {
		return ownInjection
	}
	return xtestClient
}

// maxQueued bounds the presses held while the device list is refreshed;
// beyond it they are classified against the old list at once.
const maxQueued = 64

// session is the watcher's protocol state, without I/O: the device list,
// whether an XIQueryDevice is outstanding, and the presses waiting for its
// reply. The driver feeds it events and replies and sends the requests it
// asks for.
type session struct {
	keycode uint8
	// claim consumes a ledger entry for keycode at the given time; nil
	// when there is no ledger.
	claim func(now time.Time) bool

	devices    map[uint16]device
	refreshing bool           // an XIQueryDevice is outstanding
	queued     []pendingPress // watched presses seen while refreshing
}

type pendingPress struct {
	ev   xiEvent
	seen time.Time
}

func newSession(keycode uint8, claim func(time.Time) bool, devs []device) *session {
	s := &session{keycode: keycode, claim: claim}
	s.setDevices(devs)
	return s
}

func (s *session) setDevices(devs []device) {
	s.devices = make(map[uint16]device, len(devs))
	for _, d := range devs {
		s.devices[d.id] = d
	}
}

// rawEvent handles an XI raw event seen at now. It returns the press to
// report, if any.
func (s *session) rawEvent(ev xiEvent, now time.Time) (Press, bool) {
	if !isWatchedPress(ev, s.keycode) {
		return Press{}, false
	}
	if s.refreshing && len(s.queued) < maxQueued {
		// Classify against the list the outstanding query returns: it
		// was answered after the hierarchy change that caused it.
		s.queued = append(s.queued, pendingPress{ev, now})
		return Press{}, false
	}
	return s.decide(ev, now)
}

// hierarchyChanged handles an XI HierarchyChanged event and reports
// whether the driver must send XIQueryDevice. One outstanding query is
// enough: the server answers it after every hierarchy event that arrived
// before its reply.
func (s *session) hierarchyChanged() bool {
	if s.refreshing {
		return false
	}
	s.refreshing = true
	return true
}

// devicesReplied takes the reply to the outstanding XIQueryDevice and
// returns the presses that waited for it, in order.
func (s *session) devicesReplied(devs []device) []Press {
	s.setDevices(devs)
	s.refreshing = false
	var out []Press
	for _, q := range s.queued {
		if p, ok := s.decide(q.ev, q.seen); ok {
			out = append(out, p)
		}
	}
	s.queued = nil
	return out
}

func (s *session) decide(ev xiEvent, now time.Time) (Press, bool) {
	src, known := s.devices[ev.sourceid]
	var claim func() bool
	if s.claim != nil {
		claim = func() bool { return s.claim(now) }
	}
	switch classifySource(src, known, claim) {
	case localDevice, xtestClient:
		return Press{
			Time:       now,
			ServerTime: ev.time,
			Keycode:    uint8(ev.detail), // s.keycode, as the server sent it
			Device:     ev.sourceid,
			DeviceName: src.name,
			XTest:      known && src.isXTest(),
		}, true
	}
	return Press{}, false
}
