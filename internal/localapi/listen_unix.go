//go:build !windows

package localapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"
)

// ListenOptions tunes Listen; the zero value is right for the daemon.
type ListenOptions struct {
	// Mode is the socket file's permission (default 0600) and DirMode the
	// directory's when Listen creates it (default 0700). Tests widen them
	// to reach the peer-credential check from another user.
	Mode, DirMode os.FileMode
}

// Listen creates the control socket at path. A stale socket left by a
// crashed daemon is replaced; a live one means another daemon runs, which
// is an error.
func Listen(path string, opt ListenOptions) (net.Listener, error) {
	if opt.Mode == 0 {
		opt.Mode = 0o600
	}
	if opt.DirMode == 0 {
		opt.DirMode = 0o700
	}
	if err := os.MkdirAll(filepath.Dir(path), opt.DirMode); err != nil {
		return nil, fmt.Errorf("localapi: create %s: %w", filepath.Dir(path), err)
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, fmt.Errorf("localapi: another ranoviced is already running (its control socket is %s)", path)
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("localapi: remove stale socket: %w", err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	if err := os.Chmod(path, opt.Mode); err != nil {
		ln.Close()
		return nil, fmt.Errorf("localapi: %w", err)
	}
	return ln, nil
}

// dial connects to the control socket at path.
func dial(ctx context.Context, path string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "unix", path)
}
