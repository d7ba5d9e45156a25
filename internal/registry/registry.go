// Package registry keeps the daemon's invitations: which ones wait for a
// helper, until when, and why the others ended. The RDP layer asks it
// whether a Client Info WorkingDir names a live invitation; the control
// API adds, lists and revokes them.
//
// It does no I/O and reads no clock: callers pass the time. Methods are
// safe for concurrent use; the mutex guards only the invitation list and
// is never held across a call out of the package.
package registry

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Errors Lookup returns; the RDP layer logs them and refuses the client.
var (
	ErrUnknown  = errors.New("registry: no such invitation")
	ErrExpired  = errors.New("registry: the invitation has expired")
	ErrRevoked  = errors.New("registry: the invitation was revoked")
	ErrTooMany  = errors.New("registry: the invitation was closed after too many wrong passwords")
	ErrFull     = errors.New("registry: too many invitations are waiting")
	ErrLifetime = errors.New("registry: lifetime out of range")
)

// State says whether an invitation is live and, if not, why it ended.
type State uint8

const (
	Waiting             State = iota + 1 // live: a helper may connect with it
	Expired                              // its lifetime ran out
	Revoked                              // the novice revoked it
	ClosedAfterFailures                  // too many wrong passwords
)

func (s State) String() string {
	switch s {
	case Waiting:
		return "waiting"
	case Expired:
		return "expired"
	case Revoked:
		return "revoked"
	case ClosedAfterFailures:
		return "closed after failed passwords"
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

func (s State) err() error {
	switch s {
	case Expired:
		return ErrExpired
	case Revoked:
		return ErrRevoked
	case ClosedAfterFailures:
		return ErrTooMany
	}
	return nil
}

// Invitation is one invitation. Its exported fields are fixed when it is
// added; the password is kept only to check the helper's proof, is never
// printed and has no accessor.
type Invitation struct {
	ID       string // Authorization String Identifier: the Client Info WorkingDir
	Created  time.Time
	Expires  time.Time
	UserName string
	PassStub string
	// ConnectionString is Connection String 2 as the helper decrypts it.
	ConnectionString string

	password string
	checker  func(password, passStub string, proof []byte) bool

	// guarded by Registry.mu:
	state    State
	ended    time.Time
	failures int
}

// New returns an invitation. check verifies a helper's password proof
// against the password and PassStub (invite.CheckPassStubProof).
func New(id, password, passStub string, created, expires time.Time, check func(password, passStub string, proof []byte) bool) *Invitation {
	return &Invitation{ID: id, password: password, PassStub: passStub, Created: created, Expires: expires, checker: check}
}

// CheckProof reports whether proof is the password proof of this
// invitation's password and PassStub.
func (i *Invitation) CheckProof(proof []byte) bool {
	return i.checker != nil && i.checker(i.password, i.PassStub, proof)
}

// String identifies the invitation by a short prefix of its ID, never its
// secrets.
func (i *Invitation) String() string { return "invitation " + Short(i.ID) }

// GoString is String, so %#v prints no secret either.
func (i *Invitation) GoString() string { return i.String() }

// Short returns the first characters of an invitation ID, enough to tell
// invitations apart in logs and status output.
func Short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// Config holds the policy limits.
type Config struct {
	MaxWaiting  int           // invitations that may wait at once
	MaxLifetime time.Duration // the longest lifetime accepted
	MaxFailures int           // wrong passwords before an invitation closes
	// History is how long ended invitations stay listed by Status.
	History time.Duration
}

// Registry holds the invitations.
type Registry struct {
	cfg Config

	mu   sync.Mutex // guards invs and every Invitation's state fields
	invs []*Invitation
}

// NewRegistry returns an empty registry.
func NewRegistry(cfg Config) *Registry {
	if cfg.History <= 0 {
		cfg.History = 24 * time.Hour
	}
	return &Registry{cfg: cfg}
}

// SetConfig applies new policy limits to later decisions (a policy reload).
func (r *Registry) SetConfig(cfg Config) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cfg.History <= 0 {
		cfg.History = r.cfg.History
	}
	r.cfg = cfg
}

// expire ends invitations whose lifetime has run out. Called with mu held.
func (r *Registry) expire(now time.Time) {
	keep := r.invs[:0]
	for _, inv := range r.invs {
		if inv.state == Waiting && !now.Before(inv.Expires) {
			inv.state, inv.ended = Expired, inv.Expires
		}
		if inv.state != Waiting && now.Sub(inv.ended) > r.cfg.History {
			continue
		}
		keep = append(keep, inv)
	}
	clear(r.invs[len(keep):])
	r.invs = keep
}

// Add registers inv as waiting. It fails, changing nothing, when its
// lifetime is out of range or MaxWaiting invitations already wait.
func (r *Registry) Add(inv *Invitation, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire(now)
	life := inv.Expires.Sub(now)
	if life <= 0 || life > r.cfg.MaxLifetime {
		return fmt.Errorf("%w: %v, the policy allows up to %v", ErrLifetime, life.Round(time.Second), r.cfg.MaxLifetime)
	}
	waiting := 0
	for _, other := range r.invs {
		if other.state == Waiting {
			waiting++
		}
		if other.ID == inv.ID {
			return errors.New("registry: duplicate invitation ID")
		}
	}
	if waiting >= r.cfg.MaxWaiting {
		return fmt.Errorf("%w: %d of %d; revoke one first (ranoviced revoke)", ErrFull, waiting, r.cfg.MaxWaiting)
	}
	inv.state = Waiting
	r.invs = append(r.invs, inv)
	return nil
}

// Lookup returns the waiting invitation with this ID. IDs are compared in
// constant time: an ID is half of what a helper must know.
func (r *Registry) Lookup(id string, now time.Time) (*Invitation, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire(now)
	var found *Invitation
	for _, inv := range r.invs {
		if subtle.ConstantTimeCompare([]byte(inv.ID), []byte(id)) == 1 {
			found = inv
		}
	}
	if found == nil {
		return nil, ErrUnknown
	}
	if err := found.state.err(); err != nil {
		return nil, err
	}
	return found, nil
}

// RecordFailure counts a wrong password for the invitation id and closes
// it once MaxFailures is reached; it reports whether it closed.
func (r *Registry) RecordFailure(id string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, inv := range r.invs {
		if inv.ID != id || inv.state != Waiting {
			continue
		}
		inv.failures++
		if inv.failures >= r.cfg.MaxFailures {
			inv.state, inv.ended = ClosedAfterFailures, now
			return true
		}
	}
	return false
}

// Revoke ends the waiting invitations whose ID starts with prefix (all of
// them for an empty prefix) and returns their IDs.
func (r *Registry) Revoke(prefix string, now time.Time) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire(now)
	var ids []string
	for _, inv := range r.invs {
		if inv.state == Waiting && strings.HasPrefix(inv.ID, prefix) {
			ids = append(ids, inv.ID)
		}
	}
	if len(ids) > 1 && prefix != "" {
		return nil, fmt.Errorf("registry: %q matches %d invitations; give more of the ID", prefix, len(ids))
	}
	if len(ids) == 0 {
		if prefix == "" {
			return nil, errors.New("registry: no invitation is waiting")
		}
		return nil, fmt.Errorf("%w: none waiting starts with %q", ErrUnknown, prefix)
	}
	for _, inv := range r.invs {
		for _, id := range ids {
			if inv.ID == id {
				inv.state, inv.ended = Revoked, now
			}
		}
	}
	return ids, nil
}

// Status is what the control API shows of an invitation: nothing secret.
type Status struct {
	ID       string // Short(ID)
	State    State
	Created  time.Time
	Expires  time.Time
	Ended    time.Time // zero while waiting
	Failures int
}

// Snapshot lists the invitations, oldest first.
func (r *Registry) Snapshot(now time.Time) []Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire(now)
	out := make([]Status, 0, len(r.invs))
	for _, inv := range r.invs {
		out = append(out, Status{
			ID: Short(inv.ID), State: inv.state, Created: inv.Created, Expires: inv.Expires,
			Ended: inv.ended, Failures: inv.failures,
		})
	}
	return out
}
