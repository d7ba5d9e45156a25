//go:build linux

package xconn_test

import (
	"testing"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xproto"

	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xconn"
)

func dial(t *testing.T, display string) *xgb.Conn {
	t.Helper()
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { xconn.Close(conn) })
	return conn
}

// TestInitExtensionOnce: the extension package's Init (which writes xgb's
// shared tables) runs for the first connection of the process only; the
// next ones get the opcode without it and can use the extension.
func TestInitExtensionOnce(t *testing.T) {
	srv := x11test.Start(t, 64, 64)
	calls := 0
	counted := func(c *xgb.Conn) error {
		calls++
		return damage.Init(c)
	}
	for i := range 3 {
		conn := dial(t, srv.Display)
		if err := xconn.InitExtension(conn, "DAMAGE", counted); err != nil {
			t.Fatal(err)
		}
		// 0 when an earlier run of the test (-count) registered it.
		if calls > 1 {
			t.Errorf("connection %d: Init called %d times in all, want at most 1", i, calls)
		}
		rep, err := xproto.QueryExtension(conn, 6, "DAMAGE").Reply()
		if err != nil {
			t.Fatal(err)
		}
		conn.ExtLock.RLock()
		op, ok := conn.Extensions["DAMAGE"]
		conn.ExtLock.RUnlock()
		if !ok || op != rep.MajorOpcode {
			t.Errorf("connection %d: opcode %d (%v), want %d", i, op, ok, rep.MajorOpcode)
		}
		if _, err := damage.QueryVersion(conn, 1, 1).Reply(); err != nil {
			t.Errorf("connection %d: DAMAGE QueryVersion: %v", i, err)
		}
	}
}

// TestInitExtensionMissing: an extension the server lacks is reported by
// the package's Init.
func TestInitExtensionMissing(t *testing.T) {
	srv := x11test.StartConfig(t, x11test.Config{Width: 64, Height: 64,
		Prefix: []string{"sh", "-c", `exec "$0" "$@" -extension DAMAGE`}})
	conn := dial(t, srv.Display)
	if err := xconn.InitExtension(conn, "DAMAGE", damage.Init); err == nil {
		t.Error("InitExtension succeeded without the extension")
	}
}
