package localapi

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/user"

	"github.com/Microsoft/go-winio"
)

// ListenOptions tunes Listen. On Windows the endpoint is a named pipe and
// the options do not apply: its ACL always admits only the user running the
// daemon, SYSTEM and the Administrators group.
type ListenOptions struct {
	Mode, DirMode os.FileMode
}

// Listen creates the control pipe named path (\\.\pipe\…). The security
// descriptor is the Windows counterpart of the Unix socket's 0600 mode and
// peer check: a pipe without an ACL could be opened from the network.
func Listen(path string, _ ListenOptions) (net.Listener, error) {
	u, err := user.Current()
	if err != nil {
		return nil, fmt.Errorf("localapi: who runs the daemon: %w", err)
	}
	// D:P protected DACL; generic all for SYSTEM, Administrators and the
	// daemon's own user; nobody else.
	sddl := fmt.Sprintf("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;%s)", u.Uid)
	ln, err := winio.ListenPipe(path, &winio.PipeConfig{SecurityDescriptor: sddl})
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	return ln, nil
}

// dial connects to the control pipe named path.
func dial(ctx context.Context, path string) (net.Conn, error) {
	return winio.DialPipeContext(ctx, path)
}
