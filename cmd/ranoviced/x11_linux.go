package main

import (
	"github.com/jezek/xgb"
	"go.uber.org/zap"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11"
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
