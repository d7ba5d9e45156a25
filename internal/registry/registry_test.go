package registry

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func newInv(id string, life time.Duration) *Invitation { return newInvAt(id, t0, life) }

// fakeSecret accepts the proof "secret-password/stub" and the password
// "secret-password".
type fakeSecret struct{}

func (fakeSecret) CheckProof(p []byte) bool     { return string(p) == "secret-password/stub" }
func (fakeSecret) CheckPassword(pw string) bool { return pw == "secret-password" }
func (fakeSecret) Token(role string) []byte     { return []byte("token-" + role) }

func newInvAt(id string, created time.Time, life time.Duration) *Invitation {
	return New(id, fakeSecret{}, created, created.Add(life))
}

func TestLifecycle(t *testing.T) {
	r := NewRegistry(Config{MaxWaiting: 1, MaxLifetime: 6 * time.Hour, MaxFailures: 2})
	inv := newInv("AAAAAAAAAAAA", time.Hour)
	if err := r.Add(inv, t0); err != nil {
		t.Fatal(err)
	}
	// waiting -Lookup-> waiting
	if got, err := r.Lookup("AAAAAAAAAAAA", t0.Add(time.Minute)); err != nil || got != inv {
		t.Fatalf("Lookup = %v, %v", got, err)
	}
	// one waiting at a time
	if err := r.Add(newInv("BBBBBBBBBBBB", time.Hour), t0); !errors.Is(err, ErrFull) {
		t.Fatalf("second Add: %v, want ErrFull", err)
	}
	// waiting -Expires-> expired
	if _, err := r.Lookup("AAAAAAAAAAAA", t0.Add(time.Hour)); !errors.Is(err, ErrExpired) {
		t.Fatalf("after expiry: %v", err)
	}
	// a slot is free again
	if err := r.Add(newInvAt("BBBBBBBBBBBB", t0.Add(time.Hour), time.Hour), t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// waiting -Revoke-> revoked
	ids, err := r.Revoke("BBB", t0.Add(time.Hour))
	if err != nil || len(ids) != 1 || ids[0] != "BBBBBBBBBBBB" {
		t.Fatalf("Revoke = %v, %v", ids, err)
	}
	if _, err := r.Lookup("BBBBBBBBBBBB", t0.Add(time.Hour)); !errors.Is(err, ErrRevoked) {
		t.Fatalf("after revoke: %v", err)
	}
	if _, err := r.Lookup("CCCCCCCCCCCC", t0); !errors.Is(err, ErrUnknown) {
		t.Fatalf("unknown: %v", err)
	}
}

func TestFailuresCloseTheInvitation(t *testing.T) {
	r := NewRegistry(Config{MaxWaiting: 1, MaxLifetime: 6 * time.Hour, MaxFailures: 3})
	r.Add(newInv("AAAAAAAAAAAA", time.Hour), t0)
	for i := 1; i <= 3; i++ {
		closed := r.RecordFailure("AAAAAAAAAAAA", "192.0.2.7", t0)
		if closed != (i == 3) {
			t.Fatalf("failure %d: closed = %v", i, closed)
		}
	}
	if _, err := r.Lookup("AAAAAAAAAAAA", t0); !errors.Is(err, ErrTooMany) {
		t.Fatalf("after failures: %v", err)
	}
	st := r.Snapshot(t0)
	if len(st) != 1 || st[0].State != ClosedAfterFailures || st[0].Failures != 3 {
		t.Fatalf("snapshot %+v", st)
	}
}

func TestFailuresBlockTheSource(t *testing.T) {
	r := NewRegistry(Config{MaxWaiting: 2, MaxLifetime: 6 * time.Hour, MaxFailures: 2, FailureWindow: time.Hour})
	r.Add(newInv("AAAAAAAAAAAA", time.Hour), t0)
	r.Add(newInv("BBBBBBBBBBBB", time.Hour), t0)
	r.RecordFailure("AAAAAAAAAAAA", "192.0.2.7", t0)
	if err := r.CheckSource("192.0.2.7", t0); err != nil {
		t.Fatalf("one failure blocked the source: %v", err)
	}
	r.RecordFailure("BBBBBBBBBBBB", "192.0.2.7", t0.Add(time.Minute)) // another invitation, same address
	if err := r.CheckSource("192.0.2.7", t0.Add(time.Minute)); !errors.Is(err, ErrSourceBlocked) {
		t.Fatalf("two failures from one address: %v", err)
	}
	if err := r.CheckSource("192.0.2.8", t0); err != nil {
		t.Fatalf("another address blocked: %v", err)
	}
	if err := r.CheckSource("192.0.2.7", t0.Add(2*time.Hour)); err != nil {
		t.Fatalf("still blocked after the window: %v", err)
	}
}

func TestAddRefusalsChangeNothing(t *testing.T) {
	r := NewRegistry(Config{MaxWaiting: 2, MaxLifetime: time.Hour, MaxFailures: 3})
	for _, tt := range []struct {
		name string
		inv  *Invitation
		want error
	}{
		{"lifetime above the policy", newInv("X1XXXXXXXXXX", 2*time.Hour), ErrLifetime},
		{"already expired", newInv("X2XXXXXXXXXX", -time.Minute), ErrLifetime},
	} {
		if err := r.Add(tt.inv, t0); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if n := len(r.Snapshot(t0)); n != 0 {
		t.Fatalf("%d invitations after refusals", n)
	}
	r.Add(newInv("DUPDUPDUPDUP", time.Minute), t0)
	if err := r.Add(newInv("DUPDUPDUPDUP", time.Minute), t0); err == nil {
		t.Fatal("duplicate ID accepted")
	}
}

func TestRevokeAmbiguousAndEmpty(t *testing.T) {
	r := NewRegistry(Config{MaxWaiting: 3, MaxLifetime: time.Hour, MaxFailures: 3})
	if _, err := r.Revoke("", t0); err == nil {
		t.Fatal("revoking with nothing waiting succeeded")
	}
	r.Add(newInv("ABC111111111", time.Minute), t0)
	r.Add(newInv("ABC222222222", time.Minute), t0)
	if _, err := r.Revoke("ABC", t0); err == nil || !strings.Contains(err.Error(), "matches 2") {
		t.Fatalf("ambiguous prefix: %v", err)
	}
	if ids, err := r.Revoke("", t0); err != nil || len(ids) != 2 {
		t.Fatalf("revoke all: %v, %v", ids, err)
	}
}

func TestHistoryIsPruned(t *testing.T) {
	r := NewRegistry(Config{MaxWaiting: 1, MaxLifetime: time.Hour, MaxFailures: 3, History: time.Hour})
	r.Add(newInv("AAAAAAAAAAAA", time.Minute), t0)
	if n := len(r.Snapshot(t0.Add(30 * time.Minute))); n != 1 {
		t.Fatalf("%d listed while in history", n)
	}
	if n := len(r.Snapshot(t0.Add(2 * time.Hour))); n != 0 {
		t.Fatalf("%d listed after the history window", n)
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	inv := newInv("AAAAAAAAAAAAsecretidpart", time.Hour)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, inv)
		if strings.Contains(out, "secretidpart") {
			t.Errorf("%s prints the ID: %q", verb, out)
		}
	}
	if !inv.CheckProof([]byte("secret-password/stub")) || inv.CheckProof([]byte("nope")) {
		t.Error("CheckProof")
	}
	if inv.Token("EXPERT") != nil {
		t.Error("a version 2 invitation has a token")
	}
	inv.Version3 = true
	if string(inv.Token("EXPERT")) != "token-EXPERT" {
		t.Error("Token")
	}
}
