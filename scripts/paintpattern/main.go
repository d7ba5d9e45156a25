//go:build linux

// Command paintpattern paints the test pattern on an X display's root
// window, for demos on a virtual display.
package main

import (
	"fmt"
	"os"

	"github.com/ranoviced/ranoviced/internal/shadow"
	"github.com/ranoviced/ranoviced/internal/shadow/x11/x11test"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: paintpattern DISPLAY")
		os.Exit(2)
	}
	w, h, err := x11test.RootSize(os.Args[1])
	if err == nil {
		err = x11test.SetRootImage(os.Args[1], shadow.Pattern(w, h))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "paintpattern:", err)
		os.Exit(1)
	}
}
