package shadow

import (
	"testing"
	"time"
)

// TestKeyLedger: each injected press accounts for exactly one observed
// press of the same key, within LedgerTTL; everything else is local.
func TestKeyLedger(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	const esc, f1 = 9, 67
	var l KeyLedger
	if l.Claim(esc, t0) {
		t.Fatal("an empty ledger claimed a press: a local ESC would be ignored")
	}
	l.Injected(esc, t0)
	if l.Claim(f1, t0) {
		t.Fatal("an injected ESC accounted for a press of another key")
	}
	if !l.Claim(esc, t0.Add(time.Millisecond)) {
		t.Fatal("the injected ESC was taken for a local one")
	}
	if l.Claim(esc, t0.Add(2*time.Millisecond)) {
		t.Fatal("one injection accounted for two presses: a simultaneous local ESC would be lost")
	}

	// Two injections, two presses.
	l.Injected(esc, t0)
	l.Injected(esc, t0.Add(time.Millisecond))
	if !l.Claim(esc, t0.Add(3*time.Millisecond)) || !l.Claim(esc, t0.Add(3*time.Millisecond)) || l.Claim(esc, t0.Add(3*time.Millisecond)) {
		t.Fatal("two injections must account for exactly two presses")
	}

	// An injection whose press never showed up expires.
	l.Injected(esc, t0)
	if l.Claim(esc, t0.Add(LedgerTTL+time.Millisecond)) {
		t.Fatal("a stale entry swallowed a later local press")
	}
	if len(l.pending) != 0 {
		t.Fatalf("expired entries are kept: %v", l.pending)
	}
}
