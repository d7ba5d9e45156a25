package serverkey

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadOrCreateIsStable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	k1, err := LoadOrCreate(dir, "novice", now)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != 0o700 {
		t.Errorf("state dir mode %v, want 0700", di.Mode().Perm())
	}
	k2, err := LoadOrCreate(dir, "novice", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !k1.Private.Equal(k2.Private) || k1.TLSFingerprint() != k2.TLSFingerprint() {
		t.Fatal("reload produced a different identity")
	}
	if k1.Private.N.BitLen() != KeyBits {
		t.Errorf("key has %d bits", k1.Private.N.BitLen())
	}
	if fp := k1.TLSFingerprint(); len(fp) != 95 || strings.Count(fp, ":") != 31 {
		t.Errorf("fingerprint %q", fp)
	}
	if c := k1.TLSCertificate(); len(c.Certificate) != 1 {
		t.Error("TLS certificate chain is empty")
	}
}

func TestRefusesReadableKey(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadOrCreate(dir, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, KeyFile)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadOrCreate(dir, "", time.Now())
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err = %v, want a chmod hint", err)
	}
}

func TestRejectsForeignCertificate(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := LoadOrCreate(a, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreate(b, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(b, CertFile))
	os.WriteFile(filepath.Join(a, CertFile), data, 0o644)
	if _, err := LoadOrCreate(a, "", time.Now()); err == nil || !strings.Contains(err.Error(), "does not belong") {
		t.Fatalf("err = %v", err)
	}
}

func TestRejectsGarbage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, KeyFile), []byte("not a key"), 0o600)
	if _, err := LoadOrCreate(dir, "", time.Now()); err == nil {
		t.Fatal("garbage key accepted")
	}
}
