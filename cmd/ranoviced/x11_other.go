//go:build !linux

package main

import (
	"errors"

	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

func openX11(string, *zap.Logger) (shadow.Screen, error) {
	return nil, errors.New("X11 capture is only built on Linux")
}
