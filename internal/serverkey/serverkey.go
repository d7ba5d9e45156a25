// Package serverkey keeps the daemon's one RSA server key and the
// self-signed TLS certificate made from it.
//
// The same key signs nothing itself but backs two identities: the TLS
// certificate (PROTOCOL_SSL) and the proprietary certificate of Standard RDP
// Security, whose public-key hash (KH/KH2) Remote Assistance invitations pin.
// Keeping it stable across restarts keeps both fingerprints stable.
package serverkey

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File names inside the state directory.
const (
	KeyFile  = "server-key.pem"
	CertFile = "server-cert.pem"
)

// KeyBits is the size of a newly created key. 2048 bits is what xrdp and
// FreeRDP's shadow server use for the proprietary certificate and what
// xfreerdp 2.11.7 was verified with.
const KeyBits = 2048

// certLifetime is long because the certificate is self-signed and pinned by
// fingerprint, not by a CA.
const certLifetime = 20 * 365 * 24 * time.Hour

// Key is the loaded server identity.
type Key struct {
	Private *rsa.PrivateKey
	CertDER []byte // self-signed X.509 certificate for TLS
}

// LoadOrCreate loads the key and certificate from dir, creating either one
// that does not exist yet. The directory is created 0700 and the key file
// 0600; an existing key file readable by group or others is refused, since
// anyone holding it can impersonate this novice to every expert.
func LoadOrCreate(dir, hostname string, now time.Time) (*Key, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("serverkey: create state directory: %w", err)
	}
	priv, err := loadKey(filepath.Join(dir, KeyFile))
	if errors.Is(err, fs.ErrNotExist) {
		priv, err = createKey(filepath.Join(dir, KeyFile))
	}
	if err != nil {
		return nil, err
	}
	certPath := filepath.Join(dir, CertFile)
	der, err := loadCert(certPath, priv)
	if errors.Is(err, fs.ErrNotExist) {
		der, err = createCert(certPath, priv, hostname, now)
	}
	if err != nil {
		return nil, err
	}
	return &Key{Private: priv, CertDER: der}, nil
}

// TLSCertificate returns the certificate for crypto/tls.
func (k *Key) TLSCertificate() tls.Certificate {
	return tls.Certificate{Certificate: [][]byte{k.CertDER}, PrivateKey: k.Private}
}

// TLSFingerprint returns the SHA-256 fingerprint of the TLS certificate as
// colon-separated hex, the form xfreerdp prints and known_hosts2 stores.
func (k *Key) TLSFingerprint() string {
	sum := sha256.Sum256(k.CertDER)
	s := hex.EncodeToString(sum[:])
	var sb strings.Builder
	for i := 0; i < len(s); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(s[i : i+2])
	}
	return sb.String()
}

func loadKey(path string) (*rsa.PrivateKey, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("serverkey: %s is accessible by other users (mode %v); run: chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("serverkey: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("serverkey: %s: no PKCS#8 \"PRIVATE KEY\" PEM block", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("serverkey: %s: %w", path, err)
	}
	priv, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("serverkey: %s: key is %T, want RSA", path, k)
	}
	if priv.N.BitLen() < 1024 {
		return nil, fmt.Errorf("serverkey: %s: RSA key of %d bits is too small", path, priv.N.BitLen())
	}
	return priv, nil
}

func createKey(path string) (*rsa.PrivateKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, KeyBits)
	if err != nil {
		return nil, fmt.Errorf("serverkey: generate: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("serverkey: %w", err)
	}
	if err := writeNew(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		return nil, err
	}
	return priv, nil
}

func loadCert(path string, priv *rsa.PrivateKey) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("serverkey: %s: no CERTIFICATE PEM block", path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("serverkey: %s: %w", path, err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || !pub.Equal(&priv.PublicKey) {
		return nil, fmt.Errorf("serverkey: %s does not belong to %s; delete it to make a new one", path, KeyFile)
	}
	return block.Bytes, nil
}

func createCert(path string, priv *rsa.PrivateKey, hostname string, now time.Time) ([]byte, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("serverkey: serial: %w", err)
	}
	if hostname == "" {
		hostname = "ranoviced"
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: hostname},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certLifetime),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              []string{hostname},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		return nil, fmt.Errorf("serverkey: certificate: %w", err)
	}
	if err := writeNew(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return nil, err
	}
	return der, nil
}

// writeNew writes data to path through a temporary file and a rename, so a
// crash never leaves a half-written key behind.
func writeNew(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("serverkey: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("serverkey: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("serverkey: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("serverkey: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("serverkey: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("serverkey: %w", err)
	}
	return nil
}
