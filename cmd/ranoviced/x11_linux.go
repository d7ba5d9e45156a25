package main

import (
	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11"
)

func openX11(display string) (shadow.Screen, error) { return x11.Open(display) }
