//go:build !linux

package main

import (
	"context"
	"errors"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/daemon"
	"github.com/ranoviced/ranoviced/internal/policy"
	"github.com/ranoviced/ranoviced/internal/shadow"
)

func openX11(string, *zap.Logger) (shadow.Screen, error) {
	return nil, errors.New("X11 capture is only built on Linux")
}

func openInput(context.Context, string, policy.PanicKey, *zap.Logger) (shadow.Injector, daemon.PanicWatch, error) {
	return nil, nil, errors.New("input injection and the panic key are only built for X11 so far")
}
