package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jezek/xgb"
	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/daemon"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/rdp/input"
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/xi2"
)

func openX11(display string, log *zap.Logger) (shadow.Screen, error) {
	// xgb logs connection chatter ("Could not get authority info") to
	// stderr through its package logger; send it to debug instead. Set
	// before the first connection, so nothing reads it concurrently.
	l, err := zap.NewStdLogAt(log.Named("xgb"), zap.DebugLevel)
	if err != nil {
		return nil, err
	}
	xgb.Logger = l
	return x11.Open(display)
}

// openInput opens what share control needs on an X display: the XTEST
// injector and the XInput2 panic-key watcher, sharing one ledger so that a
// panic key the helper types is not taken for the novice's. It must run
// after the capture is open (xgb's extension tables are shared and set up
// unlocked). Without both, no helper can take control.
func openInput(ctx context.Context, display string, key policy.PanicKey, log *zap.Logger) (shadow.Injector, daemon.PanicWatch, error) {
	ledger := &shadow.KeyLedger{}
	inj, err := x11.OpenInjector(display, x11.InjectorOptions{Ledger: ledger, Now: time.Now})
	if err != nil {
		return nil, nil, err
	}
	var flags input.KeyFlags
	if key.E0 {
		flags |= input.KeyExtended
	}
	if key.E1 {
		flags |= input.KeyExtended1
	}
	kc, ok := x11.KeycodeFor(key.Scancode, flags)
	if !ok {
		inj.Close()
		return nil, nil, fmt.Errorf("the panic key (scancode %#x) has no X keycode", key.Scancode)
	}
	w, err := xi2.Watch(ctx, xi2.Options{Display: display, Keycode: kc, Ledger: ledger, Now: time.Now})
	if err != nil {
		inj.Close()
		return nil, nil, fmt.Errorf("panic key: %w", err)
	}
	watch := func(ctx context.Context, pressed func()) error {
		for p := range w.Presses() {
			log.Info("panic key pressed on the novice's keyboard", zap.String("device", p.DeviceName), zap.Bool("xtest", p.XTest))
			pressed()
		}
		return w.Err()
	}
	return inj, watch, nil
}
