//go:build !linux

package main

import (
	"errors"

	"github.com/ranoviced/ranoviced/internal/shadow"
)

func openX11(string) (shadow.Screen, error) {
	return nil, errors.New("X11 capture is only built on Linux")
}
