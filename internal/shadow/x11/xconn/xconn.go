// Package xconn holds what the X11 capturer and its test helpers both need
// from an xgb connection.
package xconn

import (
	"time"

	"github.com/jezek/xgb"
)

// CloseTimeout bounds how long Close waits for the X server to answer the
// final round trip (a stopped or wedged server never does).
const CloseTimeout = 2 * time.Second

// Close closes conn and waits until xgb's reader has finished, so the
// server has processed every request sent and xgb's goroutines are gone
// when Close returns, unless the server does not answer within
// CloseTimeout.
func Close(conn *xgb.Conn) {
	conn.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			// Both nil: the event queue is closed, the reader has exited.
			if ev, xerr := conn.WaitForEvent(); ev == nil && xerr == nil {
				return
			}
		}
	}()
	t := time.NewTimer(CloseTimeout)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
}
