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

// Secret is what an invitation knows of its password: it can check a
// helper's proof and compute the version 3 tokens, and it never prints
// the password. The daemon implements it; the registry never sees the
// password itself.
type Secret interface {
	// CheckProof reports, in constant time, whether proof is the PassStub
	// proof of the invitation's password.
	CheckProof(proof []byte) bool
	// CheckPassword reports, in constant time, whether pw is the
	// invitation's password ([MS-RA] 2.2.7.2 AlternateShell).
	CheckPassword(pw string) bool
	// Token returns the version 3 session authorization token for role
	// ("NOVICE" or "EXPERT"), or nil for an invitation that is not
	// version 3.
	Token(role string) []byte
}

// Invitation is one invitation. Its exported fields are fixed when it is
// added.
type Invitation struct {
	ID       string // Authorization String Identifier: the Client Info WorkingDir
	Created  time.Time
	Expires  time.Time
	UserName string
	// ConnectionString is Connection String 2 as the helper decrypts it;
	// RCTicket is Connection String 1 when the file carries it.
	ConnectionString string
	RCTicket         string
	// Version3 marks an invitation whose helpers must use the token
	// exchange of [MS-RA] version 3.
	Version3 bool

	secret Secret

	// guarded by Registry.mu:
	state    State
	ended    time.Time
	failures int
}

// New returns an invitation.
func New(id string, secret Secret, created, expires time.Time) *Invitation {
	return &Invitation{ID: id, secret: secret, Created: created, Expires: expires}
}

// CheckProof reports whether proof is the password proof of this
// invitation.
func (i *Invitation) CheckProof(proof []byte) bool {
	return i.secret != nil && i.secret.CheckProof(proof)
}

// CheckPassword reports whether pw is this invitation's password.
func (i *Invitation) CheckPassword(pw string) bool {
	return i.secret != nil && i.secret.CheckPassword(pw)
}

// Token returns the version 3 token for role, nil unless Version3.
func (i *Invitation) Token(role string) []byte {
	if i.secret == nil || !i.Version3 {
		return nil
	}
	return i.secret.Token(role)
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
	// MaxFailures is how many wrong passwords (or tokens) end an
	// invitation, and how many from one source address, within
	// FailureWindow, shut that address out of every invitation.
	MaxFailures   int
	FailureWindow time.Duration
	// History is how long ended invitations stay listed by Status.
	History time.Duration
}

// Registry holds the invitations.
type Registry struct {
	cfg Config

	mu       sync.Mutex // guards invs, every Invitation's state fields and bySource
	invs     []*Invitation
	bySource map[string][]time.Time // failure times per source address
}

// NewRegistry returns an empty registry.
func NewRegistry(cfg Config) *Registry {
	if cfg.History <= 0 {
		cfg.History = 24 * time.Hour
	}
	if cfg.FailureWindow <= 0 {
		cfg.FailureWindow = time.Hour
	}
	return &Registry{cfg: cfg, bySource: map[string][]time.Time{}}
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

// ErrSourceBlocked reports a source address that sent too many wrong
// passwords.
var ErrSourceBlocked = errors.New("registry: too many wrong passwords from this address; try again later")

// RecordFailure counts a wrong password (or token) for the invitation id
// from source (an IP address) and closes the invitation once MaxFailures
// is reached; it reports whether it closed.
func (r *Registry) RecordFailure(id, source string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if source != "" {
		r.bySource[source] = append(r.recentFailures(source, now), now)
	}
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

// recentFailures returns source's failures within the window. Called with
// mu held.
func (r *Registry) recentFailures(source string, now time.Time) []time.Time {
	var keep []time.Time
	for _, t := range r.bySource[source] {
		if now.Sub(t) < r.cfg.FailureWindow {
			keep = append(keep, t)
		}
	}
	if keep == nil {
		delete(r.bySource, source)
	}
	return keep
}

// CheckSource returns ErrSourceBlocked when source sent MaxFailures wrong
// passwords within the failure window.
func (r *Registry) CheckSource(source string, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cfg.MaxFailures > 0 && len(r.recentFailures(source, now)) >= r.cfg.MaxFailures {
		return ErrSourceBlocked
	}
	return nil
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
