package sharectl

import (
	"errors"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

// ErrNoControl is returned by Gate.Inject when the expert does not have
// control: the event was dropped.
var ErrNoControl = errors.New("sharectl: the helper does not have control")

// Gate is the only way from an expert's input to the desktop. It holds the
// expert's Machine and the Injector; the session holds the Gate, never the
// Injector, so input is delivered exactly when the machine is in
// StateControl.
//
// A Gate is not safe for concurrent use; the connection's owner goroutine
// drives it.
type Gate struct {
	m   *Machine
	inj shadow.Injector
}

// NewGate returns the gate of an expert's machine. inj may be nil (no
// injector on this platform): every event is then dropped.
func NewGate(m *Machine, inj shadow.Injector) *Gate { return &Gate{m: m, inj: inj} }

// State returns the expert's level.
func (g *Gate) State() State { return g.m.State() }

// Inject delivers ev to the desktop if the expert has control, and
// otherwise drops it with ErrNoControl.
func (g *Gate) Inject(ev input.Event) error {
	if g.m.State() != StateControl || g.inj == nil {
		return ErrNoControl
	}
	return g.inj.Inject(ev)
}

// Handle feeds the machine. When the expert leaves StateControl the keys
// and buttons it held are released before Handle returns, whatever the
// driver then does with the actions. A release failure is returned along
// with the actions (control has ended all the same).
func (g *Gate) Handle(ev Event) ([]Action, error) {
	before := g.m.State()
	acts, err := g.m.Handle(ev)
	if before == StateControl && g.m.State() != StateControl && g.inj != nil {
		if rerr := g.inj.ReleaseAll(); rerr != nil && err == nil {
			err = rerr
		}
	}
	return acts, err
}
