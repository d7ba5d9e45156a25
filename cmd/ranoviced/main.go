// Command ranoviced is the novice side of Microsoft Remote Assistance: an
// RDP server that shares this desktop with a helper.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ranoviced:", err)
		os.Exit(1)
	}
}
