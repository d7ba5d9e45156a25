package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/ranoviced/ranoviced/internal/rdp/stdsec"
)

// runKeyhash prints the identity an expert can check: KH/KH2 as Remote
// Assistance invitations carry them, and the TLS certificate fingerprint.
func runKeyhash(args []string, w io.Writer) error {
	config := ""
	fs := newFlagSet("keyhash")
	fs.StringVar(&config, "config", "", "TOML configuration `file`")
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, errHelp) {
			return nil
		}
		return err
	}
	pol, err := loadPolicy(config)
	if err != nil {
		return err
	}
	key, err := loadKey(pol)
	if err != nil {
		return err
	}
	cert, err := stdsec.NewProprietaryCertificate(&key.Private.PublicKey)
	if err != nil {
		return err
	}
	blob, err := cert.PublicKeyBlob()
	if err != nil {
		return err
	}
	kh, kh2 := stdsec.KeyHashes(blob)
	fmt.Fprintf(w, "KH=%s\nKH2=%s\nTLS-SHA256=%s\n", kh, kh2, key.TLSFingerprint())
	return nil
}
