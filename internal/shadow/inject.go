package shadow

import (
	"errors"
	"sync"
	"time"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
)

// ErrInjectorClosed is returned (possibly wrapped) by an Injector that has
// been closed.
var ErrInjectorClosed = errors.New("shadow: injector closed")

// Injector delivers an expert's input to the novice's desktop.
//
// Nothing but sharectl's Gate holds an Injector: the gate passes events on
// only while the novice has granted control, so a backend never decides
// whether input is allowed. An Injector is used from one goroutine at a
// time (the gate serializes); Close may come from another.
type Injector interface {
	// Inject delivers one event. Keys are PC/AT set-1 scancodes with their
	// E0/E1 prefix flags, delivered by position, not by character, so the
	// novice's keyboard layout applies as if the key were pressed
	// locally. Mouse and wheel coordinates are desktop pixels; the backend
	// clamps them to the desktop. input.Sync sets the lock keys to the
	// expert's state.
	Inject(ev input.Event) error

	// ReleaseAll releases every key and mouse button this injector holds
	// down: control has ended and nothing the expert pressed may stay
	// pressed.
	ReleaseAll() error

	// Close releases the backend's resources after ReleaseAll. It is safe
	// to call more than once.
	Close() error
}

// LedgerTTL is how long a ledger entry waits for the key press it
// announces. An injected press reaches a watcher within milliseconds; an
// entry that old belongs to a press the watcher never saw (it started
// later, or the event was lost), and keeping it would let it swallow a
// real local press.
const LedgerTTL = 2 * time.Second

// KeyLedger records the key presses the daemon injects so that the panic
// key watcher can tell them from the local user's: the X server reports an
// injected press like any other (from the XTEST device, as it does for
// every XTest client), and an ESC the expert types must not revoke
// control.
//
// The injector calls Injected just before it sends a press; the watcher
// calls Claim for each press of the watched key it sees from an injection
// device. Each press claims at most one entry, so if the local user and the
// expert press the key at once there are two presses and one entry, and
// the panic key still fires: the ledger can only err towards revoking.
//
// A KeyLedger is safe for concurrent use. Times come from the caller.
type KeyLedger struct {
	mu      sync.Mutex
	pending map[uint8][]time.Time // by X keycode (or platform key code), oldest first
}

// Injected records that a press of keycode is about to be injected.
func (l *KeyLedger) Injected(keycode uint8, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pending == nil {
		l.pending = map[uint8][]time.Time{}
	}
	l.pending[keycode] = append(l.expire(keycode, now), now)
}

// Claim reports whether a press of keycode seen now is one the daemon
// injected, and consumes that entry.
func (l *KeyLedger) Claim(keycode uint8, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	live := l.expire(keycode, now)
	if len(live) == 0 {
		return false
	}
	if len(live) == 1 {
		delete(l.pending, keycode)
	} else {
		l.pending[keycode] = live[1:]
	}
	return true
}

// expire drops keycode's entries older than LedgerTTL and returns the
// rest. Called with mu held.
func (l *KeyLedger) expire(keycode uint8, now time.Time) []time.Time {
	ts := l.pending[keycode]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) > LedgerTTL {
		i++
	}
	if i == len(ts) {
		delete(l.pending, keycode)
		return nil
	}
	return ts[i:]
}
