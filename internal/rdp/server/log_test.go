package server

import (
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/ranoviced/ranoviced/internal/rdp/input"
)

// TestKeystrokesNeverLogged: even at debug level the default handler logs
// that a key was pressed, never which one.
func TestKeystrokesNeverLogged(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	c := &Conn{log: zap.New(core)}
	for _, ev := range []input.Event{input.Key{Scancode: 0x1E}, input.Unicode{Code: 'p'}} {
		defaultHandler{}.Input(c, ev)
	}
	if logs.Len() != 2 {
		t.Fatalf("%d log entries, want 2", logs.Len())
	}
	for _, e := range logs.All() {
		if fields := e.ContextMap(); len(fields) != 1 || fields["kind"] != "keyboard" {
			t.Errorf("keyboard event logged with %v, want only kind=keyboard", fields)
		}
	}
}
