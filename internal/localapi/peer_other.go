//go:build !linux && !windows

package localapi

import (
	"errors"
	"net"
)

// peerUID cannot check peers on this platform yet: every request is
// refused rather than trusted. (Windows gets a named pipe with an ACL.)
func peerUID(net.Conn) (int, error) {
	return -1, errors.New("localapi: peer credentials are not implemented on this platform")
}
